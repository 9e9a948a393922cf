// The second bundle (dist/live.js): the Kubernetes client and everything that talks to a cluster.
// extension.js requires it on first use, so opening a YAML file never loads @kubernetes/client-node.
import { delimiter } from 'node:path';
import { runClone } from '@kubectl-clone/core/clone';
import { runVerify } from '@kubectl-clone/core/verify';
import { ClusterClient, describeUnknown, explainEvent, readLintFacts, readSourceFacts, type ClaimEvent } from '@kubectl-clone/core/cluster';
import type { ClaimEventSummary, ClusterSession, Connect } from '../cluster-session.js';

declare const EXTENSION_VERSION: string;

function summarize(event: ClaimEvent): ClaimEventSummary {
  const explanation = explainEvent(event);
  return {
    type: event.type, reason: event.reason, message: event.message, stuck: explanation?.stuck ?? false,
    ...(explanation ? { explanation: explanation.explanation } : {}),
    ...(explanation?.ruleId ? { ruleId: explanation.ruleId } : {}),
  };
}

/**
 * The files behind resolveConfig's `source` (the core's one home for kubeconfig discovery, as kubectl
 * does it): a path, `KUBECONFIG=a:b`, or the in-cluster service account (no file).
 */
function kubeconfigFiles(source: string): string[] {
  if (source.startsWith('KUBECONFIG=')) return source.slice('KUBECONFIG='.length).split(delimiter).filter(Boolean);
  return source.startsWith('/') || /^[A-Za-z]:[\\/]/.test(source) ? [source] : [];
}

export const connect: Connect = (connection) => {
  const client = ClusterClient.connect({
    ...(connection.kubeconfig ? { kubeconfig: connection.kubeconfig } : {}),
    ...(connection.context ? { context: connection.context } : {}),
    userAgent: `kubectl-clone/${EXTENSION_VERSION} (vscode)`,
  });
  const session: ClusterSession = {
    context: client.config.context,
    namespace: client.namespace,
    server: client.config.server,
    source: client.config.source,
    files: kubeconfigFiles(client.config.source),
    listClaims: (namespace) => client.listClaims(namespace),
    listStorageClasses: () => client.listStorageClasses(),
    listNamespaces: () => client.listNamespaceNames(),
    readClaim: (namespace, name) => client.readClaim(namespace, name),
    claimEvents: async (namespace, name) => (await client.listClaimEvents(namespace, name)).map(summarize),
    readSourceFacts: (namespace, name) => readSourceFacts(client, namespace, name),
    readLintFacts: async (references) => {
      const { facts, serverVersion, unknown } = await readLintFacts(client, references);
      return { facts, serverVersion, gaps: unknown.map(describeUnknown) };
    },
    runClone: (request, io) => runClone(client, request, io),
    runVerify: (request, io) => runVerify({ source: client, clone: client }, request, io),
  };
  return session;
};
