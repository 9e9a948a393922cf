import { existsSync, unwatchFile, watchFile } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { Finding, InputLanguage, PersistentVolumeClaimObject } from '@kubectl-clone/core';
import * as vscode from 'vscode';
import type * as Live from './live/index.js';
import { runClone, type CloneAnswers, type CloneResult, type ClonePrompter, type ClaimRef } from './clone-flow.js';
import type { ClusterSession, Connection } from './cluster-session.js';
import { codeActionsFor, fixAllKindSuffix } from './code-actions.js';
import { LiveLinter, type FactsReader } from './cluster-diagnostics.js';
import { fixAllEdit, languageOfDocument, lintDocument, lintedLanguageIds, rangeOf, toDiagnostic, type LintSettings } from './diagnostics.js';
import { resolveExplorerTarget, type KubernetesExtensionApis } from './k8s-explorer.js';
import { readSettings, type Settings } from './settings.js';
import { toTreeItem } from './tree-items.js';
import {
  buildClaimTree, buildStorageClassNodes, claimKey, explainPending, pendingClones,
  type ClaimNode, type PendingExplanation, type TreeNode,
} from './tree-model.js';
import { claimsInText, sourceNameAt } from './yaml-claims.js';

/** Set by the bundle's banner before any module code runs: activation time includes loading the bundle. */
declare const __kubectlCloneLoadStart: number | undefined;
const loadStart = typeof __kubectlCloneLoadStart === 'number' ? __kubectlCloneLoadStart : performance.now();

export const viewId = 'kubectlClone.claims';
const untrustedMessage = 'kubectl-clone talks to clusters only in a trusted workspace: trust this workspace to list, hover and clone PVCs (diagnostics work without it)';

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
}

function languageOf(document: vscode.TextDocument): InputLanguage | undefined {
  if (!['file', 'untitled', 'vscode-remote', 'vscode-userdata'].includes(document.uri.scheme)) return undefined;
  return languageOfDocument(document.languageId);
}

function pathOf(document: { uri: vscode.Uri }): string {
  return document.uri.scheme === 'file' ? document.uri.fsPath : document.uri.toString();
}

interface Linted {
  readonly version: number;
  readonly findings: Finding[];
  /** What they were linted with: the settings, plus live facts after a cluster pass. */
  readonly options: LintSettings;
}

class Linter implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('kubectl-clone');
  private readonly cache = new Map<string, Linted>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  readonly live: LiveLinter;

  constructor(private readonly settings: () => Settings, private readonly log: vscode.OutputChannel, connect: () => FactsReader) {
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

  findings(document: vscode.TextDocument): Finding[] {
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
  lint(document: vscode.TextDocument): Finding[] {
    const language = languageOf(document);
    if (!language) return [];
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    const settings = this.settings();
    const path = pathOf(document);
    const text = document.getText();
    let findings: Finding[] = [];
    let options: LintSettings = settings;
    const live = this.liveEnabled();
    try {
      // facts still fresh in the cache are used at once: no flicker while typing, no cluster call
      const cached = live ? this.live.cachedSettings({ path, text, language }) : undefined;
      if (cached) options = cached;
      findings = lintDocument(path, text, options, language);
    } catch (error) {
      this.log.appendLine(`lint of ${key} failed: ${(error as Error).stack ?? error}`);
    }
    this.cache.set(key, { version: document.version, findings, options });
    this.collection.set(document.uri, findings.map((finding) => toDiagnostic(vscode, document, finding)));
    if (!live) this.live.cancel(key);
    else if (options.facts) this.live.cancel(key);
    else this.live.schedule({ key, version: document.version, path, text, language }, settings.debounceMilliseconds);
    return findings;
  }

  schedule(document: vscode.TextDocument): void {
    if (!languageOf(document)) return;
    const key = document.uri.toString();
    // the text changed: a live pass still waiting for the cluster is stale
    this.live.cancel(key);
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => this.lint(document), this.settings().debounceMilliseconds));
  }

  forget(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.live.forget(key);
    this.cache.delete(key);
    this.collection.delete(document.uri);
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

class ClaimTree implements vscode.TreeDataProvider<TreeNode> {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private roots: TreeNode[] | undefined;
  private readonly parents = new Map<TreeNode, TreeNode>();
  private loading: Promise<TreeNode[]> | undefined;
  view: vscode.TreeView<TreeNode> | undefined;

  constructor(private readonly connect: () => ClusterSession, private readonly log: vscode.OutputChannel) {}

  async refresh(): Promise<void> {
    this.roots = undefined;
    await this.load();
    this.changed.fire(undefined);
  }

  /** Forget the roots without reading: a hidden view reads the cluster when it is shown again. */
  invalidate(): void {
    this.roots = undefined;
  }

  load(): Promise<TreeNode[]> {
    if (this.roots) return Promise.resolve(this.roots);
    this.loading ??= this.read().then((roots) => {
      this.roots = roots;
      this.parents.clear();
      const walk = (node: TreeNode) => {
        const children = node.kind === 'namespace' || node.kind === 'claim' || node.kind === 'storageClasses' ? node.children : [];
        for (const child of children) {
          this.parents.set(child, node);
          walk(child);
        }
      };
      roots.forEach(walk);
      return roots;
    }).finally(() => (this.loading = undefined));
    return this.loading;
  }

  private async read(): Promise<TreeNode[]> {
    if (!vscode.workspace.isTrusted) return [];
    const started = performance.now();
    try {
      const session = this.connect();
      if (this.view) this.view.description = session.context;
      const [claims, classes] = await Promise.all([
        session.listClaims(undefined).catch((error: { status?: number }) => {
          // a user who may not list cluster-wide still sees the context's namespace
          if (error?.status === 403) return session.listClaims(session.namespace);
          throw error;
        }),
        session.listStorageClasses().catch((error: Error) => error),
      ]);
      const pending = new Map<string, PendingExplanation>();
      await Promise.all(pendingClones(claims).slice(0, 25).map(async (claim) => {
        const namespace = claim.metadata?.namespace ?? '';
        const name = claim.metadata?.name ?? '';
        const explanation = explainPending(await session.claimEvents(namespace, name).catch(() => []));
        if (explanation) pending.set(claimKey(namespace, name), explanation);
      }));
      const roots: TreeNode[] = buildClaimTree(claims, Date.now(), pending);
      if (roots.length === 0) roots.push({ kind: 'message', severity: 'info', message: `no PersistentVolumeClaims in context ${session.context}` });
      roots.push(classes instanceof Error
        ? { kind: 'message', severity: 'error', message: classes.message }
        : { kind: 'storageClasses', children: buildStorageClassNodes(classes) });
      this.log.appendLine(`tree: ${claims.length} claims in context ${session.context} read in ${(performance.now() - started).toFixed(0)} ms`);
      return roots;
    } catch (error) {
      this.log.appendLine(`tree: ${(error as Error).message}`);
      return [{ kind: 'message', severity: 'error', message: (error as Error).message }];
    }
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return toTreeItem(vscode, node);
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (!node) return this.load();
    if (node.kind === 'namespace' || node.kind === 'claim' || node.kind === 'storageClasses') return node.children;
    return [];
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return this.parents.get(node);
  }

  findClaim(namespace: string, name: string): ClaimNode | undefined {
    const search = (nodes: readonly TreeNode[]): ClaimNode | undefined => {
      for (const node of nodes) {
        if (node.kind === 'claim' && node.namespace === namespace && node.name === name) return node;
        const found = node.kind === 'namespace' || node.kind === 'claim' ? search(node.children) : undefined;
        if (found) return found;
      }
      return undefined;
    };
    return search(this.roots ?? []);
  }
}

/** QuickPick, InputBox and modals; with `answers` (tests, callers that know) no modal can block. */
function vscodePrompter(answers: CloneAnswers | undefined): ClonePrompter {
  const title = 'Clone PVC';
  return {
    async pickSource(claims: readonly PersistentVolumeClaimObject[]) {
      const picked = await vscode.window.showQuickPick(claims.map((claim) => ({
        label: claim.metadata?.name ?? '',
        description: `${claim.metadata?.namespace} · ${claim.status?.phase ?? 'Pending'} · ${claim.status?.capacity?.storage ?? claim.spec?.resources?.requests?.storage ?? ''} · ${claim.spec?.storageClassName ?? ''}`,
        ref: { namespace: claim.metadata?.namespace ?? '', name: claim.metadata?.name ?? '' } as ClaimRef,
      })), { title: `${title}: source`, placeHolder: 'The PersistentVolumeClaim to clone', matchOnDescription: true, ignoreFocusOut: true });
      return picked?.ref;
    },
    askName: (value, validate) => Promise.resolve(vscode.window.showInputBox({ title: `${title}: name`, value, prompt: 'Name of the clone', validateInput: validate, ignoreFocusOut: true })),
    askSize: (value, validate) => Promise.resolve(vscode.window.showInputBox({ title: `${title}: size`, value, prompt: 'Size of the clone: at least the source\'s request', validateInput: validate, ignoreFocusOut: true })),
    async pickClass(choices) {
      const picked = await vscode.window.showQuickPick(choices.map((choice) => ({ label: choice.name, description: choice.description, detail: choice.detail })), { title: `${title}: StorageClass`, placeHolder: 'The clone\'s StorageClass: it must use the source\'s CSI driver', ignoreFocusOut: true });
      return picked?.label;
    },
    async refuse(message, detail) {
      if (answers) void vscode.window.showErrorMessage(`${message}: ${detail}`);
      else await vscode.window.showErrorMessage(message, { modal: true, detail });
    },
    async confirm(message, detail, warnings) {
      const create = warnings ? 'Clone Anyway' : 'Create Clone';
      const show = warnings ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
      const choice = await show(message, { modal: true, detail }, create, 'Preview Manifest');
      return choice === create ? 'create' : choice === 'Preview Manifest' ? 'preview' : undefined;
    },
    async preview(yaml) {
      const document = await vscode.workspace.openTextDocument({ language: 'yaml', content: yaml });
      await vscode.window.showTextDocument(document, { preview: true, preserveFocus: Boolean(answers) });
    },
    progress: (progressTitle, task) => Promise.resolve(vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: progressTitle, cancellable: true },
      (progress, token) => {
        const controller = new AbortController();
        token.onCancellationRequested(() => controller.abort());
        return task((message) => progress.report({ message }), controller.signal);
      })),
  };
}

interface CloneArgument extends Partial<ClaimRef> {
  readonly answers?: CloneAnswers;
  readonly kubeconfig?: string;
  readonly context?: string;
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
  const connection = (): Connection => ({ ...(settings.kubeconfig ? { kubeconfig: settings.kubeconfig } : {}), ...(settings.context ? { context: settings.context } : {}) });
  const connect = (override?: Connection): ClusterSession => live().connect(override ?? connection());

  // 1. diagnostics and fixes
  // cluster diagnostics read through dist/live.js: loaded only when the setting is on and a document names a source
  const linter = new Linter(() => settings, log, () => connect());
  context.subscriptions.push(
    linter,
    vscode.workspace.onDidOpenTextDocument((document) => linter.lint(document)),
    vscode.workspace.onDidChangeTextDocument((event) => linter.schedule(event.document)),
    vscode.workspace.onDidCloseTextDocument((document) => linter.forget(document)),
  );
  const relintAll = () => { for (const document of vscode.workspace.textDocuments) linter.lint(document); };
  relintAll();

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

  // 3. the tree
  const tree = new ClaimTree(() => connect(), log);
  const view = vscode.window.createTreeView(viewId, { treeDataProvider: tree, showCollapseAll: true });
  tree.view = view;
  context.subscriptions.push(view, vscode.commands.registerCommand('kubectlClone.refresh', () => {
    linter.live.cache.clear();
    if (settings.clusterDiagnostics) relintAll();
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
  // follow `kubectl config use-context`: the kubeconfig files are watched, re-read on change
  let watched: string[] = [];
  const watchKubeconfig = () => {
    for (const file of watched) unwatchFile(file);
    const env = process.env.KUBECONFIG;
    watched = (settings.kubeconfig ? [settings.kubeconfig] : env ? env.split(delimiter).filter(Boolean) : [join(homedir(), '.kube', 'config')]).filter((file) => existsSync(file));
    for (const file of watched) {
      watchFile(file, { interval: 2000 }, () => {
        // another context: facts read from the old one no longer apply
        linter.live.cache.clear();
        if (settings.clusterDiagnostics) relintAll();
        if (view.visible) void tree.refresh();
      });
    }
  };
  if (vscode.workspace.isTrusted) watchKubeconfig();
  context.subscriptions.push(
    view.onDidChangeVisibility(() => { schedule(); if (view.visible) void tree.refresh(); }),
    { dispose: () => { clearInterval(timer); for (const file of watched) unwatchFile(file); } },
  );
  schedule();

  // 4. clone: tree item, CodeLens, command palette; 5. the Kubernetes extension's explorer
  const clone = async (argument?: CloneArgument | ClaimNode, override?: Connection): Promise<CloneResult | undefined> => {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showErrorMessage(untrustedMessage);
      return undefined;
    }
    const target: ClaimRef | undefined = argument?.name ? { name: argument.name, ...(argument.namespace ? { namespace: argument.namespace } : {}) } : undefined;
    const answers = argument && 'answers' in argument ? argument.answers : undefined;
    const given = argument && 'kind' in argument ? {} : { ...((argument as CloneArgument | undefined)?.kubeconfig ? { kubeconfig: (argument as CloneArgument).kubeconfig } : {}), ...((argument as CloneArgument | undefined)?.context ? { context: (argument as CloneArgument).context } : {}) };
    let session: ClusterSession;
    try {
      session = connect(override ?? (Object.keys(given).length ? given : undefined));
    } catch (error) {
      void vscode.window.showErrorMessage(`kubectl-clone: ${(error as Error).message}`);
      return { result: 'Failed', message: (error as Error).message };
    }
    log.appendLine(`clone: ${target ? `${target.namespace ?? session.namespace}/${target.name}` : '(pick a source)'} in context ${session.context}`);
    const result = await runClone(session, target, vscodePrompter(answers), {
      featureGates: settings.featureGates, kubernetesVersion: settings.kubernetesVersion, timeoutMs: settings.cloneTimeoutSeconds * 1000,
    }, answers);
    log.appendLine(`clone: ${result.result}: ${result.message}`);
    if (result.result === 'Bound' || result.result === 'HandedOff') {
      void vscode.window.showInformationMessage(result.message);
      await tree.refresh();
      const node = tree.findClaim(result.clone.namespace, result.clone.name);
      if (node && view.visible) await view.reveal(node, { select: true, focus: false, expand: true }).then(undefined, () => undefined);
    } else if (result.result === 'Failed' || result.result === 'Timeout' || result.result === 'Lost' || result.result === 'Deleted') {
      void vscode.window.showErrorMessage(result.message);
      await tree.refresh();
    } else if (result.result === 'Aborted') {
      void vscode.window.showWarningMessage(result.message);
      await tree.refresh();
    } else if (result.result === 'Refused' && !result.message.includes('error')) {
      void vscode.window.showWarningMessage(result.message);
    }
    return result;
  };
  context.subscriptions.push(
    vscode.commands.registerCommand('kubectlClone.clonePvc', (argument?: CloneArgument | ClaimNode) => clone(argument)),
    // The Kubernetes explorer calls this with its node. A second argument `{answers}` (tests, other extensions)
    // skips the prompts as with kubectlClone.clonePvc; an array there (a tree's selection) is ignored.
    vscode.commands.registerCommand('kubectlClone.clonePvcFromKubernetesExplorer', async (commandTarget: unknown, options?: unknown) => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const apis = (require('vscode-kubernetes-tools-api') as { extension: KubernetesExtensionApis }).extension;
      const resolved = await resolveExplorerTarget(commandTarget, apis);
      if (!resolved.ok) {
        void vscode.window.showErrorMessage(`kubectl-clone: ${resolved.reason}`);
        return { result: 'Failed', message: resolved.reason };
      }
      const answers = options && typeof options === 'object' && !Array.isArray(options) && 'answers' in options ? (options as { answers?: CloneAnswers }).answers : undefined;
      return clone({ namespace: resolved.namespace, name: resolved.name, ...(answers ? { answers } : {}) }, resolved.kubeconfig ? { kubeconfig: resolved.kubeconfig } : {});
    }),
    vscode.commands.registerCommand('kubectlClone.showOutput', () => log.show()),
  );

  const lensesChanged = new vscode.EventEmitter<void>();
  context.subscriptions.push(lensesChanged, vscode.languages.registerCodeLensProvider({ language: 'yaml' }, {
    onDidChangeCodeLenses: lensesChanged.event,
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
  }));

  // 6. hover over a data source's name: the source as the cluster has it
  context.subscriptions.push(vscode.languages.registerHoverProvider({ language: 'yaml' }, {
    async provideHover(document, position) {
      if (!vscode.workspace.isTrusted) return undefined;
      const reference = sourceNameAt(pathOf(document), document.getText(), document.offsetAt(position));
      if (!reference) return undefined;
      const range = rangeOf(vscode, document, reference);
      const markdown = new vscode.MarkdownString();
      try {
        const session = connect();
        const namespace = reference.namespace ?? session.namespace;
        const claim = await session.readClaim(namespace, reference.name);
        if (!claim) {
          markdown.appendMarkdown(`**PersistentVolumeClaim ${namespace}/${reference.name}** is not found in context \`${session.context}\`: the clone would stay Pending`);
        } else {
          const size = claim.status?.capacity?.storage ?? claim.spec?.resources?.requests?.storage ?? '?';
          markdown.appendMarkdown(`**PersistentVolumeClaim ${namespace}/${reference.name}** (context \`${session.context}\`)\n\n`);
          markdown.appendMarkdown(`- phase: ${claim.status?.phase ?? 'Pending'}\n- size: ${size} (requested ${claim.spec?.resources?.requests?.storage ?? '?'})\n- class: ${claim.spec?.storageClassName ?? '(none)'}\n`);
          if (claim.spec?.volumeMode) markdown.appendMarkdown(`- volumeMode: ${claim.spec.volumeMode}\n`);
        }
      } catch (error) {
        markdown.appendMarkdown(`kubectl-clone: ${(error as Error).message}`);
      }
      return new vscode.Hover(markdown, range);
    },
  }));

  // 2. trust and settings. A hidden tree is only invalidated: a settings change must not load dist/live.js
  const refreshIfVisible = () => { if (view.visible) void tree.refresh(); else tree.invalidate(); };
  context.subscriptions.push(
    vscode.workspace.onDidGrantWorkspaceTrust(() => { watchKubeconfig(); schedule(); lensesChanged.fire(); relintAll(); refreshIfVisible(); }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration('kubectlClone')) return;
      settings = readAll();
      reportProblems();
      linter.live.cache.clear();
      relintAll();
      if (vscode.workspace.isTrusted) watchKubeconfig();
      schedule();
      refreshIfVisible();
    }),
  );

  const activationMs = performance.now() - loadStart;
  log.appendLine(`activated in ${activationMs.toFixed(1)} ms (bundle load ${(activateStart - loadStart).toFixed(1)} ms, activate() ${(performance.now() - activateStart).toFixed(1)} ms); cluster code loads on first use`);
  return {
    activationMs,
    findings: (uri) => linter.cached(uri),
    treeRoots: () => tree.load(),
    refreshTree: () => tree.refresh(),
    isClusterCodeLoaded: () => liveModule !== undefined,
  };
}

export function deactivate(): void {}
