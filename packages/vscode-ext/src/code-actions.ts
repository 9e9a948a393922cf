import type { Finding, InputLanguage } from '@kubectl-clone/core';
import type * as vscode from 'vscode';
import { diagnosticSource, fixAllEdit, rangeOf, type LintSettings } from './diagnostics.js';
import type { DocumentLike, VscodeApi } from './vscode-api.js';

export const fixAllTitle = 'Fix all kubectl-clone problems in file';
export const fixAllKindSuffix = 'kubectlClone';

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  // touching counts: a cursor right after a value still offers its fix
  return a.start <= b.end && b.start <= a.end;
}

function matchesDiagnostic(api: VscodeApi, document: DocumentLike, finding: Finding, diagnostic: vscode.Diagnostic): boolean {
  const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
  return diagnostic.source === diagnosticSource && code === finding.ruleId && diagnostic.range.isEqual(rangeOf(api, document, finding.range));
}

/**
 * Quick fixes for the findings under `range` (one per fix, preferred: each is the single safe
 * edit the rule knows), then the file-wide fix when anything in the file is fixable. With
 * `only` = source.fixAll (on save), just the file-wide fix. `language` is how the core reads the
 * document (Markdown and shell: their embedded YAML, edits already in the document's offsets).
 */
export function codeActionsFor(
  api: VscodeApi, document: DocumentLike, findings: readonly Finding[], range: vscode.Range,
  context: { readonly diagnostics: readonly vscode.Diagnostic[]; readonly only?: vscode.CodeActionKind | undefined }, settings: LintSettings, path: string, language: InputLanguage = 'yaml',
): vscode.CodeAction[] {
  const fixAllKind = api.CodeActionKind.SourceFixAll.append(fixAllKindSuffix);
  const fixable = findings.filter((finding) => finding.fix && finding.fix.edits.length > 0);
  if (fixable.length === 0) return [];
  const fixAll = (kind: vscode.CodeActionKind): vscode.CodeAction[] => {
    const whole = fixAllEdit(path, document.getText(), settings, language);
    if (!whole) return [];
    const action = new api.CodeAction(fixAllTitle, kind);
    const edit = new api.WorkspaceEdit();
    edit.replace(document.uri, rangeOf(api, document, whole), whole.newText);
    action.edit = edit;
    return [action];
  };
  if (context.only && !context.only.intersects(api.CodeActionKind.QuickFix)) {
    // source actions (on save, the Source Action menu): only the file-wide fix
    return context.only.contains(fixAllKind) || fixAllKind.contains(context.only) ? fixAll(fixAllKind) : [];
  }
  const actions: vscode.CodeAction[] = [];
  const span = { start: document.offsetAt(range.start), end: document.offsetAt(range.end) };
  for (const finding of fixable) {
    if (!overlaps(span, finding.range)) continue;
    const action = new api.CodeAction(finding.fix!.title, api.CodeActionKind.QuickFix);
    action.isPreferred = true;
    action.diagnostics = context.diagnostics.filter((diagnostic) => matchesDiagnostic(api, document, finding, diagnostic));
    const edit = new api.WorkspaceEdit();
    for (const textEdit of finding.fix!.edits) edit.replace(document.uri, rangeOf(api, document, textEdit), textEdit.newText);
    action.edit = edit;
    actions.push(action);
  }
  // like ESLint: the file-wide fix is offered next to a problem's own fix
  if (actions.length > 0) actions.push(...fixAll(api.CodeActionKind.QuickFix));
  return actions;
}
