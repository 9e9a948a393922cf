import type { Agent } from 'node:http';
import type { KubeConfig } from '@kubernetes/client-node';

/**
 * One kept-alive connection pool per set of TLS options, instead of client-node's new agent (a new
 * TCP connection and TLS handshake, and a fresh read of the kubeconfig's certificate files) for
 * every request: kubectl reuses one connection for a whole command. A clone's nine requests then
 * pay one handshake, not nine. Idle kept-alive sockets do not hold the process open (Node unrefs
 * them). Apply after limitRequests, so each pooled agent gets the connect and handshake limits once.
 */
export function reuseConnections(kubeConfig: KubeConfig): void {
  const target = kubeConfig as unknown as { createAgent(cluster: unknown, options: Record<string, unknown>): Agent };
  const createAgent = target.createAgent.bind(kubeConfig);
  const agents = new Map<string, Agent>();
  target.createAgent = (cluster, options) => {
    // the same certificates, keys and verification settings share a pool; anything else gets its own.
    // A Buffer's toJSON runs before a replacer sees it, so the raw value is read from its holder.
    const key = JSON.stringify(options, function (this: Record<string, unknown>, name: string, value: unknown) {
      const raw = this[name];
      return Buffer.isBuffer(raw) ? raw.toString('base64') : value;
    });
    let agent = agents.get(key);
    if (!agent) {
      agent = createAgent(cluster, { ...options, keepAlive: true });
      agents.set(key, agent);
    }
    return agent;
  };
}
