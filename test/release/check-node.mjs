// The release's own check of a Node binary (scripts/release/node-trust.mjs), run as a process so
// the tests use it as the release does:
//   node check-node.mjs path <os-arch>           prints the cached, checked package binary's path
//   node check-node.mjs check <os-arch> <file>   prints what was checked, or the error (exit 1)
//   node check-node.mjs pin <os-arch> <integrity> downloads the package as if that were its pin
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeBinary } from '../../scripts/release/node-binary.mjs';
import { checkNodeBinary } from '../../scripts/release/node-trust.mjs';
import { platforms } from '../../scripts/release/platforms.mjs';

const [command, name, file] = process.argv.slice(2);
const platform = platforms.find((p) => `${p.os}-${p.arch}` === name);
if (!platform) throw new Error(`check-node: no platform ${name}`);
if (command === 'path') {
  process.stdout.write(`${nodeBinary(platform)}\n`);
} else {
  try {
    if (command === 'pin') process.stdout.write(`${nodeBinary({ ...platform, integrity: file })}\n`);
    else process.stdout.write(`${checkNodeBinary(platform, file, mkdtempSync(join(tmpdir(), 'node-trust-'))).join('\n')}\n`);
  } catch (error) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}
