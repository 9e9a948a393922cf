import { KubeConfig } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { reuseConnections } from '../../src/cluster/connections.js';

const kubeConfigWith = () => {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'c', server: 'https://127.0.0.1:6443', skipTLSVerify: false }],
    users: [{ name: 'u', token: 't' }],
    contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
    currentContext: 'x',
  });
  reuseConnections(kc);
  return kc as unknown as { createAgent(cluster: unknown, options: Record<string, unknown>): { keepAlive?: boolean } };
};

describe('reuseConnections', () => {
  it('hands out one kept-alive agent per set of TLS options, Buffers compared by content', () => {
    const kc = kubeConfigWith();
    const cluster = { server: 'https://127.0.0.1:6443' };
    const first = kc.createAgent(cluster, { ca: Buffer.from('ca one') });
    expect(first.keepAlive).toBe(true);
    expect(kc.createAgent(cluster, { ca: Buffer.from('ca one') })).toBe(first);
    expect(kc.createAgent(cluster, { ca: Buffer.from('ca two') })).not.toBe(first);
  });
});
