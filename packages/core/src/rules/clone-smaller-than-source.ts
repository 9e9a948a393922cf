import { quantityValue, tryParseQuantity, QuantityParseError } from '../quantity.js';
import { storageRequest } from '../manifest/claims.js';
import type { ClaimRule } from './types.js';
import { specRange } from './edits.js';
import { cloneSource } from './clone-source.js';
import { scalarText } from '../manifest/nodes.js';

/**
 * P6. external-provisioner compares Value() in bytes (rounded up) against the source claim's
 * spec.resources.requests.storage, not its status.capacity. 3G < 3000Mi < 3Gi = 3072Mi.
 */
export const cloneSmallerThanSource: ClaimRule = {
  meta: {
    id: 'clone-smaller-than-source',
    reference: 'P6',
    title: 'The clone must request at least the source claim\'s size',
    severity: 'error',
    layer: 'external-provisioner',
    phase: 'cross',
    upstreamMessage:
      'error, new PVC request must be greater than or equal in size to the specified PVC data source, requested <bytes> but source is <bytes>',
    versions: 'all',
    fixable: true,
  },
  check(context) {
    const source = cloneSource(context);
    if (!source?.known) return;
    const sourceText = storageRequest(source.known.value.spec as Record<string, unknown> | undefined);
    const targetText = storageRequest(context.claim.spec);
    if (sourceText === undefined || targetText === undefined || sourceText === null || targetText === null) return;
    const sourceSize = tryParseQuantity(String(sourceText));
    const targetSize = tryParseQuantity(String(targetText));
    if (sourceSize instanceof QuantityParseError || targetSize instanceof QuantityParseError) return;
    const requested = quantityValue(targetSize);
    const needed = quantityValue(sourceSize);
    if (requested >= needed) return;
    const range = specRange(context, 'resources', 'requests', 'storage');
    context.report({
      range,
      message:
        `the clone stays Pending: it requests ${String(targetText)} (${requested} bytes) but source ${source.name} requests ` +
        `${String(sourceText)} (${needed} bytes); external-provisioner: "new PVC request must be greater than or equal in size to ` +
        `the specified PVC data source, requested ${requested} but source is ${needed}". Request at least ${String(sourceText)}`,
      fix: { title: `Request ${String(sourceText)}`, edits: [{ ...range, newText: scalarText(String(sourceText)) }] },
    });
  },
};
