import { snapshotApi, type ClusterClient, type VolumeSnapshotObject } from './client.js';

export type SnapshotOutcome =
  | { readonly result: 'Ready'; readonly snapshot: VolumeSnapshotObject }
  | { readonly result: 'Failed'; readonly snapshot: VolumeSnapshotObject; readonly message: string }
  | { readonly result: 'Timeout' | 'Aborted' | 'Deleted'; readonly snapshot?: VolumeSnapshotObject };

/**
 * Watch a VolumeSnapshot until status.readyToUse. A restore from a snapshot that is not ready
 * stays Pending, so the snapshot strategy waits here first. status.error is reported as it
 * appears (csi-snapshotter retries, so it is the verdict only when the time runs out).
 */
export function waitForSnapshotReady(client: ClusterClient, namespace: string, name: string, options: { timeoutMs: number; signal?: AbortSignal }): Promise<SnapshotOutcome> {
  return new Promise((resolve) => {
    let finished = false;
    let last: VolumeSnapshotObject | undefined;
    let controller: AbortController | undefined;
    let retry: NodeJS.Timeout | undefined;
    const finish = (outcome: SnapshotOutcome) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      clearTimeout(retry);
      options.signal?.removeEventListener('abort', onAbort);
      controller?.abort();
      resolve(outcome);
    };
    const timer = setTimeout(() => {
      const message = last?.status?.error?.message;
      finish(message && last ? { result: 'Failed', snapshot: last, message } : { result: 'Timeout', ...(last ? { snapshot: last } : {}) });
    }, options.timeoutMs);
    const onAbort = () => finish({ result: 'Aborted', ...(last ? { snapshot: last } : {}) });
    options.signal?.addEventListener('abort', onAbort);
    if (options.signal?.aborted) return onAbort();
    const observe = (snapshot: VolumeSnapshotObject) => {
      last = snapshot;
      if (snapshot.status?.readyToUse) finish({ result: 'Ready', snapshot });
    };
    const start = async (): Promise<void> => {
      if (finished) return;
      try {
        const current = await client.readVolumeSnapshot(namespace, name);
        if (!current) return finish({ result: 'Deleted' });
        observe(current);
        if (finished) return;
        controller = await client.watch(`/apis/${snapshotApi.group}/${snapshotApi.version}/namespaces/${namespace}/volumesnapshots`,
          { fieldSelector: `metadata.name=${name}`, resourceVersion: current.metadata?.resourceVersion },
          (type, object) => {
            if (type === 'DELETED') finish({ result: 'Deleted' });
            else if (type === 'ADDED' || type === 'MODIFIED') observe(object as VolumeSnapshotObject);
          },
          () => {
            if (!finished) retry = setTimeout(() => void start(), 500);
          });
      } catch {
        if (!finished) retry = setTimeout(() => void start(), 1000);
      }
    };
    void start();
  });
}
