import type { ClusterClient, DryRun, HelperObject } from '../cluster/client.js';
import { ClusterError } from '../cluster/errors.js';
import type { PersistentVolumeClaimObject, PodObject } from '../facts.js';
import { helperLabel } from '../cluster/pods.js';
import { annotations, managedByLabel, managedByValue } from '../generate.js';
import { expiryOf, formatExpiry, isExpired } from '../lifecycle.js';

/** What to prune: clones kubectl-clone made (by its label), and what was made for them. */
export interface PruneRequest {
  /** undefined: every namespace. */
  readonly namespace: string | undefined;
  /** Only clones at least this old. */
  readonly olderThanMs: number;
  /** A label selector the clones must also match (kubectl's -l). */
  readonly selector?: string;
  /** Also delete VolumeSnapshots kept with --keep-snapshot (kept otherwise). */
  readonly includeKeptSnapshots: boolean;
  /** Only clones whose TTL has run out. */
  readonly expired: boolean;
  /** Delete clones whose TTL has not run out too. */
  readonly ignoreTtl: boolean;
  readonly now: Date;
}

/** A ReferenceGrant or temporary VolumeSnapshot made for a clone that no longer needs it. */
export interface PruneHelper {
  readonly kind: 'referencegrant' | 'volumesnapshot' | 'pod';
  readonly namespace: string;
  readonly name: string;
  /** "made for clone shop/copy, which is Bound" */
  readonly why: string;
}

export interface PrunePlan {
  readonly clones: readonly PersistentVolumeClaimObject[];
  readonly helpers: readonly PruneHelper[];
  /** Why each object that matched is kept (a TTL not run out, a pod mounting it, --keep-snapshot). */
  readonly kept: readonly string[];
}

/**
 * The decisions of `prune`, reads only: clones older than asked, not kept by their TTL, not
 * mounted by a running pod; and the grants and temporary snapshots made for clones that are Bound,
 * gone or pruned now (a grant is checked only while provisioning). Objects others made are never
 * selected: everything carries kubectl-clone's label and, for helpers, the clone it was made for.
 */
export async function planPrune(client: ClusterClient, request: PruneRequest): Promise<PrunePlan> {
  const now = request.now.getTime();
  const selector = [`${managedByLabel}=${managedByValue}`, ...(request.selector ? [request.selector] : [])].join(',');
  const claims = await client.listClaims(request.namespace, selector);
  const kept: string[] = [];
  const aged = claims.filter((claim) => {
    const created = Date.parse(claim.metadata?.creationTimestamp ?? '');
    return !claim.metadata?.deletionTimestamp && Number.isFinite(created) && now - created >= request.olderThanMs;
  });
  // A TTL is the owner's word on how long the clone is needed: kept until it runs out.
  const living = aged.filter((claim) => !request.ignoreTtl && expiryOf(claim) !== undefined && !isExpired(claim, request.now));
  for (const claim of living) {
    kept.push(`keeping ${claim.metadata?.namespace}/${claim.metadata?.name}: its TTL (${claim.metadata?.annotations?.[annotations.ttl] ?? '?'}) runs out ${formatExpiry(expiryOf(claim), request.now)} (--ignore-ttl deletes it anyway)`);
  }
  const candidates = aged.filter((claim) => !living.includes(claim) && (!request.expired || isExpired(claim, request.now)));
  const namespaces = [...new Set(candidates.map((claim) => claim.metadata?.namespace ?? ''))];
  const pods = (await Promise.all(namespaces.map((ns) => client.listPods(ns)))).flat();
  const inUse = new Set(
    pods.filter((pod) => ['Running', 'Pending', 'Unknown'].includes(pod.status?.phase ?? 'Pending'))
      .flatMap((pod) => (pod.spec?.volumes ?? []).map((volume) => `${pod.metadata?.namespace}/${volume.persistentVolumeClaim?.claimName}`)),
  );
  const clones = candidates.filter((claim) => !inUse.has(`${claim.metadata?.namespace}/${claim.metadata?.name}`));
  for (const claim of candidates) {
    if (!clones.includes(claim)) kept.push(`keeping ${claim.metadata?.namespace}/${claim.metadata?.name}: a running pod mounts it`);
  }
  const helpers = await unneededHelpers(client, request, clones, kept);
  return { clones, helpers, kept };
}

async function unneededHelpers(client: ClusterClient, request: PruneRequest, doomed: readonly PersistentVolumeClaimObject[], kept: string[]): Promise<PruneHelper[]> {
  const selector = `${managedByLabel}=${managedByValue}`;
  // one who may delete claims but not read grants or snapshots still prunes claims
  const readable = (error: unknown): HelperObject[] => {
    if (error instanceof ClusterError && error.status === 403) return [];
    throw error;
  };
  const [grants, snapshots] = await Promise.all([
    client.listHelpers('referencegrants', request.namespace, selector).catch(readable),
    client.listHelpers('volumesnapshots', request.namespace, selector).catch(readable),
  ]);
  const pruned = new Set(doomed.map((claim) => `${claim.metadata?.namespace}/${claim.metadata?.name}`));
  const helpers: PruneHelper[] = [];
  const consider = async (object: HelperObject, kind: PruneHelper['kind']) => {
    const madeFor = object.metadata?.annotations?.[annotations.madeFor];
    if (!madeFor || object.metadata?.deletionTimestamp) return;
    const [cloneNamespace = '', cloneName = ''] = madeFor.split('/');
    const clone = pruned.has(madeFor) ? undefined : await client.readClaim(cloneNamespace, cloneName);
    // a restore not yet Bound (WaitForFirstConsumer, still provisioning) still needs its snapshot
    const state = pruned.has(madeFor) ? 'being pruned' : !clone ? 'gone' : clone.status?.phase === 'Bound' ? 'Bound' : undefined;
    if (!state) return;
    const namespace = object.metadata?.namespace ?? '';
    const name = object.metadata?.name ?? '';
    // kept means kept until the user asks, whatever happens to its clone
    if (kind === 'volumesnapshot' && object.metadata?.annotations?.[annotations.keep] === 'true' && !request.includeKeptSnapshots) {
      kept.push(`keeping volumesnapshot/${name} (${namespace}): made with --keep-snapshot (--include-kept-snapshots deletes it)`);
      return;
    }
    helpers.push({ kind, namespace, name, why: `made for clone ${madeFor}, which is ${state}` });
  };
  for (const grant of grants) await consider(grant, 'referencegrant');
  for (const snapshot of snapshots) await consider(snapshot, 'volumesnapshot');
  return [...helpers, ...await finishedHelperPods(client, request, kept)];
}

/**
 * Copy and verify pods left behind (a second Ctrl-C, a killed terminal): they sleep a day and then
 * end. A pod that has ended runs no copy any more, so it goes; one still running may be doing its
 * work for a command that is alive, so it stays (and is named) until it ends.
 */
async function finishedHelperPods(client: ClusterClient, request: PruneRequest, kept: string[]): Promise<PruneHelper[]> {
  const pods = await client.listPodsBySelector(request.namespace, `${managedByLabel}=${managedByValue},${helperLabel}`).catch((error: unknown): PodObject[] => {
    if (error instanceof ClusterError && error.status === 403) return [];
    throw error;
  });
  const ended = (pod: PodObject) => ['Succeeded', 'Failed'].includes(pod.status?.phase ?? '');
  for (const pod of pods.filter((p) => !ended(p) && !p.metadata?.deletionTimestamp)) {
    kept.push(`keeping pod/${pod.metadata?.name} (${pod.metadata?.namespace}): a ${pod.metadata?.labels?.[helperLabel] ?? 'helper'} pod still running (a command may be using it; it ends by itself within a day)`);
  }
  return pods
    .filter((pod) => ended(pod) && !pod.metadata?.deletionTimestamp)
    .map((pod) => ({
      kind: 'pod' as const, namespace: pod.metadata?.namespace ?? '', name: pod.metadata?.name ?? '',
      why: `a ${pod.metadata?.labels?.[helperLabel] ?? 'helper'} pod made for clone ${pod.metadata?.annotations?.[annotations.madeFor] ?? '?'}, which has ended`,
    }));
}

/**
 * The deletes of a prune plan, clones first, then what was made for them; `server` asks the
 * apiserver to check each one and deletes nothing. Stops between deletes when `signal` aborts.
 */
export async function executePrune(
  client: ClusterClient, plan: PrunePlan, dryRun: DryRun, signal: AbortSignal, say: (text: string) => void,
): Promise<{ readonly deleted: number; readonly interrupted: boolean }> {
  const suffix = dryRun === 'server' ? ' (server dry run)' : '';
  let deleted = 0;
  for (const claim of plan.clones) {
    if (signal.aborted) return { deleted, interrupted: true };
    await client.deleteClaim(claim.metadata?.namespace ?? '', claim.metadata?.name ?? '', dryRun);
    deleted++;
    say(`persistentvolumeclaim/${claim.metadata?.name} deleted (${claim.metadata?.namespace})${suffix}`);
  }
  for (const helper of plan.helpers) {
    if (signal.aborted) return { deleted, interrupted: true };
    await (helper.kind === 'referencegrant'
      ? client.deleteReferenceGrant(helper.namespace, helper.name, dryRun)
      : helper.kind === 'pod'
        ? client.deletePod(helper.namespace, helper.name, dryRun)
        : client.deleteVolumeSnapshot(helper.namespace, helper.name, dryRun));
    deleted++;
    say(`${helper.kind}/${helper.name} (${helper.namespace}) deleted${suffix}`);
  }
  return { deleted, interrupted: false };
}
