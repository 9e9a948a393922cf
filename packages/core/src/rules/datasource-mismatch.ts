import { groupPointer } from '../apiserver/data-sources.js';
import type { ClaimRule } from './types.js';
import { removeFieldEdit, sourceRange } from './edits.js';

/**
 * A10. With both fields written and no namespace, validation compares them with reflect.DeepEqual
 * on the *string apiGroup: nil (omitted) and "" differ, although both mean the core group elsewhere.
 */
export const datasourceMismatch: ClaimRule = {
  meta: {
    id: 'datasource-mismatch',
    reference: 'A10',
    title: 'dataSource and dataSourceRef must match',
    severity: 'error',
    layer: 'apiserver',
    phase: 'validate',
    upstreamMessage: 'spec: Invalid value: {}: must match dataSourceRef',
    versions: 'all',
    fixable: true,
  },
  check(context) {
    const { dataSource, dataSourceRef } = context.stages.validated;
    if (!dataSource || !dataSourceRef || dataSourceRef.namespace) return;
    if (dataSource.field !== 'dataSource' || dataSourceRef.field !== 'dataSourceRef') return;
    const differences: string[] = [];
    const groupA = groupPointer(dataSource);
    const groupB = groupPointer(dataSourceRef);
    if (groupA !== groupB) {
      const show = (group: string | null) => (group === null ? 'omitted' : `"${group}"`);
      differences.push(`apiGroup ${show(groupA)} vs ${show(groupB)}`);
    }
    if (dataSource.kind !== dataSourceRef.kind) differences.push(`kind ${dataSource.kind} vs ${dataSourceRef.kind}`);
    if (dataSource.name !== dataSourceRef.name) differences.push(`name ${dataSource.name} vs ${dataSourceRef.name}`);
    if (differences.length === 0) return;
    // Only nil vs "" is safe to fix: drop the explicit empty group, both then mean the core group.
    const onlyEmptyGroup = differences.length === 1 && groupA !== groupB && (groupA ?? '') === '' && (groupB ?? '') === '';
    const holder = groupA === '' ? dataSource : dataSourceRef;
    const removal = onlyEmptyGroup ? removeFieldEdit(context, holder.path, 'apiGroup') : undefined;
    context.report({
      range: sourceRange(context, dataSource),
      message:
        `the apiserver rejects this claim (spec: Invalid value: must match dataSourceRef): ${differences.join(', ')}` +
        (onlyEmptyGroup ? '; an omitted apiGroup and apiGroup: "" differ in this comparison' : '') +
        '. Write only one of the two fields: the apiserver copies it into the other',
      ...(removal ? { fix: { title: 'Remove apiGroup: ""', edits: [removal] } } : {}),
    });
  },
};
