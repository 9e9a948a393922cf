import { fieldPaths, validatedSources } from '../apiserver/data-sources.js';
import { versionAtLeast } from '../profile.js';
import { isDns1123Subdomain } from '../names.js';
import type { ClaimRule } from './types.js';
import { setFieldEdit, sourceRange } from './edits.js';


/** A8. Added in v1.29 (kubernetes PR #119091); ratcheted on update. */
export const datasourceApiGroupInvalid: ClaimRule = {
  meta: {
    id: 'datasource-api-group-invalid',
    reference: 'A8',
    title: 'apiGroup must be a DNS subdomain (a group, not group/version)',
    severity: 'error',
    layer: 'apiserver',
    phase: 'validate',
    upstreamMessage:
      "spec.dataSourceRef.apiGroup: Invalid value: \"<group>\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    versions: '>=1.29',
    fixable: true,
  },
  check(context) {
    if (!versionAtLeast(context.profile.kubernetesVersion, 1, 29)) return;
    for (const source of validatedSources(context.stages)) {
      const group = source.apiGroup;
      if (!group || isDns1123Subdomain(group)) continue;
      const paths = fieldPaths(context.stages, source).map((path) => `${path}.apiGroup`).join(', ');
      const slash = group.indexOf('/');
      const intended = slash > 0 ? group.slice(0, slash) : group.toLowerCase();
      const fixable = isDns1123Subdomain(intended) && intended !== group;
      const edit = fixable ? setFieldEdit(context, source.path, 'apiGroup', intended) : undefined;
      context.report({
        range: sourceRange(context, source, 'apiGroup'),
        message:
          `the apiserver rejects this claim (${paths}: Invalid value: "${group}": a lowercase RFC 1123 subdomain must consist of ` +
          "lower case alphanumeric characters, '-' or '.'): apiGroup is a group such as snapshot.storage.k8s.io" +
          (slash > 0 ? ', without the version' : ''),
        ...(edit ? { fix: { title: `Use apiGroup: ${intended}`, edits: [edit] } } : {}),
      });
    }
  },
};
