import type { SourceFacts } from '../facts.js';
import type { ClusterClient } from './client.js';
import { ClusterError, forbiddenAsUnknown, type UnknownFact } from './errors.js';

/**
 * The facts the planner needs about one source, in two rounds of parallel requests: what the
 * source's name alone answers, then what its PV names. Nothing is listed cluster-wide that a
 * namespaced question answers (pods are listed in the source's namespace only); StorageClasses
 * are cluster-scoped and few, and the default class can only be found by listing them.
 */
export async function readSourceFacts(client: ClusterClient, namespace: string, name: string): Promise<SourceFacts> {
  const unknown: UnknownFact[] = [];
  // A user who may read claims often may not read PVs, pods or cluster-scoped objects: what
  // cannot be read is an UnknownFact, and the checks that need it say "unknown", never pass or fail.
  const tolerant = <T>(fact: UnknownFact['fact'], what: string, fallback: T) => forbiddenAsUnknown(unknown, fact, what, fallback);
  const [source, storageClasses, pods, volumeSnapshotClasses, serverVersion] = await Promise.all([
    client.readClaim(namespace, name),
    client.listStorageClasses().catch(tolerant('storageClasses', 'storageclasses', [])),
    client.listPods(namespace).catch(tolerant('pods', `pods in ${namespace}`, [])),
    client.listVolumeSnapshotClasses().catch(tolerant('volumeSnapshotClasses', 'volumesnapshotclasses', [])),
    client.serverVersion(),
  ]);
  if (!source) {
    throw new ClusterError(`persistentvolumeclaim "${name}" not found in namespace ${namespace} (context ${client.config.context})`, 404, 'NotFound');
  }
  const volumeName = source.spec?.volumeName;
  const volume = volumeName ? await client.readVolume(volumeName).catch(tolerant('volume', `persistentvolume ${volumeName}`, undefined)) : undefined;
  const className = source.spec?.storageClassName;
  const driverName = volume?.spec?.csi?.driver ?? storageClasses.find((sc) => sc.metadata?.name === className)?.provisioner;
  const csiDriver = driverName ? await client.readCsiDriver(driverName).catch(tolerant('csiDriver', `csidriver ${driverName}`, undefined)) : undefined;
  return {
    source,
    ...(volume ? { volume } : {}),
    storageClasses,
    ...(csiDriver ? { csiDriver } : {}),
    pods: pods.filter((pod) => (pod.spec?.volumes ?? []).some((v) => v.persistentVolumeClaim?.claimName === name)),
    volumeSnapshotClasses,
    serverVersion,
    ...(unknown.length ? { unknown, gaps: unknown.map((fact) => `${fact.what} (forbidden)`) } : {}),
  };
}

