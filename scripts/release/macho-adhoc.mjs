// An ad-hoc code signature for a thin 64-bit Mach-O executable, exactly as Go's linker writes one
// (cmd/internal/codesign; Go signs every darwin/arm64 executable this way and macOS runs them;
// test/release/macho-adhoc.test.ts re-signs one and compares the bytes): a SuperBlob right after
// the 16-byte-aligned end of __LINKEDIT holding one CodeDirectory (SHA-256 of every 4 KiB page,
// flags CS_ADHOC | CS_LINKER_SIGNED, the __TEXT range as the executable segment), named by a new
// LC_CODE_SIGNATURE. Apple silicon runs no arm64 code without at least this; it names no
// signer, so Gatekeeper still treats a downloaded file as from an unidentified developer. No
// tool on the registries reachable here writes one from Linux, hence this file.
import { createHash } from 'node:crypto';

const LC_SEGMENT_64 = 0x19;
const LC_CODE_SIGNATURE = 0x1d;
const MH_EXECUTE = 2;
const pageBits = 12;
const hashSize = 32; // SHA-256, CS_HASHTYPE_SHA256 = 2
const align = (n, to) => Math.ceil(n / to) * to;
const sha256 = (bytes) => createHash('sha256').update(bytes).digest();

function segments(bytes) {
  const found = {};
  let firstSectionData = Infinity;
  let offset = 32; // mach_header_64
  for (let i = 0; i < bytes.readUInt32LE(16); i++) {
    const cmd = bytes.readUInt32LE(offset);
    if (cmd === LC_CODE_SIGNATURE) throw new Error('already signed (remove the signature first)');
    if (cmd === LC_SEGMENT_64) {
      const name = bytes.toString('latin1', offset + 8, offset + 24).replace(/\0+$/, '');
      found[name] = { at: offset, vmaddr: Number(bytes.readBigUInt64LE(offset + 24)), vmsize: Number(bytes.readBigUInt64LE(offset + 32)), fileoff: Number(bytes.readBigUInt64LE(offset + 40)), filesize: Number(bytes.readBigUInt64LE(offset + 48)) };
      for (let s = 0; s < bytes.readUInt32LE(offset + 64); s++) {
        const data = bytes.readUInt32LE(offset + 72 + s * 80 + 48); // section_64.offset, 0 for zero-fill
        if (data) firstSectionData = Math.min(firstSectionData, data);
      }
    }
    offset += bytes.readUInt32LE(offset + 4);
  }
  return { found, firstSectionData };
}

/** `input` signed ad hoc under `identifier`, as a new Buffer. */
export function adhocSign(input, identifier) {
  if (input.readUInt32LE(0) !== 0xfeedfacf) throw new Error('ad-hoc signing: not a thin 64-bit Mach-O');
  const commands = input.readUInt32LE(16);
  const commandsSize = input.readUInt32LE(20);
  const { found, firstSectionData } = segments(input);
  const text = found.__TEXT;
  const linkedit = found.__LINKEDIT;
  if (!text || !linkedit) throw new Error('ad-hoc signing: no __TEXT or __LINKEDIT segment');
  if (linkedit.fileoff + linkedit.filesize !== input.length) throw new Error('ad-hoc signing: __LINKEDIT does not end the file');
  const command = 32 + commandsSize;
  if (command + 16 > firstSectionData || input.subarray(command, command + 16).some((b) => b !== 0)) throw new Error('ad-hoc signing: no free room for LC_CODE_SIGNATURE after the load commands');

  const codeLimit = align(input.length, 16);
  const codeSlots = Math.ceil(codeLimit / 2 ** pageBits);
  const id = Buffer.from(`${identifier}\0`, 'utf8');
  const cdHeader = 88; // CodeDirectory version 0x20400 (execSeg fields)
  const hashOffset = cdHeader + id.length; // no special slots: no Info.plist, requirements or entitlements
  const cdLength = hashOffset + codeSlots * hashSize;
  const indexSize = 12 + 8;
  const signatureLength = indexSize + cdLength;
  const dataSize = signatureLength;

  // the load commands first: the page hashes cover the header
  const out = Buffer.alloc(codeLimit + dataSize);
  input.copy(out);
  out.writeUInt32LE(commands + 1, 16);
  out.writeUInt32LE(commandsSize + 16, 20);
  out.writeUInt32LE(LC_CODE_SIGNATURE, command);
  out.writeUInt32LE(16, command + 4);
  out.writeUInt32LE(codeLimit, command + 8);
  out.writeUInt32LE(dataSize, command + 12);
  const linkeditSize = codeLimit + dataSize - linkedit.fileoff;
  const linkeditVmSize = Math.max(linkedit.vmsize, linkeditSize); // as Go's linker: not page-rounded
  const clash = Object.entries(found).find(([name, s]) => name !== '__LINKEDIT' && s.vmsize > 0 && s.vmaddr < linkedit.vmaddr + linkeditVmSize && s.vmaddr + s.vmsize > linkedit.vmaddr);
  if (clash) throw new Error(`ad-hoc signing: a larger __LINKEDIT would overlap ${clash[0]}`);
  out.writeBigUInt64LE(BigInt(linkeditSize), linkedit.at + 48);
  out.writeBigUInt64LE(BigInt(linkeditVmSize), linkedit.at + 32);

  const cd = Buffer.alloc(cdLength);
  cd.writeUInt32BE(0xfade0c02, 0); // CSMAGIC_CODEDIRECTORY
  cd.writeUInt32BE(cdLength, 4);
  cd.writeUInt32BE(0x20400, 8);
  cd.writeUInt32BE(0x20002, 12); // CS_ADHOC | CS_LINKER_SIGNED
  cd.writeUInt32BE(hashOffset, 16);
  cd.writeUInt32BE(cdHeader, 20); // identOffset
  cd.writeUInt32BE(0, 24); // nSpecialSlots
  cd.writeUInt32BE(codeSlots, 28);
  cd.writeUInt32BE(codeLimit, 32);
  cd[36] = hashSize;
  cd[37] = 2; // CS_HASHTYPE_SHA256
  cd[39] = pageBits;
  cd.writeBigUInt64BE(BigInt(text.fileoff), 64); // execSegBase
  cd.writeBigUInt64BE(BigInt(text.filesize), 72); // execSegLimit
  cd.writeBigUInt64BE(out.readUInt32LE(12) === MH_EXECUTE ? 1n : 0n, 80); // CS_EXECSEG_MAIN_BINARY
  id.copy(cd, cdHeader);
  for (let page = 0; page < codeSlots; page++) {
    sha256(out.subarray(page * 2 ** pageBits, Math.min((page + 1) * 2 ** pageBits, codeLimit))).copy(cd, hashOffset + page * hashSize);
  }

  const superBlob = out.subarray(codeLimit);
  superBlob.writeUInt32BE(0xfade0cc0, 0); // CSMAGIC_EMBEDDED_SIGNATURE
  superBlob.writeUInt32BE(signatureLength, 4);
  superBlob.writeUInt32BE(1, 8);
  superBlob.writeUInt32BE(0, 12); // CSSLOT_CODEDIRECTORY
  superBlob.writeUInt32BE(indexSize, 16);
  cd.copy(superBlob, indexSize);
  return out;
}
