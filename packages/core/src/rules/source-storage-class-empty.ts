import type { ClaimRule } from './types.js';
import { sourceRange } from './edits.js';
import { cloneSource } from './clone-source.js';

/** P4. A class-less source (statically bound) has no CSI driver to clone it. */
export const sourceStorageClassEmpty: ClaimRule = {
  meta: {
    id: 'source-storage-class-empty',
    reference: 'P4',
    title: 'The source claim has no StorageClass',
    severity: 'warning',
    layer: 'external-provisioner',
    phase: 'cross',
    upstreamMessage: 'the source PVC (<src>) storageclass cannot be empty',
    versions: 'all',
    fixable: false,
  },
  check(context) {
    const source = cloneSource(context);
    const spec = source?.known?.value.spec;
    if (!source || !spec || spec.storageClassName !== '') return;
    context.report({
      range: sourceRange(context, source.ref, 'name'),
      message:
        `source ${source.name} has storageClassName: "" (a statically bound volume): external-provisioner refuses to clone it ` +
        `("the source PVC (${source.name}) storageclass cannot be empty") or its PV is not a CSI volume of the clone's driver`,
    });
  },
};
