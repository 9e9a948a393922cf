import { quantitySign, isWholeNumber, quantityValue, tryParseQuantity, QuantityParseError, formatQuantity, bytesToQuantity } from '../quantity.js';
import { storageRequest } from '../manifest/claims.js';
import type { ClaimRule } from './types.js';
import { specRange } from './edits.js';

/** A3: a warning header, not a rejection; the volume gets the size rounded up to a whole byte. */
export const storageRequestFractional: ClaimRule = {
  meta: {
    id: 'storage-request-fractional',
    reference: 'A3',
    title: 'The storage request is not a whole number of bytes',
    severity: 'warning',
    layer: 'apiserver',
    phase: 'validate',
    upstreamMessage: 'spec.resources.requests[storage]: fractional byte value "<q>" is invalid, must be an integer',
    versions: '>=1.28',
    fixable: true,
  },
  check(context) {
    const value = storageRequest(context.claim.spec);
    if (value === undefined || value === null) return;
    const quantity = tryParseQuantity(String(value));
    if (quantity instanceof QuantityParseError || quantitySign(quantity) <= 0 || isWholeNumber(quantity)) return;
    const rounded = formatQuantity(bytesToQuantity(quantityValue(quantity), 'DecimalSI'));
    const range = specRange(context, 'resources', 'requests', 'storage');
    context.report({
      range,
      message:
        `the apiserver warns: fractional byte value "${String(value)}" is invalid, must be an integer; ` +
        `the claim gets ${rounded} bytes (rounded up): write a whole number of bytes`,
      fix: { title: `Use ${rounded}`, edits: [{ ...range, newText: rounded }] },
    });
  },
};
