import { annotations, expiryOf, formatExpiry, isExpired, managedByLabel, managedByValue, type PersistentVolumeClaimObject } from '@kubectl-clone/core';
import { ClusterClient, ClusterError, type DryRun, type HelperObject } from '@kubectl-clone/core/cluster';
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
  const selector = [`${managedByLabel}=${managedByValue}`, ...(flags.selector ? [flags.selector] : [])].join(',');
  const claims = await client.listClaims(namespace, selector);
  const now = Date.now();
  const aged = claims.filter((claim) => {
    const created = Date.parse(claim.metadata?.creationTimestamp ?? '');
    return !claim.metadata?.deletionTimestamp && Number.isFinite(created) && now - created >= olderThanMs;
  });
  // A TTL is the owner's word on how long the clone is needed: kept until it runs out.
  const living = aged.filter((claim) => !flags.ignoreTtl && expiryOf(claim) !== undefined && !isExpired(claim, new Date(now)));
  for (const claim of living) {
    terminal.stderr(`keeping ${claim.metadata?.namespace}/${claim.metadata?.name}: its TTL (${claim.metadata?.annotations?.[annotations.ttl] ?? '?'}) runs out ${formatExpiry(expiryOf(claim), new Date(now))} (--ignore-ttl deletes it anyway)\n`);
  }
  const candidates = aged.filter((claim) => !living.includes(claim) && (!flags.expired || isExpired(claim, new Date(now))));
  const namespaces = [...new Set(candidates.map((claim) => claim.metadata?.namespace ?? ''))];
  const pods = (await Promise.all(namespaces.map((ns) => client.listPods(ns)))).flat();
  const inUse = new Set(
    pods.filter((pod) => ['Running', 'Pending', 'Unknown'].includes(pod.status?.phase ?? 'Pending'))
      .flatMap((pod) => (pod.spec?.volumes ?? []).map((volume) => `${pod.metadata?.namespace}/${volume.persistentVolumeClaim?.claimName}`)),
  );
  const skipped = candidates.filter((claim) => inUse.has(`${claim.metadata?.namespace}/${claim.metadata?.name}`));
  const doomed = candidates.filter((claim) => !skipped.includes(claim));
  for (const claim of skipped) terminal.stderr(`keeping ${claim.metadata?.namespace}/${claim.metadata?.name}: a running pod mounts it\n`);
  const helpers = await unneededHelpers(client, namespace, doomed, Boolean(flags.includeKeptSnapshots), terminal);
  if (doomed.length === 0 && helpers.length === 0) {
    terminal.stdout(`nothing to prune${namespace ? ` in namespace ${namespace}` : ''}${flags.olderThan ? ` older than ${flags.olderThan}` : ''}\n`);
    return exitCodes.ok;
  }
  const listing = doomed.map((claim) => {
    const row = toRow(claim, now);
    return `  ${row.namespace}/${row.name}  (clone of ${row.source}, ${row.status}, ${row.size}, age ${row.age})\n`;
  }).join('') + helpers.map((helper) => `  ${helper.what}  (${helper.why})\n`).join('');
  const count = `${doomed.length} clone${doomed.length === 1 ? '' : 's'}${helpers.length ? ` and ${helpers.length} object${helpers.length === 1 ? '' : 's'} made for clones` : ''}`;
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
  let deleted = 0;
  for (const claim of doomed) {
    if (terminal.signal.aborted) {
      terminal.stderr(`interrupted: deleted ${deleted} of ${doomed.length}; the rest are untouched\n`);
      return 130;
    }
    await client.deleteClaim(claim.metadata?.namespace ?? '', claim.metadata?.name ?? '', dryRun);
    deleted++;
    terminal.stdout(`persistentvolumeclaim/${claim.metadata?.name} deleted (${claim.metadata?.namespace})${dryRun === 'server' ? ' (server dry run)' : ''}\n`);
  }
  for (const helper of helpers) {
    await helper.remove(dryRun);
    terminal.stdout(`${helper.what} deleted${dryRun === 'server' ? ' (server dry run)' : ''}\n`);
  }
  return exitCodes.ok;
}

interface Helper {
  readonly what: string;
  readonly why: string;
  remove(dryRun: DryRun): Promise<unknown>;
}

/**
 * ReferenceGrants and temporary VolumeSnapshots kubectl-clone made for a clone, once that clone
 * no longer needs them: it is Bound (external-provisioner checks the grant only while
 * provisioning), gone, or about to be pruned. Grants made by others are never touched.
 */
async function unneededHelpers(client: ClusterClient, namespace: string | undefined, doomed: readonly PersistentVolumeClaimObject[], includeKept: boolean, terminal: Terminal): Promise<Helper[]> {
  const selector = `${managedByLabel}=${managedByValue}`;
  // one who may delete claims but not read grants or snapshots still prunes claims
  const readable = (error: unknown): HelperObject[] => {
    if (error instanceof ClusterError && error.status === 403) return [];
    throw error;
  };
  const [grants, snapshots] = await Promise.all([
    client.listHelpers('referencegrants', namespace, selector).catch(readable),
    client.listHelpers('volumesnapshots', namespace, selector).catch(readable),
  ]);
  const pruned = new Set(doomed.map((claim) => `${claim.metadata?.namespace}/${claim.metadata?.name}`));
  const helpers: Helper[] = [];
  const consider = async (object: HelperObject, kind: 'referencegrant' | 'volumesnapshot') => {
    const madeFor = object.metadata?.annotations?.[annotations.madeFor];
    if (!madeFor || object.metadata?.deletionTimestamp) return;
    const [cloneNamespace = '', cloneName = ''] = madeFor.split('/');
    const clone = pruned.has(madeFor) ? undefined : await client.readClaim(cloneNamespace, cloneName);
    const state = pruned.has(madeFor) ? 'being pruned' : !clone ? 'gone' : clone.status?.phase === 'Bound' ? 'Bound' : undefined;
    if (!state) return;
    const ns = object.metadata?.namespace ?? '';
    const name = object.metadata?.name ?? '';
    // kept means kept until the user asks, whatever happens to its clone
    if (kind === 'volumesnapshot' && object.metadata?.annotations?.[annotations.keep] === 'true' && !includeKept) {
      terminal.stderr(`keeping volumesnapshot/${name} (${ns}): made with --keep-snapshot (--include-kept-snapshots deletes it)\n`);
      return;
    }
    helpers.push({
      what: `${kind}/${name} (${ns})`,
      why: `made for clone ${madeFor}, which is ${state}`,
      remove: (dryRun) => (kind === 'referencegrant' ? client.deleteReferenceGrant(ns, name, dryRun) : client.deleteVolumeSnapshot(ns, name, dryRun)),
    });
  };
  for (const grant of grants) await consider(grant, 'referencegrant');
  for (const snapshot of snapshots) await consider(snapshot, 'volumesnapshot');
  return helpers;
}

function dryRunMode(value: string | boolean | undefined): DryRun | 'client' {
  if (value === undefined || value === false || value === 'none') return 'none';
  if (value === true || value === 'client') return 'client'; // kubectl: a bare --dry-run is client
  if (value === 'server') return 'server';
  throw new CliError(`invalid --dry-run "${value}": use none, client or server`);
}
