// Cases the property tests found (seeds in the comments), kept as plain tests so they stay fixed
// whatever seed a run draws.
import { describe, expect, it } from 'vitest';
import { fixText, lint, makeProfile } from '../../src/index.js';

const ids = (text: string, profile = makeProfile()) => lint([{ path: 'f.yaml', text }], { profile }).findings.map((f) => `${f.ruleId}${f.fix ? '+fix' : ''}`);

describe('fuzz regressions', () => {
  it('a populator in dataSource is not moved to dataSourceRef when the key already exists, even empty (seed 649810646)', () => {
    const text = 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: x}\nspec:\n  accessModes: [ReadWriteOnce]\n' +
      '  resources: {requests: {storage: 1Gi}}\n  dataSourceRef:\n  dataSource:\n    apiGroup: example.com\n    kind: Foo\n    name: f\n';
    expect(ids(text)).toContain('datasource-silently-dropped');
    expect(ids(text)).not.toContain('datasource-silently-dropped+fix');
    const fixed = fixText({ path: 'f.yaml', text });
    expect(fixed.remaining.findings.map((f) => f.ruleId)).not.toContain('yaml-syntax');
  });

  it('a ReferenceGrant whose from/to are not lists does not crash the cross-namespace rules (seed -742444637)', () => {
    const text = 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: c, namespace: b}\nspec:\n  accessModes: [ReadWriteOnce]\n' +
      '  resources: {requests: {storage: 1Gi}}\n  dataSourceRef: {kind: PersistentVolumeClaim, name: data, namespace: a}\n---\n' +
      'apiVersion: gateway.networking.k8s.io/v1beta1\nkind: ReferenceGrant\nmetadata: {name: g, namespace: a}\nspec:\n  from:\n    kind: PersistentVolumeClaim\n  to: 3\n';
    expect(ids(text, makeProfile({ featureGates: 'CrossNamespaceVolumeDataSource=true' }))).toContain('reference-grant');
  });

  it('a source PV with an invalid volumeMode (`block`) gives no volume-mode fix that could never converge (seed 649810646)', () => {
    const text = 'apiVersion: v1\nkind: PersistentVolume\nmetadata: {name: pv}\nspec:\n  volumeMode: block\n  csi: {driver: d, volumeHandle: h}\n---\n' +
      'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: src}\nspec:\n  accessModes: [ReadWriteOnce]\n  volumeName: pv\n  resources: {requests: {storage: 1Gi}}\n---\n' +
      'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: clone}\nspec:\n  accessModes: [ReadWriteOnce]\n  resources: {requests: {storage: 1Gi}}\n  dataSource: {kind: PersistentVolumeClaim, name: src}\n';
    expect(ids(text)).not.toContain('volume-mode-mismatch+fix');
    const fixed = fixText({ path: 'f.yaml', text });
    expect(fixText({ path: 'f.yaml', text: fixed.text }).text).toBe(fixed.text);
  });
});
