import type { ClusterFacts, PersistentVolumeClaimObject, SourceFacts } from './facts.js';
import type { LintInput } from './lint.js';
import { defaultLimits } from './manifest/limits.js';
import { objectsOf } from './manifest/objects.js';
import { parseManifests } from './manifest/parse.js';

export class SourceLookupError extends Error {}

/**
 * Objects read from manifest files as if they were the cluster's (`kubectl clone pvc -f`):
 * the offline planner and tests use the same facts the live reader produces.
 */
export function factsFromManifests(inputs: readonly LintInput[], namespace?: string): ClusterFacts {
  const facts: Required<Omit<ClusterFacts, 'namespace' | 'serverVersion'>> & ClusterFacts = {
    ...(namespace ? { namespace } : {}),
    persistentVolumeClaims: [], persistentVolumes: [], storageClasses: [], csiDrivers: [],
    volumeSnapshotClasses: [], referenceGrants: [], pods: [],
  };
  for (const input of inputs) {
    const { file, findings } = parseManifests(input.path, input.text, defaultLimits);
    const broken = findings.find((finding) => finding.severity === 'error');
    if (broken) {
      throw new SourceLookupError(`${input.path}:${broken.start.line}:${broken.start.column}: ${broken.message}`);
    }
    for (const doc of file.documents) {
      for (const object of objectsOf(doc)) {
        const value = object.value as never;
        switch (object.kind) {
          case 'PersistentVolumeClaim': facts.persistentVolumeClaims.push(value); break;
          case 'PersistentVolume': facts.persistentVolumes.push(value); break;
          case 'StorageClass': facts.storageClasses.push(value); break;
          case 'CSIDriver': facts.csiDrivers.push(value); break;
          case 'VolumeSnapshotClass': facts.volumeSnapshotClasses.push(value); break;
          case 'ReferenceGrant': facts.referenceGrants.push(value); break;
          case 'Pod': facts.pods.push(value); break;
        }
      }
    }
  }
  return facts;
}

/** Everything known about one source claim, picked out of the facts. */
export function sourceFactsOf(facts: ClusterFacts, namespace: string, name: string): SourceFacts {
  const candidates = (facts.persistentVolumeClaims ?? []).filter((claim) => claim.metadata?.name === name);
  const source = candidates.find((claim) => (claim.metadata?.namespace ?? namespace) === namespace);
  if (!source) {
    const elsewhere = candidates.map((claim) => claim.metadata?.namespace).filter(Boolean);
    throw new SourceLookupError(
      `persistentvolumeclaim "${name}" not found in namespace ${namespace}` +
        (elsewhere.length ? ` (there is one in ${elsewhere.join(', ')}: pass -n ${elsewhere[0]})` : ''),
    );
  }
  const withNamespace: PersistentVolumeClaimObject = { ...source, metadata: { ...source.metadata, namespace } };
  const volumeName = source.spec?.volumeName;
  const volume = volumeName ? facts.persistentVolumes?.find((pv) => pv.metadata?.name === volumeName) : undefined;
  const driver = volume?.spec?.csi?.driver;
  return {
    source: withNamespace,
    ...(volume ? { volume } : {}),
    storageClasses: facts.storageClasses ?? [],
    ...(driver && facts.csiDrivers?.some((d) => d.metadata?.name === driver)
      ? { csiDriver: facts.csiDrivers.find((d) => d.metadata?.name === driver)! }
      : {}),
    pods: (facts.pods ?? []).filter(
      (pod) => (pod.metadata?.namespace ?? namespace) === namespace &&
        (pod.spec?.volumes ?? []).some((volume) => volume.persistentVolumeClaim?.claimName === name),
    ),
    volumeSnapshotClasses: facts.volumeSnapshotClasses ?? [],
    ...(facts.serverVersion ? { serverVersion: facts.serverVersion } : {}),
  };
}

/**
 * The CSI driver of the source: its PV's, or (not yet Bound, no PV) the provisioner of its class
 * that will serve it. In-tree `kubernetes.io/` provisioners are not CSI drivers.
 */
export function sourceDriverOf(facts: Pick<SourceFacts, 'source' | 'volume' | 'storageClasses'>): string | undefined {
  if (facts.volume) return facts.volume.spec?.csi?.driver;
  const className = facts.source.spec?.storageClassName;
  const provisioner = facts.storageClasses.find((sc) => sc.metadata?.name === className)?.provisioner;
  return provisioner?.startsWith('kubernetes.io/') ? undefined : provisioner;
}
