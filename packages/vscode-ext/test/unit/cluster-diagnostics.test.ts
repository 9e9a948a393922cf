// The live pass of `kubectlClone.clusterDiagnostics` against a fake reader: the facts it adds,
// the cache (per context and set of references, TTL), stale passes, and quiet failures.
import { readFileSync } from 'node:fs';
import type { ClusterFacts, Finding, SourceReference } from '@kubectl-clone/core';
import { describe, expect, it } from 'vitest';
import {
  FactsCache, LiveLinter, liveLintSettings, referencesOf, type FactsReader, type LintFactsResult, type LiveDocument,
} from '../../src/cluster-diagnostics.js';
import type { LintSettings } from '../../src/diagnostics.js';
import { readSettings } from '../../src/settings.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
const settings = readSettings(<T>(_key: string, fallback: T) => fallback);
const bigger = fixture('clone-of-bigger.yaml');
const missing = fixture('clone-of-missing.yaml');

const facts: ClusterFacts = {
  namespace: 'default', serverVersion: 'v1.33.4',
  persistentVolumeClaims: [{
    metadata: { name: 'data', namespace: 'vscode-e2e' },
    spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'csi-hostpath', resources: { requests: { storage: '1Gi' } }, volumeName: 'pv-1' },
    status: { phase: 'Bound', capacity: { storage: '1Gi' } },
  }],
  persistentVolumes: [{ metadata: { name: 'pv-1' }, spec: { csi: { driver: 'hostpath.csi.k8s.io' }, storageClassName: 'csi-hostpath' } }],
  storageClasses: [{ metadata: { name: 'csi-hostpath' }, provisioner: 'hostpath.csi.k8s.io' }],
  csiDrivers: [{ metadata: { name: 'hostpath.csi.k8s.io' } }], pods: [],
};

function fakeReader(context = 'sandbox', answer: () => Promise<LintFactsResult> = async () => ({ facts, serverVersion: 'v1.33.4', gaps: [] })) {
  const asked: SourceReference[][] = [];
  const reader: FactsReader = { context, server: `https://${context}:6443`, readLintFacts: (refs) => { asked.push([...refs]); return answer(); } };
  return { reader, asked };
}

function harness(options: { reader?: () => FactsReader; now?: () => number; timeoutMs?: number } = {}) {
  const published: { key: string; findings: Finding[]; settings: LintSettings }[] = [];
  const lines: string[] = [];
  const versions = new Map<string, number>();
  let connects = 0;
  const live = new LiveLinter({
    settings: () => settings,
    connect: () => { connects++; return (options.reader ?? (() => fakeReader().reader))(); },
    isCurrent: (document) => (versions.get(document.key) ?? document.version) === document.version,
    publish: (document, findings, used) => published.push({ key: document.key, findings, settings: used }),
    log: (line) => lines.push(line),
  }, { ...(options.now ? { now: options.now } : {}), ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) });
  const doc = (text: string, key = 'file:///w/clone.yaml', version = 1, language: LiveDocument['language'] = 'yaml'): LiveDocument => ({ key, version, path: key, text, language });
  return { live, published, lines, versions, doc, connects: () => connects };
}

const ids = (findings: readonly Finding[]) => findings.map((f) => [f.ruleId, f.severity]);

describe('cluster diagnostics', () => {
  it('is off unless kubectlClone.clusterDiagnostics is true', () => {
    expect(settings.clusterDiagnostics).toBe(false);
    const read = (value: unknown) => readSettings(<T>(key: string, fallback: T) => (key === 'clusterDiagnostics' ? value as T : fallback)).clusterDiagnostics;
    expect([read(true), read('true'), read(1), read(undefined)]).toEqual([true, false, false, false]);
  });

  it('names the sources of a document, in YAML, Markdown and shell, untitled too', () => {
    expect(referencesOf('untitled:Untitled-1', bigger, 'yaml', settings.profile)).toEqual([{ namespace: 'vscode-e2e', name: 'data' }]);
    const markdown = `# Clone\n\n1. Apply:\n\n   \`\`\`yaml\n${bigger.replace(/^/gm, '   ').trimEnd()}\n   \`\`\`\n`;
    expect(referencesOf('untitled:Untitled-2', markdown, 'markdown', settings.profile)).toEqual([{ namespace: 'vscode-e2e', name: 'data' }]);
    expect(referencesOf('untitled:Untitled-3', `kubectl apply -f - <<EOF\n${bigger}EOF\n`, 'shell', settings.profile)).toEqual([{ namespace: 'vscode-e2e', name: 'data' }]);
    expect(referencesOf('t.yaml', fixture('trap.yaml'), 'yaml', settings.profile)).toEqual([]);
  });

  it('lints with the cluster\'s version and complete facts, as lint --cluster', () => {
    const live = liveLintSettings({ ...settings, featureGates: '' }, { facts, serverVersion: 'v1.33.4+k3s1', gaps: [] });
    expect(live.profile).toMatchObject({ kubernetesVersion: '1.33', complete: true });
    expect(live.facts).toBe(facts);
    expect(live.rules).toBe(settings.rules);
  });

  it('adds clone-smaller-than-source at the storage value when the cluster\'s source is bigger', async () => {
    const { live, published, doc } = harness();
    expect(await live.run(doc(bigger))).toBe('published');
    const [{ findings, settings: used }] = published as [typeof published[0]];
    expect(ids(findings)).toEqual([['clone-smaller-than-source', 'error']]);
    expect(bigger.slice(findings[0]!.range.start, findings[0]!.range.end)).toBe('500Mi');
    expect(findings[0]!.fix?.title).toBe('Request 1Gi');
    expect(used.facts).toBe(facts);
  });

  it('makes a source the cluster does not have an error (offline it is an info)', async () => {
    const { live, published, doc } = harness();
    await live.run(doc(missing));
    expect(ids(published[0]!.findings)).toEqual([['source-not-found', 'error']]);
  });

  it('does not connect (nor load the cluster code) for a document that names no source', async () => {
    const { live, published, doc, connects } = harness();
    expect(await live.run(doc(fixture('trap.yaml')))).toBe('no-references');
    expect(connects()).toBe(0);
    expect(published).toEqual([]);
  });

  it('caches facts per context and set of references for the TTL', async () => {
    let now = 1000;
    const sandbox = fakeReader('sandbox');
    const other = fakeReader('other');
    let reader = sandbox.reader;
    const { live, doc } = harness({ reader: () => reader, now: () => now });
    await live.run(doc(bigger));
    await live.run(doc(bigger.replace('500Mi', '600Mi'), 'file:///w/clone.yaml', 2));
    await live.run(doc(bigger, 'file:///w/another.yaml'));
    expect(sandbox.asked).toEqual([[{ namespace: 'vscode-e2e', name: 'data' }]]);
    await live.run(doc(missing));
    expect(sandbox.asked).toHaveLength(2);
    expect(live.cache.fetches).toBe(2);
    reader = other.reader;
    await live.run(doc(bigger));
    expect(other.asked).toHaveLength(1);
    reader = sandbox.reader;
    now += 20_000;
    await live.run(doc(bigger));
    expect(sandbox.asked).toHaveLength(3);
  });

  it('serves fresh cached facts synchronously to the offline lint (no flicker while typing)', async () => {
    const { live, doc } = harness();
    expect(live.cachedSettings(doc(bigger))).toBeUndefined();
    await live.run(doc(bigger));
    expect(live.cachedSettings(doc(bigger.replace('500Mi', '700Mi')))?.facts).toBe(facts);
    expect(live.cachedSettings(doc(missing))).toBeUndefined();
  });

  it('drops a pass whose document changed while the cluster was read', async () => {
    let release: (value: LintFactsResult) => void = () => undefined;
    const slow = fakeReader('sandbox', () => new Promise((resolve) => (release = resolve)));
    const { live, published, doc, versions } = harness({ reader: () => slow.reader });
    const first = doc(bigger);
    const pass = live.run(first);
    live.cancel(first.key);
    release({ facts, serverVersion: 'v1.34.1', gaps: [] });
    expect(await pass).toBe('stale');
    const second = doc(bigger, first.key, 2);
    const next = live.run(second);
    versions.set(first.key, 3);
    expect(await next).toBe('stale');
    expect(published).toEqual([]);
  });

  it('schedule runs one pass after the delay, the last one', async () => {
    const { live, published, doc } = harness();
    live.schedule(doc(missing, 'k', 1), 5);
    live.schedule(doc(bigger, 'k', 2), 5);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(published.map((p) => ids(p.findings))).toEqual([[['clone-smaller-than-source', 'error']]]);
  });

  it('an unreachable cluster is said once in the log, and nothing is published', async () => {
    const down = fakeReader('sandbox', () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:6443')));
    let reader = down.reader;
    let now = 0;
    const { live, published, lines, doc } = harness({ reader: () => reader, now: () => now });
    for (let i = 0; i < 3; i++) {
      expect(await live.run(doc(bigger, 'k', i))).toBe('failed');
      now += 30_000;
    }
    expect(lines).toEqual(['cluster diagnostics: connect ECONNREFUSED 127.0.0.1:6443; showing the offline diagnostics only (said once until it changes)']);
    expect(published).toEqual([]);
    reader = fakeReader('sandbox').reader;
    expect(await live.run(doc(bigger, 'k', 9))).toBe('published');
    expect(lines[1]).toBe('cluster diagnostics: context sandbox answers again');
  });

  it('a missing kubeconfig and a cluster that never answers fail quietly too', async () => {
    const { live, lines, doc } = harness({ reader: () => { throw new Error('no kubeconfig: /nowhere does not exist'); } });
    expect(await live.run(doc(bigger))).toBe('failed');
    expect(await live.run(doc(missing))).toBe('failed');
    expect(lines).toHaveLength(1);
    const hanging = fakeReader('sandbox', () => new Promise(() => undefined));
    const slow = harness({ reader: () => hanging.reader, timeoutMs: 20 });
    expect(await slow.live.run(slow.doc(bigger))).toBe('failed');
    expect(slow.lines).toEqual(['cluster diagnostics: the cluster did not answer within 0s; showing the offline diagnostics only (said once until it changes)']);
  });

  it('logs what it could not read (gaps), once per read', async () => {
    const partial = fakeReader('sandbox', async () => ({ facts, serverVersion: 'v1.34.0', gaps: ['pods in vscode-e2e'] }));
    const { live, lines, doc } = harness({ reader: () => partial.reader });
    await live.run(doc(bigger));
    await live.run(doc(bigger, 'k2'));
    expect(lines).toEqual(['cluster diagnostics: could not read pods in vscode-e2e in context sandbox; the checks that need it were skipped']);
  });

  it('FactsCache keys by context, server and the set (not the order) of references', () => {
    const a = { namespace: 'x', name: 'a' };
    const b = { namespace: undefined, name: 'b' };
    expect(FactsCache.key({ context: 'c', server: 's' }, [a, b])).toBe(FactsCache.key({ context: 'c', server: 's' }, [b, a]));
    expect(FactsCache.key({ context: 'c', server: 's' }, [a])).not.toBe(FactsCache.key({ context: 'd', server: 's' }, [a]));
  });
});
