import { isDns1123Label } from '../names.js';
import type { ClaimRule } from './types.js';
import { sourceRange } from './edits.js';


/** A9. Only reached with the gate on: otherwise the whole dataSourceRef was dropped (A13). */
export const datasourceRefNamespaceInvalid: ClaimRule = {
  meta: {
    id: 'datasource-ref-namespace-invalid',
    reference: 'A9',
    title: 'dataSourceRef.namespace must be a namespace name',
    severity: 'error',
    layer: 'apiserver',
    phase: 'validate',
    upstreamMessage: 'spec.dataSourceRef.namespace: Invalid value: "<ns>": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or \'-\', and must start and end with an alphanumeric character',
    versions: '>=1.26 with CrossNamespaceVolumeDataSource',
    fixable: false,
  },
  check(context) {
    const ref = context.stages.validated.dataSourceRef;
    if (!ref?.namespace || ref.field !== 'dataSourceRef') return;
    if (isDns1123Label(ref.namespace)) return;
    context.report({
      range: sourceRange(context, ref, 'namespace'),
      message:
        `the apiserver rejects this claim (spec.dataSourceRef.namespace: Invalid value: "${ref.namespace}": a lowercase RFC 1123 label ` +
        "must consist of lower case alphanumeric characters or '-'): namespace names are lowercase",
    });
  },
};
