import { annotationPrefix } from './generate.js';
import type { WorkloadObject } from './workload.js';

/**
 * `--quiesce=scale`: scale the writers of a source to 0 for a consistent copy, then back. The
 * original replica count is kept ON the workload (as pvmigrate does), so a run that dies between
 * the two steps leaves what `kubectl clone resume` needs to undo it.
 */
export const quiescedReplicasAnnotation = `${annotationPrefix}quiesced-replicas`;
export const quiescedAtAnnotation = `${annotationPrefix}quiesced-at`;

export type ScalableKind = 'Deployment' | 'StatefulSet';

export interface ScalePatch {
  spec: { replicas: number };
  metadata: { annotations: Record<string, string | null> };
}

export class QuiesceError extends Error {}

/** The replica count an interrupted quiesce left on the workload; undefined when none did. */
export function quiescedReplicas(workload: WorkloadObject): number | undefined {
  const text = workload.metadata?.annotations?.[quiescedReplicasAnnotation];
  if (text === undefined) return undefined;
  const count = Number(text);
  return Number.isInteger(count) && count >= 0 ? count : undefined;
}

export function scaleDownPatch(workload: WorkloadObject, now: Date): ScalePatch {
  if (quiescedReplicas(workload) !== undefined) {
    throw new QuiesceError(
      `${shortRef(workload)} was scaled to 0 by an earlier run that did not finish (it had ${quiescedReplicas(workload)} replicas): restore it first with: ${resumeCommand(workload)}`,
    );
  }
  const replicas = (workload.spec?.replicas as number | undefined) ?? 1;
  return { spec: { replicas: 0 }, metadata: { annotations: { [quiescedReplicasAnnotation]: String(replicas), [quiescedAtAnnotation]: now.toISOString() } } };
}

export function restorePatch(workload: WorkloadObject): ScalePatch {
  const replicas = quiescedReplicas(workload);
  if (replicas === undefined) throw new QuiesceError(`${shortRef(workload)} has no ${quiescedReplicasAnnotation} annotation: nothing to resume`);
  return { spec: { replicas }, metadata: { annotations: { [quiescedReplicasAnnotation]: null, [quiescedAtAnnotation]: null } } };
}

export function shortRef(workload: WorkloadObject): string {
  return `${workload.kind === 'StatefulSet' ? 'sts' : 'deploy'}/${workload.metadata?.name}`;
}

/** What to run when a quiesce was interrupted (printed before the scale-down). */
export function resumeCommand(workload: WorkloadObject): string {
  return `kubectl clone resume ${shortRef(workload)} -n ${workload.metadata?.namespace}`;
}
