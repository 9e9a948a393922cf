import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ClusterConfigError, resolveConfig } from '../../src/cluster/kubeconfig.js';

const dir = mkdtempSync(join(tmpdir(), 'kubeconfig-'));

function kubeconfig(name: string, config: { current?: string; contexts: { name: string; cluster: string; namespace?: string }[]; clusters: { name: string; server: string }[] }): string {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify({
    apiVersion: 'v1', kind: 'Config',
    ...(config.current ? { 'current-context': config.current } : {}),
    clusters: config.clusters.map((c) => ({ name: c.name, cluster: { server: c.server } })),
    users: [{ name: 'u', user: { token: 't' } }],
    contexts: config.contexts.map((c) => ({ name: c.name, context: { cluster: c.cluster, user: 'u', ...(c.namespace ? { namespace: c.namespace } : {}) } })),
  }));
  return file;
}

const first = kubeconfig('first', { current: 'a', contexts: [{ name: 'a', cluster: 'one', namespace: 'shop' }], clusters: [{ name: 'one', server: 'https://one.example:6443' }] });
const second = kubeconfig('second', {
  current: 'b',
  contexts: [{ name: 'b', cluster: 'two' }, { name: 'a', cluster: 'two', namespace: 'other' }],
  clusters: [{ name: 'two', server: 'https://two.example:6443' }, { name: 'one', server: 'https://shadowed.example' }],
});

describe('resolveConfig, as kubectl resolves a kubeconfig', () => {
  it('merges a KUBECONFIG list with the first file winning: current-context and same-named entries', () => {
    const config = resolveConfig({ env: { KUBECONFIG: [first, second].join(delimiter) } });
    expect(config.context).toBe('a');
    expect(config.server).toBe('https://one.example:6443');
    expect(config.namespace).toBe('shop');
  });

  it('skips files of the list that do not exist', () => {
    expect(resolveConfig({ env: { KUBECONFIG: [join(dir, 'missing'), second].join(delimiter) } }).context).toBe('b');
  });

  it('--context picks a context of any merged file; the namespace defaults to "default"', () => {
    const config = resolveConfig({ context: 'b', env: { KUBECONFIG: [first, second].join(delimiter) } });
    expect(config.server).toBe('https://two.example:6443');
    expect(config.namespace).toBe('default');
  });

  it('-n wins over the context namespace', () => {
    expect(resolveConfig({ namespace: 'ops', env: { KUBECONFIG: first } }).namespace).toBe('ops');
  });

  it('--kubeconfig reads only that file, whatever KUBECONFIG says', () => {
    expect(resolveConfig({ kubeconfig: second, env: { KUBECONFIG: first } }).context).toBe('b');
  });

  it('falls back to ~/.kube/config via HOME', () => {
    const home = mkdtempSync(join(tmpdir(), 'home-'));
    const kube = join(home, '.kube');
    mkdirSync(kube);
    copyFileSync(first, join(kube, 'config'));
    expect(resolveConfig({ env: { HOME: home } }).context).toBe('a');
  });

  it('says what is wrong instead of falling back to localhost:8080', () => {
    const empty = mkdtempSync(join(tmpdir(), 'home-'));
    expect(() => resolveConfig({ env: { HOME: empty } })).toThrow(new ClusterConfigError('no kubeconfig found: set KUBECONFIG, pass --kubeconfig, or create ~/.kube/config'));
    expect(() => resolveConfig({ context: 'nope', env: { KUBECONFIG: first } })).toThrow(/context "nope" does not exist in KUBECONFIG=.*first \(contexts: a\)/);
    expect(() => resolveConfig({ kubeconfig: join(dir, 'absent') })).toThrow(/kubeconfig .*absent does not exist/);
    const noCurrent = kubeconfig('none', { contexts: [{ name: 'x', cluster: 'one' }], clusters: [{ name: 'one', server: 'https://one' }] });
    expect(() => resolveConfig({ env: { KUBECONFIG: noCurrent } })).toThrow(/no current context in .*: pass --context/);
  });
});

describe('resolveConfig: what a kubeconfig file can be', () => {
  it('resolves a relative certificate path against the file, as kubectl does', () => {
    mkdirSync(join(dir, 'rel'), { recursive: true });
    const file = join(dir, 'rel', 'config');
    writeFileSync(file, 'apiVersion: v1\nclusters: [{name: c, cluster: {server: "https://x:6443", certificate-authority: ca.crt}}]\nusers: [{name: u, user: {token: t}}]\ncontexts: [{name: c, context: {cluster: c, user: u}}]\ncurrent-context: c\n');
    expect(resolveConfig({ kubeconfig: file }).kubeConfig.getCurrentCluster()?.caFile).toBe(join(dir, 'rel', 'ca.crt'));
  });
  it('--request-timeout: a duration, a number of seconds, 0 for none; 30s by default', () => {
    expect(resolveConfig({ kubeconfig: first }).requestTimeoutMs).toBe(30_000);
    expect(resolveConfig({ kubeconfig: first, requestTimeout: '5s' }).requestTimeoutMs).toBe(5_000);
    expect(resolveConfig({ kubeconfig: first, requestTimeout: '7' }).requestTimeoutMs).toBe(7_000);
    expect(resolveConfig({ kubeconfig: first, requestTimeout: '0' }).requestTimeoutMs).toBe(0);
    expect(() => resolveConfig({ kubeconfig: first, requestTimeout: '-1s' })).toThrow(ClusterConfigError);
  });
  it('a YAML list is not a kubeconfig: one line', () => {
    const file = join(dir, 'list');
    writeFileSync(file, '- a\n- b\n');
    expect(() => resolveConfig({ kubeconfig: file })).toThrow(/^no current context in /);
  });
});
