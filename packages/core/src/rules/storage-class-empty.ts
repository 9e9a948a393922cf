import type { ClaimRule } from './types.js';
import { removeFieldEdit, setFieldEdit, specRange } from './edits.js';
import { cloneSource } from './clone-source.js';
import { effectiveSource } from '../apiserver/data-sources.js';

/**
 * K1. storageClassName: "" means "no class", not "default class": nothing is provisioned, so the
 * clone is never performed; the claim waits, or binds to a class-less PV with none of the data.
 */
export const storageClassEmpty: ClaimRule = {
  meta: {
    id: 'storage-class-empty',
    reference: 'K1',
    title: 'storageClassName: "" never provisions, so nothing is cloned',
    severity: 'error',
    layer: 'controller-manager',
    phase: 'cross',
    upstreamMessage: 'no persistent volumes available for this claim and no storage class is set',
    versions: 'all',
    fixable: true,
  },
  check(context) {
    if (context.claim.spec.storageClassName !== '' || !effectiveSource(context.stages)) return;
    const source = cloneSource(context);
    const sourceClass = source?.known?.value.spec?.storageClassName;
    const edit = sourceClass
      ? setFieldEdit(context, context.claim.specPath, 'storageClassName', sourceClass)
      : removeFieldEdit(context, context.claim.specPath, 'storageClassName');
    context.report({
      range: specRange(context, 'storageClassName'),
      message:
        'storageClassName: "" means no class: the claim is never dynamically provisioned, so the data source is never copied ' +
        '(it stays Pending: "no persistent volumes available for this claim and no storage class is set", or binds an empty ' +
        'pre-created volume). ' + (sourceClass ? `Use the source's class ${sourceClass}` : 'Name a class of the source\'s CSI driver, or omit the field for the default class'),
      ...(edit ? { fix: { title: sourceClass ? `Use storageClassName: ${sourceClass}` : 'Remove storageClassName (use the default class)', edits: [edit] } } : {}),
    });
  },
};
