import { describe, expect, it } from 'vitest';
import { compareDevices, compareManifests, ManifestParseError, parseBlockLine, parseManifest, type ManifestEntry } from '../../src/verify/index.js';

const hash = (c: string) => c.repeat(64);
const record = (path: string, stat: string, target = '', sha = '') => `${path}\0${stat}\0${target}\0${sha}\0`;

describe('parseManifest', () => {
  it('reads the four NUL-separated fields of each entry, types from the raw mode, sorted by path', () => {
    const out = record('./b', '81a4 3 0 0 1 11 0 0', '', hash('a')) + record('.', '41ed 4096 0 0 3 2 0 0') + record('./l', 'a1ff 1 0 0 1 12 0 0', 'b') + record('./d', '61b0 0 0 6 1 13 7 1');
    expect(parseManifest(out)).toEqual([
      { path: '.', type: 'dir', mode: 0o755, uid: 0, gid: 0, size: 4096, nlink: 3, inode: 2 },
      { path: 'b', type: 'file', mode: 0o644, uid: 0, gid: 0, size: 3, nlink: 1, inode: 11, sha256: hash('a') },
      { path: 'd', type: 'block', mode: 0o660, uid: 0, gid: 6, size: 0, nlink: 1, inode: 13, rdev: '7:1' },
      { path: 'l', type: 'symlink', mode: 0o777, uid: 0, gid: 0, size: 1, nlink: 1, inode: 12, target: 'b' },
    ]);
  });

  it('marks what could not be read ("!"), and refuses an output cut short', () => {
    expect(parseManifest(`./gone\0!\0\0\0` + record('./f', '81a4 3 0 0 1 11 0 0', '', '!'))).toMatchObject([{ path: 'f', unreadable: 'content' }, { path: 'gone', unreadable: 'stat' }]);
    expect(() => parseManifest('./f\0' + '81a4 3 0 0 1 11 0 0\0')).toThrow(ManifestParseError);
    expect(() => parseManifest(record('./f', '81a4 3 0 0 1 11 0 0', '', hash('a')).slice(0, -1))).toThrow('cut short');
  });
});

const file = (path: string, extra: Partial<ManifestEntry> = {}): ManifestEntry => ({ path, type: 'file', mode: 0o644, uid: 0, gid: 0, size: 3, nlink: 1, inode: 1, sha256: hash('a'), ...extra });

describe('compareManifests', () => {
  it('counts the source\'s regular files and bytes; directory sizes and inode numbers do not matter', () => {
    const dir = (size: number, inode: number): ManifestEntry => ({ path: '.', type: 'dir', mode: 0o755, uid: 0, gid: 0, size, nlink: 2, inode });
    const result = compareManifests([dir(4096, 2), file('a', { size: 10, inode: 5 }), file('b', { size: 7, inode: 6 })], [dir(60, 9), file('a', { size: 10, inode: 50 }), file('b', { size: 7, inode: 60 })]);
    expect(result).toEqual({ identical: true, files: 2, bytes: 17, entries: 3, differences: [] });
  });

  it('names each difference with both sides', () => {
    const result = compareManifests(
      [file('a'), file('b'), file('c'), file('d', { uid: 1 }), { ...file('e'), type: 'symlink', sha256: undefined, target: 'x' } as ManifestEntry],
      [file('a', { sha256: hash('b') }), file('b', { mode: 0o600 }), file('c', { size: 4, sha256: hash('c') }), file('d', { uid: 2 }), file('e')],
    );
    expect(result.differences).toEqual([
      { path: 'a', what: 'content', source: `sha256 ${hash('a').slice(0, 12)}`, clone: `sha256 ${hash('b').slice(0, 12)}` },
      { path: 'b', what: 'mode', source: '0644', clone: '0600' },
      { path: 'c', what: 'size', source: '3', clone: '4' },
      { path: 'c', what: 'content', source: `sha256 ${hash('a').slice(0, 12)}`, clone: `sha256 ${hash('c').slice(0, 12)}` },
      { path: 'd', what: 'owner', source: '1:0', clone: '2:0' },
      { path: 'e', what: 'type', source: 'symlink', clone: 'file' },
    ]);
  });

  it('hard links are compared as groups (by first path), not by inode number', () => {
    const linked = [file('a', { nlink: 2, inode: 7 }), file('b', { nlink: 2, inode: 7 })];
    expect(compareManifests(linked, [file('a', { nlink: 2, inode: 90 }), file('b', { nlink: 2, inode: 90 })]).identical).toBe(true);
    expect(compareManifests(linked, [file('a', { inode: 90 }), file('b', { inode: 91 })]).differences).toEqual([
      { path: 'b', what: 'hard links', source: 'linked to a', clone: 'not linked' },
    ]);
  });
});

describe('devices', () => {
  it('a larger clone is compared on the source\'s length; a smaller one differs in size', () => {
    expect(compareDevices({ size: 4, sha256: hash('a') }, { size: 8, sha256: hash('a') })).toMatchObject({ identical: true, files: 1, bytes: 4 });
    expect(compareDevices({ size: 4, sha256: hash('a') }, { size: 2, sha256: hash('a') }).differences).toEqual([{ path: '(device)', what: 'size', source: '4', clone: '2' }]);
    expect(compareDevices({ size: 4, sha256: hash('a') }, { size: 4, sha256: hash('b') }).differences[0]).toMatchObject({ what: 'content' });
    expect(parseBlockLine(`4194304 ${hash('e')}\n`)).toEqual({ size: 4194304, sha256: hash('e') });
    expect(() => parseBlockLine('blockdev: not a block device')).toThrow(ManifestParseError);
  });
});
