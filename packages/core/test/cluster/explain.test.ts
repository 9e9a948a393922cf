import { describe, expect, it } from 'vitest';
import { explainEvent } from '../../src/cluster/explain.js';

// Messages as the sandbox's external-provisioner and controller-manager emit them (see test/e2e).
describe('explainEvent', () => {
  it.each([
    ['error, new PVC request must be greater than or equal in size to the specified PVC data source, requested 1048576 but source is 2097152', 'clone-smaller-than-source', true],
    ['failed to provision volume with StorageClass "csi-hostpath": the source PVC and destination PVCs must have the same volume mode for cloning.  Source is Filesystem, but new PVC requested Block', 'volume-mode-mismatch', true],
    ['failed to provision volume with StorageClass "x": claim in dataSource not bound or invalid', 'csi-driver-mismatch', true],
    ['failed to provision volume with StorageClass "x": the PVC DataSource data must have a status of Bound.  Got {Pending [] map[] [] map[] map[] map[] <nil> <nil>}', 'source-not-bound', false],
    ['plugin "kubernetes.io/host-path" is not a CSI plugin. Only CSI plugin can provision a claim with a datasource', 'in-tree-provisioner', true],
    ['accessing shop/data of PersistentVolumeClaim dataSource from staging/copy isn\'t allowed', 'reference-grant', true],
  ])('%s', (message, ruleId, stuck) => {
    const explanation = explainEvent({ type: 'Warning', message });
    expect(explanation?.ruleId).toBe(ruleId);
    expect(explanation?.stuck).toBe(stuck);
  });

  it('tells waiting from failing', () => {
    // the controller-manager's text in 1.34, as the sandbox smoke suite records it
    expect(explainEvent({ type: 'Normal', message: 'Waiting for a volume to be created either by the external provisioner \'other.csi.example.com\' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.' })).toEqual({
      explanation: 'waiting for the provisioner other.csi.example.com: if this lasts, no running csi-provisioner serves this driver', stuck: false,
    });
    expect(explainEvent({ type: 'Normal', message: 'waiting for a volume to be created, either by external provisioner "other.csi.example.com" or manually created by system administrator' })).toEqual({
      explanation: 'waiting for the provisioner other.csi.example.com: if this lasts, no running csi-provisioner serves this driver', stuck: false,
    });
    expect(explainEvent({ type: 'Warning', message: 'something new' })).toEqual({ explanation: 'something new', stuck: false });
    expect(explainEvent({ type: 'Normal', message: 'something new' })).toBeUndefined();
  });
});
