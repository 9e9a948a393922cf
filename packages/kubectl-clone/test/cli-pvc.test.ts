import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { runCli } from './run-cli.js';

const source = new URL('../../../examples/source/data-pvc.yaml', import.meta.url).pathname;

describe('kubectl clone pvc -f (offline plan)', () => {
  it('prints a clone manifest that inherits class, modes and volumeMode and names its source', () => {
    const run = runCli(['pvc', 'data', 'data-copy', '-f', source, '--label', 'purpose=debug']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const clone = parse(run.stdout);
    expect(clone).toEqual({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: {
        name: 'data-copy',
        namespace: 'shop',
        labels: { purpose: 'debug', 'app.kubernetes.io/managed-by': 'kubectl-clone' },
        annotations: {
          'kubectl-clone.io/source': 'shop/data',
          'kubectl-clone.io/source-uid': '6f1c2a9e-2d4b-4c7e-9a51-0b8e3f7d1c22',
          'kubectl-clone.io/created-at': expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
          'kubectl-clone.io/strategy': 'clone',
          'kubectl-clone.io/reason': 'CSIClone',
        },
      },
      spec: {
        accessModes: ['ReadWriteOnce'],
        resources: { requests: { storage: '10Gi' } },
        storageClassName: 'csi-hostpath',
        volumeMode: 'Filesystem',
        dataSource: { kind: 'PersistentVolumeClaim', name: 'data' },
      },
    });
    // nothing server-owned is copied
    expect(run.stdout).not.toMatch(/volumeName|resourceVersion|^\s+uid: |^status:/m);
  });

  it('names the clone <source>-clone-<yyyymmddhhmmss> by default', () => {
    const run = runCli(['pvc', 'data', '-f', source, '-o', 'name']);
    expect(run.stdout).toMatch(/^persistentvolumeclaim\/data-clone-\d{14}-[b-z2-9]{5}\n$/);
  });

  it('refuses a clone smaller than the source with the reason, and prints no manifest', () => {
    const run = runCli(['pvc', 'data', '-f', source, '--size', '3000Mi']);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('error: the clone stays Pending: it requests 3000Mi (3145728000 bytes) but source data requests 10Gi (10737418240 bytes)');
    expect(run.stderr).toContain('refusing to clone shop/data');
  });

  it('explains a source that is not there', () => {
    const run = runCli(['pvc', 'missing', '-f', source]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('kubectl-clone: persistentvolumeclaim "missing" not found in namespace default\n');
  });

  it('prints a List as JSON', () => {
    const run = runCli(['pvc', 'data', 'c', '-f', source, '-o', 'json']);
    expect(JSON.parse(run.stdout).spec.dataSource).toEqual({ kind: 'PersistentVolumeClaim', name: 'data' });
    expect(parseAllDocuments(run.stdout)).toHaveLength(1);
  });
});
