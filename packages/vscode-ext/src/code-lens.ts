// "Clone this PVC" above each claim of a YAML file (trusted workspaces only). VS Code asks again after
// every edit: the claims are found per document (incremental-lint.ts cuts the file) and kept by the
// document's text, so an edit in a 1,000-document file parses one document, not the file.
import * as vscode from 'vscode';
import { splitDocuments } from './document-pieces.js';
import { pathOf } from './linter.js';
import { claimsInText, type ClaimInText } from './yaml-claims.js';

export function cloneLensProvider(changed: vscode.Event<void>): vscode.CodeLensProvider & { forget(uri: vscode.Uri): void } {
  const byDocument = new Map<string, Map<string, readonly ClaimInText[]>>();
  const claimsOf = (document: vscode.TextDocument): ClaimInText[] => {
    const path = pathOf(document);
    const before = byDocument.get(document.uri.toString()) ?? new Map<string, readonly ClaimInText[]>();
    const now = new Map<string, readonly ClaimInText[]>();
    const claims: ClaimInText[] = [];
    for (const piece of splitDocuments(document.getText())) {
      const found = now.get(piece.text) ?? before.get(piece.text) ?? claimsInText(path, piece.text);
      now.set(piece.text, found);
      for (const claim of found) claims.push({ ...claim, start: claim.start + piece.start });
    }
    byDocument.set(document.uri.toString(), now);
    return claims;
  };
  return {
    onDidChangeCodeLenses: changed,
    provideCodeLenses(document) {
      if (!vscode.workspace.isTrusted) return [];
      return claimsOf(document).map((claim) => {
        const position = document.positionAt(claim.start);
        return new vscode.CodeLens(new vscode.Range(position, position), {
          title: 'Clone this PVC', command: 'kubectlClone.clonePvc', tooltip: `Clone ${claim.namespace ? `${claim.namespace}/` : ''}${claim.name} in the cluster`,
          arguments: [{ name: claim.name, ...(claim.namespace ? { namespace: claim.namespace } : {}) }],
        });
      });
    },
    forget: (uri) => byDocument.delete(uri.toString()),
  };
}
