import { effectiveSource, isPvcSource, type DataSourceValue } from '../apiserver/data-sources.js';
import type { Known } from '../bundle.js';
import { provisioningDriver } from '../drivers.js';
import type { PersistentVolumeClaimObject, StorageClassObject } from '../facts.js';
import type { ClaimContext } from './types.js';

/**
 * The claim a clone copies, as external-provisioner resolves it: the stored dataSourceRef (or
 * dataSource), Kind PersistentVolumeClaim (it routes on Kind only, P11), in the namespace
 * dataSourceRef.namespace names or else the clone's own (P1).
 */
export interface CloneSource {
  readonly ref: DataSourceValue;
  readonly name: string;
  /** undefined: the namespace the clone is applied into */
  readonly namespace: string | undefined;
  readonly crossNamespace: boolean;
  /** The source as the bundle or the cluster shows it, when either does. */
  readonly known: Known<PersistentVolumeClaimObject> | undefined;
}

export function cloneSource(context: ClaimContext): CloneSource | undefined {
  const ref = effectiveSource(context.stages);
  if (!isPvcSource(ref) || !ref.name) return undefined;
  const claimNamespace = context.claim.namespace;
  const namespace = ref.namespace || claimNamespace;
  const crossNamespace = Boolean(ref.namespace) && !context.bundle.sameNamespace(ref.namespace, claimNamespace);
  return { ref, name: ref.name, namespace, crossNamespace, known: context.bundle.findClaim(namespace, ref.name) };
}

/** The CSI driver that owns the source's volume: its PV's spec.csi.driver, else its class's provisioner. */
export function sourceDriver(context: ClaimContext, source: Known<PersistentVolumeClaimObject>):
  { driver: string; evidence: string } | undefined {
  const volumeName = source.value.spec?.volumeName;
  const volume = volumeName ? context.bundle.volume(volumeName) : undefined;
  const csiDriver = volume?.value.spec?.csi?.driver;
  if (csiDriver) return { driver: csiDriver, evidence: `its PersistentVolume ${volumeName}` };
  const storageClass = context.bundle.classOf(source.value.spec ?? {});
  const provisioner = storageClass.known?.value.provisioner;
  if (provisioner) {
    const driver = provisioningDriver(provisioner, context.profile.kubernetesVersion);
    const migrated = driver === provisioner ? '' : `, ${provisioner} migrated to CSI`;
    return { driver, evidence: `StorageClass ${storageClass.name}${migrated}` };
  }
  return undefined;
}

/**
 * The source's volume mode: read from its PV as external-provisioner does, else its claim, else
 * Filesystem. undefined when what is written is not a valid mode (the apiserver would have
 * rejected that object, volume-mode-invalid says so): no comparison can be made against it.
 */
export function sourceVolumeMode(context: ClaimContext, source: Known<PersistentVolumeClaimObject>): 'Block' | 'Filesystem' | undefined {
  const volumeName = source.value.spec?.volumeName;
  const fromVolume = volumeName ? context.bundle.volume(volumeName)?.value.spec?.volumeMode : undefined;
  const mode = fromVolume ?? source.value.spec?.volumeMode ?? 'Filesystem';
  return mode === 'Block' || mode === 'Filesystem' ? mode : undefined;
}

export function targetClass(context: ClaimContext): { name: string | null | undefined; known?: Known<StorageClassObject>; defaulted: boolean } {
  return context.bundle.classOf({ storageClassName: context.claim.spec.storageClassName as string | null | undefined });
}

