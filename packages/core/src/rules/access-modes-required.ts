import type { ClaimRule } from './types.js';
import { specRange } from './edits.js';

/** A19 */
export const accessModesRequired: ClaimRule = {
  meta: {
    id: 'access-modes-required',
    reference: 'A19',
    title: 'At least one access mode is required',
    severity: 'error',
    layer: 'apiserver',
    phase: 'validate',
    upstreamMessage: 'spec.accessModes: Required value: at least 1 access mode is required',
    versions: 'all',
    fixable: false,
  },
  check(context) {
    const modes = context.claim.spec.accessModes;
    if (Array.isArray(modes) && modes.length > 0) return;
    context.report({
      range: specRange(context, 'accessModes'),
      message:
        'the apiserver rejects this claim (spec.accessModes: Required value: at least 1 access mode is required): ' +
        'add accessModes, e.g. [ReadWriteOnce] (a clone usually copies the source\'s)',
    });
  },
};
