/**
 * One side of a verify: the tree of a mounted volume as a list of entries, made by a shell script
 * that runs in the helper pod (busybox: sh, find, xargs, stat, readlink, sha256sum) and parsed here.
 *
 * The script prints NUL-separated fields, four per entry: the path (as find gives it, "./a/b"),
 * `stat -c '%f %s %u %g %h %i %t %T'` (raw mode in hex, size, uid, gid, links, inode, device
 * major/minor in hex), a symlink's target and a regular file's SHA-256. A path may hold any byte
 * but NUL, so names with spaces or newlines survive; "!" in a field means it could not be read
 * (a file deleted or changed while the walk ran: a source still written to).
 */
export type EntryType = 'file' | 'dir' | 'symlink' | 'fifo' | 'socket' | 'block' | 'char' | 'unknown';

export interface ManifestEntry {
  /** Relative to the volume's root, without "./"; the root itself is ".". */
  readonly path: string;
  readonly type: EntryType;
  /** Permission bits with setuid, setgid and sticky (mode & 07777). */
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  readonly size: number;
  readonly nlink: number;
  readonly inode: number;
  /** Devices: "major:minor". */
  readonly rdev?: string;
  readonly target?: string;
  readonly sha256?: string;
  /** What could not be read about this entry (stat, link target or content). */
  readonly unreadable?: 'stat' | 'target' | 'content';
}

/**
 * Runs as `sh -c WALK sh ROOT`. The per-entry loop runs in one `sh` per xargs batch, so the
 * shell starts once per few thousand paths, not once per file; stat and sha256sum still run once
 * per entry (busybox's sha256sum prints names unescaped, which a batch's output could not be
 * split by safely, and hashing from stdin prints no name at all).
 * Single quotes only delimit the inner loop: it must not contain one.
 */
export const walkScript = `cd "$1" || exit 3
one='for f; do
  printf "%s\\0" "$f"
  if s=$(stat -c "%f %s %u %g %h %i %t %T" "$f"); then printf "%s\\0" "$s"; else printf "!\\0\\0\\0"; continue; fi
  t=""; h=""
  if [ -L "$f" ]; then t=$(readlink "$f") || t="!"
  elif [ -f "$f" ]; then { h=$(sha256sum < "$f") && h=\${h%% *}; } || h="!"
  fi
  printf "%s\\0%s\\0" "$t" "$h"
done'
find . -print0 | xargs -0 -r sh -c "$one" sh
`;

/**
 * Block volumes: `sh -c BLOCK sh DEVICE [LIMIT]` prints "SIZE SHA256" of the device, hashing its
 * first LIMIT bytes when given (a clone larger than its source is compared on the source's length;
 * what lies beyond is not the source's data).
 */
export const blockScript = `n=$(blockdev --getsize64 "$1") || exit 4
if [ -n "$2" ]; then h=$(head -c "$2" "$1" | sha256sum) || exit 5; else h=$(sha256sum < "$1") || exit 5; fi
printf "%s %s\\n" "$n" "\${h%% *}"
`;

/** `sh -c SIZE sh DEVICE`: the device's size in bytes. */
export const blockSizeScript = 'blockdev --getsize64 "$1"';

export class ManifestParseError extends Error {}

const typeBits: Record<number, EntryType> = { 0o100000: 'file', 0o040000: 'dir', 0o120000: 'symlink', 0o010000: 'fifo', 0o140000: 'socket', 0o060000: 'block', 0o020000: 'char' };

/** The walk script's stdout as entries, sorted by path. */
export function parseManifest(output: Buffer | string): ManifestEntry[] {
  const text = typeof output === 'string' ? output : output.toString('utf8');
  const fields = text.split('\0');
  // the output ends with a NUL: the last field is empty
  if (fields.pop() !== '') throw new ManifestParseError('the walk output was cut short (no final NUL)');
  if (fields.length % 4 !== 0) throw new ManifestParseError(`the walk output has ${fields.length} fields, not a multiple of 4`);
  const entries: ManifestEntry[] = [];
  for (let i = 0; i < fields.length; i += 4) {
    const [rawPath, stat, target, hash] = fields.slice(i, i + 4) as [string, string, string, string];
    const path = rawPath === '.' ? '.' : rawPath.replace(/^\.\//, '');
    if (stat === '!') {
      entries.push({ path, type: 'unknown', mode: 0, uid: -1, gid: -1, size: 0, nlink: 0, inode: 0, unreadable: 'stat' });
      continue;
    }
    const parts = stat.split(' ');
    if (parts.length !== 8) throw new ManifestParseError(`stat of ${JSON.stringify(path)} is not 8 fields: ${JSON.stringify(stat)}`);
    const [modeHex, size, uid, gid, nlink, inode, major, minor] = parts as [string, string, string, string, string, string, string, string];
    const raw = Number.parseInt(modeHex, 16);
    const type = typeBits[raw & 0o170000] ?? 'unknown';
    entries.push({
      path,
      type,
      mode: raw & 0o7777,
      uid: Number(uid),
      gid: Number(gid),
      size: Number(size),
      nlink: Number(nlink),
      inode: Number(inode),
      ...(type === 'block' || type === 'char' ? { rdev: `${Number.parseInt(major, 16)}:${Number.parseInt(minor, 16)}` } : {}),
      ...(type === 'symlink' ? (target === '!' ? { unreadable: 'target' as const } : { target }) : {}),
      ...(type === 'file' ? (/^[0-9a-f]{64}$/.test(hash) ? { sha256: hash } : { unreadable: 'content' as const }) : {}),
    });
  }
  return entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The block script's "SIZE SHA256" line. */
export function parseBlockLine(output: string): { size: number; sha256: string } {
  const match = /^(\d+) ([0-9a-f]{64})\n?$/.exec(output);
  if (!match) throw new ManifestParseError(`the device hash output is not "SIZE SHA256": ${JSON.stringify(output.slice(0, 200))}`);
  return { size: Number(match[1]), sha256: match[2]! };
}
