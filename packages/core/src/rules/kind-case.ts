import { replaceValueEdit, nodeAt } from '../manifest/nodes.js';
import type { ObjectRule } from './types.js';

/** Kinds the linter reads; kubectl maps a kind to its resource case-sensitively. */
const kinds = [
  'PersistentVolumeClaim', 'PersistentVolume', 'StorageClass', 'VolumeSnapshot', 'VolumeSnapshotClass', 'VolumeSnapshotContent',
  'ReferenceGrant', 'Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob',
  'PodTemplate', 'List',
];
const byLowerCase = new Map(kinds.map((kind) => [kind.toLowerCase(), kind]));

/**
 * Decode (RESTMapper). `kind: persistentVolumeClaim` names no kind: kubectl stops with "no matches
 * for kind" before anything is sent, and the linter would otherwise skip the document as not a claim.
 */
export const kindCase: ObjectRule = {
  meta: {
    id: 'kind-case',
    reference: 'decode',
    title: 'Kinds are case-sensitive',
    severity: 'error',
    layer: 'apiserver',
    phase: 'decode',
    upstreamMessage: 'resource mapping not found for name: "<name>" namespace: "" from "<file>": no matches for kind "<kind>" in version "<apiVersion>"',
    versions: 'all',
    fixable: true,
  },
  check(context) {
    const { object } = context;
    const right = byLowerCase.get(object.kind.toLowerCase());
    if (!right || right === object.kind) return;
    const node = nodeAt(context.doc, [...object.path, 'kind']);
    if (!node?.range) return;
    context.report({
      range: { start: node.range[0], end: node.range[1] },
      message:
        `kind is case-sensitive: kubectl refuses this document ("no matches for kind \\"${object.kind}\\" in version \\"${object.apiVersion}\\"") ` +
        `and nothing is created; use ${right}`,
      fix: { title: `Use kind: ${right}`, edits: [replaceValueEdit(node, right)] },
    });
  },
};
