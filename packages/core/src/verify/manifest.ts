/**
 * One side of a verify: the tree of a mounted volume as a list of entries, made by a shell script
 * that runs in the helper pod (busybox: sh, find, xargs, stat, readlink, sha256sum) and parsed here.
 *
 * The script walks the tree three times (the dentries are cached after the first) and prints three
 * sections, each ended by an "E" field (a path always starts with "."):
 *  1. per xargs batch: the count N, the N paths (NUL-separated), then `stat -c '%f %s %u %g %h %i
 *     %t %T %n'` of them (raw mode in hex, size, uid, gid, links, inode, device major/minor, name);
 *  2. each symlink's path and target (NUL-separated; "!" when it could not be read);
 *  3. per batch of regular files: the count, the paths, then `sha256sum` of them.
 * stat and sha256sum run once per batch (thousands of files), not once per file: that keeps a
 * verify near the speed of a plain `sha256sum` over the same files. Their lines carry the name
 * unescaped, and a name may hold a newline: each line is matched against the name known to come
 * next, so a name is never mistaken for a line end, and a file that printed no line (deleted or
 * unreadable while walked: a source still written to) is known as such.
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

/** Runs as `sh -c WALK sh ROOT`. Single quotes only delimit the inner scripts: they must not contain one. */
export const walkScript = String.raw`for tool in find xargs stat readlink sha256sum; do command -v $tool >/dev/null || { echo "the image has no $tool (--image: busybox has every tool the verify needs)" >&2; exit 4; }; done
cd "$1" || exit 3
find . -print0 | xargs -0 -r sh -c 'printf "%s\0" "$#" "$@"; stat -c "%f %s %u %g %h %i %t %T %n" "$@"' sh
printf 'E\0'
find . -type l -print0 | xargs -0 -r sh -c 'for f; do t=$(readlink "$f") || t="!"; printf "%s\0%s\0" "$f" "$t"; done' sh
printf 'E\0'
find . -type f -print0 | xargs -0 -r sh -c 'printf "%s\0" "$#" "$@"; sha256sum "$@"' sh
printf 'E\0'
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

/** Reads the walk's output, held as latin1 (one char a byte) so a name's bytes survive to the end. */
class Reader {
  private at = 0;
  constructor(private readonly text: string) {}

  field(): string {
    const end = this.text.indexOf('\0', this.at);
    if (end < 0) throw new ManifestParseError('the walk output was cut short (a field without its NUL)');
    const value = this.text.slice(this.at, end);
    this.at = end + 1;
    return value;
  }

  /** The line "<pattern><name>\n" at the cursor; undefined (the cursor kept) when the next line is another name's. */
  line(pattern: RegExp, name: string): RegExpExecArray | undefined {
    pattern.lastIndex = this.at;
    const match = pattern.exec(this.text);
    if (!match) return undefined;
    const after = this.at + match[0].length;
    // GNU's sha256sum escapes a name holding a newline or a backslash and starts the line with "\"
    const shown = match[0].startsWith('\\') ? name.replaceAll('\\', '\\\\').replaceAll('\n', '\\n') : name;
    if (!this.text.startsWith(`${shown}\n`, after)) return undefined;
    this.at = after + shown.length + 1;
    return match;
  }

  /** The paths of the next batch, or undefined at the section's end. */
  batch(): string[] | undefined {
    const count = this.field();
    if (count === 'E') return undefined;
    if (!/^\d+$/.test(count)) throw new ManifestParseError(`the walk output has ${JSON.stringify(count.slice(0, 40))} where a count belongs`);
    return Array.from({ length: Number(count) }, () => this.field());
  }
}

const statLine = /([0-9a-f]+) (\d+) (\d+) (\d+) (\d+) (\d+) ([0-9a-f]+) ([0-9a-f]+) /y;
const hashLine = /\\?([0-9a-f]{64}) {2}/y;
const utf8 = (latin1: string) => Buffer.from(latin1, 'latin1').toString('utf8');

type Stat = Omit<ManifestEntry, 'path' | 'target' | 'sha256' | 'unreadable'>;

/** The walk script's stdout as entries, sorted by path. */
export function parseManifest(output: Buffer | string): ManifestEntry[] {
  const reader = new Reader((typeof output === 'string' ? Buffer.from(output, 'utf8') : output).toString('latin1'));
  const stats = new Map<string, Stat | undefined>();
  for (let paths = reader.batch(); paths; paths = reader.batch()) {
    for (const raw of paths) {
      const m = reader.line(statLine, raw);
      if (!m) {
        stats.set(raw, undefined);
        continue;
      }
      const rawMode = Number.parseInt(m[1]!, 16);
      const type = typeBits[rawMode & 0o170000] ?? 'unknown';
      stats.set(raw, {
        type, mode: rawMode & 0o7777, uid: Number(m[3]), gid: Number(m[4]), size: Number(m[2]), nlink: Number(m[5]), inode: Number(m[6]),
        ...(type === 'block' || type === 'char' ? { rdev: `${Number.parseInt(m[7]!, 16)}:${Number.parseInt(m[8]!, 16)}` } : {}),
      });
    }
  }
  const targets = new Map<string, string>();
  for (let raw = reader.field(); raw !== 'E'; raw = reader.field()) targets.set(raw, reader.field());
  const hashes = new Map<string, string>();
  for (let paths = reader.batch(); paths; paths = reader.batch()) {
    for (const raw of paths) {
      const m = reader.line(hashLine, raw);
      if (m) hashes.set(raw, m[1]!);
    }
  }
  // a walk that listed nothing did not run (a tool missing or failing at once): "identical" would be a lie
  if (!stats.has('.')) throw new ManifestParseError('the walk did not list the volume\'s root: it did not run (see the pod\'s image)');
  const entries: ManifestEntry[] = [];
  for (const [raw, stat] of stats) {
    const path = raw === '.' ? '.' : utf8(raw).replace(/^\.\//, '');
    if (!stat) {
      entries.push({ path, type: 'unknown', mode: 0, uid: -1, gid: -1, size: 0, nlink: 0, inode: 0, unreadable: 'stat' });
      continue;
    }
    const target = targets.get(raw);
    const hash = hashes.get(raw);
    entries.push({
      path, ...stat,
      ...(stat.type === 'symlink' ? (target === undefined || target === '!' ? { unreadable: 'target' as const } : { target: utf8(target) }) : {}),
      ...(stat.type === 'file' ? (hash ? { sha256: hash } : { unreadable: 'content' as const }) : {}),
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
