import type { PodObject } from '../facts.js';
import type { WorkloadObject } from '../workload.js';
import type { ClusterClient } from './client.js';

export interface PodOwners {
  /** The Deployments and StatefulSets that run the pods, once each. */
  readonly scalable: WorkloadObject[];
  /** Pods no Deployment or StatefulSet controls, with what does ("a bare pod", "DaemonSet x"). */
  readonly unscalable: { pod: string; owner: string }[];
}

/**
 * Who runs these pods: Pod -> ReplicaSet -> Deployment, or Pod -> StatefulSet, following
 * controller owner references (what `kubectl scale` would have to act on).
 */
export async function ownersOfPods(client: ClusterClient, namespace: string, pods: readonly PodObject[]): Promise<PodOwners> {
  const scalable = new Map<string, WorkloadObject>();
  const unscalable: { pod: string; owner: string }[] = [];
  for (const pod of pods) {
    const podName = pod.metadata?.name ?? '';
    const owner = ((pod.metadata)?.ownerReferences ?? []).find((ref) => ref.controller);
    let workload: WorkloadObject | undefined;
    if (owner?.kind === 'StatefulSet' && owner.name) {
      workload = await client.readWorkload('StatefulSet', namespace, owner.name);
    } else if (owner?.kind === 'ReplicaSet' && owner.name) {
      const replicaSet = await client.optional(`get replicaset ${namespace}/${owner.name}`, () => client.apps.readNamespacedReplicaSet({ namespace, name: owner.name! }));
      const deployment = replicaSet?.metadata?.ownerReferences?.find((ref) => ref.controller && ref.kind === 'Deployment');
      if (deployment) workload = await client.readWorkload('Deployment', namespace, deployment.name);
    }
    if (workload) scalable.set(`${workload.kind}/${workload.metadata?.name}`, workload);
    else unscalable.push({ pod: podName, owner: owner ? `${owner.kind} ${owner.name}` : 'no controller (a bare pod)' });
  }
  return { scalable: [...scalable.values()], unscalable };
}
