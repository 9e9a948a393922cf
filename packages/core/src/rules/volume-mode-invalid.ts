import type { ClaimRule } from './types.js';
import { specRange } from './edits.js';

/** A18. The enum is case-sensitive. */
export const volumeModeInvalid: ClaimRule = {
  meta: {
    id: 'volume-mode-invalid',
    reference: 'A18',
    title: 'volumeMode must be Filesystem or Block',
    severity: 'error',
    layer: 'apiserver',
    phase: 'validate',
    upstreamMessage: 'spec.volumeMode: Unsupported value: "<mode>": supported values: "Block", "Filesystem"',
    versions: 'all',
    fixable: true,
  },
  check(context) {
    const mode = context.claim.spec.volumeMode;
    if (mode === undefined || mode === null || mode === 'Block' || mode === 'Filesystem') return;
    const text = String(mode);
    const intended = ['Block', 'Filesystem'].find((candidate) => candidate.toLowerCase() === text.toLowerCase());
    const range = specRange(context, 'volumeMode');
    context.report({
      range,
      message: `the apiserver rejects this claim (spec.volumeMode: Unsupported value: "${text}": supported values: "Block", "Filesystem")` +
        (intended ? `: the value is case-sensitive, use ${intended}` : ''),
      ...(intended ? { fix: { title: `Use ${intended}`, edits: [{ ...range, newText: intended }] } } : {}),
    });
  },
};
