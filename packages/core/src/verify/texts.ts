import type { Comparison, Difference } from './compare.js';

/** What was compared, as "identical (…)" says it: "3 files, 14 bytes" or "1 device, 4194304 bytes". */
export function countedText(outcome: Comparison & { readonly volumeMode: 'Filesystem' | 'Block' }): string {
  return outcome.volumeMode === 'Block' ? `1 device, ${outcome.bytes} bytes` : `${outcome.files} file${outcome.files === 1 ? '' : 's'}, ${outcome.bytes} bytes`;
}

/** "content (source sha256 …, clone sha256 …)"; a path on one side only says just that. */
export function differenceText(d: Difference): string {
  return d.what === 'missing in clone' || d.what === 'only in clone' ? d.what : `${d.what} (source ${d.source}, clone ${d.clone})`;
}

/** A path on one line: a newline or a quote in a name is shown escaped, as JSON would. */
export function pathText(path: string): string {
  return JSON.stringify(path).slice(1, -1);
}

/** The differences grouped by path, in path order: "a.txt: content (…), mode (…)". */
export function differencesByPath(differences: readonly Difference[]): string[] {
  const paths = new Map<string, Difference[]>();
  for (const d of differences) paths.set(d.path, [...(paths.get(d.path) ?? []), d]);
  return [...paths].map(([path, list]) => `${pathText(path)}: ${list.map(differenceText).join(', ')}`);
}

/** "2 differences in 2 paths" */
export function differenceCount(differences: readonly Difference[]): string {
  const paths = new Set(differences.map((d) => d.path)).size;
  return `${differences.length} difference${differences.length === 1 ? '' : 's'} in ${paths} path${paths === 1 ? '' : 's'}`;
}

/** The warning a source in use gets, with the pod's name. */
export function inUseText(pod: string): string {
  return `source is in use by pod ${pod}: differences may be writes after the clone`;
}
