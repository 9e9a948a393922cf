/**
 * Kubernetes objects as plain data, the shapes the rules and the planner read. Every field is
 * optional: the same types hold what a user wrote in a manifest and what the cluster returned.
 * src/cluster fills them from a live cluster; tests and the offline planner build them by hand.
 */
import type { TargetProfile } from './profile.js';

export interface ObjectMeta {
  name?: string;
  namespace?: string;
  uid?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  resourceVersion?: string;
  finalizers?: string[];
  ownerReferences?: { kind?: string; name?: string; uid?: string; controller?: boolean }[];
}

export interface TypedReference {
  apiGroup?: string | null;
  kind?: string;
  name?: string;
  namespace?: string;
}

export interface PersistentVolumeClaimSpec {
  accessModes?: string[];
  resources?: { requests?: Record<string, string | number>; limits?: Record<string, string | number> };
  storageClassName?: string | null;
  volumeMode?: string;
  volumeName?: string;
  dataSource?: TypedReference | null;
  dataSourceRef?: TypedReference | null;
  selector?: unknown;
  volumeAttributesClassName?: string;
}

export interface PersistentVolumeClaimObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
  spec?: PersistentVolumeClaimSpec;
  status?: { phase?: string; capacity?: Record<string, string | number>; accessModes?: string[] };
}

export interface PersistentVolumeObject {
  metadata?: ObjectMeta;
  spec?: {
    csi?: { driver?: string; volumeHandle?: string };
    volumeMode?: string;
    storageClassName?: string;
    capacity?: Record<string, string | number>;
    claimRef?: { namespace?: string; name?: string; uid?: string };
    /** Where the volume can be used: drivers set it from the topology of the node or zone it was made in. */
    nodeAffinity?: { required?: { nodeSelectorTerms?: { matchExpressions?: { key?: string; operator?: string; values?: string[] }[] }[] } };
  };
  status?: { phase?: string };
}

export interface StorageClassObject {
  metadata?: ObjectMeta;
  provisioner?: string;
  volumeBindingMode?: string;
  allowVolumeExpansion?: boolean;
  parameters?: Record<string, string>;
}

export interface CsiDriverObject {
  metadata?: ObjectMeta;
  spec?: { attachRequired?: boolean; volumeLifecycleModes?: string[] };
}

export interface VolumeSnapshotClassObject {
  metadata?: ObjectMeta;
  driver?: string;
  deletionPolicy?: string;
}

export interface ReferenceGrantObject {
  apiVersion?: string;
  metadata?: ObjectMeta;
  spec?: {
    from?: { group?: string; kind?: string; namespace?: string }[];
    to?: { group?: string; kind?: string; name?: string }[];
  };
}

export interface PodObject {
  metadata?: ObjectMeta;
  spec?: { nodeName?: string; volumes?: { name?: string; persistentVolumeClaim?: { claimName?: string; readOnly?: boolean } }[] };
  status?: {
    phase?: string;
    containerStatuses?: { name?: string; state?: { waiting?: { reason?: string; message?: string }; terminated?: { exitCode?: number; reason?: string } } }[];
  };
}

/** What the cluster knows that a manifest bundle's rules can use. */
export interface ClusterFacts {
  /** The namespace manifests without metadata.namespace are applied into (the context's). */
  namespace?: string;
  serverVersion?: string;
  persistentVolumeClaims?: PersistentVolumeClaimObject[];
  persistentVolumes?: PersistentVolumeObject[];
  storageClasses?: StorageClassObject[];
  csiDrivers?: CsiDriverObject[];
  volumeSnapshotClasses?: VolumeSnapshotClassObject[];
  referenceGrants?: ReferenceGrantObject[];
  pods?: PodObject[];
}

/** Everything the planner needs to know about one source claim. */
export interface SourceFacts {
  source: PersistentVolumeClaimObject;
  /** The PV bound to the source (spec.volumeName), when it could be read. */
  volume?: PersistentVolumeObject;
  storageClasses: StorageClassObject[];
  /** The CSIDriver object of the source's driver, if the cluster has one. */
  csiDriver?: CsiDriverObject;
  /** Pods that mount the source. */
  pods: PodObject[];
  volumeSnapshotClasses: VolumeSnapshotClassObject[];
  serverVersion?: string;
  profile?: TargetProfile;
  /** What could not be read, one line each ("pods in shop (forbidden)"); `unknown` says it structured. */
  gaps?: string[];
  /**
   * The same, structured: a field named here is empty because it could not be read, not because
   * the cluster has none (no `csiDriver` with an unknown 'csiDriver' is "unknown", not "missing").
   */
  unknown?: { readonly fact: string; readonly what: string; readonly reason: string }[];
}

export function isDefaultStorageClass(storageClass: StorageClassObject): boolean {
  const annotations = storageClass.metadata?.annotations ?? {};
  return (
    annotations['storageclass.kubernetes.io/is-default-class'] === 'true' ||
    annotations['storageclass.beta.kubernetes.io/is-default-class'] === 'true'
  );
}
