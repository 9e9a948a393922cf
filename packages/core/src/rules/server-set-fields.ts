import { isMap } from 'yaml';
import type { TextEdit } from '../findings.js';
import { keyRange, nodeAt, pairAt, removePairEdit, type Path } from '../manifest/nodes.js';
import { isRecord } from '../manifest/objects.js';
import type { ClaimContext, ClaimRule } from './types.js';

/** Set by the apiserver or the PV controller; a new object must not carry them. */
const metadataFields = ['uid', 'resourceVersion', 'creationTimestamp', 'selfLink', 'generation', 'managedFields'];
const annotations = [
  'pv.kubernetes.io/bind-completed',
  'pv.kubernetes.io/bound-by-controller',
  'volume.kubernetes.io/storage-provisioner',
  'volume.beta.kubernetes.io/storage-provisioner',
  'volume.kubernetes.io/selected-node',
  'kubectl.kubernetes.io/last-applied-configuration',
];

/**
 * K7. A clone pasted from `kubectl get pvc -o yaml` carries what the cluster wrote on the source:
 * its uid and resourceVersion (the apiserver refuses a create with a resourceVersion: "resourceVersion
 * should not be set on objects to be created"), status, and the PV controller's bind annotations,
 * with which the controller treats the new claim as already bound. Remove them all.
 */
export const serverSetFields: ClaimRule = {
  meta: {
    id: 'server-set-fields',
    reference: 'K7',
    title: 'A clone must not carry fields the cluster sets (pasted from kubectl get -o yaml)',
    severity: 'error',
    layer: 'apiserver',
    phase: 'validate',
    upstreamMessage: 'resourceVersion should not be set on objects to be created',
    versions: 'all',
    fixable: true,
  },
  check(context) {
    const { claim } = context;
    const { written } = context.stages;
    if (claim.origin !== 'PersistentVolumeClaim' || !(written.dataSource || written.dataSourceRef)) return;
    const object = valueAt(claim.doc.value, claim.path);
    if (!isRecord(object)) return;
    const metadata = isRecord(object.metadata) ? object.metadata : {};
    const found: { path: Path; label: string }[] = [];
    for (const field of metadataFields) if (field in metadata) found.push({ path: [...claim.path, 'metadata', field], label: `metadata.${field}` });
    const written_ = isRecord(metadata.annotations) ? metadata.annotations : {};
    for (const annotation of annotations) {
      if (annotation in written_) found.push({ path: [...claim.path, 'metadata', 'annotations', annotation], label: annotation });
    }
    if ('status' in object) found.push({ path: [...claim.path, 'status'], label: 'status' });
    if (found.length === 0) return;
    const first = pairAt(context.doc, found[0]!.path);
    if (!first) return;
    const edits = found.map(({ path }) => removal(context, path));
    const complete = edits.every((edit): edit is TextEdit => edit !== undefined);
    context.report({
      range: keyRange(first),
      message:
        `this claim carries fields the cluster set on another object (${found.map((f) => f.label).join(', ')}), as pasted from ` +
        '`kubectl get -o yaml`: created as a new clone it is refused ("resourceVersion should not be set on objects to be created") ' +
        'or taken as already bound, and nothing is cloned. Remove them',
      ...(complete ? { fix: { title: 'Remove the fields the cluster sets', edits } } : {}),
    });
  },
};

function removal(context: ClaimContext, path: Path): TextEdit | undefined {
  const map = nodeAt(context.doc, path.slice(0, -1));
  const pair = pairAt(context.doc, path);
  return isMap(map) && pair ? removePairEdit(map, pair, context.locator) : undefined;
}

function valueAt(value: unknown, path: Path): unknown {
  let current = value;
  for (const key of path) current = isRecord(current) || Array.isArray(current) ? (current as Record<string | number, unknown>)[key] : undefined;
  return current;
}
