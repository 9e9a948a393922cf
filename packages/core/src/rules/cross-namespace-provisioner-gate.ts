import type { ClaimRule } from './types.js';
import { sourceRange } from './edits.js';
import { cloneSource } from './clone-source.js';

/** P14. The apiserver kept dataSourceRef.namespace; csi-provisioner needs its own gate (>= v3.4.0). */
export const crossNamespaceProvisionerGate: ClaimRule = {
  meta: {
    id: 'cross-namespace-provisioner-gate',
    reference: 'P14',
    title: 'csi-provisioner needs CrossNamespaceVolumeDataSource too',
    severity: 'warning',
    layer: 'external-provisioner',
    phase: 'cross',
    upstreamMessage: 'dataSourceRef namespace specified but the CrossNamespaceVolumeDataSource feature is disabled',
    versions: '>=1.26, external-provisioner >= v3.4.0',
    fixable: false,
  },
  check(context) {
    const source = cloneSource(context);
    if (!source?.crossNamespace || context.stages.dropped.dataSourceRef || context.profile.provisionerCrossNamespace) return;
    context.report({
      range: sourceRange(context, source.ref, 'namespace'),
      message:
        'the clone stays Pending unless csi-provisioner runs with --feature-gates=CrossNamespaceVolumeDataSource=true ' +
        '("dataSourceRef namespace specified but the CrossNamespaceVolumeDataSource feature is disabled")',
    });
  },
};
