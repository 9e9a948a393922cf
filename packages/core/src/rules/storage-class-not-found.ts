import type { ClaimRule } from './types.js';
import { specRange } from './edits.js';
import { cloneSource } from './clone-source.js';

/**
 * K4. A storageClassName the cluster does not have: the PV controller cannot provision, the clone
 * stays Pending with `storageclass.storage.k8s.io "<name>" not found` events, and nothing says so
 * at create time. Only with the cluster's own list of classes (`--cluster`, a live clone): a bundle
 * of files rarely holds every class.
 */
export const storageClassNotFound: ClaimRule = {
  meta: {
    id: 'storage-class-not-found',
    reference: 'K4',
    title: 'The clone names a StorageClass the cluster does not have',
    severity: 'error',
    layer: 'controller-manager',
    phase: 'cross',
    upstreamMessage: 'storageclass.storage.k8s.io "<name>" not found',
    versions: 'all',
    fixable: false,
  },
  check(context) {
    const name = context.claim.spec.storageClassName;
    const read = context.bundle.facts?.storageClasses;
    if (typeof name !== 'string' || !name || read === undefined || context.bundle.storageClass(name) || !cloneSource(context)) return;
    const known = context.bundle.storageClasses.map((storageClass) => storageClass.name).sort();
    context.report({
      range: specRange(context, 'storageClassName'),
      message:
        `the clone stays Pending: storageclass.storage.k8s.io "${name}" not found in the cluster` +
        (known.length ? `; it has ${known.join(', ')}` : '; it has no StorageClass') +
        ' (kubectl get storageclass)',
    });
  },
};
