import type { ClaimContext, ClaimRule } from './types.js';
import { removeFieldEdit, specRange } from './edits.js';
import { keyRange, pairAt } from '../manifest/nodes.js';

function hasSource(context: ClaimContext): boolean {
  const { written } = context.stages;
  return Boolean(written.dataSource || written.dataSourceRef);
}

/**
 * K5. A claim with spec.volumeName is bound to that PersistentVolume by the PV controller and never
 * provisioned: its data source is never looked at, so nothing is cloned (a claim pasted from
 * `kubectl get -o yaml` carries its source's volumeName; the source then loses its volume).
 */
export const volumeNameWithSource: ClaimRule = {
  meta: {
    id: 'volume-name-with-source',
    reference: 'K5',
    title: 'A clone must not name a PersistentVolume (volumeName)',
    severity: 'error',
    layer: 'controller-manager',
    phase: 'cross',
    versions: 'all',
    fixable: true,
  },
  check(context) {
    const volumeName = context.claim.spec.volumeName;
    if (typeof volumeName !== 'string' || volumeName === '' || !hasSource(context)) return;
    const edit = removeFieldEdit(context, context.claim.specPath, 'volumeName');
    context.report({
      range: specRange(context, 'volumeName'),
      message:
        `volumeName ${volumeName} binds this claim to that existing PersistentVolume: it is never provisioned, so its data source is ` +
        'ignored and nothing is cloned (if it is the source\'s volume, the two claims now race for it). Remove volumeName',
      ...(edit ? { fix: { title: 'Remove volumeName', edits: [edit] } } : {}),
    });
  },
};

/**
 * K6. A claim with spec.selector only binds an existing PersistentVolume that matches it: the PV
 * controller never provisions a claim with a selector ("claim.Spec.Selector is not supported for
 * dynamic provisioning"), so its data source is never copied.
 */
export const selectorWithSource: ClaimRule = {
  meta: {
    id: 'selector-with-source',
    reference: 'K6',
    title: 'A clone must not have a selector',
    severity: 'error',
    layer: 'controller-manager',
    phase: 'cross',
    upstreamMessage: 'claim.Spec.Selector is not supported for dynamic provisioning on <plugin>',
    versions: 'all',
    fixable: true,
  },
  check(context) {
    if (context.claim.spec.selector === undefined || context.claim.spec.selector === null || !hasSource(context)) return;
    const edit = removeFieldEdit(context, context.claim.specPath, 'selector');
    const pair = pairAt(context.doc, [...context.claim.specPath, 'selector']);
    context.report({
      range: pair ? keyRange(pair) : specRange(context, 'selector'),
      message:
        'a claim with a selector is never dynamically provisioned ("claim.Spec.Selector is not supported for dynamic provisioning"): ' +
        'it waits for an existing PersistentVolume with those labels and its data source is never copied. Remove the selector',
      ...(edit ? { fix: { title: 'Remove selector', edits: [edit] } } : {}),
    });
  },
};
