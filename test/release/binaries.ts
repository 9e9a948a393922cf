// Structural checks of a standalone executable for a platform this machine cannot run.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";

export interface BinaryFacts {
  format: "elf" | "macho" | "pe" | "unknown";
  machine: string;
}

/**
 * The container format and CPU, read from the file's own header. Deliberately not the release's own
 * reader (scripts/release/node-trust.mjs headerFacts): a check that shared it would pass its bugs.
 */
export function binaryFacts(bytes: Buffer): BinaryFacts {
  if (bytes.readUInt32BE(0) === 0x7f454c46) {
    // ELF64 little-endian: e_machine at 18
    const machine = bytes.readUInt16LE(18);
    return { format: "elf", machine: machine === 0x3e ? "x86-64" : machine === 0xb7 ? "aarch64" : `elf-${machine}` };
  }
  if (bytes.readUInt32LE(0) === 0xfeedfacf) {
    const cpu = bytes.readUInt32LE(4);
    return { format: "macho", machine: cpu === 0x01000007 ? "x86-64" : cpu === 0x0100000c ? "arm64" : `macho-${cpu}` };
  }
  if (bytes.toString("latin1", 0, 2) === "MZ") {
    const pe = bytes.readUInt32LE(0x3c);
    if (bytes.toString("latin1", pe, pe + 4) === "PE\0\0") {
      const machine = bytes.readUInt16LE(pe + 4);
      return { format: "pe", machine: machine === 0x8664 ? "x86-64" : `pe-${machine}` };
    }
  }
  return { format: "unknown", machine: "unknown" };
}

/** The Mach-O file's LC_CODE_SIGNATURE (0x1d): where its signature starts and how long it is. */
function codeSignature(bytes: Buffer): { start: number; size: number } | undefined {
  const commands = bytes.readUInt32LE(16);
  let offset = 32; // mach_header_64
  for (let i = 0; i < commands; i++) {
    if (bytes.readUInt32LE(offset) === 0x1d) return { start: bytes.readUInt32LE(offset + 8), size: bytes.readUInt32LE(offset + 12) };
    offset += bytes.readUInt32LE(offset + 4);
  }
  return undefined;
}

/** True if the Mach-O file has an LC_CODE_SIGNATURE load command. */
export const machoSigned = (bytes: Buffer): boolean => codeSignature(bytes) !== undefined;

export interface CodeDirectoryFacts {
  /** the signature's blob types (0 CodeDirectory, 2 requirements, 0x10000 CMS) */
  blobs: number[];
  flags: number;
  identifier: string;
  /** the signature is the file's last bytes and the CodeDirectory covers all before it */
  coversFile: boolean;
  /** pages whose SHA-256 is not the CodeDirectory's */
  badPages: number;
}

/** The code signature's CodeDirectory (Apple's cs_blobs.h), with its page hashes checked. */
export function machoCodeDirectory(bytes: Buffer): CodeDirectoryFacts | undefined {
  const signature = codeSignature(bytes);
  if (!signature) return undefined;
  const superBlob = bytes.subarray(signature.start, signature.start + signature.size);
  if (superBlob.readUInt32BE(0) !== 0xfade0cc0) return undefined;
  const index = Array.from({ length: superBlob.readUInt32BE(8) }, (_, i) => ({ type: superBlob.readUInt32BE(12 + i * 8), at: superBlob.readUInt32BE(16 + i * 8) }));
  const slot = index.find((entry) => entry.type === 0);
  if (!slot) return undefined;
  const cd = superBlob.subarray(slot.at, slot.at + superBlob.readUInt32BE(slot.at + 4));
  if (cd.readUInt32BE(0) !== 0xfade0c02 || cd[37] !== 2) return undefined; // SHA-256 only
  const hashOffset = cd.readUInt32BE(16);
  const codeSlots = cd.readUInt32BE(28);
  const codeLimit = cd.readUInt32BE(32);
  const pageSize = 2 ** cd[39]!;
  let badPages = 0;
  for (let page = 0; page < codeSlots; page++) {
    const hash = createHash("sha256").update(bytes.subarray(page * pageSize, Math.min((page + 1) * pageSize, codeLimit))).digest();
    if (!hash.equals(cd.subarray(hashOffset + page * 32, hashOffset + (page + 1) * 32))) badPages++;
  }
  const identifierAt = cd.readUInt32BE(20);
  return {
    blobs: index.map((entry) => entry.type),
    flags: cd.readUInt32BE(12),
    identifier: cd.toString("utf8", identifierAt, cd.indexOf(0, identifierAt)),
    coversFile: codeLimit === signature.start && codeSlots === Math.ceil(codeLimit / pageSize) && signature.start + signature.size === bytes.length,
    badPages,
  };
}

/** The Mach-O file's segments (LC_SEGMENT_64, 0x19) with their sections' names. */
export function machoSegments(bytes: Buffer): Record<string, string[]> {
  const name = (at: number) => bytes.toString("latin1", at, at + 16).replace(/\0+$/, "");
  const segments: Record<string, string[]> = {};
  let offset = 32;
  for (let i = 0; i < bytes.readUInt32LE(16); i++) {
    if (bytes.readUInt32LE(offset) === 0x19) {
      // segment_command_64 is 72 bytes, then nsects section_64 records of 80 (sectname first)
      const sections = bytes.readUInt32LE(offset + 64);
      segments[name(offset + 8)] = Array.from({ length: sections }, (_, s) => name(offset + 72 + s * 80));
    }
    offset += bytes.readUInt32LE(offset + 4);
  }
  return segments;
}

export const readBinary = (path: string): Buffer => readFileSync(path);
