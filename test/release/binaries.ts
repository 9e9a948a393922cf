// Structural checks of a standalone executable for a platform this machine cannot run.
import { readFileSync } from "node:fs";

export interface BinaryFacts {
  format: "elf" | "macho" | "pe" | "unknown";
  machine: string;
}

/** The container format and CPU, read from the file's own header. */
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

/** True if the Mach-O file has an LC_CODE_SIGNATURE load command (0x1d). */
export function machoSigned(bytes: Buffer): boolean {
  const commands = bytes.readUInt32LE(16);
  let offset = 32; // mach_header_64
  for (let i = 0; i < commands; i++) {
    if (bytes.readUInt32LE(offset) === 0x1d) return true;
    offset += bytes.readUInt32LE(offset + 4);
  }
  return false;
}

export const readBinary = (path: string): Buffer => readFileSync(path);
