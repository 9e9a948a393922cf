import type { ClaimRule } from './types.js';
import { sourceRange } from './edits.js';
import { cloneSource } from './clone-source.js';

/**
 * P16 (code-derived). The cloning-protection finalizer only counts same-namespace Pending claims
 * whose spec.dataSource names the source; a cross-namespace clone has no dataSource, so nothing
 * stops the source from being deleted while it is copied.
 */
export const crossNamespaceCloneProtection: ClaimRule = {
  meta: {
    id: 'cross-namespace-clone-protection',
    reference: 'P16',
    title: 'A cross-namespace clone does not protect its source from deletion',
    severity: 'info',
    layer: 'external-provisioner',
    phase: 'cross',
    versions: '>=1.26 with CrossNamespaceVolumeDataSource',
    fixable: false,
  },
  check(context) {
    const source = cloneSource(context);
    if (!source?.crossNamespace || context.stages.dropped.dataSourceRef) return;
    context.report({
      range: sourceRange(context, source.ref, 'name'),
      message:
        `the cloning-protection finalizer does not cover cross-namespace clones: do not delete ${source.name} until this clone is Bound`,
    });
  },
};
