import type { ClusterFacts } from '../facts.js';
import type { SourceReference } from '../references.js';
import type { ClusterClient } from './client.js';
import { forbiddenAsUnknown, type UnknownFact } from './errors.js';

/**
 * What `lint --cluster` adds to the files: the claims they name as sources (and those claims'
 * PVs), the StorageClasses and CSIDrivers, and the pods of those namespaces. Read in parallel;
 * what the user may not read is left out and named in `gaps`.
 */
export async function readLintFacts(client: ClusterClient, references: readonly SourceReference[]): Promise<{ facts: ClusterFacts; serverVersion: string; unknown: UnknownFact[] }> {
  const unknown: UnknownFact[] = [];
  const tolerant = <T>(fact: UnknownFact['fact'], what: string, fallback: T) => forbiddenAsUnknown(unknown, fact, what, fallback);
  const resolved = references.map((ref) => ({ namespace: ref.namespace ?? client.namespace, name: ref.name }));
  const namespaces = [...new Set(resolved.map((ref) => ref.namespace))];
  const [serverVersion, storageClasses, csiDrivers, claims, pods] = await Promise.all([
    client.serverVersion(),
    client.listStorageClasses().catch(tolerant('storageClasses', 'storageclasses', undefined)),
    // undefined, not []: "no CSIDriver object exists" is a claim only a read list can make
    client.listCsiDrivers().catch(tolerant('csiDrivers', 'csidrivers', undefined)),
    Promise.all(resolved.map((ref) => client.readClaim(ref.namespace, ref.name).catch(tolerant('source', `persistentvolumeclaim ${ref.namespace}/${ref.name}`, undefined)))),
    Promise.all(namespaces.map((namespace) => client.listPods(namespace).catch(tolerant('pods', `pods in ${namespace}`, [])))),
  ]);
  const found = claims.filter((claim) => claim !== undefined);
  const volumes = await Promise.all(found.map((claim) => claim.spec?.volumeName
    ? client.readVolume(claim.spec.volumeName).catch(tolerant('volume', `persistentvolume ${claim.spec.volumeName}`, undefined))
    : Promise.resolve(undefined)));
  return {
    facts: {
      namespace: client.namespace,
      serverVersion,
      persistentVolumeClaims: found,
      persistentVolumes: volumes.filter((volume) => volume !== undefined),
      ...(storageClasses ? { storageClasses } : {}),
      ...(csiDrivers ? { csiDrivers } : {}),
      pods: pods.flat(),
    },
    serverVersion,
    unknown,
  };
}
