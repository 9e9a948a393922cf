// kubectlClone.verifyClone: "Verify clone" on a clone in our tree. A cancellable progress
// notification while the pods run; the result as an information, warning or error message.
import * as vscode from 'vscode';
import type { ClusterSession } from './cluster-session.js';
import { untrustedMessage } from './clone-command.js';
import type { Settings } from './settings.js';
import type { ClaimNode } from './tree-model.js';
import { verifyClone, type VerifyResult, type VerifyTarget } from './verify-flow.js';

/** How long the verify pod may take to start (scheduling, attach, image pull). */
const podTimeoutMs = 120_000;

export function registerVerifyCommand(host: { settings(): Settings; connect(): Promise<ClusterSession>; log: vscode.OutputChannel }): vscode.Disposable {
  return vscode.commands.registerCommand('kubectlClone.verifyClone', async (node?: ClaimNode | VerifyTarget): Promise<VerifyResult | undefined> => {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showErrorMessage(untrustedMessage);
      return undefined;
    }
    if (!node?.name || !node.namespace) {
      void vscode.window.showErrorMessage('kubectl-clone: Verify clone works on a clone in the kubectl-clone view');
      return undefined;
    }
    let session: ClusterSession;
    try {
      session = await host.connect();
    } catch (error) {
      void vscode.window.showErrorMessage(`kubectl-clone: ${(error as Error).message}`);
      return { result: 'failed', message: (error as Error).message };
    }
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Verifying ${node.namespace}/${node.name}`, cancellable: true },
      (progress, token) => {
        const abort = new AbortController();
        token.onCancellationRequested(() => abort.abort());
        return verifyClone(session, node, { image: host.settings().podImage, podTimeoutMs, signal: abort.signal }, {
          progress: (message) => progress.report({ message }),
          log: (text) => host.log.appendLine(text),
        });
      },
    );
    if (result.result === 'identical') void vscode.window.showInformationMessage(result.message);
    else if (result.result === 'different' || result.result === 'cancelled') void vscode.window.showWarningMessage(result.message);
    else void vscode.window.showErrorMessage(result.message);
    return result;
  });
}
