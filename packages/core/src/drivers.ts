import { defaultProfile, versionAtLeast } from './profile.js';

/**
 * Whether well-known CSI drivers can clone a volume (advertise CLONE_VOLUME). Only entries we
 * are sure of, each with its source; anything else is "unknown" and `kubectl clone check` looks
 * for evidence in the cluster instead (an earlier clone of the same driver that bound).
 */
export type CloneSupport = 'yes' | 'no' | 'unknown';

export interface DriverCloneSupport {
  readonly support: CloneSupport;
  readonly note: string;
  /** The driver refuses a clone whose size differs from the source's (it copies the volume as is). */
  readonly sameSizeOnly?: boolean;
}

const drivers: Record<string, DriverCloneSupport> = {
  // kubernetes-csi/csi-driver-host-path pkg/hostpath/controllerserver.go: loadFromVolume
  'hostpath.csi.k8s.io': { support: 'yes', note: 'csi-driver-host-path copies the directory (cp -a) or block file (dd)' },
  // kubernetes-sigs/gcp-compute-persistent-disk-csi-driver pkg/gce-pd-csi-driver/controller.go: the source must be in the same zone
  'pd.csi.storage.gke.io': { support: 'yes', note: 'GCE PD CSI: same zone and same disk type as the source' },
  // kubernetes-sigs/azuredisk-csi-driver docs/features.md: volume cloning
  'disk.csi.azure.com': { support: 'yes', note: 'Azure Disk CSI' },
  // ceph/ceph-csi docs: RBD and CephFS clones
  'rbd.csi.ceph.com': { support: 'yes', note: 'Ceph CSI RBD' },
  'cephfs.csi.ceph.com': { support: 'yes', note: 'Ceph CSI CephFS' },
  // longhorn/longhorn-manager csi/controller_server.go: "cannot clone volume ... different size"
  'driver.longhorn.io': { support: 'yes', note: 'Longhorn: the clone must request the same size as the source', sameSizeOnly: true },
  // libopenstorage/openstorage csi/controller.go: a clone is created at the source's size
  'pxd.portworx.com': { support: 'yes', note: 'Portworx: the clone must request the same size as the source', sameSizeOnly: true },
  // NetApp/trident docs: "Cloning volumes"
  'csi.trident.netapp.io': { support: 'yes', note: 'NetApp Trident' },
  // topolvm/topolvm docs/design.md: clones are thin snapshots on the same node
  'topolvm.io': { support: 'yes', note: 'TopoLVM: same node' },
  // openebs/zfs-localpv docs: clone on the same node
  'zfs.csi.openebs.io': { support: 'yes', note: 'OpenEBS ZFS LocalPV: same node' },
  // piraeusdatastore/linstor-csi: CLONE_VOLUME capability
  'linstor.csi.linbit.com': { support: 'yes', note: 'LINSTOR' },
  // kubernetes-sigs/aws-ebs-csi-driver issue #207, closed by PR #2716 (volume cloning via EBS copy)
  'ebs.csi.aws.com': { support: 'yes', note: 'AWS EBS CSI: same Availability Zone as the source only' },
  // kubernetes-sigs/aws-efs-csi-driver: no CLONE_VOLUME capability
  'efs.csi.aws.com': { support: 'no', note: 'AWS EFS CSI has no volume cloning' },
  // kubernetes-sigs/secrets-store-csi-driver: ephemeral inline volumes only
  'secrets-store.csi.k8s.io': { support: 'no', note: 'ephemeral inline volumes only' },
};

/**
 * In-tree plugins Kubernetes migrates to CSI (KEP-625), from k8s.io/csi-translation-lib
 * plugins/*.go (the names) and pkg/volume/csimigration/plugin_manager.go
 * IsMigrationEnabledForPlugin (always on since the GA release; Portworx behind
 * CSIMigrationPortworx, on by default from 1.31). For these the PV controller hands the claim to
 * the CSI driver ("Waiting for a volume to be created either by the external provisioner ...")
 * instead of refusing a data source.
 */
const migratedPlugins: Record<string, { readonly driver: string; readonly since: readonly [number, number] }> = {
  'kubernetes.io/aws-ebs': { driver: 'ebs.csi.aws.com', since: [1, 25] },
  'kubernetes.io/gce-pd': { driver: 'pd.csi.storage.gke.io', since: [1, 25] },
  'kubernetes.io/azure-disk': { driver: 'disk.csi.azure.com', since: [1, 24] },
  'kubernetes.io/azure-file': { driver: 'file.csi.azure.com', since: [1, 26] },
  'kubernetes.io/cinder': { driver: 'cinder.csi.openstack.org', since: [1, 24] },
  'kubernetes.io/vsphere-volume': { driver: 'csi.vsphere.vmware.com', since: [1, 26] },
  'kubernetes.io/portworx-volume': { driver: 'pxd.portworx.com', since: [1, 31] },
};

/** The CSI driver that provisions for an in-tree plugin name on this Kubernetes version, if it is migrated. */
export function migratedDriver(provisioner: string, kubernetesVersion = defaultProfile.kubernetesVersion): string | undefined {
  const entry = migratedPlugins[provisioner];
  return entry && versionAtLeast(kubernetesVersion, ...entry.since) ? entry.driver : undefined;
}

/** Who provisions a class's volumes: its provisioner, or the CSI driver a migrated in-tree plugin hands over to. */
export function provisioningDriver(provisioner: string, kubernetesVersion?: string): string {
  return migratedDriver(provisioner, kubernetesVersion) ?? provisioner;
}

export function driverCloneSupport(driver: string): DriverCloneSupport {
  const migrated = migratedDriver(driver);
  if (migrated) return driverCloneSupport(migrated);
  if (driver.startsWith('kubernetes.io/')) return { support: 'no', note: 'in-tree plugins cannot provision a claim with a data source' };
  return drivers[driver] ?? { support: 'unknown', note: 'not in kubectl-clone\'s table of drivers' };
}
