import { referenceGrantFor, renderAppendedDocument } from '../generate.js';
import type { ClaimRule } from './types.js';
import { removeFieldEdit, renameKeyEdit, sourceRange } from './edits.js';

/**
 * A17. spec.dataSource is a TypedLocalObjectReference: apiGroup, kind, name. There has never been
 * a dataSource.namespace (the "cross-namespace since 1.16" claim is false; 1.16 is when
 * same-namespace cloning went beta). Cross-namespace sources are dataSourceRef.namespace (alpha).
 */
export const datasourceNamespaceField: ClaimRule = {
  meta: {
    id: 'datasource-namespace-field',
    reference: 'A17',
    title: 'spec.dataSource has no namespace field',
    severity: 'error',
    layer: 'apiserver',
    phase: 'decode',
    upstreamMessage:
      'PersistentVolumeClaim in version "v1" cannot be handled as a PersistentVolumeClaim: strict decoding error: unknown field "spec.dataSource.namespace"',
    versions: 'all',
    fixable: true,
  },
  check(context) {
    const source = context.stages.written.dataSource;
    if (!source?.namespace) return;
    const claimNamespace = context.claim.namespace ?? context.bundle.defaultNamespace;
    const sameNamespace = claimNamespace !== undefined && claimNamespace === source.namespace;
    const message =
      'spec.dataSource has no namespace field: kubectl rejects this claim (strict decoding error: unknown field ' +
      '"spec.dataSource.namespace"), and clients that do not validate drop the field, so the source is looked up in ' +
      "the claim's own namespace. " +
      (sameNamespace
        ? 'The namespace is the claim\'s own: remove it.'
        : 'A cross-namespace source is written as spec.dataSourceRef with namespace, needs the alpha gate ' +
          'CrossNamespaceVolumeDataSource, and a ReferenceGrant in the source namespace.');
    const range = sourceRange(context, source, 'namespace');
    let fix;
    if (sameNamespace) {
      const removal = removeFieldEdit(context, source.path, 'namespace');
      fix = removal ? { title: 'Remove dataSource.namespace', edits: [removal] } : undefined;
    } else if (
      // Only where the apiserver keeps dataSourceRef.namespace: without the gate the rewrite would
      // trade kubectl's loud rejection for a silent drop (A13) and an empty volume.
      context.profile.apiserverCrossNamespace &&
      !context.stages.written.dataSourceRef && claimNamespace && context.claim.name && source.name && context.claim.origin === 'PersistentVolumeClaim'
    ) {
      const rename = renameKeyEdit(context, source.path, 'dataSourceRef');
      const grant = referenceGrantFor({
        sourceNamespace: source.namespace,
        sourceName: source.name,
        sourceKind: source.kind ?? 'PersistentVolumeClaim',
        sourceGroup: source.apiGroup ?? '',
        cloneNamespace: claimNamespace,
        cloneName: context.claim.name,
      });
      const alreadyGranted = context.bundle.grantsIn(source.namespace).some((g) => g.name === grant.metadata?.name);
      if (rename) {
        fix = {
          title: alreadyGranted ? 'Use spec.dataSourceRef' : 'Use spec.dataSourceRef and add a ReferenceGrant',
          edits: alreadyGranted ? [rename] : [rename, renderAppendedDocument(context.locator.text, grant)],
        };
      }
    }
    context.report({ range, message, ...(fix ? { fix } : {}) });
  },
};
