import { describe, expect, it } from 'vitest';
import { restoreClaim } from '../../src/verify/snapshot.js';

describe('the claim --snapshot restores', () => {
  it('has the source\'s class, modes, volume mode and size, the snapshot as data source, and the verify helper label', () => {
    const source = { spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'fast', volumeMode: 'Block', resources: { requests: { storage: '4Mi' } } } };
    expect(restoreClaim(source, { name: 'snap', restoreSize: '2Mi' }, 'verify-snap-abcde', 'shop')).toEqual({
      apiVersion: 'v1', kind: 'PersistentVolumeClaim',
      metadata: { name: 'verify-snap-abcde', namespace: 'shop', labels: { 'app.kubernetes.io/managed-by': 'kubectl-clone', 'kubectl-clone.io/helper': 'verify' } },
      spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'fast', volumeMode: 'Block', resources: { requests: { storage: '4Mi' } }, dataSource: { apiGroup: 'snapshot.storage.k8s.io', kind: 'VolumeSnapshot', name: 'snap' } },
    });
    expect(restoreClaim({}, { name: 'snap', restoreSize: '2Mi' }, 'r', 'shop').spec).toEqual({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '2Mi' } }, dataSource: { apiGroup: 'snapshot.storage.k8s.io', kind: 'VolumeSnapshot', name: 'snap' } });
  });
});
