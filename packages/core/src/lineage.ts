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
