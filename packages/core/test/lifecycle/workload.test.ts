import { describe, expect, it } from 'vitest';
import { claimsOfWorkload, cloneClaimNames, cloneWorkload, parseWorkloadRef, WorkloadError, type WorkloadObject } from '../../src/workload.js';

const deployment: WorkloadObject = {
  apiVersion: 'apps/v1', kind: 'Deployment',
  metadata: { name: 'web', namespace: 'shop', uid: 'u', resourceVersion: '7', generation: 2, labels: { app: 'web', team: 'a' }, annotations: { 'deployment.kubernetes.io/revision': '3', note: 'keep' } },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web', tier: 'front' } },
      spec: { containers: [{ name: 'c', image: 'nginx' }], volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'web-data' } }, { name: 'tmp', emptyDir: {} }, { name: 'logs', persistentVolumeClaim: { claimName: 'logs' } }] },
    },
  },
  status: { replicas: 2 },
};

const statefulSet: WorkloadObject = {
  apiVersion: 'apps/v1', kind: 'StatefulSet',
  metadata: { name: 'db', namespace: 'shop', labels: { app: 'db' } },
  spec: {
    replicas: 2, serviceName: 'db',
    selector: { matchLabels: { app: 'db' } },
    template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'c', image: 'postgres' }] } },
    volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
  },
};

describe('workload clones', () => {
  it('parses kubectl-style references', () => {
    expect(parseWorkloadRef('deploy/web')).toEqual({ kind: 'Deployment', name: 'web' });
    expect(parseWorkloadRef('statefulset.apps/db')).toEqual({ kind: 'StatefulSet', name: 'db' });
    expect(parseWorkloadRef('pod/x')).toEqual({ kind: 'Pod', name: 'x' });
    expect(() => parseWorkloadRef('job/x')).toThrow(WorkloadError);
    expect(() => parseWorkloadRef('web')).toThrow('use deploy/NAME, sts/NAME or pod/NAME');
  });

  it('finds the claims a Deployment mounts, and every replica claim of a StatefulSet', () => {
    expect(claimsOfWorkload(deployment)).toEqual(['web-data', 'logs']);
    expect(claimsOfWorkload(statefulSet)).toEqual(['data-db-0', 'data-db-1']);
  });

  it('names the clones: suffixed, and a StatefulSet replica claim as the copy will look for it', () => {
    expect([...cloneClaimNames(deployment, '-clone')]).toEqual([['web-data', 'web-data-clone'], ['logs', 'logs-clone']]);
    expect([...cloneClaimNames(statefulSet, '-clone')]).toEqual([['data-db-0', 'data-db-clone-0'], ['data-db-1', 'data-db-clone-1']]);
  });

  it('copies a Deployment: new name, selector labels suffixed everywhere, claims rewritten, server fields dropped', () => {
    const copy = cloneWorkload(deployment, cloneClaimNames(deployment, '-clone'), '-clone');
    expect(copy).toEqual({
      apiVersion: 'apps/v1', kind: 'Deployment',
      metadata: { name: 'web-clone', namespace: 'shop', labels: { app: 'web-clone', team: 'a' }, annotations: { note: 'keep', 'kubectl-clone.io/clone-of': 'deployment/web' } },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'web-clone' } },
        template: {
          metadata: { labels: { app: 'web-clone', tier: 'front' } },
          spec: { containers: [{ name: 'c', image: 'nginx' }], volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'web-data-clone' } }, { name: 'tmp', emptyDir: {} }, { name: 'logs', persistentVolumeClaim: { claimName: 'logs-clone' } }] },
        },
      },
    });
    // the original is untouched
    expect(deployment.metadata?.name).toBe('web');
  });

  it('copies a StatefulSet so that it adopts the cloned replica claims', () => {
    const copy = cloneWorkload(statefulSet, cloneClaimNames(statefulSet, '-clone'), '-clone');
    expect(copy.metadata?.name).toBe('db-clone');
    expect(copy.spec?.selector).toEqual({ matchLabels: { app: 'db-clone' } });
    expect((copy.spec?.template as { metadata: unknown }).metadata).toEqual({ labels: { app: 'db-clone' } });
    expect((copy.spec?.volumeClaimTemplates as { metadata: { name: string } }[])[0]!.metadata.name).toBe('data');
    expect(() => cloneWorkload(statefulSet, new Map([['data-db-0', 'x'], ['data-db-1', 'y']]), '-clone')).toThrow('the clone of data-db-0 must be named data-db-clone-0');
  });

  it('copies a Pod without its node and with all labels suffixed; refuses an empty suffix or a missing clone', () => {
    const pod: WorkloadObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', labels: { app: 'x' } }, spec: { nodeName: 'n1', containers: [], volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'c' } }] } };
    const copy = cloneWorkload(pod, new Map([['c', 'c-copy']]), '-copy');
    expect(copy).toEqual({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p-copy', labels: { app: 'x-copy' }, annotations: { 'kubectl-clone.io/clone-of': 'pod/p' } }, spec: { containers: [], volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'c-copy' } }] } });
    expect(() => cloneWorkload(pod, new Map(), '')).toThrow('suffix may not be empty');
    expect(() => cloneWorkload(pod, new Map(), '-copy')).toThrow('no clone for claim c');
  });
});
