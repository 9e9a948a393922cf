/** The driver table and CSI migration (issue 14 items 3 and 11). */
import { describe, expect, it } from 'vitest';
import { driverCloneSupport, migratedDriver, provisioningDriver } from '../src/drivers.js';

describe('drivers', () => {
  it('maps the in-tree plugins Kubernetes migrates to their CSI drivers, from the version migration went GA', () => {
    expect(migratedDriver('kubernetes.io/gce-pd')).toBe('pd.csi.storage.gke.io');
    expect(migratedDriver('kubernetes.io/aws-ebs')).toBe('ebs.csi.aws.com');
    expect(migratedDriver('kubernetes.io/azure-disk')).toBe('disk.csi.azure.com');
    expect(migratedDriver('kubernetes.io/azure-file')).toBe('file.csi.azure.com');
    expect(migratedDriver('kubernetes.io/cinder')).toBe('cinder.csi.openstack.org');
    expect(migratedDriver('kubernetes.io/vsphere-volume')).toBe('csi.vsphere.vmware.com');
    expect(migratedDriver('kubernetes.io/portworx-volume')).toBe('pxd.portworx.com');
    expect(migratedDriver('kubernetes.io/portworx-volume', '1.30')).toBeUndefined();
    expect(migratedDriver('kubernetes.io/aws-ebs', '1.24')).toBeUndefined();
    expect(migratedDriver('kubernetes.io/host-path')).toBeUndefined();
    expect(provisioningDriver('kubernetes.io/host-path')).toBe('kubernetes.io/host-path');
    expect(provisioningDriver('hostpath.csi.k8s.io')).toBe('hostpath.csi.k8s.io');
  });

  it('a migrated plugin clones as its driver does; one that is not migrated cannot', () => {
    expect(driverCloneSupport('kubernetes.io/gce-pd')).toEqual(driverCloneSupport('pd.csi.storage.gke.io'));
    expect(driverCloneSupport('kubernetes.io/host-path').support).toBe('no');
  });

  it('aws-ebs-csi-driver clones (issue #207, PR #2716) in the same zone; same-size drivers say so', () => {
    expect(driverCloneSupport('ebs.csi.aws.com')).toEqual({ support: 'yes', note: 'AWS EBS CSI: same Availability Zone as the source only' });
    expect(driverCloneSupport('pd.csi.storage.gke.io').note).toContain('same zone');
    expect(driverCloneSupport('driver.longhorn.io').sameSizeOnly).toBe(true);
    expect(driverCloneSupport('pxd.portworx.com').sameSizeOnly).toBe(true);
    expect(driverCloneSupport('efs.csi.aws.com').support).toBe('no');
  });
});
