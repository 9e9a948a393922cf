import type { ClaimRule } from './types.js';
import { removeFieldEdit, sourceRange } from './edits.js';

/** A11 (gate on): a cross-namespace dataSourceRef stands alone. */
export const datasourceWithRefNamespace: ClaimRule = {
  meta: {
    id: 'datasource-with-ref-namespace',
    reference: 'A11',
    title: 'dataSource must be empty when dataSourceRef.namespace is set',
    severity: 'error',
    layer: 'apiserver',
    phase: 'validate',
    upstreamMessage: 'spec: Invalid value: {}: may not be specified when dataSourceRef.namespace is specified',
    versions: '>=1.26 with CrossNamespaceVolumeDataSource',
    fixable: true,
  },
  check(context) {
    const { dataSource, dataSourceRef } = context.stages.validated;
    if (!dataSource || !dataSourceRef?.namespace || dataSource.field !== 'dataSource') return;
    const parent = dataSource.path.slice(0, -1);
    const removal = removeFieldEdit(context, parent, 'dataSource');
    context.report({
      range: sourceRange(context, dataSource),
      message:
        'the apiserver rejects this claim (spec: Invalid value: may not be specified when dataSourceRef.namespace is specified): ' +
        'remove spec.dataSource; a cross-namespace source is written in spec.dataSourceRef only',
      ...(removal ? { fix: { title: 'Remove spec.dataSource', edits: [removal] } } : {}),
    });
  },
};
