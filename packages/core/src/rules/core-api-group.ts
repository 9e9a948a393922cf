import { coreGroupKind, groupPointer } from '../apiserver/data-sources.js';
import type { TextEdit } from '../findings.js';
import type { ClaimRule } from './types.js';
import { removeFieldEdit, sourceRange } from './edits.js';

/**
 * P11. In dataSourceRef, {apiGroup: core, kind: PersistentVolumeClaim} passes validation ("core"
 * is a valid DNS name) and external-provisioner still clones (it routes on Kind only), but it is
 * not the core group: a ReferenceGrant's to.group would have to say "core" too, and the same
 * spelling in dataSource alone empties the volume (A12).
 */
export const coreApiGroup: ClaimRule = {
  meta: {
    id: 'core-api-group',
    reference: 'P11',
    title: 'The core group is written as no apiGroup, not "core" or "v1"',
    severity: 'warning',
    layer: 'external-provisioner',
    phase: 'cross',
    versions: 'all',
    fixable: true,
  },
  check(context) {
    const ref = context.stages.validated.dataSourceRef;
    if (!ref || ref.field !== 'dataSourceRef' || ref.kind !== coreGroupKind || !ref.apiGroup) return;
    const edits: (TextEdit | undefined)[] = [removeFieldEdit(context, ref.path, 'apiGroup', true)];
    const twin = context.stages.validated.dataSource;
    if (twin && twin.field === 'dataSource' && groupPointer(twin) === ref.apiGroup) {
      // both fields must keep matching (A10)
      edits.push(removeFieldEdit(context, twin.path, 'apiGroup', true));
    }
    const complete = edits.every((edit) => edit !== undefined);
    context.report({
      range: sourceRange(context, ref, 'apiGroup'),
      message:
        `apiGroup "${ref.apiGroup}" is not the core group: it clones here because external-provisioner only looks at the kind, but ` +
        'a ReferenceGrant must then name the same group, and the same spelling in spec.dataSource empties the volume; omit apiGroup',
      ...(complete ? { fix: { title: 'Remove apiGroup', edits: edits } } : {}),
    });
  },
};
