import { coreGroupKind, fieldPaths, isCoreGroup, validatedSources } from '../apiserver/data-sources.js';
import type { ClaimRule } from './types.js';
import { sourceRange } from './edits.js';
import { readSpelling, respellEdits, respellTitle } from './source-spelling.js';

/**
 * A7. With an empty or absent apiGroup only PersistentVolumeClaim is a valid kind. For dataSource
 * this is reached only when the source survived the compatibility step (dataSourceRef also
 * given) or was copied from dataSourceRef; for ephemeral templates it is what rejects the Pod.
 */
export const datasourceKindCoreGroup: ClaimRule = {
  meta: {
    id: 'datasource-kind-core-group',
    reference: 'A7',
    title: "Without an apiGroup the kind must be 'PersistentVolumeClaim'",
    severity: 'error',
    layer: 'apiserver',
    phase: 'validate',
    upstreamMessage: "spec.dataSourceRef: Invalid value: \"<kind>\": must be 'PersistentVolumeClaim' when referencing the default apiGroup",
    versions: 'all',
    fixable: true,
  },
  check(context) {
    for (const source of validatedSources(context.stages)) {
      if (!source.kind || !isCoreGroup(source) || source.kind === coreGroupKind) continue;
      const paths = fieldPaths(context.stages, source).join(', ');
      const spelling = readSpelling(source);
      const edits = spelling.intended ? respellEdits(context, source, spelling) : undefined;
      const upstream = `${paths}: Invalid value: "${source.kind}": must be 'PersistentVolumeClaim' when referencing the default apiGroup`;
      context.report({
        range: sourceRange(context, source, 'kind'),
        message:
          `the apiserver rejects this ${context.claim.origin === 'ephemeral' ? `${context.claim.owner?.kind ?? 'Pod'}` : 'claim'} (${upstream})` +
          (spelling.problems.length ? `: ${spelling.problems.map((problem) => problem.text).join('; ')}` : ''),
        ...(edits ? { fix: { title: respellTitle(spelling), edits } } : {}),
      });
    }
  },
};
