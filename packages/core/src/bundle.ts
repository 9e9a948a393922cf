import { gatewayGroup } from './api-groups.js';
import type {
  ClusterFacts, PersistentVolumeClaimObject, PersistentVolumeObject, PodObject, ReferenceGrantObject, StorageClassObject,
} from './facts.js';
import { isDefaultStorageClass } from './facts.js';
import { podSpecsOf } from './manifest/claims.js';
import { arrayField, objectsOf, recordField, stringField, type ManifestDocument, type ManifestObject } from './manifest/objects.js';

/** An object known to the linter, from a manifest (with its place in the text) or from the cluster. */
export interface Known<T> {
  readonly value: T;
  readonly name: string | undefined;
  readonly namespace: string | undefined;
  readonly origin: 'bundle' | 'cluster';
  readonly object?: ManifestObject;
}

/** A pod (or pod template) that mounts a claim by name. */
export interface ClaimMount {
  readonly namespace: string | undefined;
  readonly claimName: string;
  readonly workload: string;
  readonly origin: 'bundle' | 'cluster';
  readonly running?: boolean;
}

/**
 * The objects of a lint run: every document of every file (cross-object rules see the whole
 * bundle, as `kubectl apply -f dir/` would create it) plus live facts. Namespaces follow the
 * reference's rule: a document without metadata.namespace lands in the namespace it is applied
 * into, so it only matches another object that also has none, unless the facts name that namespace.
 */
export class ObjectIndex {
  readonly claims: Known<PersistentVolumeClaimObject>[] = [];
  private readonly claimsByName = new Map<string, Known<PersistentVolumeClaimObject>[]>();
  // Lookups by namespace and name: a GitOps repository repeats one claim name (`data`) in every
  // tenant's namespace, and a scan of every claim of that name per clone grows with the square.
  private readonly claimsByPlace = new Map<string, Known<PersistentVolumeClaimObject>>();
  readonly volumes: Known<PersistentVolumeObject>[] = [];
  private readonly volumesByName = new Map<string, Known<PersistentVolumeObject>>();
  readonly storageClasses: Known<StorageClassObject>[] = [];
  private readonly classesByName = new Map<string, Known<StorageClassObject>>();
  private defaults: Known<StorageClassObject>[] | undefined;
  readonly referenceGrants: Known<ReferenceGrantObject>[] = [];
  private readonly grantsByNamespace = new Map<string, Known<ReferenceGrantObject>[]>();
  readonly mounts: ClaimMount[] = [];
  private readonly mountsByPlace = new Map<string, ClaimMount[]>();
  readonly defaultNamespace: string | undefined;

  constructor(documents: readonly ManifestDocument[], readonly facts?: ClusterFacts) {
    this.defaultNamespace = facts?.namespace;
    for (const doc of documents) for (const object of objectsOf(doc)) this.addManifestObject(object);
    if (facts) this.addFacts(facts);
  }

  private addManifestObject(object: ManifestObject): void {
    const known = { name: object.name, namespace: object.namespace, origin: 'bundle' as const, object };
    switch (object.kind) {
      case 'PersistentVolumeClaim':
        this.addClaim({ ...known, value: object.value });
        break;
      case 'PersistentVolume':
        this.addVolume({ ...known, namespace: undefined, value: object.value });
        break;
      case 'StorageClass':
        this.addStorageClass({ ...known, namespace: undefined, value: object.value });
        break;
      case 'ReferenceGrant':
        if (object.apiVersion.startsWith(`${gatewayGroup}/`)) {
          this.addGrant({ ...known, value: object.value });
        }
        break;
    }
    for (const podSpec of podSpecsOf(object)) {
      for (const volume of arrayField(podSpec.spec, 'volumes')) {
        const claimName = stringField(recordField(volume, 'persistentVolumeClaim'), 'claimName');
        if (claimName) {
          this.addMount({ namespace: object.namespace, claimName, workload: `${object.kind} ${object.name ?? ''}`.trim(), origin: 'bundle' });
        }
      }
    }
  }

  /** One key per resolved namespace and name ("wherever applied" is its own namespace). */
  private place(namespace: string | undefined, name: string): string {
    const resolved = namespace ?? this.defaultNamespace;
    return resolved === undefined ? `\u0000${name}` : `${resolved}\u0000${name}`;
  }

  private addClaim(claim: Known<PersistentVolumeClaimObject>): void {
    this.claims.push(claim);
    const key = claim.name ?? '';
    const named = this.claimsByName.get(key);
    if (named) named.push(claim);
    else this.claimsByName.set(key, [claim]);
    // the first claim at a place wins, as a scan in order would find it
    const place = this.place(claim.namespace, key);
    if (!this.claimsByPlace.has(place)) this.claimsByPlace.set(place, claim);
  }

  private addVolume(volume: Known<PersistentVolumeObject>): void {
    this.volumes.push(volume);
    if (volume.name !== undefined && !this.volumesByName.has(volume.name)) this.volumesByName.set(volume.name, volume);
  }

  private addStorageClass(storageClass: Known<StorageClassObject>): void {
    this.storageClasses.push(storageClass);
    this.defaults = undefined;
    if (storageClass.name !== undefined && !this.classesByName.has(storageClass.name)) this.classesByName.set(storageClass.name, storageClass);
  }

  private addGrant(grant: Known<ReferenceGrantObject>): void {
    this.referenceGrants.push(grant);
    const key = grant.namespace ?? this.defaultNamespace ?? '';
    const inNamespace = this.grantsByNamespace.get(key);
    if (inNamespace) inNamespace.push(grant);
    else this.grantsByNamespace.set(key, [grant]);
  }

  private addMount(mount: ClaimMount): void {
    this.mounts.push(mount);
    const place = this.place(mount.namespace, mount.claimName);
    const here = this.mountsByPlace.get(place);
    if (here) here.push(mount);
    else this.mountsByPlace.set(place, [mount]);
  }

  private addFacts(facts: ClusterFacts): void {
    const cluster = <T extends { metadata?: { name?: string; namespace?: string } }>(value: T): Known<T> => ({
      value, name: value.metadata?.name, namespace: value.metadata?.namespace, origin: 'cluster',
    });
    // a manifest describes what will be applied: it wins over the cluster's copy of the same object
    for (const claim of facts.persistentVolumeClaims ?? []) {
      if (!this.findClaim(claim.metadata?.namespace, claim.metadata?.name ?? '')) this.addClaim(cluster(claim));
    }
    for (const volume of facts.persistentVolumes ?? []) this.addVolume(cluster(volume));
    for (const storageClass of facts.storageClasses ?? []) {
      if (!this.storageClass(storageClass.metadata?.name ?? '')) this.addStorageClass(cluster(storageClass));
    }
    for (const grant of facts.referenceGrants ?? []) this.addGrant(cluster(grant));
    for (const pod of facts.pods ?? []) this.addPodMounts(pod);
  }

  private addPodMounts(pod: PodObject): void {
    for (const volume of pod.spec?.volumes ?? []) {
      const claimName = volume.persistentVolumeClaim?.claimName;
      if (!claimName) continue;
      const phase = pod.status?.phase;
      this.addMount({
        namespace: pod.metadata?.namespace, claimName, workload: `Pod ${pod.metadata?.name ?? ''}`.trim(), origin: 'cluster',
        running: phase === 'Running' || phase === 'Pending',
      });
    }
  }

  /** Namespaces are equal when both resolve to the same name, or both are "wherever applied". */
  sameNamespace(a: string | undefined, b: string | undefined): boolean {
    return (a ?? this.defaultNamespace) === (b ?? this.defaultNamespace);
  }

  findClaim(namespace: string | undefined, name: string): Known<PersistentVolumeClaimObject> | undefined {
    return this.claimsByPlace.get(this.place(namespace, name));
  }

  claimsNamed(name: string): Known<PersistentVolumeClaimObject>[] {
    return this.claimsByName.get(name) ?? [];
  }

  storageClass(name: string): Known<StorageClassObject> | undefined {
    return this.classesByName.get(name);
  }

  defaultStorageClasses(): Known<StorageClassObject>[] {
    this.defaults ??= this.storageClasses.filter((storageClass) => isDefaultStorageClass(storageClass.value));
    return this.defaults;
  }

  volume(name: string): Known<PersistentVolumeObject> | undefined {
    return this.volumesByName.get(name);
  }

  grantsIn(namespace: string | undefined): Known<ReferenceGrantObject>[] {
    return this.grantsByNamespace.get(namespace ?? this.defaultNamespace ?? '') ?? [];
  }

  mountsOf(namespace: string | undefined, claimName: string): ClaimMount[] {
    return this.mountsByPlace.get(this.place(namespace, claimName)) ?? [];
  }

  /**
   * The class a claim will get: its storageClassName, or for an omitted one the default class
   * the DefaultStorageClass admission plugin sets (undefined when the bundle shows none).
   */
  classOf(claim: { storageClassName?: string | null }): { name: string | null | undefined; known?: Known<StorageClassObject>; defaulted: boolean } {
    const name = claim.storageClassName;
    if (name === undefined || name === null) {
      const defaults = this.defaultStorageClasses();
      const chosen = defaults[0];
      return { name: chosen?.name, known: chosen, defaulted: true };
    }
    return { name, known: name === '' ? undefined : this.storageClass(name), defaulted: false };
  }
}
