import type { SourceFacts } from '../facts.js';
import type { ClusterClient } from './client.js';
import { ClusterError, forbiddenAsUnknown, type UnknownFact } from './errors.js';

/**
 * Which facts a caller can do without. A clone reads what its plan can use; `check` and the
 * editor read everything (the defaults), since they report each fact.
 */
export interface FactsScope {
  /**
   * Read the VolumeSnapshotClasses only when this says the plan can use them for the source's
   * driver (a driver that clones never restores from a snapshot). Default: always, with the first reads.
   */
  readonly snapshotClassesFor?: (driver: string | undefined) => boolean;
  /** false: skip the CSIDriver object when the source's PV already shows a CSI volume. Default true. */
  readonly csiDriver?: boolean;
}

/**
 * The facts the planner needs about one source, in rounds of parallel requests: what the
 * source's name alone answers, then its PV, then what the PV's driver names. Nothing is listed
 * cluster-wide that a namespaced question answers (pods are listed in the source's namespace only);
 * StorageClasses are cluster-scoped and few, and the default class can only be found by listing them.
 */
export async function readSourceFacts(client: ClusterClient, namespace: string, name: string, scope: FactsScope = {}): Promise<SourceFacts> {
  const unknown: UnknownFact[] = [];
  // A user who may read claims often may not read PVs, pods or cluster-scoped objects: what
  // cannot be read is an UnknownFact, and the checks that need it say "unknown", never pass or fail.
  const tolerant = <T>(fact: UnknownFact['fact'], what: string, fallback: T) => forbiddenAsUnknown(unknown, fact, what, fallback);
  const readSnapshotClasses = () => client.listVolumeSnapshotClasses().catch(tolerant('volumeSnapshotClasses', 'volumesnapshotclasses', []));
  const [source, storageClasses, pods, earlySnapshotClasses, serverVersion] = await Promise.all([
    client.readClaim(namespace, name),
    client.listStorageClasses().catch(tolerant('storageClasses', 'storageclasses', [])),
    client.listPods(namespace).catch(tolerant('pods', `pods in ${namespace}`, [])),
    scope.snapshotClassesFor ? undefined : readSnapshotClasses(),
    client.serverVersion(),
  ]);
  if (!source) {
    throw new ClusterError(`persistentvolumeclaim "${name}" not found in namespace ${namespace} (context ${client.config.context})`, 404, 'NotFound');
  }
  const volumeName = source.spec?.volumeName;
  const volume = volumeName ? await client.readVolume(volumeName).catch(tolerant('volume', `persistentvolume ${volumeName}`, undefined)) : undefined;
  const className = source.spec?.storageClassName;
  const driverName = volume?.spec?.csi?.driver ?? storageClasses.find((sc) => sc.metadata?.name === className)?.provisioner;
  const [csiDriver, volumeSnapshotClasses = []] = await Promise.all([
    driverName && (scope.csiDriver !== false || !volume?.spec?.csi)
      ? client.readCsiDriver(driverName).catch(tolerant('csiDriver', `csidriver ${driverName}`, undefined))
      : undefined,
    earlySnapshotClasses ?? (scope.snapshotClassesFor?.(driverName) ? readSnapshotClasses() : undefined),
  ]);
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
