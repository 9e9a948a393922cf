import type { ClaimContext, ClaimRule } from './types.js';
import type { DataSourceValue } from '../apiserver/data-sources.js';
import { grantAllows } from './reference-grant.js';
import { removeFieldEdit, sourceRange } from './edits.js';

/**
 * A13. DropDisabledFields removes the WHOLE dataSourceRef when it has a namespace and kube-apiserver
 * runs without CrossNamespaceVolumeDataSource (alpha since 1.26, off by default). No error, no warning.
 */
export const crossNamespaceRefDropped: ClaimRule = {
  meta: {
    id: 'cross-namespace-ref-dropped',
    reference: 'A13',
    title: 'dataSourceRef.namespace makes the apiserver drop the whole dataSourceRef',
    severity: 'error',
    layer: 'apiserver',
    phase: 'drop',
    versions: '>=1.26 (gate CrossNamespaceVolumeDataSource, alpha, off by default)',
    fixable: true,
  },
  check(context) {
    const ref = context.stages.decoded.dataSourceRef;
    if (!ref?.namespace) return;
    const range = sourceRange(context, ref, 'namespace');
    // Pod validation takes an ephemeral template as written; the claim the ephemeral volume controller
    // then creates goes through the PVC strategy and loses its dataSourceRef the same way. (With a
    // dataSource as well, the Pod is rejected first: A11 is not gated in validation.)
    const ephemeral = context.claim.origin === 'ephemeral';
    const droppedLater = ephemeral && context.profile.anyVolumeDataSource && !context.profile.apiserverCrossNamespace &&
      !context.stages.decoded.dataSource;
    if (context.stages.dropped.dataSourceRef !== 'A13' && !droppedLater) {
      if (context.claim.origin !== 'ephemeral' && context.profile.apiserverCrossNamespace && !granted(context, ref)) {
        context.report({
          range,
          severity: 'warning',
          message:
            'cross-namespace data sources are an alpha feature (CrossNamespaceVolumeDataSource): the gate must be on ' +
            'kube-apiserver, kube-controller-manager and csi-provisioner, and a ReferenceGrant must exist in ' +
            `namespace ${ref.namespace}; on any cluster without the gate this dataSourceRef is silently dropped`,
        });
      }
      return;
    }
    const claimNamespace = context.claim.namespace ?? context.bundle.defaultNamespace;
    const survivor = context.stages.decoded.dataSource;
    const outcome = survivor
      ? `the claim is cloned from ${survivor.name ?? '(unnamed)'} in its own namespace instead`
      : 'the claim is provisioned as an EMPTY volume';
    const own = claimNamespace !== undefined && claimNamespace === ref.namespace;
    const removal = own ? removeFieldEdit(context, ref.path, 'namespace') : undefined;
    const what = ephemeral ? "this template's whole dataSourceRef when it creates the claim" : 'this whole dataSourceRef';
    context.report({
      range,
      message:
        `the apiserver will silently drop ${what} and ${outcome}: dataSourceRef.namespace needs the ` +
        'alpha feature gate CrossNamespaceVolumeDataSource, which is off by default. ' +
        (own
          ? 'The namespace is the claim\'s own: remove it.'
          : 'Enable the gate on kube-apiserver, kube-controller-manager and csi-provisioner (with a ReferenceGrant), ' +
            'or clone within one namespace.'),
      ...(removal ? { fix: { title: 'Remove dataSourceRef.namespace (it is the claim\'s own)', edits: [removal] } } : {}),
    });
  },
};

/** The profile says the gate is on and the bundle holds the ReferenceGrant this clone needs: nothing is left to warn about. */
function granted(context: ClaimContext, ref: DataSourceValue): boolean {
  const cloneNamespace = context.claim.namespace ?? context.bundle.defaultNamespace;
  if (!cloneNamespace || !ref.namespace || !ref.name) return false;
  const target = { group: ref.apiGroup ?? '', kind: ref.kind ?? '', name: ref.name };
  return context.bundle.grantsIn(ref.namespace).some((grant) => grantAllows(grant.value, { namespace: cloneNamespace }, target));
}
