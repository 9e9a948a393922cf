/**
 * The Kubernetes extension (ms-kubernetes-tools.vscode-kubernetes-tools) is a soft dependency:
 * its cluster explorer's PVC nodes get "Clone PVC…" through a `view/item/context` menu, and the
 * clicked node is resolved with its public API (npm vscode-kubernetes-tools-api): clusterExplorer
 * v1_1 `resolveCommandTarget`, the kubeconfig path from configuration v1. Nothing here imports
 * that package, so this is unit-tested with fake APIs of the documented shape; the UI tests
 * (test/run-vscode-tests.ts) right-click a PVC in the real extension's explorer.
 */
import type { ClusterExplorerV1, ClusterExplorerV1_1, ConfigurationV1 } from 'vscode-kubernetes-tools-api';

export const kubernetesExtensionId = 'ms-kubernetes-tools.vscode-kubernetes-tools';

export type Available<T> = { readonly available: true; readonly api: T } | { readonly available: false; readonly reason: string };

/** The shape of `require('vscode-kubernetes-tools-api').extension` that we use. */
export interface KubernetesExtensionApis {
  readonly clusterExplorer: { readonly v1_1: Promise<Available<Pick<ClusterExplorerV1_1, 'resolveCommandTarget'>>> };
  readonly configuration: { readonly v1: Promise<Available<Pick<ConfigurationV1, 'getKubeconfigPath'>>> };
}

/**
 * After a clone: the Kubernetes extension's explorer shows it without its Refresh being pressed.
 * Nothing happens when that extension is not installed (its API would activate nothing).
 */
export async function refreshKubernetesExplorer(explorer: () => Promise<Available<Pick<ClusterExplorerV1, 'refresh'>>>, installed: boolean): Promise<boolean> {
  if (!installed) return false;
  const answer = await explorer().catch(() => undefined);
  if (!answer?.available) return false;
  answer.api.refresh();
  return true;
}

export type ExplorerTarget =
  | { readonly ok: true; readonly namespace: string; readonly name: string; readonly kubeconfig?: string }
  | { readonly ok: false; readonly reason: string };

const unavailable: Record<string, string> = {
  'extension-not-available': 'the Kubernetes extension is not installed or not active',
  'version-unknown': 'the Kubernetes extension does not offer this API version',
  'version-removed': 'the Kubernetes extension no longer offers this API version',
};

export async function resolveExplorerTarget(commandTarget: unknown, apis: KubernetesExtensionApis): Promise<ExplorerTarget> {
  const explorer = await apis.clusterExplorer.v1_1;
  if (!explorer.available) return { ok: false, reason: `cannot read the clicked node: ${unavailable[explorer.reason] ?? explorer.reason}` };
  const node = explorer.api.resolveCommandTarget(commandTarget);
  if (!node) return { ok: false, reason: 'the clicked item is not a node of the Kubernetes cluster explorer' };
  if (node.nodeType !== 'resource') return { ok: false, reason: `the clicked node is a ${node.nodeType}, not a PersistentVolumeClaim` };
  if (node.resourceKind.manifestKind !== 'PersistentVolumeClaim') {
    return { ok: false, reason: `the clicked node is a ${node.resourceKind.manifestKind}, not a PersistentVolumeClaim` };
  }
  const configuration = await apis.configuration.v1;
  let kubeconfig: string | undefined;
  if (configuration.available) {
    const path = configuration.api.getKubeconfigPath();
    if (path.pathType === 'wsl') return { ok: false, reason: `the Kubernetes extension uses a kubeconfig inside WSL (${path.wslPath}), which kubectl-clone cannot read` };
    kubeconfig = path.hostPath || undefined;
  }
  // the explorer lists the kubeconfig's current context: no context is passed, as with kubectl
  return { ok: true, namespace: node.namespace, name: node.name, ...(kubeconfig ? { kubeconfig } : {}) };
}
