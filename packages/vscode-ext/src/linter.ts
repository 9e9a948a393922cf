// The diagnostics' glue: lint on open and (debounced) on edit, publish, keep what each document was
// linted with (fixes use the same facts), and hand cluster passes to LiveLinter. YAML is linted
// incrementally (incremental-lint.ts); Markdown and shell documents as a whole.
import type { Finding, InputLanguage } from '@kubectl-clone/core';
import * as vscode from 'vscode';
import { LiveLinter, type FactsReader } from './cluster-diagnostics.js';
import { languageOfDocument, lintDocument, toDiagnostic, type LintSettings } from './diagnostics.js';
import { IncrementalLinter, type TextChange } from './incremental-lint.js';
import type { Settings } from './settings.js';

export function languageOf(document: vscode.TextDocument): InputLanguage | undefined {
  if (!['file', 'untitled', 'vscode-remote', 'vscode-userdata'].includes(document.uri.scheme)) return undefined;
  return languageOfDocument(document.languageId);
}

export function pathOf(document: { uri: vscode.Uri }): string {
  return document.uri.scheme === 'file' ? document.uri.fsPath : document.uri.toString();
}

export interface LintTimes {
  readonly lintMs: number;
  readonly convertMs: number;
  readonly setMs: number;
}

interface Linted {
  readonly version: number;
  readonly findings: readonly Finding[];
  /** What they were linted with: the settings, plus live facts after a cluster pass. */
  readonly options: LintSettings;
}

export class Linter implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('kubectl-clone');
  private readonly cache = new Map<string, Linted>();
  /** Per YAML document: its incremental linter and the document version it last linted. */
  private readonly incremental = new Map<string, { linter: IncrementalLinter<vscode.Diagnostic>; version: number | undefined }>();
  /** The change events since a document's last lint, in order. */
  private readonly edits = new Map<string, { version: number; changes: readonly TextChange[] }[]>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** When the last change of each document reached us, and how long from there to the diagnostics being published. */
  private readonly changedAt = new Map<string, number>();
  private readonly published = new Map<string, number>();
  /**
   * Where the last lint of each document spent its time: the lint itself (for YAML with converting the documents it
   * checked again to vscode.Diagnostic), converting the rest, DiagnosticCollection.set.
   */
  private readonly spent = new Map<string, LintTimes>();
  readonly live: LiveLinter;

  constructor(private readonly settings: () => Settings, private readonly log: vscode.OutputChannel, connect: () => Promise<FactsReader>) {
    this.live = new LiveLinter({
      settings,
      connect,
      isCurrent: (snapshot) => {
        const document = vscode.workspace.textDocuments.find((open) => open.uri.toString() === snapshot.key);
        return document !== undefined && !document.isClosed && document.version === snapshot.version;
      },
      publish: (snapshot, findings, options) => {
        const document = vscode.workspace.textDocuments.find((open) => open.uri.toString() === snapshot.key);
        if (!document) return;
        this.cache.set(snapshot.key, { version: snapshot.version, findings, options });
        this.collection.set(document.uri, findings.map((finding) => toDiagnostic(vscode, document, finding)));
      },
      log: (line) => log.appendLine(line),
    });
  }

  /** Cluster diagnostics: the setting, and only in a trusted workspace. */
  private liveEnabled(): boolean {
    return this.settings().clusterDiagnostics && vscode.workspace.isTrusted;
  }

  findings(document: vscode.TextDocument): readonly Finding[] {
    return this.linted(document).findings;
  }

  /** The options the current findings were linted with (fix-all uses the same facts). */
  options(document: vscode.TextDocument): LintSettings {
    return this.linted(document).options;
  }

  private linted(document: vscode.TextDocument): Linted {
    const cached = this.cache.get(document.uri.toString());
    if (cached && cached.version === document.version) return cached;
    this.lint(document);
    return this.cache.get(document.uri.toString()) ?? { version: document.version, findings: [], options: this.settings() };
  }

  /** The offline lint, published at once; with cluster diagnostics on, a live pass follows. */
  lint(document: vscode.TextDocument): void {
    const language = languageOf(document);
    if (!language) return;
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    const edits = this.edits.get(key);
    this.edits.delete(key);
    const settings = this.settings();
    const path = pathOf(document);
    let whole: string | undefined;
    const text = () => (whole ??= document.getText());
    let result: { readonly findings: readonly Finding[]; readonly converted?: readonly vscode.Diagnostic[] } = { findings: [] };
    let options: LintSettings = settings;
    const live = this.liveEnabled();
    const started = performance.now();
    try {
      // facts still fresh in the cache are used at once: no flicker while typing, no cluster call
      const cached = live ? this.live.cachedSettings({ path, text: text(), language }) : undefined;
      if (cached) options = cached;
      if (language === 'yaml') {
        let incremental = this.incremental.get(key);
        if (!incremental) this.incremental.set(key, (incremental = { linter: new IncrementalLinter((finding) => toDiagnostic(vscode, document, finding)), version: undefined }));
        // every change since the lint the linter holds reached us (we see each event), so they lead from its text to this one
        const since = incremental.version;
        const changes = edits && since !== undefined && edits[0]!.version > since && edits[edits.length - 1]!.version === document.version
          ? edits.flatMap((edit) => edit.changes) : undefined;
        result = (changes && incremental.linter.edit(path, changes, options)) ?? incremental.linter.lint(path, text(), options);
        incremental.version = document.version;
      } else {
        result = { findings: lintDocument(path, text(), options, language) };
      }
    } catch (error) {
      this.incremental.delete(key);
      this.log.appendLine(`lint of ${key} failed: ${(error as Error).stack ?? error}`);
    }
    const linted = result;
    // a getter: incremental findings are shifted into the file only when read (code actions, fix-all)
    this.cache.set(key, { version: document.version, options, get findings() { return linted.findings; } });
    const lintedAt = performance.now();
    const diagnostics = result.converted ?? result.findings.map((finding) => toDiagnostic(vscode, document, finding));
    const converted = performance.now();
    this.collection.set(document.uri, diagnostics);
    this.spent.set(key, { lintMs: lintedAt - started, convertMs: converted - lintedAt, setMs: performance.now() - converted });
    const changed = this.changedAt.get(key);
    if (changed !== undefined) this.published.set(key, performance.now() - changed);
    this.changedAt.delete(key);
    if (!live) this.live.cancel(key);
    else if (options.facts) this.live.cancel(key);
    else this.live.schedule({ key, version: document.version, path, text: text(), language }, settings.debounceMilliseconds);
  }

  /** An edit: remembered (the incremental lint places it by its ranges), then linted after the debounce. */
  schedule(document: vscode.TextDocument, changes: readonly TextChange[] = []): void {
    if (!languageOf(document)) return;
    const key = document.uri.toString();
    if (changes.length > 0) {
      const edits = this.edits.get(key);
      if (edits) edits.push({ version: document.version, changes });
      else this.edits.set(key, [{ version: document.version, changes }]);
    }
    if (!this.changedAt.has(key)) this.changedAt.set(key, performance.now());
    // the text changed: a live pass still waiting for the cluster is stale
    this.live.cancel(key);
    clearTimeout(this.timers.get(key));
    const delay = this.settings().debounceMilliseconds;
    if (delay === 0) this.lint(document);
    else this.timers.set(key, setTimeout(() => this.lint(document), delay));
  }

  forget(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.live.forget(key);
    this.cache.delete(key);
    this.incremental.delete(key);
    this.edits.delete(key);
    this.changedAt.delete(key);
    this.published.delete(key);
    this.spent.delete(key);
    this.collection.delete(document.uri);
  }

  relintAll(): void {
    for (const document of vscode.workspace.textDocuments) this.lint(document);
  }

  /**
   * How the last lint of a document ran: for YAML "full" or "incremental" with the documents checked + read / in
   * the file, the time from its last change reaching us to its diagnostics being published (debounce included), and
   * where the lint spent it.
   */
  lastLint(uri: vscode.Uri): { mode: string; publishedMs: number | undefined; times: LintTimes | undefined } {
    const last = this.incremental.get(uri.toString())?.linter.last;
    return { mode: last ? `${last.mode} ${last.relinted}+${last.context}/${last.pieces}, found by ${last.found}, ${last.converted} converted` : 'whole file', publishedMs: this.published.get(uri.toString()), times: this.spent.get(uri.toString()) };
  }

  cached(uri: vscode.Uri): readonly Finding[] {
    return this.cache.get(uri.toString())?.findings ?? [];
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.live.dispose();
    this.collection.dispose();
  }
}
