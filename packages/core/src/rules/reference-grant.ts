import { referenceGrantFor, renderAppendedDocument } from '../generate.js';
import type { ReferenceGrantObject } from '../facts.js';
import type { ClaimRule } from './types.js';
import { sourceRange } from './edits.js';
import { nodeAt, replaceValueEdit } from '../manifest/nodes.js';
import { cloneSource } from './clone-source.js';

/**
 * P15. external-provisioner (util.go) lists gateway.networking.k8s.io/v1beta1 ReferenceGrants in
 * the SOURCE namespace and needs one whose from has {group: "", kind: PersistentVolumeClaim,
 * namespace: <clone ns>} and whose to has {group: <ref apiGroup or "">, kind: <ref kind>, name: omitted or the source}.
 */
export function grantAllows(
  grant: ReferenceGrantObject,
  clone: { namespace: string },
  target: { group: string; kind: string; name: string },
): boolean {
  // a grant from a manifest is unchecked YAML: a list may be anything
  const entries = <T>(value: unknown): Partial<T>[] =>
    Array.isArray(value) ? value.filter((entry): entry is Partial<T> => typeof entry === 'object' && entry !== null) : [];
  const from = entries<{ group: string; kind: string; namespace: string }>(grant.spec?.from);
  const to = entries<{ group: string; kind: string; name: string }>(grant.spec?.to);
  return (
    from.some((f) => (f.group ?? '') === '' && f.kind === 'PersistentVolumeClaim' && f.namespace === clone.namespace) &&
    to.some((t) => (t.group ?? '') === target.group && t.kind === target.kind && (!t.name || t.name === target.name))
  );
}

export const referenceGrant: ClaimRule = {
  meta: {
    id: 'reference-grant',
    reference: 'P15',
    title: 'A cross-namespace clone needs a ReferenceGrant in the source namespace',
    severity: 'error',
    layer: 'external-provisioner',
    phase: 'cross',
    upstreamMessage: 'accessing <src-ns>/<name> of <Kind> dataSource from <clone-ns>/<clone> isn\'t allowed',
    versions: '>=1.26 with CrossNamespaceVolumeDataSource',
    fixable: true,
  },
  check(context) {
    const source = cloneSource(context);
    if (!source?.crossNamespace || context.stages.dropped.dataSourceRef || !source.namespace) return;
    const cloneNamespace = context.claim.namespace ?? context.bundle.defaultNamespace;
    if (!cloneNamespace) return;
    const target = { group: source.ref.apiGroup ?? '', kind: source.ref.kind ?? '', name: source.name };
    const grants = context.bundle.grantsIn(source.namespace);
    if (grants.some((grant) => grantAllows(grant.value, { namespace: cloneNamespace }, target))) return;
    const denied =
      `"accessing ${source.namespace}/${source.name} of ${target.kind} dataSource from ${cloneNamespace}/${context.claim.name ?? ''} isn't allowed"`;
    const range = sourceRange(context, source.ref, 'namespace');
    // a grant written for this clone but in another namespace (usually the clone's own): it grants nothing there
    const misplaced = context.bundle.referenceGrants.find(
      (grant) => !context.bundle.sameNamespace(grant.namespace, source.namespace) && grantAllows(grant.value, { namespace: cloneNamespace }, target),
    );
    if (misplaced) {
      // the grant is in this file: move it by rewriting its namespace
      const namespaceNode = misplaced.object?.doc.file === context.claim.doc.file
        ? nodeAt(misplaced.object.doc.node, [...misplaced.object.path, 'metadata', 'namespace'])
        : undefined;
      const move = namespaceNode?.range ? replaceValueEdit(namespaceNode, source.namespace) : undefined;
      context.report({
        range,
        message:
          `the clone stays Pending (${denied}): ReferenceGrant ${misplaced.name ?? ''} allows this clone but is in namespace ` +
          `${misplaced.namespace ?? 'the one it is applied into'}; a ReferenceGrant must live in the namespace of what it grants ` +
          `access to, the source's: move it to namespace ${source.namespace}`,
        ...(move ? { fix: { title: `Move ReferenceGrant ${misplaced.name ?? ''} to namespace ${source.namespace}`, edits: [move] } } : {}),
      });
      return;
    }
    if (grants.length > 0) {
      context.report({
        range,
        message:
          `the clone stays Pending (${denied}): the ReferenceGrant${grants.length > 1 ? 's' : ''} in ${source.namespace} ` +
          `(${grants.map((grant) => grant.name).join(', ')}) ${grants.length > 1 ? 'do' : 'does'} not allow PersistentVolumeClaims from ${cloneNamespace} (from: group "", ` +
          `kind PersistentVolumeClaim) to reach ${target.kind} ${source.name} (to: group "${target.group}")`,
      });
      return;
    }
    const grant = context.claim.name
      ? referenceGrantFor({
          sourceNamespace: source.namespace, sourceName: source.name, sourceKind: target.kind, sourceGroup: target.group,
          cloneNamespace, cloneName: context.claim.name,
        })
      : undefined;
    context.report({
      range,
      severity: context.profile.complete ? 'error' : 'warning',
      message:
        `no ReferenceGrant in ${source.namespace} allows this clone in these files: without one the clone stays Pending (${denied}); ` +
        `create one in ${source.namespace} from PersistentVolumeClaim in ${cloneNamespace} to ${target.kind} ${source.name}`,
      ...(grant ? { fix: { title: `Add a ReferenceGrant in ${source.namespace}`, edits: [renderAppendedDocument(context.locator.text, grant)] } } : {}),
    });
  },
};
