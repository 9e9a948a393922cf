import {
  docsUrl, fixFile, lintFile, type ClusterFacts, type Finding, type InputLanguage, type RuleSetting, type Severity, type TargetProfile,
} from '@kubectl-clone/core';
import type * as vscode from 'vscode';
import type { DocumentLike, VscodeApi } from './vscode-api.js';

export const diagnosticSource = 'kubectl-clone';

/** What one lint reads: the settings' profile and severities, plus live facts when a cluster pass added them. */
export interface LintSettings {
  readonly profile: TargetProfile;
  readonly rules: Readonly<Record<string, RuleSetting>>;
  readonly facts?: ClusterFacts;
}

/** The editor's languageId -> how the core reads the text; undefined: not ours. */
export function languageOfDocument(languageId: string): InputLanguage | undefined {
  return languageId === 'yaml' ? 'yaml' : languageId === 'markdown' ? 'markdown' : languageId === 'shellscript' ? 'shell' : undefined;
}

/** The VS Code language ids the extension lints (and offers fixes in). */
export const lintedLanguageIds = ['yaml', 'markdown', 'shellscript'] as const;

function optionsOf(settings: LintSettings) {
  return { profile: settings.profile, rules: settings.rules, ...(settings.facts ? { facts: settings.facts } : {}) };
}

/**
 * The core's findings for one document, linted on its own with the settings' profile and
 * severities. YAML is its own bundle; Markdown and shell are their embedded blocks (```yaml
 * fences, kubectl heredocs), with ranges and fix edits already in the document's offsets.
 * `language` comes from the editor, so untitled documents are read right.
 */
export function lintDocument(path: string, text: string, settings: LintSettings, language: InputLanguage = 'yaml'): Finding[] {
  return lintFile({ path, text }, optionsOf(settings), language).findings;
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
 * (and the cursor there) stays put. In Markdown and shell only characters inside the blocks change.
 */
export function fixAllEdit(path: string, text: string, settings: LintSettings, language: InputLanguage = 'yaml'): { start: number; end: number; newText: string; fixed: number } | undefined {
  const result = fixFile({ path, text }, optionsOf(settings), [], () => language);
  if (result.text === text) return undefined;
  let prefix = 0;
  const max = Math.min(text.length, result.text.length);
  while (prefix < max && text.charCodeAt(prefix) === result.text.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < max - prefix && text.charCodeAt(text.length - 1 - suffix) === result.text.charCodeAt(result.text.length - 1 - suffix)) suffix++;
  return { start: prefix, end: text.length - suffix, newText: result.text.slice(prefix, result.text.length - suffix), fixed: result.fixed.length };
}
