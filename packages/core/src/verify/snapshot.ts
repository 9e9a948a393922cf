import type { PersistentVolumeClaimObject } from '../facts.js';
import type { ClusterClient } from '../cluster/client.js';
import { snapshotApi } from '../cluster/client.js';
import { helperLabel } from '../cluster/pods.js';
import { managedByLabel, managedByValue } from '../generate.js';

/**
 * `--snapshot NAME`: a source still written to is compared as it was at the snapshot (the one a
 * clone was made from, kept with --keep-snapshot): a temporary claim is restored from it for the
 * verify pod to mount, and deleted with the pod. It has the source's class, modes and volume mode
 * (a restore must be of a class of the snapshot's driver) and its size (at least the snapshot's:
 * a source grows, never shrinks), else the snapshot's restore size.
 */
export function restoreClaim(source: PersistentVolumeClaimObject, snapshot: { name: string; restoreSize?: string }, name: string, namespace: string): PersistentVolumeClaimObject {
  const storage = source.spec?.resources?.requests?.storage ?? snapshot.restoreSize;
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    // the helper label: `kubectl get pvc -l kubectl-clone.io/helper=verify` finds one left behind
    metadata: { name, namespace, labels: { [managedByLabel]: managedByValue, [helperLabel]: 'verify' } },
    spec: {
      accessModes: source.spec?.accessModes?.length ? [...source.spec.accessModes] : ['ReadWriteOnce'],
      ...(source.spec?.storageClassName ? { storageClassName: source.spec.storageClassName } : {}),
      ...(source.spec?.volumeMode ? { volumeMode: source.spec.volumeMode } : {}),
      ...(storage !== undefined ? { resources: { requests: { storage: String(storage) } } } : {}),
      dataSource: { apiGroup: snapshotApi.group, kind: 'VolumeSnapshot', name: snapshot.name },
    },
  };
}

/** The snapshot, ready to restore; a one-line reason when it is not. */
export async function readySnapshot(client: ClusterClient, namespace: string, name: string): Promise<{ name: string; restoreSize?: string } | string> {
  const snapshot = await client.readVolumeSnapshot(namespace, name);
  if (!snapshot) return `volumesnapshot "${name}" not found in namespace ${namespace} (kubectl get volumesnapshot -n ${namespace})`;
  if (!snapshot.status?.readyToUse) return `volumesnapshot ${namespace}/${name} is not ready to use${snapshot.status?.error?.message ? ` (${snapshot.status.error.message})` : ''}: wait until it is, then verify again`;
  return { name, ...(snapshot.status.restoreSize ? { restoreSize: snapshot.status.restoreSize } : {}) };
}
