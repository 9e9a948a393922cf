import { quantitySign, tryParseQuantity, QuantityParseError } from '../quantity.js';
import { storageRequest } from '../manifest/claims.js';
import type { ClaimRule } from './types.js';
import { specRange } from './edits.js';

/** A2 */
export const storageRequestPositive: ClaimRule = {
  meta: {
    id: 'storage-request-positive',
    reference: 'A2',
    title: 'The storage request must be greater than zero',
    severity: 'error',
    layer: 'apiserver',
    phase: 'validate',
    upstreamMessage: 'spec.resources[storage]: Invalid value: "0": must be greater than zero',
    versions: 'all',
    fixable: false,
  },
  check(context) {
    const value = storageRequest(context.claim.spec);
    if (value === undefined || value === null) return;
    const quantity = tryParseQuantity(String(value));
    if (quantity instanceof QuantityParseError || quantitySign(quantity) > 0) return;
    context.report({
      range: specRange(context, 'resources', 'requests', 'storage'),
      message: `the apiserver rejects this claim (spec.resources[storage]: Invalid value: "${String(value)}": must be greater than zero)`,
    });
  },
};

