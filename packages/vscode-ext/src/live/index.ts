// The second bundle (dist/live.js): the Kubernetes client and everything that talks to a cluster.
// extension.js requires it on first use, so opening a YAML file never loads @kubernetes/client-node.
import { delimiter } from 'node:path';
import type { PersistentVolumeClaimObject } from '@kubectl-clone/core';
import {
  checkAccess, ClusterClient, describeDenial, explainEvent, readLintFacts, readSourceFacts, waitForBound, type ClaimEvent,
} from '@kubectl-clone/core/cluster';
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
    readClaim: (namespace, name) => client.readClaim(namespace, name),
    claimEvents: async (namespace, name) => (await client.listClaimEvents(namespace, name)).map(summarize),
    readSourceFacts: (namespace, name) => readSourceFacts(client, namespace, name),
    readLintFacts: (references) => readLintFacts(client, references),
    checkCreate: async (namespace) =>
      (await checkAccess(client, [{ verb: 'create', resource: 'persistentvolumeclaims', namespace }])).map(describeDenial),
    createClaim: (claim, dryRun) => client.createClaim(claim, dryRun),
    waitForBound: async (namespace, name, options) => {
      const outcome = await waitForBound(client, namespace, name, {
        timeoutMs: options.timeoutMs,
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.onPhase ? { onPhase: options.onPhase } : {}),
        onEvent: (event) => options.onEvent?.(summarize(event)),
      });
      if (outcome.result === 'Bound') return { result: 'Bound', claim: outcome.claim };
      const last = outcome.events[outcome.events.length - 1];
      return {
        result: outcome.result,
        ...(outcome.claim ? { claim: outcome.claim as PersistentVolumeClaimObject } : {}),
        ...(last ? { lastEvent: summarize(last) } : {}),
        ...(outcome.stuck ? { stuck: { type: 'Warning', reason: '', message: outcome.stuck.explanation, explanation: outcome.stuck.explanation, stuck: true, ...(outcome.stuck.ruleId ? { ruleId: outcome.stuck.ruleId } : {}) } } : {}),
      };
    },
  };
  return session;
};
