import type { ManifestEntry } from './manifest.js';

/** What differs about one path; `source` and `clone` say it in words ("0644", "a.txt", "missing"). */
export interface Difference {
  readonly path: string;
  readonly what: 'missing in clone' | 'only in clone' | 'type' | 'mode' | 'owner' | 'size' | 'content' | 'link target' | 'device' | 'hard links' | 'unreadable';
  readonly source: string;
  readonly clone: string;
}

export interface Comparison {
  readonly identical: boolean;
  /** Regular files of the source, and their bytes: what "identical (N files, X bytes)" counts. */
  readonly files: number;
  readonly bytes: number;
  /** Every entry compared (directories, links and the rest too). */
  readonly entries: number;
  readonly differences: readonly Difference[];
}

const octal = (mode: number) => mode.toString(8).padStart(4, '0');

/**
 * Hard links as a name: the first path (in sort order) of the entries sharing this one's inode.
 * Inode numbers differ between volumes, the grouping must not.
 */
function linkGroups(entries: readonly ManifestEntry[]): Map<string, string> {
  const first = new Map<number, string>();
  const group = new Map<string, string>();
  for (const entry of entries) {
    if (entry.type === 'dir' || entry.nlink < 2) continue;
    const lead = first.get(entry.inode) ?? entry.path;
    first.set(entry.inode, lead);
    if (lead !== entry.path) group.set(entry.path, lead);
  }
  return group;
}

/**
 * Compare two trees, both sorted by path (as parseManifest returns them). Directories' sizes are
 * not compared (they depend on the filesystem, not the data); times are not compared either (a
 * copy may not keep access times, and the issue asks for sizes, modes, links and contents).
 */
export function compareManifests(source: readonly ManifestEntry[], clone: readonly ManifestEntry[]): Comparison {
  const differences: Difference[] = [];
  const cloneByPath = new Map(clone.map((entry) => [entry.path, entry]));
  const sourcePaths = new Set(source.map((entry) => entry.path));
  const sourceLinks = linkGroups(source);
  const cloneLinks = linkGroups(clone);
  let files = 0;
  let bytes = 0;
  for (const s of source) {
    if (s.type === 'file') {
      files++;
      bytes += s.size;
    }
    const c = cloneByPath.get(s.path);
    if (!c) {
      differences.push({ path: s.path, what: 'missing in clone', source: s.type, clone: 'missing' });
      continue;
    }
    if (s.unreadable || c.unreadable) {
      differences.push({ path: s.path, what: 'unreadable', source: s.unreadable ? `${s.unreadable} unreadable` : 'read', clone: c.unreadable ? `${c.unreadable} unreadable` : 'read' });
      continue;
    }
    if (s.type !== c.type) {
      differences.push({ path: s.path, what: 'type', source: s.type, clone: c.type });
      continue;
    }
    if (s.mode !== c.mode) differences.push({ path: s.path, what: 'mode', source: octal(s.mode), clone: octal(c.mode) });
    if (s.uid !== c.uid || s.gid !== c.gid) differences.push({ path: s.path, what: 'owner', source: `${s.uid}:${s.gid}`, clone: `${c.uid}:${c.gid}` });
    if (s.type === 'file' && s.size !== c.size) differences.push({ path: s.path, what: 'size', source: String(s.size), clone: String(c.size) });
    if (s.type === 'file' && s.sha256 !== c.sha256) differences.push({ path: s.path, what: 'content', source: `sha256 ${s.sha256?.slice(0, 12)}`, clone: `sha256 ${c.sha256?.slice(0, 12)}` });
    if (s.type === 'symlink' && s.target !== c.target) differences.push({ path: s.path, what: 'link target', source: s.target ?? '', clone: c.target ?? '' });
    if (s.rdev !== c.rdev) differences.push({ path: s.path, what: 'device', source: s.rdev ?? '', clone: c.rdev ?? '' });
    const sl = sourceLinks.get(s.path);
    const cl = cloneLinks.get(s.path);
    if (sl !== cl) differences.push({ path: s.path, what: 'hard links', source: sl ? `linked to ${sl}` : 'not linked', clone: cl ? `linked to ${cl}` : 'not linked' });
  }
  for (const c of clone) {
    if (!sourcePaths.has(c.path)) differences.push({ path: c.path, what: 'only in clone', source: 'missing', clone: c.type });
  }
  differences.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { identical: differences.length === 0, files, bytes, entries: source.length, differences };
}

/** Two devices: equal when the clone's first (source size) bytes hash alike; a smaller clone differs. */
export function compareDevices(source: { size: number; sha256: string }, clone: { size: number; sha256: string }): Comparison {
  const differences: Difference[] = [];
  if (clone.size < source.size) differences.push({ path: '(device)', what: 'size', source: String(source.size), clone: String(clone.size) });
  else if (source.sha256 !== clone.sha256) differences.push({ path: '(device)', what: 'content', source: `sha256 ${source.sha256.slice(0, 12)}`, clone: `sha256 ${clone.sha256.slice(0, 12)}` });
  return { identical: differences.length === 0, files: 1, bytes: source.size, entries: 1, differences };
}
