import type * as vscode from 'vscode';

/**
 * The part of the `vscode` module the editor-facing code constructs values with. Modules take it
 * as a parameter instead of importing `vscode`, so unit tests run them with a small fake
 * (test/unit/fake-vscode.ts) and only extension.ts touches the real module (vscode-stylelint's way).
 */
export type VscodeApi = Pick<
  typeof vscode,
  | 'Range' | 'Position' | 'Diagnostic' | 'DiagnosticSeverity' | 'Uri' | 'CodeAction' | 'CodeActionKind'
  | 'WorkspaceEdit' | 'TreeItem' | 'TreeItemCollapsibleState' | 'ThemeIcon' | 'ThemeColor' | 'MarkdownString'
  | 'CodeLens' | 'Hover'
>;

/** What the lint and fix code reads of a document. */
export interface DocumentLike {
  readonly uri: vscode.Uri;
  readonly version: number;
  getText(): string;
  positionAt(offset: number): vscode.Position;
  offsetAt(position: vscode.Position): number;
}
