import type { ClaimRule } from './types.js';
import { setFieldEdit, specRange } from './edits.js';
import { cloneSource, sourceVolumeMode } from './clone-source.js';

/** P9. An omitted volumeMode means Filesystem; the source's mode is read from its PV. */
export const volumeModeMismatch: ClaimRule = {
  meta: {
    id: 'volume-mode-mismatch',
    reference: 'P9',
    title: 'The clone must have the source\'s volumeMode',
    severity: 'error',
    layer: 'external-provisioner',
    phase: 'cross',
    upstreamMessage:
      'the source PVC and destination PVCs must have the same volume mode for cloning.  Source is <mode>, but new PVC requested <mode>',
    versions: 'all',
    fixable: true,
  },
  check(context) {
    const source = cloneSource(context);
    if (!source?.known) return;
    const wanted = sourceVolumeMode(context, source.known);
    if (!wanted) return;
    const written = context.claim.spec.volumeMode;
    const requested = written === undefined || written === null ? 'Filesystem' : String(written);
    if (requested === wanted || !['Block', 'Filesystem'].includes(requested)) return;
    const edit = setFieldEdit(context, context.claim.specPath, 'volumeMode', wanted);
    context.report({
      range: written === undefined ? specRange(context) : specRange(context, 'volumeMode'),
      message:
        `the clone stays Pending: "the source PVC and destination PVCs must have the same volume mode for cloning.  ` +
        `Source is ${wanted}, but new PVC requested ${requested}"` +
        (written === undefined ? ' (an omitted volumeMode is Filesystem)' : '') + `; set volumeMode: ${wanted}`,
      ...(edit ? { fix: { title: `Set volumeMode: ${wanted}`, edits: [edit] } } : {}),
    });
  },
};
