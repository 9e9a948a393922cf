import { effectiveSource, snapshotGroup } from '../apiserver/data-sources.js';
import { versionAtLeast } from '../profile.js';
import type { ClaimRule } from './types.js';
import { setFieldEdit, sourceRange } from './edits.js';
import { isDns1123Subdomain } from '../names.js';

/** P13. Only reachable through dataSourceRef: dataSource would have been dropped (A12). */
export const snapshotApiGroup: ClaimRule = {
  meta: {
    id: 'snapshot-api-group',
    reference: 'P13',
    title: `A VolumeSnapshot source needs apiGroup ${snapshotGroup}`,
    severity: 'error',
    layer: 'external-provisioner',
    phase: 'cross',
    upstreamMessage: 'the PVC source does not belong to the right APIGroup. Expected snapshot.storage.k8s.io, Got <group>',
    versions: 'all',
    fixable: true,
  },
  check(context) {
    const source = effectiveSource(context.stages);
    if (!source || source.kind !== 'VolumeSnapshot' || source.apiGroup === snapshotGroup) return;
    const group = source.apiGroup ?? '';
    // empty group: rejected by validation (A7); invalid DNS name on >= 1.29: rejected (A8)
    if (group === '' || (versionAtLeast(context.profile.kubernetesVersion, 1, 29) && !isDns1123Subdomain(group))) return;
    const edit = setFieldEdit(context, source.path, 'apiGroup', snapshotGroup);
    context.report({
      range: sourceRange(context, source, 'apiGroup'),
      message:
        `the claim stays Pending: "the PVC source does not belong to the right APIGroup. Expected ${snapshotGroup}, Got ${group}"; ` +
        `use apiGroup: ${snapshotGroup}`,
      ...(edit ? { fix: { title: `Use apiGroup: ${snapshotGroup}`, edits: [edit] } } : {}),
    });
  },
};
