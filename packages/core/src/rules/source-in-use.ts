import type { ClaimRule } from './types.js';
import { sourceRange } from './edits.js';
import { cloneSource } from './clone-source.js';

/** N1. The docs say the source must not be in use; nothing enforces it. The copy is crash-consistent. */
export const sourceInUse: ClaimRule = {
  meta: {
    id: 'source-in-use',
    reference: 'N1',
    title: 'The source is mounted by a workload',
    severity: 'info',
    layer: 'nobody',
    phase: 'cross',
    versions: 'all',
    fixable: false,
  },
  check(context) {
    const source = cloneSource(context);
    if (!source) return;
    const mounts = context.bundle.mountsOf(source.namespace, source.name).filter((mount) => mount.running !== false);
    if (mounts.length === 0) return;
    context.report({
      range: sourceRange(context, source.ref, 'name'),
      message:
        `source ${source.name} is mounted by ${mounts.map((mount) => mount.workload).join(', ')}: the clone is a crash-consistent copy of ` +
        'a live volume; stop writers (or scale the workload to 0) for an application-consistent copy',
    });
  },
};
