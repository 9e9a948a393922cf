// The copy's receiving script as the target pod runs it, with busybox's applets only: a stream cut
// short, between two files (where tar itself exits 0) or inside one, is told from a whole one.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receiverScript, tarShortfall } from '../../src/clone/copy.js';
import { busyboxApplets } from '../busybox.js';

let work: string;
let bin: string;
let archive: Buffer;

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'copy-receiver-'));
  bin = busyboxApplets(work, ['sh', 'tar', 'tee', 'wc', 'sed', 'cat']);
  const source = path.join(work, 'source');
  mkdirSync(source);
  writeFileSync(path.join(source, 'a'), 'x'.repeat(1000));
  writeFileSync(path.join(source, 'b'), 'y'.repeat(1000));
  archive = execFileSync(path.join(bin, 'tar'), ['-C', source, '-cf', '-', '.']);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Feed `input` to the tar receiver into a fresh folder; its stderr and the files it wrote. */
function receive(input: Buffer): string {
  const target = mkdtempSync(path.join(work, 'target-'));
  const run = spawnSync(path.join(bin, 'sh'), ['-c', receiverScript({ dir: target })], { input, env: { PATH: bin } });
  return run.stderr.toString('utf8');
}

describe('the tar receiver', () => {
  it('a whole archive: tar exit 0 and every byte counted', () => {
    expect(tarShortfall(receive(archive), archive.length)).toBeUndefined();
  });
  it('cut between two files: tar exits 0, the count tells', () => {
    // "./" (a 512-byte header), a's header and its 1000 bytes padded to 1024: b's header starts at 2048
    const cut = archive.subarray(0, 2048);
    const stderr = receive(cut);
    expect(stderr).toContain('kubectl-clone: receiver done 0');
    expect(tarShortfall(stderr, archive.length)).toBe(`received 2048 of the ${archive.length} bytes sent`);
  });
  it('cut inside a file: tar fails', () => {
    expect(tarShortfall(receive(archive.subarray(0, 1000)), archive.length)).toBe('exited 1');
  });
});
