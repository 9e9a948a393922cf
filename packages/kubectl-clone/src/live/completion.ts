import { ClusterClient, loadKubeConfig } from '@kubectl-clone/core/cluster';
import type { CompletionRequest } from '../completion.js';
import { connectionOptions } from '../connection-flags.js';

/** A TAB must not hang: each request gets this, and the whole answer twice that. */
const completionTimeout = '2s';
const completionDeadlineMs = 4000;

/** The names a completion offers, from the kubeconfig (contexts) or the cluster; [] on any failure. */
export async function completionValues(request: CompletionRequest): Promise<string[]> {
  const options = connectionOptions({ ...request.flags, requestTimeout: completionTimeout });
  const answer = (async (): Promise<string[]> => {
    if (request.kind === 'contexts') return loadKubeConfig(options).kubeConfig.getContexts().map((context) => context.name);
    const client = ClusterClient.connect(options);
    switch (request.kind) {
      case 'namespaces': return client.listNamespaceNames();
      case 'storageClasses': return (await client.listStorageClasses()).map((sc) => sc.metadata?.name ?? '');
      case 'claims': return (await client.listClaims(client.namespace)).map((claim) => claim.metadata?.name ?? '');
      case 'workloads': return client.listWorkloadRefs(client.namespace);
    }
  })();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<string[]>((resolve) => (timer = setTimeout(() => resolve([]), completionDeadlineMs)));
  try {
    return await Promise.race([answer.catch(() => []), deadline]);
  } finally {
    clearTimeout(timer);
  }
}
