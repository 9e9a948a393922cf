import { checkAccess, describeDenial } from '../cluster/access.js';
import type { ClusterClient } from '../cluster/client.js';
import { cloneClaimNames, cloneWorkload, type WorkloadKind, type WorkloadObject } from '../workload.js';
import { nothingCreated } from './decide.js';
import { succeeded, type CloneIO, type CloneOutcome } from './events.js';
import { quiesceWriters, QuiesceStop } from './quiesce.js';
import type { CloneRequest } from './request.js';
import { executeClone, prepareClone, type PreparedClone } from './run.js';

/** A workload, a name for its copy, and how each of its claims is cloned. */
export interface WorkloadCloneRequest {
  readonly kind: WorkloadKind;
  readonly name: string;
  readonly namespace: string;
  /** Appended to the workload's and each claim's name. */
  readonly suffix: string;
  /** The clone request of one claim (labels, class, strategy...): the same as `kubectl clone pvc` would make. */
  claimRequest(source: string, clone: string): CloneRequest;
  readonly dryRun: 'none' | 'client' | 'server';
  /** Create the copy of the workload too (else it is returned to print). */
  readonly apply: boolean;
  readonly quiesce: 'none' | 'scale';
  readonly timeoutMs: number;
}

/** Input that names nothing to clone (a missing workload, one with no claims): a usage error. */
export class WorkloadInputError extends Error {}

export type WorkloadOutcome =
  | { readonly result: 'refused' | 'interrupted' | 'stopped'; readonly message: string; readonly clones: readonly CloneOutcome[] }
  /** Dry runs: the planned claims and the copy; nothing was written. */
  | { readonly result: 'planned' | 'validated'; readonly message: string; readonly objects: readonly unknown[]; readonly clones: readonly CloneOutcome[] }
  /** Every claim cloned; `copy` is the workload that mounts them (created with apply). */
  | { readonly result: 'cloned'; readonly message: string; readonly copy: WorkloadObject; readonly created: boolean; readonly clones: readonly CloneOutcome[] };

/**
 * `kubectl clone workload`: every claim the workload mounts is planned once and checked (access,
 * server dry runs), all refused or none written; then each accepted plan is executed, and the copy
 * of the workload made to mount them.
 */
export async function runWorkloadClone(client: ClusterClient, request: WorkloadCloneRequest, io: CloneIO): Promise<WorkloadOutcome> {
  const { kind, name, namespace } = request;
  const ref = `${kind.toLowerCase()}/${name}`;
  const workload = await client.readWorkload(kind, namespace, name);
  if (!workload) throw new WorkloadInputError(`${kind.toLowerCase()} "${name}" not found in namespace ${namespace}`);
  const claimMap = cloneClaimNames(workload, request.suffix);
  if (claimMap.size === 0) throw new WorkloadInputError(`${kind.toLowerCase()} ${namespace}/${name} mounts no PersistentVolumeClaim: nothing to clone`);
  if (request.quiesce === 'scale' && kind === 'Pod') throw new WorkloadInputError('--quiesce=scale scales Deployments and StatefulSets; a pod cannot be scaled');
  const copy = cloneWorkload(workload, claimMap, request.suffix);

  const prepared: PreparedClone[] = [];
  const refused: CloneOutcome[] = [];
  for (const [source, clone] of claimMap) {
    const result = await prepareClone(client, request.claimRequest(source, clone), io);
    if ('result' in result) refused.push(result);
    else prepared.push(result);
  }
  if (refused.length) {
    return { result: 'refused', clones: refused, message: `refusing to clone ${ref}: ${refused.map((o) => o.plan?.source.name ?? '?').join(', ')} cannot be cloned as planned; ${nothingCreated}` };
  }
  if (request.dryRun === 'client') {
    return { result: 'planned', clones: [], objects: [...prepared.flatMap((p) => p.plan.manifests), copy], message: `planned ${claimMap.size} clone${claimMap.size > 1 ? 's' : ''} and the ${kind.toLowerCase()} copy; ${nothingCreated} (dry run)` };
  }
  const denials = await checkAccess(client, [
    ...(request.quiesce === 'scale' ? [{ verb: 'patch', resource: `${kind.toLowerCase()}s`, group: 'apps', namespace }] : []),
    ...(request.apply ? [{ verb: 'create', resource: kind === 'Pod' ? 'pods' : `${kind.toLowerCase()}s`, group: kind === 'Pod' ? '' : 'apps', namespace }] : []),
  ]);
  if (denials.length) return { result: 'refused', clones: [], message: `refusing to clone ${ref}: ${denials.map(describeDenial).join('; ')}; ${nothingCreated}` };
  // Every claim's access reviews and the apiserver's dry runs, and the copy's, before the workload is
  // scaled or the first clone made: all refused or none written.
  const checkedCopy = request.apply || request.dryRun === 'server' ? await client.createWorkload(copy, 'server') : undefined;
  const validated: CloneOutcome[] = [];
  for (const p of prepared) validated.push(await executeClone(client, p, { ...request.claimRequest(p.plan.source.name, p.plan.clone.name), dryRun: 'server', quiesce: 'none' }, io));
  const failed = validated.find((c) => !succeeded(c));
  if (failed) return { result: failed.result === 'interrupted' ? 'interrupted' : 'refused', clones: validated, message: failed.message };
  if (request.dryRun === 'server') {
    return { result: 'validated', clones: validated, objects: [...validated.flatMap((c) => (c.result === 'validated' ? c.objects : [])), checkedCopy], message: `the apiserver accepted the clones and the ${kind.toLowerCase()} copy (server dry run); ${nothingCreated}` };
  }

  const say = (text: string) => io.event({ kind: 'step', text });
  let restore: (() => Promise<void>) | undefined;
  if (request.quiesce === 'scale') {
    try {
      restore = await quiesceWriters(client, [workload], [...claimMap.keys()], namespace, say, request.timeoutMs, io.signal);
    } catch (error) {
      if (!(error instanceof QuiesceStop)) throw error;
      return { result: error.interrupted ? 'interrupted' : 'refused', message: error.message, clones: [] };
    }
  }
  const clones: CloneOutcome[] = [];
  try {
    for (const p of prepared) {
      const outcome = await executeClone(client, p, { ...request.claimRequest(p.plan.source.name, p.plan.clone.name), quiesce: 'none' }, io);
      clones.push(outcome);
      if (!succeeded(outcome)) {
        // the clones made before this one stay: name them and how to remove them
        const made = clones.slice(0, -1).flatMap((clone) => ('leftBehind' in clone ? clone.leftBehind : []));
        return {
          result: outcome.result === 'interrupted' ? 'interrupted' : 'stopped', clones,
          message: `${outcome.message}\nstopped: the clone of ${p.plan.source.name} did not complete; the ${kind.toLowerCase()} copy was not ${request.apply ? 'created' : 'printed'}` +
            (made.length ? `; the clones made before it stay (delete them with: ${made.join(' && ')})` : ''),
        };
      }
    }
  } finally {
    await restore?.();
  }
  if (!request.apply) {
    return { result: 'cloned', clones, copy, created: false, message: `cloned ${claimMap.size} claim${claimMap.size > 1 ? 's' : ''}; the ${kind.toLowerCase()} copy above mounts them (create it with --apply or kubectl apply -f -)` };
  }
  const created = await client.createWorkload(copy, 'none');
  return { result: 'cloned', clones, copy: created, created: true, message: `${kind.toLowerCase()}/${created.metadata?.name} created in ${namespace}, mounting ${[...claimMap.values()].join(', ')}` };
}
