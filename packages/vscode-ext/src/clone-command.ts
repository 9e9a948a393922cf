// The clone commands: our tree's item, the CodeLens and the palette (kubectlClone.clonePvc), and the
// Kubernetes extension's explorer (kubectlClone.clonePvcFromKubernetesExplorer). They run the clone
// flow, then say the outcome, refresh our tree and the Kubernetes explorer, and reveal the clone.
import * as vscode from 'vscode';
import { runClone, type ClaimRef, type CloneAnswers, type CloneResult } from './clone-flow.js';
import type { ClaimTree } from './claim-tree.js';
import type { ClusterSession, Connection } from './cluster-session.js';
import { kubernetesExtensionId, refreshKubernetesExplorer, resolveExplorerTarget, type KubernetesExtensionApis } from './k8s-explorer.js';
import { vscodePrompter, type ManifestPreviews } from './prompts.js';
import type { Settings } from './settings.js';
import type { ClaimNode, TreeNode } from './tree-model.js';

export const untrustedMessage = 'kubectl-clone talks to clusters only in a trusted workspace: trust this workspace to list, hover and clone PVCs (diagnostics work without it)';

interface CloneArgument extends Partial<ClaimRef> {
  readonly answers?: CloneAnswers;
  readonly kubeconfig?: string;
  readonly context?: string;
}

export interface CloneHost {
  settings(): Settings;
  connect(override?: Connection): Promise<ClusterSession>;
  tree: ClaimTree;
  view: vscode.TreeView<TreeNode>;
  previews: ManifestPreviews;
  log: vscode.OutputChannel;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const kubernetesApis = () => (require('vscode-kubernetes-tools-api') as { extension: KubernetesExtensionApis & { clusterExplorer: { v1: Promise<never> } } }).extension;

export function registerCloneCommands(host: CloneHost): vscode.Disposable[] {
  const { tree, view, log } = host;
  const clone = async (argument?: CloneArgument | ClaimNode, override?: Connection): Promise<CloneResult | undefined> => {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showErrorMessage(untrustedMessage);
      return undefined;
    }
    const target: ClaimRef | undefined = argument?.name ? { name: argument.name, ...(argument.namespace ? { namespace: argument.namespace } : {}) } : undefined;
    const answers = argument && 'answers' in argument ? argument.answers : undefined;
    const given = argument && !('kind' in argument) ? argument : undefined;
    const explicit: Connection = { ...(given?.kubeconfig ? { kubeconfig: given.kubeconfig } : {}), ...(given?.context ? { context: given.context } : {}) };
    let session: ClusterSession;
    try {
      session = await host.connect(override ?? (Object.keys(explicit).length ? explicit : undefined));
    } catch (error) {
      void vscode.window.showErrorMessage(`kubectl-clone: ${(error as Error).message}`);
      return { result: 'Failed', message: (error as Error).message };
    }
    log.appendLine(`clone: ${target ? `${target.namespace ?? session.namespace}/${target.name}` : '(pick a source)'} in context ${session.context}`);
    const settings = host.settings();
    const result = await runClone(session, target, vscodePrompter(answers, host.previews), {
      featureGates: settings.featureGates, kubernetesVersion: settings.kubernetesVersion, timeoutMs: settings.cloneTimeoutSeconds * 1000, image: settings.podImage,
    }, answers);
    log.appendLine(`clone: ${result.result}: ${result.message}`);
    if (result.result === 'Bound' || result.result === 'HandedOff') void vscode.window.showInformationMessage(result.message);
    else if (result.result === 'Failed' || result.result === 'Timeout' || result.result === 'Lost' || result.result === 'Deleted') void vscode.window.showErrorMessage(result.message);
    else if (result.result === 'Aborted') void vscode.window.showWarningMessage(result.message);
    else if (result.result === 'Refused' && !result.message.includes('error')) void vscode.window.showWarningMessage(result.message);
    if (result.result !== 'Refused' && result.result !== 'Cancelled') {
      await tree.refresh();
      const refreshed = await refreshKubernetesExplorer(() => kubernetesApis().clusterExplorer.v1, vscode.extensions.getExtension(kubernetesExtensionId) !== undefined);
      if (refreshed) log.appendLine('clone: refreshed the Kubernetes extension\'s explorer');
      const node = 'clone' in result && result.clone ? tree.findClaim(result.clone.namespace, result.clone.name) : undefined;
      if (result.result === 'Bound' && node && view.visible) await view.reveal(node, { select: true, focus: false, expand: true }).then(undefined, () => undefined);
    }
    return result;
  };
  return [
    vscode.commands.registerCommand('kubectlClone.clonePvc', (argument?: CloneArgument | ClaimNode) => clone(argument)),
    // The Kubernetes explorer calls this with its node. A second argument `{answers}` (tests, other extensions)
    // skips the prompts as with kubectlClone.clonePvc; an array there (a tree's selection) is ignored.
    vscode.commands.registerCommand('kubectlClone.clonePvcFromKubernetesExplorer', async (commandTarget: unknown, options?: unknown) => {
      if (!vscode.workspace.isTrusted) {
        void vscode.window.showErrorMessage(untrustedMessage);
        return undefined;
      }
      const resolved = await resolveExplorerTarget(commandTarget, kubernetesApis());
      if (!resolved.ok) {
        void vscode.window.showErrorMessage(`kubectl-clone: ${resolved.reason}`);
        return { result: 'Failed', message: resolved.reason };
      }
      const answers = options && typeof options === 'object' && !Array.isArray(options) && 'answers' in options ? (options as { answers?: CloneAnswers }).answers : undefined;
      return clone({ namespace: resolved.namespace, name: resolved.name, ...(answers ? { answers } : {}) }, resolved.kubeconfig ? { kubeconfig: resolved.kubeconfig } : {});
    }),
  ];
}
