import { clusterProfile, decide, planClone, type SourceFacts } from '@kubectl-clone/core';
import type { CloneOutcome } from '@kubectl-clone/core/clone';
import { describe, expect, it } from 'vitest';
import { classChoices, runClone, resultOf, type ClonePrompter } from '../../src/clone-flow.js';
import type { ClusterSession } from '../../src/cluster-session.js';
import { fallBackToCopy } from '../../../core/src/strategy.js';

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
function fakeSession(end: CloneOutcome['result'] = 'bound', cluster: { gate?: boolean; forbidden?: string[]; namespaces?: string[] | Error } = {}) {
  const calls: string[] = [];
  const session: ClusterSession = {
    context: 'sandbox', namespace: 'shop', server: 'https://127.0.0.1:1', source: 'test',
    listClaims: async () => [facts.source], listStorageClasses: async () => facts.storageClasses,
    listNamespaces: async () => { const names = cluster.namespaces ?? ['dev', 'shop', 'kube-system']; if (names instanceof Error) throw names; return names; },
    readClaim: async () => facts.source, claimEvents: async () => [],
    readSourceFacts: async (namespace, name) => { calls.push(`facts ${namespace}/${name}`); return facts; },
    readLintFacts: async () => ({ facts, serverVersion: 'v1.34.1', gaps: [] }),
    runClone: async (request, io) => {
      const into = request.options.namespace ?? request.source.namespace;
      calls.push(`engine ${request.source.namespace}/${request.source.name} ${request.options.name} ${request.options.size} ${request.options.storageClassName}${into !== request.source.namespace ? ` into ${into}` : ''}${request.dryRun === 'server' ? ' (server dry run)' : ''}`);
      // as the engine: cross-namespace is planned with the gates on; the server dry run says whether the apiserver's is
      const cross = into !== request.source.namespace ? { apiserverCrossNamespace: true, provisionerCrossNamespace: true } : {};
      let plan = planClone(facts, { ...request.options, profile: { ...clusterProfile(request.profile, 'v1.34.1'), ...cross } });
      if (request.dryRun === 'server') {
        if (cluster.forbidden?.includes(into)) return { result: 'refused', plan, message: `refusing to clone shop/data: you may not create persistentvolumeclaims in namespace ${into} (no RBAC rule allows it); nothing was created` };
        if (into !== request.source.namespace && !cluster.gate) {
          const copy = planClone(facts, { ...request.options, strategy: 'copy', profile: clusterProfile(request.profile, 'v1.34.1') });
          plan = { ...copy, choice: fallBackToCopy(plan.choice, 'CrossNamespaceGateOff', 'the apiserver dropped spec.dataSourceRef (server dry run)') };
        }
        if (!(await io.approve(plan, []))) throw new Error('a preview must not ask');
        return { result: 'validated', plan, objects: [], message: `the apiserver accepted clone ${into}/${plan.clone.name} (server dry run); nothing was created` };
      }
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
    pickNamespace: async ({ choices }, describe) => {
      const previews = await Promise.all(choices.map(async (choice) => `${choice.name}${choice.isSource ? ' (source)' : ''}: ${(await describe(choice.name))?.message}`));
      asked.push(`namespace ${previews.join(' | ')}`);
      return choices[0]!.name;
    },
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
    expect(ask.asked).toEqual([
      `name ${name}`, 'size 2Gi', 'class csi-hostpath,other-driver', expect.stringMatching(/^namespace shop \(source\): CSI clone \(CSIClone: .*\| dev: copy through pods/),
      `confirm Clone shop/data to shop/${name}?`, `progress Cloning shop/data to shop/${name}`, `report persistentvolumeclaim/${name} created in shop`,
    ]);
    expect(calls).toEqual([
      'facts shop/data', ...['', ' into dev', ' into kube-system'].map((into) => `engine shop/data ${name} 2Gi csi-hostpath${into} (server dry run)`),
      `engine shop/data ${name} 2Gi csi-hostpath`, `writes ${name}`,
    ]);
    expect(result).toEqual({ result: 'Bound', clone: { namespace: 'shop', name }, volume: 'pv-2', message: `clone shop/${name} is Bound (pv-2) in 1.5s` });
  });

  it('clones into another namespace: the pick shows the engine\'s dry-run verdict per namespace (a ReferenceGrant clone with the gate on), and the real run writes there only after the confirmation', async () => {
    const { session, calls } = fakeSession('bound', { gate: true });
    const ask = prompter({ pickNamespace: async ({ choices }, describe) => {
      ask.asked.push(`namespace ${choices.map((c) => `${c.name}${c.isSource ? ' (source)' : ''}`).join(',')}`);
      ask.asked.push(`dev: ${(await describe('dev'))?.message}`);
      return 'dev';
    } });
    const result = await runClone(session, { name: 'data' }, ask, settings);
    const name = ask.asked[0]!.slice('name '.length);
    expect(ask.asked.slice(3)).toEqual([
      'namespace shop (source),dev,kube-system',
      'dev: CSI clone, allowed by a ReferenceGrant made in shop (CSIClone: hostpath.csi.k8s.io clones volumes (CSI clone: the driver copies the data))',
      `confirm Clone shop/data to dev/${name}?`, `progress Cloning shop/data to dev/${name}`, `report persistentvolumeclaim/${name} created in shop`,
    ]);
    expect(calls).toEqual(['facts shop/data', `engine shop/data ${name} 2Gi csi-hostpath into dev (server dry run)`, `engine shop/data ${name} 2Gi csi-hostpath into dev`, `writes ${name}`]);
    expect(result).toMatchObject({ result: 'Bound', clone: { namespace: 'dev', name } });
  });

  it('says a copy through pods where the apiserver would drop the cross-namespace dataSourceRef (gate off)', async () => {
    const { session } = fakeSession('bound', { gate: false });
    const ask = prompter();
    await runClone(session, { name: 'data' }, ask, settings);
    expect(ask.asked[3]).toMatch(/\| dev: copy through pods \(CrossNamespaceGateOff: the apiserver dropped spec\.dataSourceRef \(server dry run\): copy the files through pods instead\) \|/);
  });

  it('a namespace where the user may not create the clone ends the flow with the engine\'s one-line refusal: no question, no write', async () => {
    const { session, calls } = fakeSession('bound', { forbidden: ['locked'] });
    const ask = prompter({ pickNamespace: async () => 'locked', confirm: async () => { throw new Error('must not ask'); } });
    const result = await runClone(session, { name: 'data' }, ask, settings, undefined);
    const refusal = 'refusing to clone shop/data: you may not create persistentvolumeclaims in namespace locked (no RBAC rule allows it); nothing was created';
    expect(result).toEqual({ result: 'Refused', message: refusal });
    expect(ask.asked.slice(3)).toEqual([`refuse ${refusal}`]);
    expect(calls.filter((call) => !call.endsWith('(server dry run)'))).toEqual(['facts shop/data']);
  });

  it('without the right to list namespaces only the source\'s is offered, with why and that a name can be typed; Escape cancels', async () => {
    const { session, calls } = fakeSession('bound', { namespaces: Object.assign(new Error('namespaces is forbidden: User "restricted" cannot list resource "namespaces" in API group "" at the cluster scope'), { status: 403 }) });
    const ask = prompter({ pickNamespace: async ({ choices, listProblem }) => { ask.asked.push(`namespace ${choices.map((c) => c.name).join(',')}: ${listProblem}`); return undefined; } });
    expect(await runClone(session, { name: 'data' }, ask, settings)).toEqual({ result: 'Cancelled', message: 'clone cancelled at the namespace; nothing was created' });
    expect(ask.asked[3]).toBe('namespace shop: cannot list namespaces (namespaces is forbidden: User "restricted" cannot list resource "namespaces" in API group "" at the cluster scope): type the namespace\'s name');
    expect(calls).toEqual(['facts shop/data']);
  });

  it('offers the context\'s namespace right after the source\'s, marked current', async () => {
    const { session } = fakeSession('bound', { namespaces: ['a-team', 'dev', 'kube-system', 'shop'] });
    let offered: unknown;
    const ask = prompter({ pickNamespace: async ({ choices }) => { offered = choices; return undefined; } });
    await runClone({ ...session, namespace: 'kube-system' }, { namespace: 'shop', name: 'data' }, ask, settings);
    expect(offered).toEqual([{ name: 'shop', isSource: true }, { name: 'kube-system', isSource: false, isCurrent: true }, { name: 'a-team', isSource: false }, { name: 'dev', isSource: false }]);
  });

  it('a caller\'s answers without toNamespace keep the source\'s namespace and ask nothing about it; with it, the engine gets it', async () => {
    const { session, calls } = fakeSession('bound', { gate: true });
    const ask = prompter({ pickNamespace: async () => { throw new Error('must not ask'); } });
    await runClone(session, { name: 'data' }, ask, settings, { name: 'c1', size: '2Gi', storageClass: 'csi-hostpath', acceptWarnings: true });
    await runClone(session, { name: 'data' }, ask, settings, { name: 'c2', size: '2Gi', storageClass: 'csi-hostpath', acceptWarnings: true, toNamespace: 'dev' });
    expect(calls).toEqual(['facts shop/data', 'engine shop/data c1 2Gi csi-hostpath', 'writes c1', 'facts shop/data', 'engine shop/data c2 2Gi csi-hostpath into dev', 'writes c2']);
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
