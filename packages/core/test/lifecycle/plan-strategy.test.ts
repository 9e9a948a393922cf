import { describe, expect, it } from 'vitest';
import { planClone } from '../../src/plan.js';
import type { SourceFacts } from '../../src/facts.js';
import { defaultProfile } from '../../src/profile.js';

const gateOn = { ...defaultProfile, kubernetesVersion: '1.34', apiserverCrossNamespace: true, provisionerCrossNamespace: true };

const now = new Date('2026-11-22T00:30:11Z');
function facts(driver = 'hostpath.csi.k8s.io', snapshotClasses = [{ metadata: { name: 'snap' }, driver }]): SourceFacts {
  return {
    source: {
      apiVersion: 'v1', kind: 'PersistentVolumeClaim',
      metadata: { name: 'data', namespace: 'shop', uid: 'u1' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: 'fast', volumeName: 'pv1' },
      status: { phase: 'Bound', capacity: { storage: '1Gi' } },
    },
    volume: { metadata: { name: 'pv1' }, spec: { csi: { driver, volumeHandle: 'h' }, volumeMode: 'Filesystem', claimRef: { name: 'data', namespace: 'shop', uid: 'u1' } }, status: { phase: 'Bound' } },
    storageClasses: [{ metadata: { name: 'fast' }, provisioner: driver, volumeBindingMode: 'Immediate' }],
    pods: [],
    volumeSnapshotClasses: snapshotClasses,
  };
}

describe('planClone strategies', () => {
  it('a volumeMode override that differs from the source\'s PV is planned as asked and refused', () => {
    const plan = planClone(facts(), { name: 'copy', now, volumeMode: 'Block' });
    expect(plan.ok).toBe(false);
    expect(plan.choice.reason).toBe('IncompatibleVolumeModes');
    expect(plan.findings.map((f) => `${f.ruleId}:${f.severity}`)).toContain('volume-mode-mismatch:error');
    expect(plan.reasons.find((r) => r.field === 'volumeMode')).toEqual({ field: 'volumeMode', value: 'Block', because: 'requested' });
  });

  it('auto on a cloning driver: a dataSource clone with the reason recorded', () => {
    const plan = planClone(facts(), { name: 'copy', now });
    expect(plan).toMatchObject({ strategy: 'clone', ok: true, choice: { reason: 'CSIClone' } });
    const claim = plan.manifests[0] as { metadata: { annotations: Record<string, string> }; spec: Record<string, unknown> };
    expect(claim.metadata.annotations['kubectl-clone.io/reason']).toBe('CSIClone');
    expect(claim.spec.dataSource).toEqual({ kind: 'PersistentVolumeClaim', name: 'data' });
  });
  it('a driver that cannot clone: a VolumeSnapshot, then a claim restored from it, lint-clean', () => {
    const plan = planClone(facts('efs.csi.aws.com'), { name: 'copy', now });
    expect(plan.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(plan).toMatchObject({ strategy: 'snapshot', ok: true, choice: { reason: 'DriverCannotClone', snapshotClass: 'snap' } });
    expect(plan.manifests.map((m) => m.kind)).toEqual(['VolumeSnapshot', 'PersistentVolumeClaim']);
    expect(plan.manifests[0]).toMatchObject({ metadata: { name: 'copy-snapshot', namespace: 'shop' }, spec: { volumeSnapshotClassName: 'snap', source: { persistentVolumeClaimName: 'data' } } });
    expect(plan.manifests[1]).toMatchObject({
      metadata: { annotations: { 'kubectl-clone.io/strategy': 'snapshot', 'kubectl-clone.io/reason': 'DriverCannotClone', 'kubectl-clone.io/snapshot': 'copy-snapshot' } },
      spec: { dataSource: { apiGroup: 'snapshot.storage.k8s.io', kind: 'VolumeSnapshot', name: 'copy-snapshot' } },
    });
  });
  it('no clone and no snapshot class: auto copies through pods, an empty claim that names its source', () => {
    const plan = planClone(facts('efs.csi.aws.com', []), { name: 'copy', now });
    expect(plan.ok).toBe(true);
    expect(plan.strategy).toBe('copy');
    expect(plan.choice.reason).toBe('NoCloneNoSnapshot');
    expect(plan.choice.skipped?.map((s) => [s.strategy, s.reason])).toEqual([['clone', 'DriverCannotClone'], ['snapshot', 'NoVolumeSnapshotClass']]);
    expect(plan.manifests.map((m) => m.kind)).toEqual(['PersistentVolumeClaim']);
    const spec = (plan.manifests[0] as { spec: Record<string, unknown> }).spec;
    expect([spec.dataSource, spec.dataSourceRef]).toEqual([undefined, undefined]);
    expect(plan.manifests[0]).toMatchObject({ metadata: { annotations: { 'kubectl-clone.io/source': 'shop/data', 'kubectl-clone.io/strategy': 'copy', 'kubectl-clone.io/reason': 'NoCloneNoSnapshot' } } });
  });
  it('nothing possible: --strategy snapshot without a class is refused, and says a copy would work', () => {
    const plan = planClone(facts('efs.csi.aws.com', []), { name: 'copy', now, strategy: 'snapshot' });
    expect([plan.ok, plan.strategy, plan.choice.reason]).toEqual([false, undefined, 'NoVolumeSnapshotClass']);
    expect(plan.choice.message).toContain('--strategy copy copies the files through pods');
  });
  it('cross-namespace copy: no grant and no dataSourceRef (the pods carry the data, no alpha gate)', () => {
    const plan = planClone(facts(), { name: 'copy', namespace: 'dev', now, strategy: 'copy' });
    expect(plan.manifests.map((m) => m.kind)).toEqual(['PersistentVolumeClaim']);
    expect((plan.manifests[0] as { spec: Record<string, unknown> }).spec.dataSourceRef).toBeUndefined();
  });
  it('--ttl records the TTL and expiry; a bad TTL is a PlanError', () => {
    const plan = planClone(facts(), { name: 'copy', now, ttl: '7d' });
    expect(plan.manifests[0]).toMatchObject({ metadata: { annotations: { 'kubectl-clone.io/ttl': '7d', 'kubectl-clone.io/expires-at': '2026-11-29T00:30:11.000Z' } } });
    expect(() => planClone(facts(), { name: 'copy', now, ttl: 'week' })).toThrow('--ttl: invalid duration "week"');
  });
  it('cross-namespace: a grant naming the clone it was made for, then a dataSourceRef clone; snapshot is refused', () => {
    const plan = planClone(facts(), { name: 'copy', namespace: 'dev', now, profile: gateOn });
    expect(plan.manifests.map((m) => m.kind)).toEqual(['ReferenceGrant', 'PersistentVolumeClaim']);
    expect(plan.manifests[0]).toMatchObject({ metadata: { namespace: 'shop', annotations: { 'kubectl-clone.io/made-for': 'dev/copy' } }, spec: { to: [{ name: 'data' }] } });
    expect(plan.ok).toBe(true);
    expect(() => planClone(facts(), { name: 'copy', namespace: 'dev', now, strategy: 'snapshot' })).toThrow('source\'s namespace only');
  });
  it('cross-namespace without creating a grant: the reference-grant rule refuses with the upstream message', () => {
    const plan = planClone(facts(), { name: 'copy', namespace: 'dev', now, createGrant: false, existingGrants: [], profile: gateOn });
    expect(plan.ok).toBe(false);
    expect(plan.findings.find((f) => f.ruleId === 'reference-grant')?.message).toContain("accessing shop/data of PersistentVolumeClaim dataSource from dev/copy isn't allowed");
  });
});
