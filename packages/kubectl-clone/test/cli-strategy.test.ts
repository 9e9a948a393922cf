import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { runCli } from './run-cli.js';

const source = new URL('../../../examples/source/data-pvc.yaml', import.meta.url).pathname;
const snapshotClass = `apiVersion: snapshot.storage.k8s.io/v1
kind: VolumeSnapshotClass
metadata: {name: snap}
driver: hostpath.csi.k8s.io
deletionPolicy: Delete
`;

describe('kubectl clone pvc --strategy, --ttl, --to-namespace (offline plans)', () => {
  it('--strategy snapshot plans a VolumeSnapshot and a claim restored from it, with the reason and TTL', () => {
    const run = runCli(['pvc', 'data', 'copy', '-f', source, '-f', '-', '--strategy', 'snapshot', '--ttl', '7d'], { input: snapshotClass });
    expect(run.status).toBe(0);
    const [snapshot, claim] = parseAllDocuments(run.stdout).map((doc) => doc.toJS());
    expect(snapshot).toMatchObject({ kind: 'VolumeSnapshot', metadata: { name: 'copy-snapshot' }, spec: { volumeSnapshotClassName: 'snap', source: { persistentVolumeClaimName: 'data' } } });
    expect(claim).toMatchObject({
      kind: 'PersistentVolumeClaim',
      metadata: { annotations: { 'kubectl-clone.io/strategy': 'snapshot', 'kubectl-clone.io/reason': 'SnapshotRequested', 'kubectl-clone.io/ttl': '7d' } },
      spec: { dataSource: { apiGroup: 'snapshot.storage.k8s.io', kind: 'VolumeSnapshot', name: 'copy-snapshot' } },
    });
  });

  it('--strategy snapshot without a VolumeSnapshotClass for the driver is refused with NoVolumeSnapshotClass', () => {
    const run = runCli(['pvc', 'data', 'copy', '-f', source, '--strategy', 'snapshot']);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('refusing to clone shop/data: NoVolumeSnapshotClass: no VolumeSnapshotClass serves hostpath.csi.k8s.io');
    expect(run.stdout).toBe('');
  });

  it('an invalid --ttl is a usage error', () => {
    const run = runCli(['pvc', 'data', 'copy', '-f', source, '--ttl', 'a week']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--ttl: invalid duration "a week"');
  });

  it('--to-namespace plans a least-privilege ReferenceGrant in the source namespace, then a dataSourceRef clone', () => {
    const run = runCli(['pvc', 'data', 'copy', '-f', source, '--to-namespace', 'dev', '--feature-gates', 'CrossNamespaceVolumeDataSource=true', '--force']);
    expect(run.status).toBe(0);
    const [grant, claim] = parseAllDocuments(run.stdout).map((doc) => doc.toJS());
    expect(grant).toMatchObject({
      kind: 'ReferenceGrant', metadata: { namespace: 'shop', annotations: { 'kubectl-clone.io/made-for': 'dev/copy' } },
      spec: { from: [{ group: '', kind: 'PersistentVolumeClaim', namespace: 'dev' }], to: [{ group: '', kind: 'PersistentVolumeClaim', name: 'data' }] },
    });
    expect(claim).toMatchObject({ metadata: { namespace: 'dev' }, spec: { dataSourceRef: { kind: 'PersistentVolumeClaim', name: 'data', namespace: 'shop' } } });
  });
});
