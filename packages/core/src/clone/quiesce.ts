import type { ClusterClient } from '../cluster/client.js';
import { QuiesceError, restorePatch, resumeCommand, scaleDownPatch, shortRef, type ScalableKind } from '../quiesce.js';
import type { WorkloadObject } from '../workload.js';

/** A quiesce that could not start or finish: `message` says what was (not) changed. */
export class QuiesceStop extends Error {
  constructor(message: string, readonly interrupted = false) {
    super(message);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Scale the writers to 0, wait until no pod mounts the claims, and return the undo. The count is
 * written on each workload before it is scaled, and the resume command said first: a run killed at
 * any point after this leaves a workload `kubectl clone resume` can restore.
 */
export async function quiesceWriters(
  client: ClusterClient, workloads: readonly WorkloadObject[], claims: readonly string[], namespace: string,
  say: (text: string) => void, timeoutMs: number, signal: AbortSignal,
): Promise<() => Promise<void>> {
  const scaled: WorkloadObject[] = [];
  const restore = async () => {
    for (const workload of scaled) await resumeWriter(client, workload, say);
  };
  try {
    for (const workload of workloads) {
      let patch;
      try {
        patch = scaleDownPatch(workload, new Date());
      } catch (error) {
        if (error instanceof QuiesceError) throw new QuiesceStop(error.message);
        throw error;
      }
      say(`quiesce: scaling ${shortRef(workload)} from ${patch.metadata.annotations['kubectl-clone.io/quiesced-replicas']} to 0 replicas; if this run is interrupted, restore it with: ${resumeCommand(workload)}`);
      await client.patchScalable(workload.kind as ScalableKind, namespace, workload.metadata?.name ?? '', patch);
      scaled.push(workload);
    }
    // Pods have no field selector for volumes: list the namespace's pods until none mounts a claim.
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const holding = (await client.listPods(namespace)).filter((pod) =>
        !['Succeeded', 'Failed'].includes(pod.status?.phase ?? '') &&
        (pod.spec?.volumes ?? []).some((volume) => claims.includes(volume.persistentVolumeClaim?.claimName ?? '')));
      if (signal.aborted) throw new QuiesceStop('interrupted while the writers were being stopped; nothing was cloned', true);
      if (holding.length === 0) break;
      if (Date.now() > deadline) throw new QuiesceStop(`quiesce: pods ${holding.map((pod) => pod.metadata?.name).join(', ')} still mount ${claims.join(', ')} after scaling to 0; nothing was cloned`);
      await sleep(500);
    }
    if (scaled.length) say(`quiesce: no pod mounts ${claims.join(', ')}`);
  } catch (error) {
    await restore();
    throw error;
  }
  return restore;
}

/** Scale a workload back to the count its annotation kept, and drop the annotation. */
export async function resumeWriter(client: ClusterClient, workload: WorkloadObject, say: (text: string) => void): Promise<void> {
  const namespace = workload.metadata?.namespace ?? client.namespace;
  const name = workload.metadata?.name ?? '';
  const current = await client.readWorkload(workload.kind as ScalableKind, namespace, name);
  if (!current) throw new QuiesceStop(`${workload.kind?.toLowerCase()} ${namespace}/${name} is gone: nothing to restore`);
  let patch;
  try {
    patch = restorePatch(current);
  } catch (error) {
    if (error instanceof QuiesceError) throw new QuiesceStop(error.message);
    throw error;
  }
  await client.patchScalable(workload.kind as ScalableKind, namespace, name, patch);
  say(`quiesce: ${shortRef(current)} restored to ${patch.spec.replicas} replica${patch.spec.replicas === 1 ? '' : 's'}`);
}
