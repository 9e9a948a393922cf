import { coreGroupKind, effectiveSource, isCoreGroup, isPvcOrSnapshot } from '../apiserver/data-sources.js';
import type { ClaimRule } from './types.js';
import { sourceRange } from './edits.js';

/** P12. Anything but a claim or a snapshot is left to a volume populator: said only where a populator's kind is named. */
export const populatorSource: ClaimRule = {
  meta: {
    id: 'populator-source',
    reference: 'P12',
    title: 'The data source is a volume populator',
    severity: 'info',
    layer: 'external-provisioner',
    phase: 'cross',
    upstreamMessage: 'Assuming an external populator will provision the volume',
    versions: 'all',
    fixable: false,
  },
  check(context) {
    const source = effectiveSource(context.stages);
    if (!source?.kind || source.kind === coreGroupKind || source.kind === 'VolumeSnapshot') return;
    // Another kind in the core group never reaches external-provisioner: validation rejects it (A7).
    if (isCoreGroup(source)) return;
    // A template's dataSource is not run through the PVC strategy here; when its claim is created,
    // anything but a claim or a snapshot in dataSource is dropped (A12), so no populator sees it.
    if (source.field === 'dataSource' && !isPvcOrSnapshot(source)) return;
    // a claim the apiserver rejects never reaches external-provisioner
    if (context.rejected()) return;
    // a misspelled claim or snapshot is what the user meant, not a populator (the group and kind rules say so)
    if (/^(persistentvolumeclaims?|pvcs?|volumesnapshots?)$/i.test(source.kind) || /snapshot/i.test(source.apiGroup ?? '')) return;
    context.report({
      range: sourceRange(context, source, 'kind'),
      message:
        `${source.kind}${source.apiGroup ? ` (${source.apiGroup})` : ''} is not a claim or a snapshot: external-provisioner leaves it to ` +
        'a volume populator ("Assuming an external populator will provision the volume"); the claim stays Pending unless a ' +
        'populator controller for this kind runs',
    });
  },
};
