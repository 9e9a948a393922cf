import { clusterProfile, decide, planClone, type SourceFacts } from '@kubectl-clone/core';
import type { CloneOutcome } from '@kubectl-clone/core/clone';
import { describe, expect, it } from 'vitest';
import { classChoices, runClone, resultOf, type ClonePrompter } from '../../src/clone-flow.js';
import type { ClusterSession } from '../../src/cluster-session.js';

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

/**
 * A session whose runClone is a stand-in for the engine: the real planner and decision, then
 * scripted writes. It proves the flow's questions and words; the engine's own steps are tested in
 * the core and, through this flow, on the sandbox (test/e2e/parity).
 */
function fakeSession(end: CloneOutcome['result'] = 'bound') {
  const calls: string[] = [];
  const session: ClusterSession = {
    context: 'sandbox', namespace: 'shop', server: 'https://127.0.0.1:1', source: 'test',
    listClaims: async () => [facts.source], listStorageClasses: async () => facts.storageClasses,
    readClaim: async () => facts.source, claimEvents: async () => [],
    readSourceFacts: async (namespace, name) => { calls.push(`facts ${namespace}/${name}`); return facts; },
    readLintFacts: async () => ({ facts, serverVersion: 'v1.34.1', gaps: [] }),
    runClone: async (request, io) => {
      calls.push(`engine ${request.source.namespace}/${request.source.name} ${request.options.name} ${request.options.size} ${request.options.storageClassName}`);
      const plan = planClone(facts, { ...request.options, profile: clusterProfile(request.profile, 'v1.34.1') });
      if (plan.findings.length) io.event({ kind: 'findings', findings: plan.findings });
      const decision = decide(plan);
      if (decision.verdict === 'refuse') return { result: 'refused', message: decision.message, plan };
      if (!(await io.approve(plan, decision.verdict === 'confirm' ? decision.warnings : []))) return { result: 'cancelled', message: 'clone cancelled; nothing was created', plan };
      io.event({ kind: 'step', text: `persistentvolumeclaim/${plan.clone.name} created in shop` });
      calls.push(`writes ${plan.clone.name}`);
      const claim = { spec: { volumeName: 'pv-2' } };
      if (end === 'bound') return { result: 'bound', plan, claim, seconds: 1.5, timings: { preflight: 0, create: 0, bound: 1.5 }, leftBehind: [], message: `clone shop/${plan.clone.name} is Bound (pv-2) in 1.5s` };
      if (end === 'interrupted') return { result: 'interrupted', plan, leftBehind: ['kubectl delete pvc -n shop x'], message: 'interrupted: nothing was created' };
      return { result: 'handed-off', plan, claim, leftBehind: [], message: `clone shop/${plan.clone.name} is created and will be provisioned when the first pod that mounts it is scheduled` };
    },
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
    progress: (title, task) => { asked.push(`progress ${title}`); return task((message) => asked.push(`report ${message}`), new AbortController().signal); },
    ...overrides,
  };
}
const settings = { featureGates: '', kubernetesVersion: '1.34', timeoutMs: 60_000, now: () => new Date('2025-03-04T05:06:07Z') };

describe('the clone command', () => {
  it('asks name (prefilled with the core\'s cloneName), size and class, confirms, then hands the clone to the engine', async () => {
    const { session, calls } = fakeSession();
    const ask = prompter();
    const result = await runClone(session, { name: 'data' }, ask, settings);
    const name = ask.asked[0]!.slice('name '.length);
    expect(name).toMatch(/^data-clone-20250304050607-[b-z2-9]{5}$/);
    expect(ask.asked).toEqual([`name ${name}`, 'size 2Gi', 'class csi-hostpath,other-driver', `confirm Clone shop/data to shop/${name}?`, `progress Cloning shop/data to shop/${name}`, `report persistentvolumeclaim/${name} created in shop`]);
    expect(calls).toEqual(['facts shop/data', `engine shop/data ${name} 2Gi csi-hostpath`, `writes ${name}`]);
    expect(result).toEqual({ result: 'Bound', clone: { namespace: 'shop', name }, volume: 'pv-2', message: `clone shop/${name} is Bound (pv-2) in 1.5s` });
  });

  it('a WaitForFirstConsumer hand-off is a success with the engine\'s words, not a timeout', async () => {
    const { session } = fakeSession('handed-off');
    const result = await runClone(session, { name: 'data' }, prompter(), settings, { name: 'c1', size: '2Gi', storageClass: 'csi-hostpath', acceptWarnings: true });
    expect(result).toEqual({ result: 'HandedOff', clone: { namespace: 'shop', name: 'c1' }, message: 'clone shop/c1 is created and will be provisioned when the first pod that mounts it is scheduled' });
  });

  it('Cancel on the progress notification aborts the engine', async () => {
    const { session } = fakeSession('interrupted');
    let engineSignal: AbortSignal | undefined;
    const cancelling = prompter({ progress: (_title, task) => { const c = new AbortController(); c.abort(); return task(() => undefined, c.signal); } });
    const wrapped: ClusterSession = { ...session, runClone: (request, io) => { engineSignal = io.signal; return session.runClone(request, io); } };
    const result = await runClone(wrapped, { name: 'data' }, cancelling, settings, { name: 'c1', size: '2Gi', storageClass: 'csi-hostpath', acceptWarnings: true });
    expect(engineSignal?.aborted).toBe(true);
    expect(result).toEqual({ result: 'Aborted', clone: { namespace: 'shop', name: 'c1' }, message: 'interrupted: nothing was created' });
  });

  it('refuses with the core\'s errors before writing anything (a CSI clone too small, into another driver)', async () => {
    const { session, calls } = fakeSession();
    const ask = prompter();
    const result = await runClone(session, { namespace: 'shop', name: 'data' }, ask, settings, { name: 'small', size: '1Gi', storageClass: 'other-driver', strategy: 'clone' });
    expect(result.result).toBe('Refused');
    expect(result.message).toMatch(/^refusing to clone shop\/data: the checks found 2 errors that would leave the clone Pending or empty; IncompatibleProvisioners: .+; --strategy copy copies the files through pods; nothing was created\n/);
    expect(result.message).toContain('(clone-smaller-than-source)');
    expect(result.message).toContain('(csi-driver-mismatch)');
    expect(ask.asked).toEqual([expect.stringMatching(/^refuse refusing to clone shop\/data: the checks found 2 errors/)]);
    expect(calls).toEqual(['facts shop/data', 'engine shop/data small 1Gi other-driver']);
  });

  it('Cancel on the warnings question is a cancel, not a refusal', async () => {
    const { session } = fakeSession();
    const inUse = { ...session, runClone: (request: Parameters<ClusterSession['runClone']>[0], io: Parameters<ClusterSession['runClone']>[1]) => {
      const plan = planClone(facts, { ...request.options, profile: clusterProfile(request.profile, 'v1.34.1') });
      const warning = { ruleId: 'source-in-use', severity: 'warning' as const, message: 'source data is mounted by pod web-0', file: '<clone plan>', range: { start: 0, end: 0 }, start: { line: 1, column: 1 }, end: { line: 1, column: 1 }, layer: 'nobody' as const };
      io.event({ kind: 'findings', findings: [warning] });
      return io.approve(plan, [warning]).then((yes): CloneOutcome => (yes ? { result: 'created', plan, claim: {}, leftBehind: [], message: 'created' } : { result: 'refused', plan, message: 'refusing to clone shop/data: the checks found 1 warning; review it, then pass --force (or confirm); nothing was created' }));
    } };
    const ask = prompter({ confirm: async (message) => { ask.asked.push(`confirm ${message}`); return undefined; } });
    const result = await runClone(inUse, { name: 'data' }, ask, settings, { name: 'c1', size: '2Mi', storageClass: 'csi-hostpath' });
    expect(ask.asked).toEqual(['confirm Clone shop/data despite 1 warning?']);
    expect(result).toEqual({ result: 'Cancelled', message: 'clone cancelled at the confirmation; nothing was created' });
  });

  it('lets the preview be opened before the last question, and cancelling writes nothing', async () => {
    const { session, calls } = fakeSession();
    let round = 0;
    const ask = prompter({ confirm: async () => (round++ === 0 ? 'preview' : undefined) });
    const result = await runClone(session, { name: 'data' }, ask, settings, { name: 'c1', size: '2Gi', storageClass: 'csi-hostpath' });
    expect(ask.asked).toEqual(['preview dataSource:']);
    expect(result).toEqual({ result: 'Cancelled', message: 'clone cancelled at the confirmation; nothing was created' });
    expect(calls).toEqual(['facts shop/data', 'engine shop/data c1 2Gi csi-hostpath']);
  });

  it('says what the cluster said when a call fails, and the CLI\'s words for a clone that never binds', async () => {
    const { session } = fakeSession();
    const failing = { ...session, readSourceFacts: async () => { throw new Error('persistentvolumeclaim "nope" not found in namespace shop (context sandbox)'); } };
    expect(await runClone(failing, { name: 'nope' }, prompter(), settings)).toEqual({ result: 'Failed', message: 'persistentvolumeclaim "nope" not found in namespace shop (context sandbox)' });
    const timeout = resultOf({ result: 'timeout', plan: planClone(facts, { name: 'c' }), leftBehind: ['kubectl delete pvc -n shop c'], message: 'timed out after 60s: clone shop/c is still Pending' });
    expect(timeout).toEqual({ result: 'Timeout', clone: { namespace: 'shop', name: 'c' }, message: 'timed out after 60s: clone shop/c is still Pending' });
  });
  it('the class picker says a class of another driver is copied through a pod, not cloned', () => {
    const choices = classChoices(facts.storageClasses, 'csi-hostpath', 'hostpath.csi.k8s.io');
    expect(choices.map((c) => [c.name, c.detail])).toEqual([
      ['csi-hostpath', 'clone: yes — csi-driver-host-path copies the directory (cp -a) or block file (dd)'],
      ['other-driver', "another driver than the source's (hostpath.csi.k8s.io): the files are copied through a pod"],
    ]);
  });
});
