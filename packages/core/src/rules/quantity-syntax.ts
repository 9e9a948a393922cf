import { tryParseQuantity, QuantityParseError } from '../quantity.js';
import type { ClaimRule } from './types.js';
import { specRange } from './edits.js';
import { recordField } from '../manifest/objects.js';

/** A4. The decoder rejects the whole object: kubectl prints "cannot be handled as a PersistentVolumeClaim". */
export const quantitySyntax: ClaimRule = {
  meta: {
    id: 'quantity-syntax',
    reference: 'A4',
    title: 'Storage size is not a Kubernetes quantity',
    severity: 'error',
    layer: 'apiserver',
    phase: 'decode',
    upstreamMessage:
      "PersistentVolumeClaim in version \"v1\" cannot be handled as a PersistentVolumeClaim: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    versions: 'all',
    fixable: true,
  },
  check(context) {
    const resources = recordField(context.claim.spec, 'resources');
    for (const section of ['requests', 'limits'] as const) {
      const value = recordField(resources, section)?.storage;
      if (value === undefined || value === null) continue;
      const parsed = tryParseQuantity(String(value));
      if (!(parsed instanceof QuantityParseError)) continue;
      const suggestion = suggestQuantity(String(value));
      context.report({
        range: specRange(context, 'resources', section, 'storage'),
        message:
          `the apiserver rejects this claim: "${String(value)}" is not a quantity (${parsed.message}); ` +
          `use a number with a suffix such as Gi, Mi, G or M${suggestion ? ` ("${suggestion}"?)` : ''}`,
        ...(suggestion
          ? {
              fix: {
                title: `Use ${suggestion}`,
                edits: [{ ...specRange(context, 'resources', section, 'storage'), newText: suggestion }],
              },
            }
          : {}),
      });
    }
  },
};

/** The usual slips: "10GB", "10gi", "10 Gi", "10GiB". Only suggest when the result parses. */
export function suggestQuantity(text: string): string | undefined {
  const match = /^\s*([0-9]+(?:\.[0-9]+)?)\s*([kKmMgGtTpPeE])(i?)[bB]?\s*$/.exec(text);
  if (!match) return undefined;
  const [, number, unit, binary] = match as unknown as [string, string, string, string];
  const suffix = binary ? `${unit.toUpperCase()}i` : unit === 'k' || unit === 'K' ? 'k' : unit.toUpperCase();
  const candidate = `${number}${suffix}`;
  return tryParseQuantity(candidate) instanceof QuantityParseError || candidate === text ? undefined : candidate;
}
