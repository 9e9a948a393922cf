import {
  PatchStrategy, setHeaderOptions, AppsV1Api,
  AuthorizationV1Api, CoreV1Api, CustomObjectsApi, StorageV1Api, VersionApi, Watch,
  type V1PersistentVolumeClaim,
} from '@kubernetes/client-node';
import type {
  CsiDriverObject, PersistentVolumeClaimObject, PersistentVolumeObject, PodObject, ReferenceGrantObject,
  StorageClassObject, VolumeSnapshotClassObject,
} from '../facts.js';
import { gatewayGroup, snapshotGroup } from '../api-groups.js';
import { clusterError, isNotFound } from './errors.js';
import type { WorkloadKind, WorkloadObject } from '../workload.js';
import { resolveConfig, type ConnectionOptions, type ResolvedConfig } from './kubeconfig.js';

export const snapshotApi = { group: snapshotGroup, version: 'v1' } as const;
export const gatewayApi = { group: gatewayGroup, version: 'v1beta1' } as const;

export type DryRun = 'none' | 'server';

/**
 * The one place that talks to Kubernetes. Every method names what it does in its errors, and
 * counts its requests (the benchmark reads `requests`).
 */
export class ClusterClient {
  readonly core: CoreV1Api;
  readonly storage: StorageV1Api;
  readonly authorization: AuthorizationV1Api;
  readonly custom: CustomObjectsApi;
  readonly versionApi: VersionApi;
  readonly apps: AppsV1Api;
  requests = 0;

  constructor(readonly config: ResolvedConfig) {
    const kc = config.kubeConfig;
    this.core = kc.makeApiClient(CoreV1Api);
    this.storage = kc.makeApiClient(StorageV1Api);
    this.authorization = kc.makeApiClient(AuthorizationV1Api);
    this.custom = kc.makeApiClient(CustomObjectsApi);
    this.versionApi = kc.makeApiClient(VersionApi);
    this.apps = kc.makeApiClient(AppsV1Api);
  }

  static connect(options: ConnectionOptions = {}): ClusterClient {
    return new ClusterClient(resolveConfig(options));
  }

  get namespace(): string {
    return this.config.namespace;
  }

  /** Run one request, counted, with kubectl-like errors. */
  async call<T>(what: string, request: () => Promise<T>): Promise<T> {
    try {
      return await this.retried(request);
    } catch (error) {
      throw clusterError(what, error, this.config.server, this.config.requestTimeoutMs);
    }
  }

  /** undefined for 404. */
  async optional<T>(what: string, request: () => Promise<T>): Promise<T | undefined> {
    try {
      return await this.retried(request);
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw clusterError(what, error, this.config.server, this.config.requestTimeoutMs);
    }
  }

  /**
   * A 429 is the apiserver asking to come back (priority and fairness, or its storage
   * re-initializing after etcd stalled): client-go retries it up to 10 times; we do 5, 1 s apart.
   */
  private async retried<T>(request: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      this.requests++;
      try {
        return await request();
      } catch (error) {
        if (attempt >= 5 || (error as { code?: number }).code !== 429) throw error;
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  }

  serverVersion(): Promise<string> {
    return this.call('get the server version', async () => (await this.versionApi.getCode()).gitVersion);
  }

  readClaim(namespace: string, name: string): Promise<PersistentVolumeClaimObject | undefined> {
    return this.optional(`get persistentvolumeclaim ${namespace}/${name}`, () =>
      this.core.readNamespacedPersistentVolumeClaim({ namespace, name }) as Promise<PersistentVolumeClaimObject>);
  }

  async listClaims(namespace: string | undefined, labelSelector?: string): Promise<PersistentVolumeClaimObject[]> {
    const items: PersistentVolumeClaimObject[] = [];
    let token: string | undefined;
    // paginate: a cluster-wide list of thousands of claims is read in pages of 500
    do {
      const page = await this.call(`list persistentvolumeclaims${namespace ? ` in ${namespace}` : ''}`, () =>
        namespace
          ? this.core.listNamespacedPersistentVolumeClaim({ namespace, limit: 500, ...(token ? { _continue: token } : {}), ...(labelSelector ? { labelSelector } : {}) })
          : this.core.listPersistentVolumeClaimForAllNamespaces({ limit: 500, ...(token ? { _continue: token } : {}), ...(labelSelector ? { labelSelector } : {}) }));
      items.push(...(page.items as PersistentVolumeClaimObject[]));
      token = page.metadata?._continue || undefined;
    } while (token);
    return items;
  }

  /** Names only, for shell completion. */
  async listNamespaceNames(): Promise<string[]> {
    return (await this.call('list namespaces', () => this.core.listNamespace())).items.map((ns) => ns.metadata?.name ?? '');
  }

  /** deploy/NAME, sts/NAME and pod/NAME in a namespace, as `kubectl clone workload` takes them (shell completion). */
  async listWorkloadRefs(namespace: string): Promise<string[]> {
    const [deployments, statefulSets, pods] = await Promise.all([
      this.call(`list deployments in ${namespace}`, () => this.apps.listNamespacedDeployment({ namespace })),
      this.call(`list statefulsets in ${namespace}`, () => this.apps.listNamespacedStatefulSet({ namespace })),
      this.call(`list pods in ${namespace}`, () => this.core.listNamespacedPod({ namespace })),
    ]);
    return [
      ...deployments.items.map((d) => `deploy/${d.metadata?.name}`),
      ...statefulSets.items.map((s) => `sts/${s.metadata?.name}`),
      ...pods.items.map((p) => `pod/${p.metadata?.name}`),
    ];
  }

  readVolume(name: string): Promise<PersistentVolumeObject | undefined> {
    return this.optional(`get persistentvolume ${name}`, () => this.core.readPersistentVolume({ name }) as Promise<PersistentVolumeObject>);
  }

  async listStorageClasses(): Promise<StorageClassObject[]> {
    return (await this.call('list storageclasses', () => this.storage.listStorageClass())).items as StorageClassObject[];
  }

  async listCsiDrivers(): Promise<CsiDriverObject[]> {
    return (await this.call('list csidrivers', () => this.storage.listCSIDriver())).items as CsiDriverObject[];
  }

  readCsiDriver(name: string): Promise<CsiDriverObject | undefined> {
    return this.optional(`get csidriver ${name}`, () => this.storage.readCSIDriver({ name }) as Promise<CsiDriverObject>);
  }

  async listPods(namespace: string): Promise<PodObject[]> {
    return (await this.call(`list pods in ${namespace}`, () => this.core.listNamespacedPod({ namespace }))).items as PodObject[];
  }

  readPod(namespace: string, name: string): Promise<PodObject | undefined> {
    return this.optional(`get pod ${namespace}/${name}`, () => this.core.readNamespacedPod({ namespace, name }) as Promise<PodObject>);
  }

  /** Pods by label selector, in one namespace or all (prune's sweep of helper pods). */
  async listPodsBySelector(namespace: string | undefined, labelSelector: string): Promise<PodObject[]> {
    const list = await this.call(`list pods${namespace ? ` in ${namespace}` : ''}`, () =>
      namespace ? this.core.listNamespacedPod({ namespace, labelSelector }) : this.core.listPodForAllNamespaces({ labelSelector }));
    return list.items as PodObject[];
  }

  /** Helper pods only (copy, verify): see pods.ts for what they may do. */
  createPod(pod: { readonly metadata?: { readonly name?: string; readonly namespace?: string } }, dryRun: DryRun): Promise<PodObject> {
    const namespace = pod.metadata?.namespace ?? this.namespace;
    return this.call(`create pod ${namespace}/${pod.metadata?.name}${dryRun === 'server' ? ' (server dry run)' : ''}`, () =>
      this.core.createNamespacedPod({
        namespace, body: pod, fieldValidation: 'Strict', fieldManager: 'kubectl-clone',
        ...(dryRun === 'server' ? { dryRun: 'All' } : {}),
      }) as Promise<PodObject>);
  }

  /** Gone already is fine: deleting a helper pod is how every path ends. */
  deletePod(namespace: string, name: string, dryRun: DryRun = 'none'): Promise<unknown> {
    return this.optional(`delete pod ${namespace}/${name}`, () => this.core.deleteNamespacedPod({ namespace, name, gracePeriodSeconds: 0, ...(dryRun === 'server' ? { dryRun: 'All' } : {}) }));
  }

  /** The newest Warning event of a pod ("FailedScheduling: 0/1 nodes are available: ..."), if any. */
  async latestPodWarning(namespace: string, name: string): Promise<string | undefined> {
    const list = await this.call(`list events of pod ${namespace}/${name}`, () =>
      this.core.listNamespacedEvent({ namespace, fieldSelector: `involvedObject.kind=Pod,involvedObject.name=${name},type=Warning` }));
    const newest = list.items.map(toClaimEvent).sort((a, b) => a.lastSeen.localeCompare(b.lastSeen)).at(-1);
    return newest ? `${newest.reason}: ${newest.message}` : undefined;
  }

  /** [] when the snapshot API is not installed. */
  async listVolumeSnapshotClasses(): Promise<VolumeSnapshotClassObject[]> {
    const list = await this.optional('list volumesnapshotclasses', () =>
      this.custom.listClusterCustomObject({ ...snapshotApi, plural: 'volumesnapshotclasses' }) as Promise<{ items: VolumeSnapshotClassObject[] }>);
    return list?.items ?? [];
  }

  /** undefined when the ReferenceGrant API is not installed. */
  async listReferenceGrants(namespace: string): Promise<ReferenceGrantObject[] | undefined> {
    const list = await this.optional(`list referencegrants in ${namespace}`, () =>
      this.custom.listNamespacedCustomObject({ ...gatewayApi, namespace, plural: 'referencegrants' }) as Promise<{ items: ReferenceGrantObject[] }>);
    return list?.items;
  }

  createClaim(claim: PersistentVolumeClaimObject, dryRun: DryRun): Promise<PersistentVolumeClaimObject> {
    const namespace = claim.metadata?.namespace ?? this.namespace;
    return this.call(`create persistentvolumeclaim ${namespace}/${claim.metadata?.name}${dryRun === 'server' ? ' (server dry run)' : ''}`, () =>
      this.core.createNamespacedPersistentVolumeClaim({
        namespace,
        body: claim as V1PersistentVolumeClaim,
        fieldValidation: 'Strict',
        fieldManager: 'kubectl-clone',
        ...(dryRun === 'server' ? { dryRun: 'All' } : {}),
      }) as Promise<PersistentVolumeClaimObject>);
  }

  deleteClaim(namespace: string, name: string, dryRun: DryRun = 'none'): Promise<unknown> {
    return this.call(`delete persistentvolumeclaim ${namespace}/${name}`, () =>
      this.core.deleteNamespacedPersistentVolumeClaim({ namespace, name, ...(dryRun === 'server' ? { dryRun: 'All' } : {}) }));
  }

  /** Objects kubectl-clone made next to clones (ReferenceGrants, temporary VolumeSnapshots), by label; [] when the API is not installed. */
  async listHelpers(kind: 'referencegrants' | 'volumesnapshots', namespace: string | undefined, labelSelector: string): Promise<HelperObject[]> {
    const api = kind === 'referencegrants' ? gatewayApi : snapshotApi;
    const list = await this.optional(`list ${kind}${namespace ? ` in ${namespace}` : ''}`, () =>
      (namespace
        ? this.custom.listNamespacedCustomObject({ ...api, namespace, plural: kind, labelSelector })
        : this.custom.listClusterCustomObject({ ...api, plural: kind, labelSelector })) as Promise<{ items: HelperObject[] }>);
    return list?.items ?? [];
  }

  createReferenceGrant(grant: ReferenceGrantObject, dryRun: DryRun): Promise<ReferenceGrantObject> {
    const namespace = grant.metadata?.namespace ?? this.namespace;
    return this.call(`create referencegrant ${namespace}/${grant.metadata?.name}`, () =>
      this.custom.createNamespacedCustomObject({
        ...gatewayApi, namespace, plural: 'referencegrants', body: grant, fieldManager: 'kubectl-clone',
        ...(dryRun === 'server' ? { dryRun: 'All' } : {}),
      }) as Promise<ReferenceGrantObject>);
  }

  /** A JSON merge patch of a claim's annotations (the phase timings, once Bound). */
  annotateClaim(namespace: string, name: string, notes: Record<string, string | null>): Promise<PersistentVolumeClaimObject> {
    return this.call(`annotate persistentvolumeclaim ${namespace}/${name}`, () =>
      this.core.patchNamespacedPersistentVolumeClaim(
        { namespace, name, body: { metadata: { annotations: notes } }, fieldManager: 'kubectl-clone' },
        setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
      ) as Promise<PersistentVolumeClaimObject>);
  }

  /** A Deployment, StatefulSet or Pod as plain JSON; undefined for 404. */
  readWorkload(kind: WorkloadKind, namespace: string, name: string): Promise<WorkloadObject | undefined> {
    const what = `get ${kind.toLowerCase()} ${namespace}/${name}`;
    const read = kind === 'Deployment' ? () => this.apps.readNamespacedDeployment({ namespace, name })
      : kind === 'StatefulSet' ? () => this.apps.readNamespacedStatefulSet({ namespace, name })
      : () => this.core.readNamespacedPod({ namespace, name });
    return this.optional(what, async () => withKind(await read(), kind));
  }

  createWorkload(workload: WorkloadObject, dryRun: DryRun): Promise<WorkloadObject> {
    const namespace = workload.metadata?.namespace ?? this.namespace;
    const kind = workload.kind as WorkloadKind;
    const options = { namespace, body: workload as never, fieldManager: 'kubectl-clone', fieldValidation: 'Strict', ...(dryRun === 'server' ? { dryRun: 'All' } : {}) };
    return this.call(`create ${kind.toLowerCase()} ${namespace}/${workload.metadata?.name}${dryRun === 'server' ? ' (server dry run)' : ''}`, async () =>
      withKind(await (kind === 'Deployment' ? this.apps.createNamespacedDeployment(options)
        : kind === 'StatefulSet' ? this.apps.createNamespacedStatefulSet(options)
        : this.core.createNamespacedPod(options)), kind));
  }

  /** A merge patch of a Deployment's or StatefulSet's replicas and annotations (quiesce). */
  patchScalable(kind: 'Deployment' | 'StatefulSet', namespace: string, name: string, body: { spec?: { replicas: number }; metadata?: { annotations: Record<string, string | null> } }): Promise<WorkloadObject> {
    const options = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
    return this.call(`patch ${kind.toLowerCase()} ${namespace}/${name}`, async () =>
      withKind(await (kind === 'Deployment'
        ? this.apps.patchNamespacedDeployment({ namespace, name, body, fieldManager: 'kubectl-clone' }, options)
        : this.apps.patchNamespacedStatefulSet({ namespace, name, body, fieldManager: 'kubectl-clone' }, options)), kind));
  }

  deleteReferenceGrant(namespace: string, name: string, dryRun: DryRun = 'none'): Promise<unknown> {
    return this.call(`delete referencegrant ${namespace}/${name}`, () =>
      this.custom.deleteNamespacedCustomObject({ ...gatewayApi, namespace, plural: 'referencegrants', name, ...(dryRun === 'server' ? { dryRun: 'All' } : {}) }));
  }

  createVolumeSnapshot(snapshot: VolumeSnapshotObject, dryRun: DryRun): Promise<VolumeSnapshotObject> {
    const namespace = snapshot.metadata?.namespace ?? this.namespace;
    return this.call(`create volumesnapshot ${namespace}/${snapshot.metadata?.name}${dryRun === 'server' ? ' (server dry run)' : ''}`, () =>
      this.custom.createNamespacedCustomObject({
        ...snapshotApi, namespace, plural: 'volumesnapshots', body: snapshot, fieldManager: 'kubectl-clone',
        ...(dryRun === 'server' ? { dryRun: 'All' } : {}),
      }) as Promise<VolumeSnapshotObject>);
  }

  readVolumeSnapshot(namespace: string, name: string): Promise<VolumeSnapshotObject | undefined> {
    return this.optional(`get volumesnapshot ${namespace}/${name}`, () =>
      this.custom.getNamespacedCustomObject({ ...snapshotApi, namespace, plural: 'volumesnapshots', name }) as Promise<VolumeSnapshotObject>);
  }

  deleteVolumeSnapshot(namespace: string, name: string, dryRun: DryRun = 'none'): Promise<unknown> {
    return this.optional(`delete volumesnapshot ${namespace}/${name}`, () =>
      this.custom.deleteNamespacedCustomObject({ ...snapshotApi, namespace, plural: 'volumesnapshots', name, ...(dryRun === 'server' ? { dryRun: 'All' } : {}) }));
  }

  async listClaimEvents(namespace: string, name: string): Promise<ClaimEvent[]> {
    const list = await this.call(`list events of persistentvolumeclaim ${namespace}/${name}`, () =>
      this.core.listNamespacedEvent({ namespace, fieldSelector: `involvedObject.kind=PersistentVolumeClaim,involvedObject.name=${name}` }));
    return list.items.map(toClaimEvent);
  }

  /** A raw watch; `done` is called once when it ends for any reason. */
  watch(path: string, query: Record<string, string | number | boolean | undefined>, onEvent: (type: string, object: unknown) => void, done: (error: unknown) => void): Promise<AbortController> {
    this.requests++;
    return new Watch(this.config.kubeConfig).watch(path, query, onEvent, done);
  }
}

/** Typed client objects carry Date objects and may lack kind: back to the API's JSON. */
function withKind(object: unknown, kind: WorkloadKind): WorkloadObject {
  const { apiVersion: _apiVersion, kind: _kind, ...rest } = JSON.parse(JSON.stringify(object)) as WorkloadObject;
  return { apiVersion: kind === 'Pod' ? 'v1' : 'apps/v1', kind, ...rest };
}

export interface HelperObject {
  kind?: string;
  metadata?: { name?: string; namespace?: string; annotations?: Record<string, string>; creationTimestamp?: string; deletionTimestamp?: string };
}

export interface VolumeSnapshotObject {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string>; resourceVersion?: string; uid?: string };
  spec?: { volumeSnapshotClassName?: string; source?: { persistentVolumeClaimName?: string } };
  status?: { readyToUse?: boolean; restoreSize?: string; boundVolumeSnapshotContentName?: string; error?: { message?: string; time?: string } };
}

export interface ClaimEvent {
  readonly type: string;
  readonly reason: string;
  readonly message: string;
  readonly count: number;
  readonly lastSeen: string;
  readonly source: string;
}

export function toClaimEvent(event: {
  type?: string; reason?: string; message?: string; count?: number; lastTimestamp?: Date | string; eventTime?: Date | string;
  source?: { component?: string }; reportingComponent?: string; metadata?: { creationTimestamp?: Date | string };
}): ClaimEvent {
  const time = event.lastTimestamp ?? event.eventTime ?? event.metadata?.creationTimestamp;
  return {
    type: event.type ?? 'Normal',
    reason: event.reason ?? '',
    message: event.message ?? '',
    count: event.count ?? 1,
    lastSeen: time instanceof Date ? time.toISOString() : (time ?? ''),
    source: event.source?.component || event.reportingComponent || '',
  };
}
