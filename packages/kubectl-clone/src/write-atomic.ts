import { chmodSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { CliError } from './errors.js';
import { reason } from './inputs.js';

/**
 * Replace a file's content all at once: write a sibling temp file with the same mode, then
 * rename over the original. An interrupted --fix leaves either the old or the new file, never half.
 */
export function writeFileAtomic(path: string, text: string): void {
  const temp = join(dirname(path), `.${basename(path)}.kubectl-clone-${process.pid}.tmp`);
  try {
    const mode = statSync(path).mode & 0o7777;
    writeFileSync(temp, text, { mode });
    chmodSync(temp, mode);
    renameSync(temp, path);
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
      // nothing was written
    }
    throw new CliError(`cannot write ${path}: ${reason(error)}; the file is unchanged`);
  }
}
