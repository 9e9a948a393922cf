import { QuiesceError, restorePatch, resumeCommand, scaleDownPatch, shortRef, type ScalableKind, type WorkloadObject } from '@kubectl-clone/core';
import type { ClusterClient } from '@kubectl-clone/core/cluster';
import { CliError } from '../errors.js';
import type { Terminal } from '../terminal.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Scale the writers to 0, wait until no pod mounts the claims, and return the undo. The count
 * is written on each workload before it is scaled, and the resume command printed first: a run
 * killed at any point after this leaves a workload `kubectl clone resume` can restore.
 */
export async function quiesce(client: ClusterClient, workloads: readonly WorkloadObject[], claims: readonly string[], namespace: string, terminal: Terminal, timeoutMs: number): Promise<() => Promise<void>> {
  const scaled: WorkloadObject[] = [];
  const restore = async () => {
    for (const workload of scaled) await resume(client, workload, terminal);
  };
  try {
    for (const workload of workloads) {
      let patch;
      try {
        patch = scaleDownPatch(workload, new Date());
      } catch (error) {
        if (error instanceof QuiesceError) throw new CliError(error.message, 1);
        throw error;
      }
      terminal.stderr(`quiesce: scaling ${shortRef(workload)} from ${patch.metadata.annotations['kubectl-clone.io/quiesced-replicas']} to 0 replicas; if this run is interrupted, restore it with: ${resumeCommand(workload)}\n`);
      await client.patchScalable(workload.kind as ScalableKind, namespace, workload.metadata?.name ?? '', patch);
      scaled.push(workload);
    }
    // Pods have no field selector for volumes: list the namespace's pods until none mounts a claim.
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const holding = (await client.listPods(namespace)).filter((pod) =>
        !['Succeeded', 'Failed'].includes(pod.status?.phase ?? '') &&
        (pod.spec?.volumes ?? []).some((volume) => claims.includes(volume.persistentVolumeClaim?.claimName ?? '')));
      if (holding.length === 0) break;
      if (Date.now() > deadline) throw new CliError(`quiesce: pods ${holding.map((pod) => pod.metadata?.name).join(', ')} still mount ${claims.join(', ')} after scaling to 0; nothing was cloned`, 1);
      if (terminal.signal.aborted) throw new CliError('interrupted while waiting for the pods to stop; nothing was cloned', 130);
      await sleep(500);
    }
    terminal.stderr(`quiesce: no pod mounts ${claims.join(', ')}\n`);
  } catch (error) {
    await restore();
    throw error;
  }
  return restore;
}

/** Scale a workload back to the count its annotation kept, and drop the annotation. */
export async function resume(client: ClusterClient, workload: WorkloadObject, terminal: Terminal): Promise<void> {
  const namespace = workload.metadata?.namespace ?? client.namespace;
  const name = workload.metadata?.name ?? '';
  const current = await client.readWorkload(workload.kind as ScalableKind, namespace, name);
  if (!current) throw new CliError(`${workload.kind?.toLowerCase()} ${namespace}/${name} is gone: nothing to restore`);
  let patch;
  try {
    patch = restorePatch(current);
  } catch (error) {
    if (error instanceof QuiesceError) throw new CliError(error.message, 1);
    throw error;
  }
  await client.patchScalable(workload.kind as ScalableKind, namespace, name, patch);
  terminal.stderr(`quiesce: ${shortRef(current)} restored to ${patch.spec.replicas} replica${patch.spec.replicas === 1 ? '' : 's'}\n`);
}
