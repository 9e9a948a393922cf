import type { ClaimRule } from './types.js';
import { sourceRange } from './edits.js';
import { cloneSource } from './clone-source.js';

/**
 * P1. external-provisioner looks the source up in the clone's namespace (or dataSourceRef.namespace)
 * and retries forever with a ProvisioningFailed event; it prints the clone's namespace.
 */
export const sourceNotFound: ClaimRule = {
  meta: {
    id: 'source-not-found',
    reference: 'P1',
    title: 'The source claim must exist in the namespace the clone looks in',
    severity: 'error',
    layer: 'external-provisioner',
    phase: 'cross',
    upstreamMessage:
      'error getting handle for DataSource Type PersistentVolumeClaim by Name <src>: error getting PVC <src> (namespace "<ns>") from api server: persistentvolumeclaim "<src>" not found',
    versions: 'all',
    fixable: false,
  },
  check(context) {
    const source = cloneSource(context);
    if (!source || source.known || (source.name === context.claim.name && !source.crossNamespace)) return;
    // a written dataSource.namespace is explained by datasource-namespace-field, which says where the lookup goes
    if (context.stages.written.dataSource?.namespace) return;
    const range = sourceRange(context, source.ref, 'name');
    const resolved = source.namespace ?? context.bundle.defaultNamespace;
    const where = resolved ? `namespace ${resolved}` : 'the namespace this claim is applied into';
    const elsewhere = context.bundle.claimsNamed(source.name).filter((claim) => claim.namespace !== undefined);
    if (elsewhere.length > 0) {
      const namespaces = elsewhere.map((claim) => claim.namespace).join(', ');
      context.report({
        range,
        message:
          `source ${source.name} is in namespace ${namespaces}, but this clone looks for it in ${where}: the clone stays Pending ` +
          `("persistentvolumeclaim \\"${source.name}\\" not found"). Clone in the source's namespace, or (alpha) use ` +
          'dataSourceRef.namespace with a ReferenceGrant',
      });
      return;
    }
    // without the cluster every clone's source is missing from the files: one note per file says so
    if (!context.profile.complete && !context.firstInFile('source-not-found')) return;
    context.report({
      range,
      severity: context.profile.complete ? 'error' : 'info',
      message: context.profile.complete
        ? `source ${source.name} does not exist in ${where}: the clone stays Pending ("persistentvolumeclaim \\"${source.name}\\" not found")`
        : `source ${source.name} is not in these files: it must exist in ${where} and be Bound when this clone is created ` +
          '(kubectl clone lint --cluster checks it; said once per file, for the first clone whose source is not here)',
    });
  },
};
