import type { PersistentVolumeClaimObject, SourceFacts } from '@kubectl-clone/core';
import { describe, expect, it } from 'vitest';
import { runClone, resultOf, type ClonePrompter } from '../../src/clone-flow.js';
import type { ClusterSession, WaitResult } from '../../src/cluster-session.js';

const facts: SourceFacts = {
  source: {
    metadata: { namespace: 'shop', name: 'data', uid: 'u1' },
    spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'csi-hostpath', resources: { requests: { storage: '2Gi' } }, volumeName: 'pv-1' },
    status: { phase: 'Bound', capacity: { storage: '2Gi' } },
  },
  volume: { metadata: { name: 'pv-1' }, spec: { csi: { driver: 'hostpath.csi.k8s.io', volumeHandle: 'h' }, claimRef: { namespace: 'shop', name: 'data', uid: 'u1' } }, status: { phase: 'Bound' } },
  storageClasses: [
    { metadata: { name: 'csi-hostpath' }, provisioner: 'hostpath.csi.k8s.io' },
    { metadata: { name: 'other-driver' }, provisioner: 'other.csi.example.com' },
  ],
  pods: [], volumeSnapshotClasses: [], serverVersion: 'v1.34.1',
};

function fakeSession(wait: WaitResult = { result: 'Bound', claim: { spec: { volumeName: 'pv-2' } } }) {
  const calls: string[] = [];
  const session: ClusterSession = {
    context: 'sandbox', namespace: 'shop', server: 'https://127.0.0.1:1', source: 'test',
    listClaims: async () => [facts.source], listStorageClasses: async () => facts.storageClasses,
    readClaim: async () => facts.source, claimEvents: async () => [],
    readSourceFacts: async (namespace, name) => { calls.push(`facts ${namespace}/${name}`); return facts; },
    checkCreate: async (namespace) => { calls.push(`access ${namespace}`); return []; },
    readLintFacts: async () => ({ facts, serverVersion: 'v1.34.1', gaps: [] }),
    createClaim: async (claim: PersistentVolumeClaimObject, dryRun) => { calls.push(`create ${claim.metadata?.name} ${claim.spec?.resources?.requests?.storage} ${claim.spec?.storageClassName} ${dryRun}`); return claim; },
    waitForBound: async (namespace, name) => { calls.push(`wait ${namespace}/${name}`); return wait; },
  };
  return { session, calls };
}

function prompter(overrides: Partial<ClonePrompter> = {}): ClonePrompter & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    pickSource: async () => { asked.push('source'); return { namespace: 'shop', name: 'data' }; },
    askName: async (prefill) => { asked.push(`name ${prefill}`); return prefill; },
    askSize: async (prefill) => { asked.push(`size ${prefill}`); return prefill; },
    pickClass: async (choices) => { asked.push(`class ${choices.map((c) => c.name).join(',')}`); return choices[0]!.name; },
    refuse: async (message) => { asked.push(`refuse ${message}`); },
    confirm: async (message) => { asked.push(`confirm ${message}`); return 'create'; },
    preview: async (yaml) => { asked.push(`preview ${yaml.split('\n').find((l) => l.includes('dataSource'))?.trim()}`); },
    progress: (_title, task) => task(() => undefined, new AbortController().signal),
    ...overrides,
  };
}
const settings = { featureGates: '', kubernetesVersion: '1.34', timeoutMs: 60_000, now: () => new Date('2025-03-04T05:06:07Z') };

describe('the clone command', () => {
  it('asks name (prefilled with the core\'s cloneName), size and class, confirms, then dry-runs, creates and waits', async () => {
    const { session, calls } = fakeSession();
    const ask = prompter();
    const result = await runClone(session, { name: 'data' }, ask, settings);
    expect(ask.asked).toEqual(['name data-clone-20250304050607', 'size 2Gi', 'class csi-hostpath,other-driver', 'confirm Clone shop/data to shop/data-clone-20250304050607?']);
    expect(calls).toEqual([
      'facts shop/data', 'access shop',
      'create data-clone-20250304050607 2Gi csi-hostpath server', 'create data-clone-20250304050607 2Gi csi-hostpath none',
      'wait shop/data-clone-20250304050607',
    ]);
    expect(result).toMatchObject({ result: 'Bound', clone: { namespace: 'shop', name: 'data-clone-20250304050607' }, volume: 'pv-2', message: expect.stringMatching(/^clone shop\/data-clone-20250304050607 is Bound \(pv-2\) in \d+\.\ds$/) });
  });

  it('refuses with the core\'s errors before writing anything (too small, other driver)', async () => {
    const { session, calls } = fakeSession();
    const ask = prompter();
    const result = await runClone(session, { namespace: 'shop', name: 'data' }, ask, settings, { name: 'small', size: '1Gi', storageClass: 'other-driver' });
    expect(result.result).toBe('Refused');
    expect(result.message).toMatch(/^refusing to clone shop\/data: 2 errors below would leave the clone Pending or empty; nothing was created/);
    expect(result.message).toContain('(clone-smaller-than-source)');
    expect(result.message).toContain('(csi-driver-mismatch)');
    expect(ask.asked).toEqual([expect.stringMatching(/^refuse refusing to clone shop\/data: 2 errors/)]);
    expect(calls).toEqual(['facts shop/data']);
  });

  it('lets the preview be opened before the last question, and cancelling writes nothing', async () => {
    const { session, calls } = fakeSession();
    let round = 0;
    const ask = prompter({ confirm: async () => (round++ === 0 ? 'preview' : undefined) });
    const result = await runClone(session, { name: 'data' }, ask, settings, { name: 'c1', size: '2Gi', storageClass: 'csi-hostpath' });
    expect(ask.asked).toEqual(['preview dataSource:']);
    expect(result).toEqual({ result: 'Cancelled', message: 'clone cancelled at the confirmation; nothing was created' });
    expect(calls).toEqual(['facts shop/data']);
  });

  it('says what the cluster said when a call fails, and the CLI\'s words for a clone that never binds', async () => {
    const { session } = fakeSession();
    const failing = { ...session, readSourceFacts: async () => { throw new Error('persistentvolumeclaim "nope" not found in namespace shop (context sandbox)'); } };
    expect(await runClone(failing, { name: 'nope' }, prompter(), settings)).toEqual({ result: 'Failed', message: 'persistentvolumeclaim "nope" not found in namespace shop (context sandbox)' });
    const timeout = resultOf({ result: 'Timeout', claim: { status: { phase: 'Pending' } }, stuck: { type: 'Warning', reason: '', message: '', explanation: 'the clone is smaller than its source (1 < 2 bytes)', ruleId: 'clone-smaller-than-source', stuck: true } },
      'shop/c', 'kubectl delete pvc -n shop c', 60, 60_000, { namespace: 'shop', name: 'c' });
    expect(timeout.message).toBe('timed out after 60s: clone shop/c is still Pending, and will stay so: the clone is smaller than its source (1 < 2 bytes) (clone-smaller-than-source). It was left in place: delete it with: kubectl delete pvc -n shop c');
  });
});
