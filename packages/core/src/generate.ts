import { stringify } from 'yaml';
import type { TextEdit } from './findings.js';
import type { ObjectMeta, PersistentVolumeClaimObject, ReferenceGrantObject } from './facts.js';

/** Labels and annotations every object kubectl-clone creates carries; `list` and `prune` rely on them. */
export const managedByLabel = 'app.kubernetes.io/managed-by';
export const managedByValue = 'kubectl-clone';
export const annotationPrefix = 'kubectl-clone.io/';
export const annotations = {
  source: `${annotationPrefix}source`,
  sourceUid: `${annotationPrefix}source-uid`,
  createdAt: `${annotationPrefix}created-at`,
  strategy: `${annotationPrefix}strategy`,
  reason: `${annotationPrefix}reason`,
  ttl: `${annotationPrefix}ttl`,
  expiresAt: `${annotationPrefix}expires-at`,
  /** JSON seconds per phase: {"preflight":0.4,"create":0.05,"bound":1.2}. */
  timings: `${annotationPrefix}timings`,
  /** The temporary VolumeSnapshot a snapshot-strategy clone was restored from. */
  snapshot: `${annotationPrefix}snapshot`,
  /** On a ReferenceGrant or a temporary VolumeSnapshot: the clone ("namespace/name") it was made for; prune removes it once that clone no longer needs it. */
  madeFor: `${annotationPrefix}made-for`,
  /** On a VolumeSnapshot made with --keep-snapshot: kept until prune is told to include kept snapshots. */
  keep: `${annotationPrefix}keep`,
} as const;

import { gatewayGroup, snapshotGroup } from './api-groups.js';

export { snapshotGroup };

export interface GrantRequest {
  sourceNamespace: string;
  sourceName: string;
  sourceKind: string;
  sourceGroup: string;
  cloneNamespace: string;
  cloneName: string;
}

/**
 * The least-privilege grant external-provisioner accepts: in the source namespace, from
 * PersistentVolumeClaims of the clone's namespace, to this one source by name. v1beta1 is the
 * version external-provisioner lists (gateway-api v1.6.1 storage version).
 */
export function referenceGrantFor(request: GrantRequest): ReferenceGrantObject & { kind: string } {
  return {
    apiVersion: `${gatewayGroup}/v1beta1`,
    kind: 'ReferenceGrant',
    metadata: {
      name: dnsName(`clone-${request.cloneNamespace}-${request.cloneName}`),
      namespace: request.sourceNamespace,
      labels: { [managedByLabel]: managedByValue },
    },
    spec: {
      from: [{ group: '', kind: 'PersistentVolumeClaim', namespace: request.cloneNamespace }],
      to: [{ group: request.sourceGroup, kind: request.sourceKind, name: request.sourceName }],
    },
  };
}

/** Truncate to a DNS-1123 subdomain's 253 characters, ending on an alphanumeric. */
export function dnsName(name: string, max = 253): string {
  const lowered = name.toLowerCase().replace(/[^a-z0-9.-]+/g, '-');
  return lowered.slice(0, max).replace(/[^a-z0-9]+$/, '').replace(/^[^a-z0-9]+/, '');
}

export function renderYaml(objects: readonly unknown[]): string {
  return objects.map((object) => stringify(object, { lineWidth: 0 })).join('---\n');
}

/** An edit that appends `object` as a new YAML document at the end of `text`. */
export function renderAppendedDocument(text: string, object: unknown): TextEdit {
  // a CRLF file gets CRLF lines: a fix must not leave the file with mixed line endings
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const separator = text.length === 0 || text.endsWith('\n') ? '' : newline;
  const document = `---\n${stringify(object, { lineWidth: 0 })}`.replace(/\n/g, newline);
  return { start: text.length, end: text.length, newText: `${separator}${document}` };
}

export interface ClonePvcRequest {
  name: string;
  namespace: string;
  source: { namespace: string; name: string; uid?: string };
  storage: string;
  storageClassName?: string;
  accessModes: string[];
  volumeMode?: string;
  labels: Record<string, string>;
  createdAt: string;
  strategy: string;
  reason: string;
  /** Extra annotations (ttl, expires-at). */
  annotations?: Record<string, string>;
  /** Restore from this VolumeSnapshot (in the clone's namespace) instead of cloning the claim. */
  fromSnapshot?: string;
  /** Filled by copy pods: an empty claim, no data source (the source is named in the annotations). */
  copied?: boolean;
}

export interface VolumeSnapshotRequest {
  name: string;
  namespace: string;
  sourceName: string;
  snapshotClass: string;
  cloneName: string;
  /** --keep-snapshot: marked so prune leaves it. */
  keep?: boolean;
}

/** The temporary snapshot of the snapshot strategy, labelled so `prune` can find a leftover. */
export function volumeSnapshotFor(request: VolumeSnapshotRequest): Record<string, unknown> {
  return {
    apiVersion: `${snapshotGroup}/v1`,
    kind: 'VolumeSnapshot',
    metadata: {
      name: request.name,
      namespace: request.namespace,
      labels: { [managedByLabel]: managedByValue },
      annotations: {
        [annotations.source]: `${request.namespace}/${request.sourceName}`, [annotations.madeFor]: `${request.namespace}/${request.cloneName}`,
        ...(request.keep ? { [annotations.keep]: 'true' } : {}),
      },
    },
    spec: { volumeSnapshotClassName: request.snapshotClass, source: { persistentVolumeClaimName: request.sourceName } },
  };
}

/**
 * A clone claim built from scratch: nothing server-owned (status, uid, resourceVersion,
 * volumeName, bind annotations) and no selector (a claim with a selector is never dynamically
 * provisioned). Same namespace: dataSource; another namespace: dataSourceRef with namespace.
 */
export function clonePvcManifest(request: ClonePvcRequest): PersistentVolumeClaimObject {
  const sameNamespace = request.namespace === request.source.namespace;
  const metadata: ObjectMeta = {
    name: request.name,
    namespace: request.namespace,
    labels: { ...request.labels, [managedByLabel]: managedByValue },
    annotations: {
      [annotations.source]: `${request.source.namespace}/${request.source.name}`,
      ...(request.source.uid ? { [annotations.sourceUid]: request.source.uid } : {}),
      [annotations.createdAt]: request.createdAt,
      [annotations.strategy]: request.strategy,
      [annotations.reason]: request.reason,
      ...(request.fromSnapshot ? { [annotations.snapshot]: request.fromSnapshot } : {}),
      ...request.annotations,
    },
  };
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata,
    spec: {
      accessModes: request.accessModes,
      resources: { requests: { storage: request.storage } },
      ...(request.storageClassName !== undefined ? { storageClassName: request.storageClassName } : {}),
      ...(request.volumeMode ? { volumeMode: request.volumeMode } : {}),
      ...(request.copied
        ? {}
        : request.fromSnapshot
        ? { dataSource: { apiGroup: snapshotGroup, kind: 'VolumeSnapshot', name: request.fromSnapshot } }
        : sameNamespace
        ? { dataSource: { kind: 'PersistentVolumeClaim', name: request.source.name } }
        : { dataSourceRef: { kind: 'PersistentVolumeClaim', name: request.source.name, namespace: request.source.namespace } }),
    },
  };
}
