import { docsUrl, fixText, lint, type Finding, type Severity } from '@kubectl-clone/core';
import type * as vscode from 'vscode';
import type { Settings } from './settings.js';
import type { DocumentLike, VscodeApi } from './vscode-api.js';

export const diagnosticSource = 'kubectl-clone';

/** The core's findings for one document, linted on its own with the settings' profile and severities. */
export function lintDocument(path: string, text: string, settings: Pick<Settings, 'profile' | 'rules'>): Finding[] {
  return lint([{ path, text }], { profile: settings.profile, rules: settings.rules }).findings;
}

export function severityOf(api: VscodeApi, severity: Severity): vscode.DiagnosticSeverity {
  return severity === 'error' ? api.DiagnosticSeverity.Error
    : severity === 'warning' ? api.DiagnosticSeverity.Warning
    : api.DiagnosticSeverity.Information;
}

export function rangeOf(api: VscodeApi, document: Pick<DocumentLike, 'positionAt'>, range: { start: number; end: number }): vscode.Range {
  return new api.Range(document.positionAt(range.start), document.positionAt(range.end));
}

export function toDiagnostic(api: VscodeApi, document: Pick<DocumentLike, 'positionAt'>, finding: Finding): vscode.Diagnostic {
  const diagnostic = new api.Diagnostic(rangeOf(api, document, finding.range), finding.message, severityOf(api, finding.severity));
  diagnostic.source = diagnosticSource;
  diagnostic.code = { value: finding.ruleId, target: api.Uri.parse(docsUrl(finding.ruleId)) };
  return diagnostic;
}

/**
 * The whole-file fix as one edit: the core fixes in passes (re-linting between them), then the
 * changed middle of the text is replaced, so text before and after the first and last change
 * (and the cursor there) stays put.
 */
export function fixAllEdit(path: string, text: string, settings: Pick<Settings, 'profile' | 'rules'>): { start: number; end: number; newText: string; fixed: number } | undefined {
  const result = fixText({ path, text }, { profile: settings.profile, rules: settings.rules });
  if (result.text === text) return undefined;
  let prefix = 0;
  const max = Math.min(text.length, result.text.length);
  while (prefix < max && text.charCodeAt(prefix) === result.text.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < max - prefix && text.charCodeAt(text.length - 1 - suffix) === result.text.charCodeAt(result.text.length - 1 - suffix)) suffix++;
  return { start: prefix, end: text.length - suffix, newText: result.text.slice(prefix, result.text.length - suffix), fixed: result.fixed.length };
}
