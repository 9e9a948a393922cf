// Activation: wires the modules together. Diagnostics and fixes (linter.ts, code-actions.ts) work
// everywhere; everything that reads a cluster (claim-tree.ts, hover.ts, code-lens.ts,
// clone-command.ts) waits for a trusted workspace and loads dist/live.js on first use.
import type { Finding } from '@kubectl-clone/core';
import * as vscode from 'vscode';
import type * as Live from './live/index.js';
import { ClaimTree, viewId } from './claim-tree.js';
import { registerCloneCommands } from './clone-command.js';
import { registerVerifyCommand } from './verify-command.js';
import type { ClusterSession, Connection } from './cluster-session.js';
import { codeActionsFor, fixAllKindSuffix } from './code-actions.js';
import { cloneLensProvider } from './code-lens.js';
import { ConnectionSource } from './connection.js';
import { fixAllEdit, lintedLanguageIds, rangeOf } from './diagnostics.js';
import { sourceHoverProvider } from './hover.js';
import { kubernetesExtensionId } from './k8s-explorer.js';
import { KubeconfigWatcher } from './kubeconfig-watch.js';
import { languageOf, Linter, pathOf, type LintTimes } from './linter.js';
import { ManifestPreviews, previewScheme } from './prompts.js';
import { readSettings } from './settings.js';
import type { TreeNode } from './tree-model.js';

export { viewId };

/** Set by the bundle's banner before any module code runs: activation time includes loading the bundle. */
declare const __kubectlCloneLoadStart: number | undefined;
const loadStart = typeof __kubectlCloneLoadStart === 'number' ? __kubectlCloneLoadStart : performance.now();

let liveModule: typeof Live | undefined;
/** The cluster bundle (dist/live.js, with @kubernetes/client-node), loaded on the first cluster call. */
function live(): typeof Live {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (liveModule ??= require('./live.js') as typeof Live);
}

/** What tests (and other extensions) can read: `vscode.extensions.getExtension(...).exports`. */
export interface KubectlCloneApi {
  readonly activationMs: number;
  findings(uri: vscode.Uri): readonly Finding[];
  treeRoots(): Promise<readonly TreeNode[]>;
  refreshTree(): Promise<void>;
  isClusterCodeLoaded(): boolean;
  /** How the last lint of the document ran (the whole file, or only the documents an edit touched), and how long it took from the change to published diagnostics. */
  lastLint(uri: vscode.Uri): { mode: string; publishedMs: number | undefined; times: LintTimes | undefined };
}

export function activate(context: vscode.ExtensionContext): KubectlCloneApi {
  const activateStart = performance.now();
  const log = vscode.window.createOutputChannel('kubectl-clone');
  const readAll = () => readSettings((key, fallback) => vscode.workspace.getConfiguration('kubectlClone').get(key, fallback));
  let settings = readAll();
  const reportProblems = () => {
    for (const problem of settings.problems) {
      log.appendLine(`settings: ${problem}`);
      void vscode.window.showWarningMessage(`kubectl-clone: ${problem}`);
    }
  };
  reportProblems();

  // which cluster: a change (kubeconfig edited, the Kubernetes extension's context or namespace) drops what was read
  let onClusterChanged = (_why: string): void => undefined;
  const connections = new ConnectionSource(() => settings, (line) => log.appendLine(line), (why) => onClusterChanged(why));
  const watcher = new KubeconfigWatcher(() => onClusterChanged('the kubeconfig changed'));
  const connect = async (override?: Connection): Promise<ClusterSession> => {
    if (!vscode.workspace.isTrusted) throw new Error('the workspace is not trusted');
    const session = live().connect(override ?? await connections.connection());
    if (!override) watcher.follow(session.files ?? []);
    return session;
  };
  context.subscriptions.push(connections, watcher);

  // 1. diagnostics and fixes
  // cluster diagnostics read through dist/live.js: loaded only when the setting is on and a document names a source
  const linter = new Linter(() => settings, log, () => connect());
  context.subscriptions.push(
    linter,
    vscode.workspace.onDidOpenTextDocument((document) => linter.lint(document)),
    vscode.workspace.onDidChangeTextDocument((event) => linter.schedule(event.document, event.contentChanges)),
    vscode.workspace.onDidCloseTextDocument((document) => linter.forget(document)),
  );
  linter.relintAll();

  const fixAllKind = vscode.CodeActionKind.SourceFixAll.append(fixAllKindSuffix);
  const linted = lintedLanguageIds.map((language) => ({ language }));
  context.subscriptions.push(vscode.languages.registerCodeActionsProvider(linted, {
    provideCodeActions: (document, range, codeActionContext) => {
      const language = languageOf(document);
      if (!language) return [];
      return codeActionsFor(vscode, document, linter.findings(document), range, codeActionContext, linter.options(document), pathOf(document), language);
    },
  }, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, fixAllKind] }));

  context.subscriptions.push(vscode.commands.registerCommand('kubectlClone.fixAll', async (uri?: vscode.Uri) => {
    const document = uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
    const language = document && languageOf(document);
    if (!document || !language) return 0;
    const whole = fixAllEdit(pathOf(document), document.getText(), linter.options(document), language);
    if (!whole) {
      void vscode.window.showInformationMessage('kubectl-clone: nothing to fix in this file');
      return 0;
    }
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, rangeOf(vscode, document, whole), whole.newText);
    await vscode.workspace.applyEdit(edit);
    linter.lint(document);
    return whole.fixed;
  }));

  // 2. the tree
  const tree = new ClaimTree(() => connect(), log);
  const view = vscode.window.createTreeView(viewId, { treeDataProvider: tree, showCollapseAll: true });
  tree.view = view;
  context.subscriptions.push(view, vscode.commands.registerCommand('kubectlClone.refresh', () => {
    linter.live.cache.clear();
    if (settings.clusterDiagnostics) linter.relintAll();
    return tree.refresh();
  }));
  let timer: NodeJS.Timeout | undefined;
  const schedule = () => {
    clearInterval(timer);
    timer = undefined;
    if (view.visible && settings.refreshIntervalSeconds > 0 && vscode.workspace.isTrusted) {
      timer = setInterval(() => void tree.refresh(), settings.refreshIntervalSeconds * 1000);
    }
  };
  // a hidden tree is only invalidated: a settings change must not load dist/live.js
  const refreshIfVisible = () => { if (view.visible) void tree.refresh(); else tree.invalidate(); };
  onClusterChanged = (why) => {
    log.appendLine(`${why}: reading the cluster again`);
    // another context or namespace: facts read from the old one no longer apply
    linter.live.cache.clear();
    if (settings.clusterDiagnostics) linter.relintAll();
    refreshIfVisible();
  };
  context.subscriptions.push(
    view.onDidChangeVisibility(() => { schedule(); if (view.visible) void tree.refresh(); }),
    { dispose: () => clearInterval(timer) },
  );
  schedule();

  // 3. clone: tree item, CodeLens, command palette, the Kubernetes extension's explorer
  const previews = new ManifestPreviews();
  context.subscriptions.push(
    previews,
    vscode.workspace.registerTextDocumentContentProvider(previewScheme, previews),
    vscode.workspace.onDidCloseTextDocument((document) => { if (document.uri.scheme === previewScheme) previews.forget(document.uri); }),
    ...registerCloneCommands({ settings: () => settings, connect, tree, view, previews, log }),
    registerVerifyCommand({ settings: () => settings, connect: () => connect(), log }),
    vscode.commands.registerCommand('kubectlClone.showOutput', () => log.show()),
  );

  // 4. editor features that read the cluster
  const lensesChanged = new vscode.EventEmitter<void>();
  const lenses = cloneLensProvider(lensesChanged.event);
  context.subscriptions.push(
    lensesChanged,
    vscode.languages.registerCodeLensProvider({ language: 'yaml' }, lenses),
    vscode.workspace.onDidCloseTextDocument((document) => lenses.forget(document.uri)),
    vscode.languages.registerHoverProvider({ language: 'yaml' }, sourceHoverProvider(() => connect())),
  );

  // 5. trust and settings
  context.subscriptions.push(
    vscode.workspace.onDidGrantWorkspaceTrust(() => { schedule(); lensesChanged.fire(); linter.relintAll(); refreshIfVisible(); }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration('kubectlClone') && !event.affectsConfiguration('vs-kubernetes')) return;
      settings = readAll();
      reportProblems();
      linter.live.cache.clear();
      linter.relintAll();
      schedule();
      refreshIfVisible();
    }),
  );

  const activationMs = performance.now() - loadStart;
  log.appendLine(`activated in ${activationMs.toFixed(1)} ms (bundle load ${(activateStart - loadStart).toFixed(1)} ms, activate() ${(performance.now() - activateStart).toFixed(1)} ms); cluster code loads on first use`);
  if (!vscode.extensions.getExtension(kubernetesExtensionId)) {
    log.appendLine(`"Clone PVC…" in the Kubernetes explorer needs the Kubernetes extension (${kubernetesExtensionId}); our own view, hovers, CodeLens and diagnostics work without it`);
  }
  return {
    activationMs,
    findings: (uri) => linter.cached(uri),
    treeRoots: () => tree.load(),
    refreshTree: () => tree.refresh(),
    isClusterCodeLoaded: () => liveModule !== undefined,
    lastLint: (uri) => linter.lastLint(uri),
  };
}

export function deactivate(): void {}
