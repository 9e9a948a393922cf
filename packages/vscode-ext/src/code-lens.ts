// "Clone this PVC" above each claim of a YAML file (trusted workspaces only).
import * as vscode from 'vscode';
import { pathOf } from './linter.js';
import { claimsInText } from './yaml-claims.js';

export function cloneLensProvider(changed: vscode.Event<void>): vscode.CodeLensProvider {
  return {
    onDidChangeCodeLenses: changed,
    provideCodeLenses(document) {
      if (!vscode.workspace.isTrusted) return [];
      return claimsInText(pathOf(document), document.getText()).map((claim) => {
        const position = document.positionAt(claim.start);
        return new vscode.CodeLens(new vscode.Range(position, position), {
          title: 'Clone this PVC', command: 'kubectlClone.clonePvc', tooltip: `Clone ${claim.namespace ? `${claim.namespace}/` : ''}${claim.name} in the cluster`,
          arguments: [{ name: claim.name, ...(claim.namespace ? { namespace: claim.namespace } : {}) }],
        });
      });
    },
  };
}
