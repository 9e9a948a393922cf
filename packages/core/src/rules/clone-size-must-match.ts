import { quantityValue, tryParseQuantity, QuantityParseError } from '../quantity.js';
import { storageRequest } from '../manifest/claims.js';
import { scalarText } from '../manifest/nodes.js';
import { driverCloneSupport } from '../drivers.js';
import type { ClaimRule } from './types.js';
import { specRange } from './edits.js';
import { cloneSource, sourceDriver } from './clone-source.js';

/**
 * D5. Some drivers copy a volume as it is and refuse a clone of another size (Longhorn,
 * Portworx: see drivers.ts); external-provisioner lets a larger clone through, the driver fails it.
 */
export const cloneSizeMustMatch: ClaimRule = {
  meta: {
    id: 'clone-size-must-match',
    reference: 'D5',
    title: 'The driver clones only at the source\'s size',
    severity: 'error',
    layer: 'csi-driver',
    phase: 'cross',
    versions: 'all',
    fixable: true,
  },
  check(context) {
    const source = cloneSource(context);
    if (!source?.known) return;
    const driver = sourceDriver(context, source.known);
    if (!driver || !driverCloneSupport(driver.driver).sameSizeOnly) return;
    const sourceText = storageRequest(source.known.value.spec as Record<string, unknown> | undefined);
    const targetText = storageRequest(context.claim.spec);
    if (sourceText === undefined || targetText === undefined || sourceText === null || targetText === null) return;
    const sourceSize = tryParseQuantity(String(sourceText));
    const targetSize = tryParseQuantity(String(targetText));
    if (sourceSize instanceof QuantityParseError || targetSize instanceof QuantityParseError) return;
    // a smaller clone is clone-smaller-than-source's: external-provisioner refuses it first
    if (quantityValue(targetSize) <= quantityValue(sourceSize)) return;
    const range = specRange(context, 'resources', 'requests', 'storage');
    context.report({
      range,
      message:
        `the clone fails in the driver: ${driver.driver} clones a volume only at its source's size (${driverCloneSupport(driver.driver).note}), ` +
        `but this clone requests ${String(targetText)} and source ${source.name} ${String(sourceText)}. Request ${String(sourceText)} ` +
        'and expand the clone once it is Bound',
      fix: { title: `Request ${String(sourceText)}`, edits: [{ ...range, newText: scalarText(String(sourceText)) }] },
    });
  },
};
