import type { ClusterClient } from '../cluster/client.js';
import type { SourceFacts } from '../facts.js';
import type { ClonePlan } from '../plan.js';
import { copyVolume, CopyError, defaultCopyImage, formatBytes, type CopyJob } from './copy.js';
import type { CloneIO, CloneOutcome } from './events.js';
import type { CloneRequest } from './request.js';
import { outcomeText } from './texts.js';

/** Both sides of a copy, as the planned clone names them (pvc runs it, check dry-runs its pods). */
export function copyJobSides(client: ClusterClient, into: ClusterClient, plan: ClonePlan, request: Pick<CloneRequest, 'image'>, facts: SourceFacts): Pick<CopyJob, 'source' | 'target' | 'block' | 'image' | 'clone'> {
  // a ReadWriteOnce source attached to a node now is readable only there
  const node = facts.pods.find((pod) => pod.status?.phase === 'Running' && pod.spec?.nodeName)?.spec?.nodeName;
  return {
    source: { client, namespace: plan.source.namespace, claim: plan.source.name, ...(node ? { node } : {}) },
    target: { client: into, namespace: plan.clone.namespace, claim: plan.clone.name },
    block: (facts.volume?.spec?.volumeMode ?? facts.source.spec?.volumeMode) === 'Block',
    image: request.image ?? defaultCopyImage,
    clone: plan.clone.name,
  };
}

/** The engine's copy step: the copy with its progress as events, or the outcome that ends the clone. */
export async function copyStep(
  job: Pick<CopyJob, 'source' | 'target' | 'block' | 'image' | 'clone'>, request: CloneRequest, io: CloneIO, say: (text: string) => void,
  leftBehind: readonly string[], plan: ClonePlan,
): Promise<{ bytes: number; seconds: number; leftPods: readonly string[] } | CloneOutcome> {
  const target = `${plan.clone.namespace}/${plan.clone.name}`;
  try {
    const copied = await copyVolume({
      ...job, podTimeoutMs: request.timeoutMs, signal: io.signal, say,
      progress: (p) => io.event({
        kind: 'progress', progress: p,
        text: outcomeText.progress(formatBytes(p.bytes), p.total === undefined ? undefined : formatBytes(p.total), formatBytes(p.bytesPerSecond), p.etaSeconds),
      }),
    });
    say(`copied ${formatBytes(copied.bytes)} in ${copied.seconds.toFixed(1)}s; ${copied.leftPods.length ? `could not delete the copy pods: ${copied.leftPods.join(' && ')}` : 'the copy pods were removed'}`);
    return { bytes: copied.bytes, seconds: copied.seconds, leftPods: copied.leftPods };
  } catch (error) {
    if (!(error instanceof CopyError)) throw error;
    const left = [...error.leftPods, ...leftBehind];
    const pods = error.leftPods.length ? '' : '; the copy pods were removed';
    return error.interrupted
      ? { result: 'interrupted', plan, leftBehind: left, message: outcomeText.interrupted(`clone ${target} exists but holds a partial copy${pods}; delete it with: ${left.join(' && ')}`) }
      : { result: 'failed', plan, leftBehind: left, message: `the copy into ${target} failed: ${error.message}${pods}; the clone holds a partial copy: delete it with: ${left.join(' && ')}` };
  }
}
