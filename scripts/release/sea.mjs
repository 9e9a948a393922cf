// One standalone executable (Node single executable application) per platform: the platform's
// Node binary with our blob injected by postject. The blob holds dist/sea/kubectl-clone.cjs as the
// main script and the two inner parts as assets (see packages/kubectl-clone/src/sea-parts.ts).
// V8 code caches are made only for the platform this machine runs (linux-x64 in CI), with that
// platform's own Node: a code cache is specific to the V8 build and CPU that made it, so the other
// platforms get the same blob without caches (they compile at first use, as `node` would).
// No startup snapshot: Node builds a SEA's snapshot only for the platform that makes the blob, a
// snapshot and a code cache for the main script exclude each other, and the parts (the costly
// thing to load) are assets a snapshot would have to run at build time; see docs/benchmarks.md.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { hostPlatform, nodeVersion } from './platforms.mjs';
import { adhocSign } from './macho-adhoc.mjs';
import { nodeBinary } from './node-binary.mjs';

const require = createRequire(import.meta.url);
export const seaFuse = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';
const parts = ['clone-cluster.cjs', 'clone-offline.cjs'];

/** V8 code caches of the parts, made by running their module bodies in the target's Node. */
function partCaches(node, cliDist, work) {
  const script = join(work, 'make-cache.cjs');
  writeFileSync(script, `
const { Script } = require('node:vm'); const { wrap, createRequire } = require('node:module'); const fs = require('node:fs');
const builtins = createRequire(__filename); const done = {};
for (const name of ${JSON.stringify(['clone-cluster.cjs', 'clone-offline.cjs'])}) {
  const script = new Script(wrap(fs.readFileSync(${JSON.stringify(cliDist)} + '/' + name, 'utf8')), { filename: name });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, (id) => id.startsWith('./clone-') ? done[id.slice(2)] : builtins(id), module, name, '.');
  done[name] = module.exports;
  fs.writeFileSync(${JSON.stringify(work)} + '/' + name + '.cache', script.createCachedData());
}
`);
  execFileSync(node, [script], { stdio: 'inherit' });
  return Object.fromEntries(parts.map((name) => [`${name}.cache`, join(work, `${name}.cache`)]));
}

/** The blob for `platform`, made by the host's Node of the same version (the blob format is Node's). */
function makeBlob(platform, cliDist, work, log) {
  for (const name of parts) {
    // sea-parts.ts decodes the parts as latin1, which equals UTF-8 only for ASCII
    if (readFileSync(join(cliDist, name)).some((byte) => byte > 0x7f)) throw new Error(`release: ${name} is not ASCII (keep esbuild's default charset)`);
  }
  const hostNode = nodeBinary(hostPlatform, log);
  const cached = platform === hostPlatform;
  const config = {
    main: join(cliDist, 'sea/kubectl-clone.cjs'),
    output: join(work, 'sea-blob.bin'),
    disableExperimentalSEAWarning: true,
    useCodeCache: cached,
    assets: {
      ...Object.fromEntries(parts.map((name) => [name, join(cliDist, name)])),
      ...(cached ? partCaches(hostNode, cliDist, work) : {}),
    },
  };
  writeFileSync(join(work, 'sea-config.json'), JSON.stringify(config, null, 2));
  execFileSync(hostNode, ['--experimental-sea-config', join(work, 'sea-config.json')], { stdio: 'pipe' });
  return { blob: config.output, codeCache: cached };
}

/** Builds the executable for `platform` into `outFile`; returns what went into it. */
export function buildSea(platform, { cliDist, outFile, work, log = () => {} }) {
  if (!hostPlatform) throw new Error(`release: the standalone executables are built on linux-x64, darwin-x64 or windows-x64 hosts with the npm registry's Node; this is ${process.platform}-${process.arch}`);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const { blob, codeCache } = makeBlob(platform, cliDist, work, log);
  const node = nodeBinary(platform, log);
  if (platform.format === 'macho') {
    // the injected blob breaks Node's signature, and a broken signature is worse than none: remove it
    const unsigned = require('macho-unsign').unsign(readFileSync(node));
    if (!unsigned) throw new Error(`release: ${platform.npm}@${nodeVersion} was expected to be signed`);
    writeFileSync(outFile, Buffer.from(unsigned));
  } else {
    copyFileSync(node, outFile);
  }
  const postject = require.resolve('postject/dist/cli.js');
  const macho = platform.format === 'macho' ? ['--macho-segment-name', 'NODE_SEA'] : [];
  // postject's Mach-O and ELF library warns about unnamed note sections: shown only if it fails
  execFileSync(process.execPath, [postject, outFile, 'NODE_SEA_BLOB', blob, '--sentinel-fuse', seaFuse, ...macho], { stdio: 'pipe' });
  // Apple silicon kills arm64 code with no signature at all; x86-64 code runs unsigned, so the
  // darwin-amd64 executable stays as it has been tested (see README "Release", macOS signing)
  const signed = platform.format === 'macho' && platform.machine === 'arm64';
  if (signed) writeFileSync(outFile, adhocSign(readFileSync(outFile), platform.exe));
  execFileSync('chmod', ['0755', outFile]);
  return { blob, codeCache, nodeVersion, signed };
}
