import { managedByLabel, managedByValue } from '@kubectl-clone/core';
import { ClusterClient } from '@kubectl-clone/core/cluster';
import { CliError, exitCodes } from '../errors.js';
import { connectionOptions, type ConnectionFlags } from '../connection-flags.js';
import { parseDuration } from '../durations.js';
import type { Terminal } from '../terminal.js';
import { toRow } from './list.js';

export interface PruneFlags extends ConnectionFlags {
  allNamespaces?: boolean;
  olderThan?: string;
  selector?: string;
  dryRun?: boolean;
  yes?: boolean;
}

/**
 * Delete clones kubectl-clone made (by its label, never anything else), older than --older-than,
 * not mounted by a running pod. Asks first on a terminal; elsewhere needs --yes.
 */
export async function runPrune(flags: PruneFlags, terminal: Terminal): Promise<number> {
  const olderThanMs = flags.olderThan ? parseDuration(flags.olderThan, '--older-than') : 0;
  const client = ClusterClient.connect(connectionOptions(flags));
  const namespace = flags.allNamespaces ? undefined : client.namespace;
  const selector = [`${managedByLabel}=${managedByValue}`, ...(flags.selector ? [flags.selector] : [])].join(',');
  const claims = await client.listClaims(namespace, selector);
  const now = Date.now();
  const candidates = claims.filter((claim) => {
    const created = Date.parse(claim.metadata?.creationTimestamp ?? '');
    return !claim.metadata?.deletionTimestamp && Number.isFinite(created) && now - created >= olderThanMs;
  });
  const namespaces = [...new Set(candidates.map((claim) => claim.metadata?.namespace ?? ''))];
  const pods = (await Promise.all(namespaces.map((ns) => client.listPods(ns)))).flat();
  const inUse = new Set(
    pods.filter((pod) => ['Running', 'Pending', 'Unknown'].includes(pod.status?.phase ?? 'Pending'))
      .flatMap((pod) => (pod.spec?.volumes ?? []).map((volume) => `${pod.metadata?.namespace}/${volume.persistentVolumeClaim?.claimName}`)),
  );
  const skipped = candidates.filter((claim) => inUse.has(`${claim.metadata?.namespace}/${claim.metadata?.name}`));
  const doomed = candidates.filter((claim) => !skipped.includes(claim));
  for (const claim of skipped) terminal.stderr(`keeping ${claim.metadata?.namespace}/${claim.metadata?.name}: a running pod mounts it\n`);
  if (doomed.length === 0) {
    terminal.stdout(`nothing to prune${namespace ? ` in namespace ${namespace}` : ''}${flags.olderThan ? ` older than ${flags.olderThan}` : ''}\n`);
    return exitCodes.ok;
  }
  const listing = doomed.map((claim) => {
    const row = toRow(claim, now);
    return `  ${row.namespace}/${row.name}  (clone of ${row.source}, ${row.status}, ${row.size}, age ${row.age})\n`;
  }).join('');
  if (flags.dryRun) {
    terminal.stdout(`would delete ${doomed.length} clone${doomed.length === 1 ? '' : 's'} (dry run, nothing deleted):\n${listing}`);
    return exitCodes.ok;
  }
  if (!flags.yes) {
    terminal.stderr(`about to delete ${doomed.length} clone${doomed.length === 1 ? '' : 's'} and their data:\n${listing}`);
    if (!(await terminal.confirm('delete them?'))) {
      throw new CliError(terminal.progressTTY ? 'nothing deleted' : 'nothing deleted: not a terminal, pass --yes to delete without asking');
    }
  }
  let deleted = 0;
  for (const claim of doomed) {
    if (terminal.signal.aborted) {
      terminal.stderr(`interrupted: deleted ${deleted} of ${doomed.length}; the rest are untouched\n`);
      return 130;
    }
    await client.deleteClaim(claim.metadata?.namespace ?? '', claim.metadata?.name ?? '');
    deleted++;
    terminal.stdout(`persistentvolumeclaim/${claim.metadata?.name} deleted (${claim.metadata?.namespace})\n`);
  }
  return exitCodes.ok;
}
