import { storageRequest } from '../manifest/claims.js';
import type { ClaimRule } from './types.js';
import { specRange } from './edits.js';

/** A1 */
export const storageRequestRequired: ClaimRule = {
  meta: {
    id: 'storage-request-required',
    reference: 'A1',
    title: 'spec.resources.requests.storage is required',
    severity: 'error',
    layer: 'apiserver',
    phase: 'validate',
    upstreamMessage: 'spec.resources[storage]: Required value',
    versions: 'all',
    fixable: false,
  },
  check(context) {
    const value = storageRequest(context.claim.spec);
    if (value !== undefined && value !== null) return;
    const source = context.stages.normalized.dataSourceRef;
    const hint = source?.kind === 'PersistentVolumeClaim' && source.name
      ? ` at least the size of ${source.name}`
      : '';
    context.report({
      range: specRange(context, 'resources', 'requests', 'storage'),
      message: `the apiserver rejects this claim (spec.resources[storage]: Required value): set spec.resources.requests.storage${hint}`,
    });
  },
};

