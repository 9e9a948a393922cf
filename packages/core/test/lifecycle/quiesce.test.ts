import { describe, expect, it } from 'vitest';
import { quiescedReplicas, restorePatch, resumeCommand, scaleDownPatch } from '../../src/quiesce.js';

const now = new Date('2026-11-22T01:00:00Z');
const web = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' }, spec: { replicas: 3 } };

describe('quiesce', () => {
  it('scales to 0 and keeps the original count on the workload', () => {
    expect(scaleDownPatch(web, now)).toEqual({
      spec: { replicas: 0 },
      metadata: { annotations: { 'kubectl-clone.io/quiesced-replicas': '3', 'kubectl-clone.io/quiesced-at': '2026-11-22T01:00:00.000Z' } },
    });
  });
  it('restores the kept count and removes the annotations', () => {
    const quiesced = { ...web, metadata: { ...web.metadata, annotations: { 'kubectl-clone.io/quiesced-replicas': '3' } }, spec: { replicas: 0 } };
    expect(quiescedReplicas(quiesced)).toBe(3);
    expect(restorePatch(quiesced)).toEqual({ spec: { replicas: 3 }, metadata: { annotations: { 'kubectl-clone.io/quiesced-replicas': null, 'kubectl-clone.io/quiesced-at': null } } });
  });
  it('refuses to quiesce twice (the first count would be lost) and to resume what was not quiesced', () => {
    const quiesced = { ...web, metadata: { ...web.metadata, annotations: { 'kubectl-clone.io/quiesced-replicas': '3' } }, spec: { replicas: 0 } };
    expect(() => scaleDownPatch(quiesced, now)).toThrow('restore it first with: kubectl clone resume deploy/web -n shop');
    expect(() => restorePatch(web)).toThrow('nothing to resume');
  });
  it('a StatefulSet without replicas means 1; the resume command names it', () => {
    const db = { kind: 'StatefulSet', metadata: { name: 'db', namespace: 'shop' }, spec: {} };
    expect(scaleDownPatch(db, now).metadata.annotations['kubectl-clone.io/quiesced-replicas']).toBe('1');
    expect(resumeCommand(db)).toBe('kubectl clone resume sts/db -n shop');
  });
});
