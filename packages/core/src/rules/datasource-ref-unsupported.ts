import type { ClaimRule } from './types.js';
import { renameKeyEdit, sourceRange } from './edits.js';
import { isPvcOrSnapshot } from '../apiserver/data-sources.js';

/** A14. Below 1.24 (or with AnyVolumeDataSource disabled up to 1.32) dataSourceRef is dropped. */
export const datasourceRefUnsupported: ClaimRule = {
  meta: {
    id: 'datasource-ref-unsupported',
    reference: 'A14',
    title: 'dataSourceRef is dropped where AnyVolumeDataSource is off',
    severity: 'warning',
    layer: 'apiserver',
    phase: 'drop',
    versions: '<1.24 by default; 1.24-1.32 if the gate is disabled; never from 1.33',
    fixable: true,
  },
  check(context) {
    if (context.stages.dropped.dataSourceRef !== 'A14') return;
    const ref = context.stages.decoded.dataSourceRef!;
    const canUseDataSource = !context.stages.decoded.dataSource && isPvcOrSnapshot(ref) && !ref.namespace;
    const rename = canUseDataSource ? renameKeyEdit(context, ref.path, 'dataSource') : undefined;
    context.report({
      range: sourceRange(context, ref),
      message:
        `Kubernetes ${context.profile.kubernetesVersion} without the AnyVolumeDataSource gate silently drops spec.dataSourceRef` +
        (context.stages.decoded.dataSource ? '' : ', so the claim comes out EMPTY') +
        (canUseDataSource ? '; use spec.dataSource for a PersistentVolumeClaim or VolumeSnapshot source' : ''),
      ...(rename ? { fix: { title: 'Use spec.dataSource', edits: [rename] } } : {}),
    });
  },
};
