// The walk script as the verify pod runs it, on a real tree, with busybox's applets only (CI
// installs busybox-static for the sandbox's images; the script must not lean on GNU tools).
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, linkSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { busyboxApplets } from '../busybox.js';
import { compareManifests, parseManifest, walkScript, type ManifestEntry } from '../../src/verify/index.js';

const applets = ['sh', 'find', 'xargs', 'stat', 'readlink', 'sha256sum', 'printf', 'head'];
let work: string;
let bin: string;

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'verify-walk-'));
  bin = busyboxApplets(work, applets);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A tree with every kind of entry the walk must carry: hard links, symlinks, setuid, a fifo, odd names. */
function makeTree(root: string): void {
  mkdirSync(path.join(root, 'empty dir'), { recursive: true });
  mkdirSync(path.join(root, 'sub'));
  writeFileSync(path.join(root, 'a.txt'), 'hello');
  chmodSync(path.join(root, 'a.txt'), 0o644);
  linkSync(path.join(root, 'a.txt'), path.join(root, 'sub', 'hard.txt'));
  symlinkSync('a.txt', path.join(root, 'link'));
  symlinkSync('no where', path.join(root, 'dangling'));
  writeFileSync(path.join(root, 'sub', 'new\nline name'), 'x');
  writeFileSync(path.join(root, 'setuid'), '#!/bin/sh\n');
  chmodSync(path.join(root, 'setuid'), 0o4755);
  writeFileSync(path.join(root, 'owned'), '');
  chmodSync(path.join(root, 'owned'), 0o600);
  if (process.getuid?.() === 0) chownSync(path.join(root, 'owned'), 1000, 2000);
  execFileSync('mkfifo', [path.join(root, 'fifo')]);
}

function walk(root: string): ManifestEntry[] {
  const out = execFileSync(path.join(bin, 'sh'), ['-c', walkScript, 'sh', root], { env: { PATH: bin } });
  return parseManifest(out);
}

describe('the walk script with busybox', () => {
  it('an image without a tool the walk needs says which, and exits 4', () => {
    const partial = path.join(work, 'partial');
    mkdirSync(partial);
    for (const applet of applets.filter((a) => a !== 'sha256sum')) symlinkSync(path.join(bin, applet), path.join(partial, applet));
    let failure: { status?: number; stderr?: Buffer } = {};
    try {
      // the system's sh: busybox's own finds its applets without PATH
      execFileSync('/bin/sh', ['-c', walkScript, 'sh', work], { env: { PATH: partial }, stdio: 'pipe' });
    } catch (error) {
      failure = error as typeof failure;
    }
    expect(failure.status).toBe(4);
    expect(String(failure.stderr)).toBe('the image has no sha256sum (--image: busybox has every tool the verify needs)\n');
  });

  it('lists every entry with type, mode, owner, size, link target and content hash', () => {
    const root = path.join(work, 'one');
    makeTree(root);
    const entries = walk(root);
    expect(entries.map((e) => e.path)).toEqual(['.', 'a.txt', 'dangling', 'empty dir', 'fifo', 'link', 'owned', 'setuid', 'sub', 'sub/hard.txt', 'sub/new\nline name']);
    const byPath = Object.fromEntries(entries.map((e) => [e.path, e]));
    expect(byPath['a.txt']).toMatchObject({ type: 'file', mode: 0o644, size: 5, nlink: 2, sha256: '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824' });
    expect(byPath['sub/hard.txt']!.inode).toBe(byPath['a.txt']!.inode);
    expect(byPath['link']).toMatchObject({ type: 'symlink', target: 'a.txt' });
    expect(byPath['dangling']).toMatchObject({ type: 'symlink', target: 'no where' });
    expect(byPath['setuid']).toMatchObject({ type: 'file', mode: 0o4755 });
    expect(byPath['fifo']).toMatchObject({ type: 'fifo' });
    expect(byPath['fifo']!.sha256).toBeUndefined();
    expect(byPath['empty dir']).toMatchObject({ type: 'dir' });
    expect(byPath['sub/new\nline name']).toMatchObject({ type: 'file', size: 1, sha256: '2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881' });
    expect(byPath['owned']).toMatchObject({ mode: 0o600, ...(process.getuid?.() === 0 ? { uid: 1000, gid: 2000 } : {}) });
  });

  it('a copy made with cp -a is identical; a flipped byte, a mode, a link target and a broken hard link are each found', () => {
    const a = path.join(work, 'src');
    const b = path.join(work, 'copy');
    makeTree(a);
    execFileSync('cp', ['-a', a, b]);
    expect(compareManifests(walk(a), walk(b))).toMatchObject({ identical: true, files: 5, bytes: 5 + 5 + 1 + 10 + 0, differences: [] });

    writeFileSync(path.join(b, 'a.txt'), 'hellO'); // same size, same inode: the hard link sees it too
    chmodSync(path.join(b, 'setuid'), 0o755);
    rmSync(path.join(b, 'link'));
    symlinkSync('elsewhere', path.join(b, 'link'));
    rmSync(path.join(b, 'sub', 'new\nline name'));
    writeFileSync(path.join(b, 'extra'), '');
    const result = compareManifests(walk(a), walk(b));
    expect(result.identical).toBe(false);
    expect(result.differences.map((d) => `${d.path}: ${d.what}`)).toEqual([
      'a.txt: content', 'extra: only in clone', 'link: link target', 'setuid: mode', 'sub/hard.txt: content', 'sub/new\nline name: missing in clone',
    ]);
    expect(result.differences.find((d) => d.what === 'mode')).toMatchObject({ source: '4755', clone: '0755' });
  });
});
