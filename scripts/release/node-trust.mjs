// What a Node binary from the npm registry says about itself, checked offline before the release
// uses it: the registry's per-platform Node packages are not published by the Node.js project.
// Every platform: the file's header (format and CPU) is the platform's, and the binary is the
// release build of `nodeVersion` (its process.release.sourceUrl names that version and no other).
// Mach-O (darwin): the Apple code signature is intact and is the Node.js project's:
//   - the CodeDirectory's hashes match every page of the file and every blob it names
//     (requirements, entitlements), so the signature covers these very bytes;
//   - the CMS signature over the CodeDirectory verifies (openssl cms), with a certificate chain
//     that ends in a root whose SHA-256 is Apple Root CA's published fingerprint;
//   - the signing certificate is a "Developer ID Application" one of team HX7739G8FX whose
//     organization is the Node.js Foundation (or the OpenJS Foundation).
// Not checked: certificate expiry and revocation (no trusted time of signing, no network),
// notarization, and Apple's trust policy beyond the chain (Apple's root is trusted through the
// pinned fingerprint, not through a copy from Apple's own store). The Windows binary's
// Authenticode signature and the Linux binaries have no such check: for them the pinned tarball
// integrity (platforms.mjs) is the guarantee.
import { execFileSync } from 'node:child_process';
import { X509Certificate, createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hostPlatform, nodeVersion } from './platforms.mjs';

// https://www.apple.com/appleca/AppleIncRootCertificate.cer ("Apple Root CA", 2006-2035)
const appleRootSha256 = 'B0:B1:73:0E:CB:C7:FF:45:05:14:2C:49:F1:29:5E:6E:DA:6B:CA:ED:7E:2C:68:C5:BE:91:B5:A1:10:01:F0:24';
const nodeTeam = 'HX7739G8FX';
const nodeOrganization = /^(Node\.js Foundation|OpenJS Foundation)$/;

/** Container format and CPU from the header (the names platforms.mjs uses). */
export function headerFacts(bytes) {
  if (bytes.readUInt32BE(0) === 0x7f454c46) {
    const machine = bytes.readUInt16LE(18);
    return { format: 'elf', machine: { 0x3e: 'x86-64', 0xb7: 'aarch64' }[machine] ?? `elf-${machine}` };
  }
  if (bytes.readUInt32LE(0) === 0xfeedfacf) {
    const cpu = bytes.readUInt32LE(4);
    return { format: 'macho', machine: { 0x01000007: 'x86-64', 0x0100000c: 'arm64' }[cpu] ?? `macho-${cpu}` };
  }
  if (bytes.toString('latin1', 0, 2) === 'MZ') {
    const pe = bytes.readUInt32LE(0x3c);
    if (bytes.toString('latin1', pe, pe + 4) === 'PE\0\0') {
      const machine = bytes.readUInt16LE(pe + 4);
      return { format: 'pe', machine: machine === 0x8664 ? 'x86-64' : `pe-${machine}` };
    }
  }
  return { format: 'unknown', machine: 'unknown' };
}

/** The embedded code signature's SuperBlob (LC_CODE_SIGNATURE), or undefined. */
function codeSignature(bytes) {
  let offset = 32; // mach_header_64
  for (let i = 0; i < bytes.readUInt32LE(16); i++) {
    if (bytes.readUInt32LE(offset) === 0x1d) {
      const start = bytes.readUInt32LE(offset + 8);
      return { start, blob: bytes.subarray(start, start + bytes.readUInt32LE(offset + 12)) };
    }
    offset += bytes.readUInt32LE(offset + 4);
  }
  return undefined;
}

/** The SuperBlob's blobs by slot type, each with its own magic and length header. */
function blobs(superBlob) {
  if (superBlob.readUInt32BE(0) !== 0xfade0cc0) throw new Error('not an embedded-signature SuperBlob');
  const out = new Map();
  for (let i = 0; i < superBlob.readUInt32BE(8); i++) {
    const at = superBlob.readUInt32BE(16 + i * 8);
    out.set(superBlob.readUInt32BE(12 + i * 8), superBlob.subarray(at, at + superBlob.readUInt32BE(at + 4)));
  }
  return out;
}

/** Throws unless the CodeDirectory's page and special-slot hashes match `bytes` and `slots`. */
function checkCodeDirectory(bytes, cd, signatureStart, slots) {
  if (cd.readUInt32BE(0) !== 0xfade0c02) throw new Error('slot 0 is not a CodeDirectory');
  const hashOffset = cd.readUInt32BE(16);
  const specialSlots = cd.readUInt32BE(24);
  const codeSlots = cd.readUInt32BE(28);
  const codeLimit = cd.readUInt32BE(32);
  const hashSize = cd[36];
  const algorithm = { 1: 'sha1', 2: 'sha256' }[cd[37]];
  const pageSize = 2 ** cd[39];
  if (!algorithm || hashSize !== createHash(algorithm).digest().length) throw new Error(`unknown CodeDirectory hash type ${cd[37]}`);
  if (codeLimit !== signatureStart || codeSlots !== Math.ceil(codeLimit / pageSize)) throw new Error('the CodeDirectory does not cover the whole file up to its signature');
  const slot = (index) => cd.subarray(hashOffset + index * hashSize, hashOffset + (index + 1) * hashSize);
  for (let page = 0; page < codeSlots; page++) {
    const hash = createHash(algorithm).update(bytes.subarray(page * pageSize, Math.min((page + 1) * pageSize, codeLimit))).digest();
    if (!hash.equals(slot(page))) throw new Error(`page ${page} does not match its CodeDirectory hash: the binary was changed after signing`);
  }
  for (let special = 1; special <= specialSlots; special++) {
    const blob = slots.get(special);
    const want = blob ? createHash(algorithm).update(blob).digest() : Buffer.alloc(hashSize);
    if (!want.equals(slot(-special))) throw new Error(`special slot ${special} does not match the signature's blob`);
  }
}

/** Throws unless the CMS blob signs `cd` with the Node.js project's Developer ID; returns its subject. */
function checkSigner(cms, cd, work) {
  const files = { cms: join(work, 'signature.der'), cd: join(work, 'code-directory.bin'), root: join(work, 'root.pem'), signer: join(work, 'signer.pem') };
  writeFileSync(files.cms, cms);
  writeFileSync(files.cd, cd);
  const pem = execFileSync('openssl', ['pkcs7', '-inform', 'DER', '-in', files.cms, '-print_certs'], { encoding: 'utf8' });
  const certificates = (pem.match(/-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g) ?? []).map((text) => new X509Certificate(text));
  const root = certificates.find((c) => c.fingerprint256 === appleRootSha256);
  if (!root) throw new Error('the signature\'s certificate chain does not carry Apple Root CA (pinned SHA-256)');
  writeFileSync(files.root, root.toString());
  // Apple's certificates carry critical extensions openssl does not know; no trusted clock offline
  execFileSync('openssl', ['cms', '-verify', '-inform', 'DER', '-in', files.cms, '-binary', '-content', files.cd, '-CAfile', files.root, '-purpose', 'any', '-ignore_critical', '-no_check_time', '-signer', files.signer, '-out', '/dev/null'], { stdio: ['ignore', 'ignore', 'pipe'] });
  const signer = new X509Certificate(readFileSync(files.signer));
  const field = (name) => signer.subject.split('\n').find((line) => line.startsWith(`${name}=`))?.slice(name.length + 1);
  if (!field('CN')?.startsWith('Developer ID Application: ') || field('OU') !== nodeTeam || !nodeOrganization.test(field('O') ?? '')) {
    throw new Error(`signed by ${signer.subject.replace(/\n/g, ', ')}, not the Node.js project's Developer ID (team ${nodeTeam})`);
  }
  return `${field('CN')}`;
}

/**
 * Checks the Node binary at `path` for `platform` (see the top of this file); `work` is a scratch
 * directory. Returns what was checked, for the log; throws with the package named otherwise.
 */
export function checkNodeBinary(platform, path, work) {
  const name = `${platform.npm}@${nodeVersion}`;
  const fail = (why) => {
    throw new Error(`release: ${name} failed its check (scripts/release/node-trust.mjs): ${why}`);
  };
  const bytes = readFileSync(path);
  const facts = headerFacts(bytes);
  if (facts.format !== platform.format || facts.machine !== platform.machine) fail(`it is ${facts.format} ${facts.machine}, not ${platform.format} ${platform.machine}`);
  const checked = [`${facts.format} ${facts.machine}`];
  const versions = new Set([...bytes.toString('latin1').matchAll(/nodejs\.org\/download\/release\/v(\d+\.\d+\.\d+)\/node-v\1\.tar\.gz/g)].map((m) => m[1]));
  if (versions.size !== 1 || !versions.has(nodeVersion)) fail(`its release source URL names ${[...versions].join(', ') || 'no version'}, not ${nodeVersion}`);
  if (platform === hostPlatform) {
    const reported = execFileSync(path, ['--version'], { encoding: 'utf8' }).trim();
    if (reported !== `v${nodeVersion}`) fail(`it reports ${reported}`);
  }
  checked.push(`v${nodeVersion}`);
  if (platform.format === 'macho') {
    try {
      const signature = codeSignature(bytes);
      if (!signature) throw new Error('it has no code signature');
      const slots = blobs(signature.blob);
      const cd = slots.get(0);
      const cms = slots.get(0x10000);
      if (!cd || !cms || cms.readUInt32BE(0) !== 0xfade0b01) throw new Error('its signature has no CodeDirectory or no CMS signature (ad-hoc signed?)');
      checkCodeDirectory(bytes, cd, signature.start, slots);
      checked.push('code signature matches every page', `signed by ${checkSigner(cms.subarray(8), cd, work)} (chain to Apple Root CA; expiry and revocation not checked)`);
    } catch (error) {
      fail(error.message);
    }
  }
  return checked;
}
