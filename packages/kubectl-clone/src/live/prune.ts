import { executePrune, planPrune } from '@kubectl-clone/core/clone';
import { ClusterClient, type DryRun } from '@kubectl-clone/core/cluster';
import { CliError, exitCodes } from '../errors.js';
import { connectionOptions, type ConnectionFlags } from '../connection-flags.js';
import { parseDuration } from '../durations.js';
import type { Terminal } from '../terminal.js';
import { toRow } from './list.js';

export interface PruneFlags extends ConnectionFlags {
  allNamespaces?: boolean;
  olderThan?: string;
  selector?: string;
  /** kubectl's --dry-run: none (default), client (list only), server (the apiserver checks each delete, nothing is deleted); bare --dry-run is client. */
  dryRun?: string | boolean;
  yes?: boolean;
  /** Also delete VolumeSnapshots kept with --keep-snapshot (kept otherwise). */
  includeKeptSnapshots?: boolean;
  /** Only clones whose TTL has run out. */
  expired?: boolean;
  /** Delete clones whose TTL has not run out too. */
  ignoreTtl?: boolean;
}

/**
 * Delete clones kubectl-clone made (by its label, never anything else), older than --older-than,
 * not mounted by a running pod. Asks first on a terminal; elsewhere needs --yes.
 */
export async function runPrune(flags: PruneFlags, terminal: Terminal): Promise<number> {
  const olderThanMs = flags.olderThan ? parseDuration(flags.olderThan, '--older-than') : 0;
  const dryRun = dryRunMode(flags.dryRun);
  const client = ClusterClient.connect(connectionOptions(flags));
  const namespace = flags.allNamespaces ? undefined : client.namespace;
  const now = new Date();
  const plan = await planPrune(client, {
    namespace, olderThanMs, ...(flags.selector ? { selector: flags.selector } : {}),
    includeKeptSnapshots: Boolean(flags.includeKeptSnapshots), expired: Boolean(flags.expired), ignoreTtl: Boolean(flags.ignoreTtl), now,
  });
  for (const line of plan.kept) terminal.stderr(`${line}\n`);
  if (plan.clones.length === 0 && plan.helpers.length === 0) {
    terminal.stdout(`nothing to prune${namespace ? ` in namespace ${namespace}` : ''}${flags.olderThan ? ` older than ${flags.olderThan}` : ''}\n`);
    return exitCodes.ok;
  }
  const listing = plan.clones.map((claim) => {
    const row = toRow(claim, now.getTime());
    return `  ${row.namespace}/${row.name}  (clone of ${row.source}, ${row.status}, ${row.size}, age ${row.age})\n`;
  }).join('') + plan.helpers.map((helper) => `  ${helper.kind}/${helper.name} (${helper.namespace})  (${helper.why})\n`).join('');
  const count = `${plan.clones.length} clone${plan.clones.length === 1 ? '' : 's'}${plan.helpers.length ? ` and ${plan.helpers.length} object${plan.helpers.length === 1 ? '' : 's'} made for clones` : ''}`;
  if (dryRun === 'client') {
    terminal.stdout(`would delete ${count} (dry run, nothing deleted):\n${listing}`);
    return exitCodes.ok;
  }
  if (!flags.yes && dryRun === 'none') {
    terminal.stderr(`about to delete ${count} (clones with their data):\n${listing}`);
    if (!(await terminal.confirm('delete them?'))) {
      throw new CliError(terminal.progressTTY ? 'nothing deleted' : 'nothing deleted: not a terminal, pass --yes to delete without asking');
    }
  }
  const result = await executePrune(client, plan, dryRun, terminal.signal, (text) => terminal.stdout(`${text}\n`));
  if (result.interrupted) {
    terminal.stderr(`interrupted: deleted ${result.deleted} of ${plan.clones.length + plan.helpers.length}; the rest are untouched\n`);
    return 130;
  }
  return exitCodes.ok;
}

function dryRunMode(value: string | boolean | undefined): DryRun | 'client' {
  if (value === undefined || value === false || value === 'none') return 'none';
  if (value === true || value === 'client') return 'client'; // kubectl: a bare --dry-run is client
  if (value === 'server') return 'server';
  throw new CliError(`invalid --dry-run "${value}": use none, client or server`);
}
