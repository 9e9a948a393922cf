// node resign-macho.mjs <in> <out> [--keep]: the release's ad-hoc signing (scripts/release/
// macho-adhoc.mjs) applied to <in> after removing its signature as the release does
// (macho-unsign), under the identifier <in>'s own signature names; --keep signs <in> as it is.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { adhocSign } from '../../scripts/release/macho-adhoc.mjs';

const require = createRequire(new URL('../../scripts/release/sea.mjs', import.meta.url));
const [input, output, keep] = process.argv.slice(2);
const signed = readFileSync(input);
let command = 32;
while (signed.readUInt32LE(command) !== 0x1d) command += signed.readUInt32LE(command + 4);
const cd = signed.readUInt32LE(command + 8) + signed.readUInt32BE(signed.readUInt32LE(command + 8) + 16);
const identifier = signed.toString('utf8', cd + signed.readUInt32BE(cd + 20), signed.indexOf(0, cd + signed.readUInt32BE(cd + 20)));
try {
  const unsigned = keep ? signed : Buffer.from(require('macho-unsign').unsign(signed));
  writeFileSync(output, adhocSign(unsigned, identifier));
} catch (error) {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
