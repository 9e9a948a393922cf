// `pnpm release`: every artifact of a release into dist/release/ (see README "Release"):
//   kubectl-clone-v<version>-<os>-<arch>.tar.gz  standalone executable, completion hook, LICENSE
//   clone.yaml                                    the krew manifest, generated from those archives
//   kubectl-clone-<version>.tgz                   the CLI's npm package (npm i -g; needs Node >= 20.19)
//   kubectl-clone-vscode-<version>.vsix           the VS Code extension
//   SHA256SUMS                                    sha256sum -c format, for all of the above
// The version is the workspace's package.json `version`, the one place it is kept.
// Expects a build: `pnpm release` runs `pnpm build` first.
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tarGz } from './release/archive.mjs';
import { krewManifest } from './release/krew-manifest.mjs';
import { packNpm } from './release/package-npm.mjs';
import { packVsix } from './release/package-vsix.mjs';
import { archiveName, platforms } from './release/platforms.mjs';
import { buildSea } from './release/sea.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const out = join(root, 'dist/release');
const work = join(root, 'dist/release-work');
const started = Date.now();
const log = (line) => process.stderr.write(`[release ${((Date.now() - started) / 1000).toFixed(1)}s] ${line}\n`);
const sha256 = (file) => createHash('sha256').update(readFileSync(file)).digest('hex');

rmSync(out, { recursive: true, force: true });
rmSync(work, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const sums = {};
for (const platform of platforms) {
  const dir = join(work, `${platform.os}-${platform.arch}`);
  const stage = join(dir, 'stage');
  mkdirSync(stage, { recursive: true });
  const built = buildSea(platform, { cliDist: join(root, 'packages/kubectl-clone/dist'), outFile: join(stage, platform.exe), work: join(dir, 'sea'), log });
  const hook = platform.os === 'windows' ? 'kubectl_complete-clone.cmd' : 'kubectl_complete-clone';
  copyFileSync(join(root, 'scripts', hook), join(stage, hook));
  copyFileSync(join(root, 'LICENSE'), join(stage, 'LICENSE'));
  const archive = join(out, archiveName(version, platform));
  tarGz(stage, [platform.exe, hook, 'LICENSE'], archive);
  sums[basename(archive)] = sha256(archive);
  log(`${basename(archive)} (Node ${built.nodeVersion}${built.codeCache ? ', V8 code cache' : ''}${built.signed ? ', signed ad hoc' : ''})`);
}
writeFileSync(join(out, 'clone.yaml'), krewManifest(version, sums));
log('clone.yaml (krew manifest)');
const npmTarball = packNpm({ root, version, work: join(work, 'npm'), outDir: out });
sums[basename(npmTarball)] = sha256(npmTarball);
log(basename(npmTarball));
const vsix = packVsix({ root, version, work: join(work, 'vsix'), outDir: out });
sums[basename(vsix)] = sha256(vsix);
log(basename(vsix));
writeFileSync(join(out, 'SHA256SUMS'), Object.entries(sums).map(([file, hash]) => `${hash}  ${file}\n`).join(''));
rmSync(work, { recursive: true, force: true });
log(`done: ${out}`);
