import { fieldPaths, validatedSources } from '../apiserver/data-sources.js';
import type { ClaimRule } from './types.js';
import { sourceRange } from './edits.js';

/** A5 */
export const datasourceNameRequired: ClaimRule = {
  meta: {
    id: 'datasource-name-required',
    reference: 'A5',
    title: 'A data source needs a name',
    severity: 'error',
    layer: 'apiserver',
    phase: 'validate',
    upstreamMessage: 'spec.dataSource.name: Required value',
    versions: 'all',
    fixable: false,
  },
  check(context) {
    for (const source of validatedSources(context.stages)) {
      if (source.name) continue;
      const paths = fieldPaths(context.stages, source).map((path) => `${path}.name: Required value`).join(', ');
      context.report({
        range: sourceRange(context, source, 'name'),
        message: `the apiserver rejects this claim (${paths}): name the source ${source.kind ?? 'object'}`,
      });
    }
  },
};

