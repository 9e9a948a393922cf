/**
 * Whether well-known CSI drivers can clone a volume (advertise CLONE_VOLUME). Only entries we
 * are sure of; anything else is "unknown" and `kubectl clone check` looks for evidence in the
 * cluster instead (an earlier clone of the same driver that bound). kubestr keeps a similar table.
 */
export type CloneSupport = 'yes' | 'no' | 'unknown';

export interface DriverCloneSupport {
  readonly support: CloneSupport;
  readonly note: string;
}

const drivers: Record<string, DriverCloneSupport> = {
  'hostpath.csi.k8s.io': { support: 'yes', note: 'csi-driver-host-path copies the directory (cp -a) or block file (dd)' },
  'pd.csi.storage.gke.io': { support: 'yes', note: 'GCE PD CSI: same zone, same disk type' },
  'disk.csi.azure.com': { support: 'yes', note: 'Azure Disk CSI' },
  'rbd.csi.ceph.com': { support: 'yes', note: 'Ceph CSI RBD' },
  'cephfs.csi.ceph.com': { support: 'yes', note: 'Ceph CSI CephFS' },
  'driver.longhorn.io': { support: 'yes', note: 'Longhorn' },
  'csi.trident.netapp.io': { support: 'yes', note: 'NetApp Trident' },
  'topolvm.io': { support: 'yes', note: 'TopoLVM: same node' },
  'zfs.csi.openebs.io': { support: 'yes', note: 'OpenEBS ZFS LocalPV: same node' },
  'linstor.csi.linbit.com': { support: 'yes', note: 'LINSTOR' },
  'ebs.csi.aws.com': { support: 'no', note: 'AWS EBS CSI has no volume cloning: use a VolumeSnapshot and restore' },
  'efs.csi.aws.com': { support: 'no', note: 'AWS EFS CSI has no volume cloning' },
  'secrets-store.csi.k8s.io': { support: 'no', note: 'ephemeral inline volumes only' },
};

export function driverCloneSupport(driver: string): DriverCloneSupport {
  if (driver.startsWith('kubernetes.io/')) return { support: 'no', note: 'in-tree plugins cannot provision a claim with a data source' };
  return drivers[driver] ?? { support: 'unknown', note: 'not in kubectl-clone\'s table of drivers' };
}
