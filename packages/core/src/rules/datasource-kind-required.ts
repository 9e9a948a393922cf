import { fieldPaths, validatedSources } from '../apiserver/data-sources.js';
import type { ClaimRule } from './types.js';
import { sourceRange } from './edits.js';

/** A6 */
export const datasourceKindRequired: ClaimRule = {
  meta: {
    id: 'datasource-kind-required',
    reference: 'A6',
    title: 'A data source needs a kind',
    severity: 'error',
    layer: 'apiserver',
    phase: 'validate',
    upstreamMessage: 'spec.dataSourceRef.kind: Required value',
    versions: 'all',
    fixable: false,
  },
  check(context) {
    for (const source of validatedSources(context.stages)) {
      if (source.kind) continue;
      const paths = fieldPaths(context.stages, source).map((path) => `${path}.kind: Required value`).join(', ');
      context.report({
        range: sourceRange(context, source, 'kind'),
        message: `the apiserver rejects this claim (${paths}): set kind: PersistentVolumeClaim to clone a claim`,
      });
    }
  },
};
