import type { PersistentVolumeClaimObject } from './facts.js';
import { annotations } from './generate.js';

/**
 * The claim a claim was cloned from, as "namespace/name": its data source if that is a claim
 * (dataSourceRef first: it is what the apiserver keeps, and the only one with a namespace), else
 * our `kubectl-clone.io/source` annotation. `kubectl clone list` and the editor's tree share it.
 */
export function sourceOf(claim: PersistentVolumeClaimObject): string | undefined {
  const namespace = claim.metadata?.namespace ?? '';
  const ref = claim.spec?.dataSourceRef ?? claim.spec?.dataSource;
  if (ref?.kind === 'PersistentVolumeClaim' && ref.name) return `${ref.namespace || namespace}/${ref.name}`;
  return claim.metadata?.annotations?.[annotations.source];
}

/** kubectl's AGE column: 45s, 12m, 5h, 3d. */
export function formatAge(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 120) return `${seconds}s`;
  if (seconds < 7200) return `${Math.floor(seconds / 60)}m`;
  if (seconds < 172800) return `${Math.floor(seconds / 3600)}h`;
  return `${Math.floor(seconds / 86400)}d`;
}
