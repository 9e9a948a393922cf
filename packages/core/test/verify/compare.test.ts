import { describe, expect, it } from 'vitest';
import { compareDevices, compareManifests, ManifestParseError, parseBlockLine, parseManifest, type ManifestEntry } from '../../src/verify/index.js';

const hash = (c: string) => c.repeat(64);
const root = '41ed 4096 0 0 2 2 0 0';
/** The walk's three sections: stat batches, symlink targets, hash batches (see manifest.ts). */
const walk = (stats: [string, string][], links: [string, string][], hashes: [string, string][]) =>
  `${stats.length}\0${stats.map(([p]) => `${p}\0`).join('')}${stats.map(([p, s]) => `${s} ${p}\n`).join('')}E\0` +
  `${links.map(([p, t]) => `${p}\0${t}\0`).join('')}E\0` +
  `${hashes.length}\0${hashes.map(([p]) => `${p}\0`).join('')}${hashes.map(([p, h]) => `${h}  ${p}\n`).join('')}E\0`;

describe('parseManifest', () => {
  it('reads the stat, link and hash sections; types from the raw mode; sorted by path', () => {
    const out = walk(
      [['./b', '81a4 3 0 0 1 11 0 0'], ['.', '41ed 4096 0 0 3 2 0 0'], ['./l', 'a1ff 1 0 0 1 12 0 0'], ['./d', '61b0 0 0 6 1 13 7 1']],
      [['./l', 'b']],
      [['./b', hash('a')]],
    );
    expect(parseManifest(out)).toEqual([
      { path: '.', type: 'dir', mode: 0o755, uid: 0, gid: 0, size: 4096, nlink: 3, inode: 2 },
      { path: 'b', type: 'file', mode: 0o644, uid: 0, gid: 0, size: 3, nlink: 1, inode: 11, sha256: hash('a') },
      { path: 'd', type: 'block', mode: 0o660, uid: 0, gid: 6, size: 0, nlink: 1, inode: 13, rdev: '7:1' },
      { path: 'l', type: 'symlink', mode: 0o777, uid: 0, gid: 0, size: 1, nlink: 1, inode: 12, target: 'b' },
    ]);
  });

  it('a name holding a newline, a name looking like a line, UTF-8 names: matched by the name known to come next', () => {
    const tricky = './a\n81a4 9 9 9 1 99 0 0 ./x';
    const out = walk([['.', root], [tricky, '81a4 1 0 0 1 5 0 0'], ['./ü', '81a4 2 0 0 1 6 0 0']], [], [[tricky, hash('c')], ['./ü', hash('d')]]);
    expect(parseManifest(out)).toMatchObject([
      { path: '.' },
      { path: 'a\n81a4 9 9 9 1 99 0 0 ./x', size: 1, inode: 5, sha256: hash('c') },
      { path: 'ü', size: 2, inode: 6, sha256: hash('d') },
    ]);
    // GNU's escaped form ("\\" first, the name with \\n) is read too
    const gnu = `2\0.\0./a\nb\0${root} .\n81a4 1 0 0 1 5 0 0 ./a\nb\nE\0E\0` + `1\0./a\nb\0\\${hash('e')}  ./a\\nb\nE\0`;
    expect(parseManifest(gnu)).toMatchObject([{ path: '.' }, { path: 'a\nb', sha256: hash('e') }]);
  });

  it('a path stat or sha256sum printed no line for is unreadable (a file gone mid-walk); a cut output is refused', () => {
    const out = walk([['.', root], ['./gone', ''], ['./f', '81a4 3 0 0 1 11 0 0']], [], [['./f', hash('a')]]).replace(' ./gone\n', '');
    expect(parseManifest(out)).toMatchObject([{ path: '.' }, { path: 'f', sha256: hash('a') }, { path: 'gone', unreadable: 'stat' }]);
    const noHash = walk([['.', root], ['./f', '81a4 3 0 0 1 11 0 0']], [], [['./f', hash('a')]]).replace(`${hash('a')}  ./f\n`, '');
    expect(parseManifest(noHash)).toMatchObject([{ path: '.' }, { path: 'f', unreadable: 'content' }]);
    // a walk that did not run lists nothing, not even the root: never "identical (0 files)"
    expect(() => parseManifest('E\0E\0E\0')).toThrow("the walk did not list the volume's root");
    expect(() => parseManifest(walk([['./f', '81a4 3 0 0 1 11 0 0']], [], []).slice(0, -2))).toThrow(ManifestParseError);
    expect(() => parseManifest('x\0')).toThrow('where a count belongs');
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
      [file('a'), file('b'), file('c'), file('d', { uid: 1 }), { ...file('e'), type: 'symlink', sha256: undefined, target: 'x' }],
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
