import { dns1123Subdomain } from '../names.js';
import { isCoreGroup, snapshotGroup } from '../apiserver/data-sources.js';
import type { ClaimRule } from './types.js';
import { renameKeyEdit, sourceRange } from './edits.js';
import { readSpelling, respellEdits, respellTitle, spellingRange } from './source-spelling.js';


/**
 * A12, the trap this project exists for. EnforceDataSourceBackwardsCompatibility sets dataSource
 * to nil, with no error and no warning, unless it is exactly {PersistentVolumeClaim, apiGroup nil
 * or ""} or {VolumeSnapshot, snapshot.storage.k8s.io}. The claim then binds to a new EMPTY volume.
 */
export const datasourceSilentlyDropped: ClaimRule = {
  meta: {
    id: 'datasource-silently-dropped',
    reference: 'A12',
    title: 'The apiserver silently drops this dataSource: the volume comes out EMPTY',
    severity: 'error',
    layer: 'apiserver',
    phase: 'compat',
    versions: 'all',
    fixable: true,
  },
  check(context) {
    const { claim, stages } = context;
    let source = stages.dropped.dataSource === 'A12' ? stages.afterDrop.dataSource : undefined;
    if (claim.origin === 'ephemeral') {
      // The Pod's validation sees the template first: an empty group with another kind is
      // rejected there (A7). What passes it is dropped later, when the controller creates the PVC.
      const written = stages.decoded.dataSource;
      const passesTemplateValidation =
        written && !stages.decoded.dataSourceRef && !isCoreGroup(written) && dns1123Subdomain.test(written.apiGroup ?? '');
      const kept = written && ((written.kind === 'VolumeSnapshot' && written.apiGroup === snapshotGroup));
      source = passesTemplateValidation && !kept ? written : undefined;
    }
    if (!source) return;
    const spelling = readSpelling(source);
    const where = claim.origin === 'PersistentVolumeClaim' ? 'this dataSource' : "this template's dataSource when it creates the claim";
    if (spelling.intended) {
      const edits = respellEdits(context, source, spelling);
      context.report({
        range: spellingRange(context, source, spelling),
        message:
          `the apiserver will silently drop ${where} and provision an EMPTY volume: ` +
          spelling.problems.map((problem) => problem.text).join('; '),
        ...(edits ? { fix: { title: respellTitle(spelling), edits } } : {}),
      });
      return;
    }
    // Any other kind is a volume populator: those are only honoured in dataSourceRef.
    const rename = stages.decoded.dataSourceRef ? undefined : renameKeyEdit(context, source.path, 'dataSourceRef');
    context.report({
      range: sourceRange(context, source, 'kind'),
      message:
        `the apiserver will silently drop ${where} and provision an EMPTY volume: dataSource only accepts ` +
        `PersistentVolumeClaim (core group) and VolumeSnapshot (${snapshotGroup}); ` +
        `a ${source.kind ?? 'source'}${source.apiGroup ? ` (${source.apiGroup})` : ''} is a volume populator and belongs in spec.dataSourceRef`,
      ...(rename ? { fix: { title: 'Move it to spec.dataSourceRef', edits: [rename] } } : {}),
    });
  },
};
