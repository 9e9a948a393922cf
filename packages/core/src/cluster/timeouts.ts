import type { Agent } from 'node:https';
import type { Socket } from 'node:net';
import type { KubeConfig } from '@kubernetes/client-node';

/**
 * kubectl's limits, so a server that accepts connections and never answers ends a command in
 * seconds: a TLS handshake (kubectl: 10 s) and a TCP connect (kubectl: 30 s; 10 s here, a
 * local apiserver answers in ms), and a per-request deadline (`--request-timeout`; kubectl has
 * none by default, which is how a request hangs for ten minutes: we default to 30 s).
 */
export const defaultRequestTimeoutMs = 30_000;
export const connectTimeoutMs = 10_000;
export const tlsHandshakeTimeoutMs = 10_000;

/** Error codes our sockets end with; errors.ts turns them into one line naming the server. */
export const timeoutCodes = { connect: 'KUBECTL_CLONE_CONNECT_TIMEOUT', tls: 'KUBECTL_CLONE_TLS_HANDSHAKE_TIMEOUT' } as const;

/**
 * Every API request goes through applySecurityAuthentication (client-node's auth hook); a
 * watch does not (it uses applyToFetchOptions), so watches get the connect and TLS limits but
 * no deadline. Both create their agent through createAgent, where the socket limits go.
 */
export function limitRequests(kubeConfig: KubeConfig, requestTimeoutMs: number): void {
  const target = kubeConfig as unknown as {
    createAgent(cluster: unknown, options: unknown): Agent;
    applySecurityAuthentication(context: { setSignal(signal: AbortSignal): void }): Promise<void>;
  };
  const createAgent = target.createAgent.bind(kubeConfig);
  target.createAgent = (cluster, options) => limitHandshake(createAgent(cluster, options));
  if (requestTimeoutMs <= 0) return;
  const authenticate = target.applySecurityAuthentication.bind(kubeConfig);
  target.applySecurityAuthentication = async (context) => {
    await authenticate(context);
    context.setSignal(AbortSignal.timeout(requestTimeoutMs));
  };
}

function limitHandshake(agent: Agent): Agent {
  const create = (agent as unknown as { createConnection?: (...args: unknown[]) => Socket }).createConnection;
  if (typeof create !== 'function') return agent; // a proxy agent: its own connection logic
  (agent as unknown as { createConnection: (...args: unknown[]) => Socket }).createConnection = (...args: unknown[]) => {
    const socket = create.apply(agent, args);
    const secure = 'encrypted' in socket;
    const fail = (code: string, what: string) => socket.destroy(Object.assign(new Error(what), { code }));
    const connectTimer = setTimeout(() => fail(timeoutCodes.connect, 'connect timed out'), connectTimeoutMs).unref();
    let tlsTimer: NodeJS.Timeout | undefined;
    socket.once('connect', () => {
      clearTimeout(connectTimer);
      if (secure) tlsTimer = setTimeout(() => fail(timeoutCodes.tls, 'TLS handshake timed out'), tlsHandshakeTimeoutMs).unref();
    });
    socket.once('secureConnect', () => clearTimeout(tlsTimer));
    socket.once('close', () => {
      clearTimeout(connectTimer);
      clearTimeout(tlsTimer);
    });
    return socket;
  };
  return agent;
}
