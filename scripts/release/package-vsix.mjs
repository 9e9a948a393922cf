// The VS Code extension's VSIX, packed by vsce from a staged copy whose package.json carries the
// workspace's version (the one place versions are kept) and with the repository's LICENSE.
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function packVsix({ root, version, work, outDir }) {
  const ext = join(root, 'packages/vscode-ext');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(join(work, 'dist'), { recursive: true });
  const manifest = JSON.parse(readFileSync(join(ext, 'package.json'), 'utf8'));
  // vsce needs no build or dev tooling of the staged copy: the bundles are built
  const { scripts, devDependencies, ...packaged } = manifest;
  writeFileSync(join(work, 'package.json'), `${JSON.stringify({ ...packaged, version }, null, 2)}\n`);
  for (const file of readdirSync(join(ext, 'dist')).filter((f) => /^(extension|live)\.js$|\.LEGAL\.txt$/.test(f))) copyFileSync(join(ext, 'dist', file), join(work, 'dist', file));
  cpSync(join(ext, 'resources'), join(work, 'resources'), { recursive: true });
  for (const file of ['README.md', '.vscodeignore']) copyFileSync(join(ext, file), join(work, file));
  copyFileSync(join(root, 'LICENSE'), join(work, 'LICENSE'));
  const out = join(outDir, `kubectl-clone-vscode-${version}.vsix`);
  execFileSync(process.execPath, [join(ext, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '--out', out], { cwd: work, stdio: ['ignore', 'ignore', 'inherit'] });
  return out;
}
