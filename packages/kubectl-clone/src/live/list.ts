import { annotations, expiryOf, formatExpiry, managedByLabel, managedByValue, renderYaml, timingsOf, type PersistentVolumeClaimObject, type PhaseTimings, sourceOf, formatAge } from '@kubectl-clone/core';
import { ClusterClient } from '@kubectl-clone/core/cluster';
import { exitCodes } from '../errors.js';
import { connectionOptions, type ConnectionFlags } from '../connection-flags.js';
import type { Terminal } from '../terminal.js';

export interface ListFlags extends ConnectionFlags {
  allNamespaces?: boolean;
  tree?: boolean;
  output?: string;
  selector?: string;
}

export interface CloneRow {
  readonly namespace: string;
  readonly name: string;
  /** namespace/name of the source */
  readonly source: string;
  readonly status: string;
  readonly size: string;
  readonly storageClass: string;
  readonly volume: string;
  readonly age: string;
  readonly managed: boolean;
  readonly createdAt: string;
  /** ISO time the clone's TTL runs out; "" without a TTL. */
  readonly expiresAt: string;
  /** "in 6d", "expired 2h ago", "-". */
  readonly expires: string;
  readonly strategy: string;
  readonly reason: string;
  readonly timings?: PhaseTimings;
}

export function toRow(claim: PersistentVolumeClaimObject, now: number): CloneRow {
  const created = claim.metadata?.creationTimestamp ? new Date(claim.metadata.creationTimestamp) : undefined;
  return {
    namespace: claim.metadata?.namespace ?? '',
    name: claim.metadata?.name ?? '',
    source: sourceOf(claim) ?? '',
    status: claim.metadata?.deletionTimestamp ? 'Terminating' : (claim.status?.phase ?? 'Pending'),
    size: String(claim.status?.capacity?.storage ?? claim.spec?.resources?.requests?.storage ?? ''),
    storageClass: claim.spec?.storageClassName ?? '',
    volume: claim.spec?.volumeName ?? '',
    age: created ? formatAge(now - created.getTime()) : '',
    managed: claim.metadata?.labels?.[managedByLabel] === managedByValue,
    createdAt: created?.toISOString() ?? '',
    expiresAt: expiryOf(claim)?.toISOString() ?? '',
    expires: formatExpiry(expiryOf(claim), new Date(now)),
    strategy: claim.metadata?.annotations?.[annotations.strategy] ?? '',
    reason: claim.metadata?.annotations?.[annotations.reason] ?? '',
    ...(timingsOf(claim) ? { timings: timingsOf(claim)! } : {}),
  };
}

/** Claims that are clones: ours (by label) and any whose data source is a claim. */
export async function runList(flags: ListFlags, terminal: Terminal): Promise<number> {
  const client = ClusterClient.connect(connectionOptions(flags));
  const namespace = flags.allNamespaces ? undefined : client.namespace;
  const claims = await client.listClaims(namespace, flags.selector);
  const now = Date.now();
  const clones = claims.filter((claim) => sourceOf(claim) !== undefined);
  const rows = clones.map((claim) => toRow(claim, now)).sort((a, b) => a.namespace.localeCompare(b.namespace) || a.source.localeCompare(b.source) || a.createdAt.localeCompare(b.createdAt));
  if (flags.output === 'json') terminal.stdout(`${JSON.stringify({ clones: rows }, null, 2)}\n`);
  else if (flags.output === 'yaml') terminal.stdout(renderYaml([{ clones: rows }]));
  else if (flags.output === 'name') terminal.stdout(rows.map((row) => `persistentvolumeclaim/${row.name}\n`).join(''));
  else if (flags.tree) terminal.stdout(tree(rows, claims.map((claim) => toRow(claim, now)), Boolean(flags.allNamespaces)));
  else terminal.stdout(table(rows, Boolean(flags.allNamespaces), flags.output === 'wide', namespace));
  return exitCodes.ok;
}

function table(rows: readonly CloneRow[], withNamespace: boolean, wide: boolean, namespace: string | undefined): string {
  if (rows.length === 0) return `no clones found${namespace ? ` in namespace ${namespace}` : ''}\n`;
  const header = [...(withNamespace ? ['NAMESPACE'] : []), 'NAME', 'SOURCE', 'STATUS', 'SIZE', 'CLASS', 'AGE', 'EXPIRES', ...(wide ? ['VOLUME', 'MANAGED', 'STRATEGY'] : [])];
  const cells = rows.map((row) => [
    ...(withNamespace ? [row.namespace] : []), row.name, row.source, row.status, row.size, row.storageClass, row.age, row.expires,
    ...(wide ? [row.volume, row.managed ? 'kubectl-clone' : '-', row.strategy ? `${row.strategy} (${row.reason})` : '-'] : []),
  ]);
  const widths = header.map((title, i) => Math.max(title.length, ...cells.map((cell) => cell[i]!.length)));
  return [header, ...cells].map((line) => line.map((cell, i) => (i === line.length - 1 ? cell : cell.padEnd(widths[i]!))).join('   ')).join('\n') + '\n';
}

/** Lineage: each source with its clones below it, clones of clones further in. */
function tree(clones: readonly CloneRow[], all: readonly CloneRow[], withNamespace: boolean): string {
  const children = new Map<string, CloneRow[]>();
  for (const row of clones) children.set(row.source, [...(children.get(row.source) ?? []), row]);
  const key = (row: CloneRow) => `${row.namespace}/${row.name}`;
  const cloneKeys = new Set(clones.map(key));
  const roots = [...children.keys()].filter((source) => !cloneKeys.has(source)).sort();
  const byKey = new Map(all.map((row) => [key(row), row]));
  const lines: string[] = [];
  const label = (row: CloneRow | undefined, fallback: string) =>
    row ? `${withNamespace ? key(row) : row.name}  ${row.status}  ${row.size}  ${row.storageClass}  ${row.age}` : `${fallback}  (not found)`;
  const walk = (source: string, prefix: string) => {
    const kids = children.get(source) ?? [];
    kids.forEach((kid, i) => {
      const last = i === kids.length - 1;
      lines.push(`${prefix}${last ? '└── ' : '├── '}${label(kid, key(kid))}`);
      walk(key(kid), prefix + (last ? '    ' : '│   '));
    });
  };
  for (const root of roots) {
    lines.push(label(byKey.get(root), root));
    walk(root, '');
  }
  return lines.length ? `${lines.join('\n')}\n` : 'no clones found\n';
}
