import type { ClaimRule } from './types.js';
import { sourceRange } from './edits.js';
import { cloneSource } from './clone-source.js';

/** P2, P3. Retried: the clone waits until the source is Bound, and fails while it is being deleted. */
export const sourceNotBound: ClaimRule = {
  meta: {
    id: 'source-not-bound',
    reference: 'P2',
    title: 'The source claim must be Bound',
    severity: 'warning',
    layer: 'external-provisioner',
    phase: 'cross',
    upstreamMessage: 'the PVC DataSource <src> must have a status of Bound.  Got {...}',
    versions: 'all',
    fixable: false,
  },
  check(context) {
    const source = cloneSource(context);
    const known = source?.known;
    if (!source || !known) return;
    const range = sourceRange(context, source.ref, 'name');
    if (known.value.metadata?.deletionTimestamp) {
      context.report({
        range,
        severity: 'error',
        message: `source ${source.name} is being deleted: the clone fails ("the PVC DataSource ${source.name} is currently being deleted")`,
      });
      return;
    }
    const phase = known.value.status?.phase;
    if (phase === undefined || phase === 'Bound') return;
    context.report({
      range,
      severity: known.origin === 'cluster' ? 'warning' : 'info',
      message:
        `source ${source.name} is ${phase}: the clone stays Pending until it is Bound ` +
        `("the PVC DataSource ${source.name} must have a status of Bound")`,
    });
  },
};
