import type { ClaimRule } from './types.js';
import { sourceRange } from './edits.js';
import { cloneSource } from './clone-source.js';

/** N3. Nothing rejects it; the claim waits forever for itself to be Bound (P2). */
export const selfReference: ClaimRule = {
  meta: {
    id: 'self-reference',
    reference: 'N3',
    title: 'A claim cannot clone itself',
    severity: 'error',
    layer: 'nobody',
    phase: 'cross',
    upstreamMessage: 'the PVC DataSource <name> must have a status of Bound.  Got {...}',
    versions: 'all',
    fixable: false,
  },
  check(context) {
    if (context.claim.origin !== 'PersistentVolumeClaim') return;
    const source = cloneSource(context);
    if (!source || source.name !== context.claim.name || source.crossNamespace) return;
    context.report({
      range: sourceRange(context, source.ref, 'name'),
      message:
        `this claim names itself as its source: nothing rejects it, and it stays Pending forever (external-provisioner waits ` +
        `for "the PVC DataSource ${source.name} must have a status of Bound"); name the claim to copy`,
    });
  },
};
