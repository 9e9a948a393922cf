import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { parseAllDocuments } from 'yaml';
import { generateBundle } from '../../../../bench/generate-bundle.js';
import type { CloneResult } from '../../src/clone-flow.js';
import { toDiagnostic } from '../../src/diagnostics.js';
import type { KubectlCloneApi } from '../../src/extension.js';
import type { ClaimNode, NamespaceNode, StorageClassesNode, TreeNode } from '../../src/tree-model.js';

const extensionId = 'kubectl-clone.kubectl-clone-vscode';
/** Written by the runner; the namespace it seeded in the sandbox. */
const namespace = process.env.KUBECTL_CLONE_TEST_NAMESPACE ?? 'vscode-e2e';

function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the runner opens a workspace folder');
  return vscode.Uri.file(join(folder.uri.fsPath, name));
}

/**
 * Put a fixture back as it was, saved: an edit of the whole text (the revert command acts on the
 * active editor, which a notification or another view can hold; then the fixture stayed fixed for
 * the tests after it).
 */
async function restore(document: vscode.TextDocument, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), text);
  assert.ok(await vscode.workspace.applyEdit(edit));
  assert.ok(await document.save());
}

// a state wait: it returns as soon as the state is there; the bound only ends a wait that never would
// (a loaded CI machine took over 15 s for a revert to reach the extension host)
async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The namespace the runner fills with 2,000 claims when the figures suite asks for them (see run-vscode-tests.ts). */
const benchNamespace = process.env.KUBECTL_CLONE_BENCH_NAMESPACE ?? 'vscode-figures';
const benchClaims = 2000;
const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const ms = (value: number) => value.toFixed(1);
/** A line the runner prints as `[vscode-tests] figure: …` (measurements only: never a time bound). */
const figure = (line: string) => console.log(`FIGURE ${line}`);

const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'kubectl-clone');
const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? d.code : undefined);

export function defineSuite(): void {
  let api: KubectlCloneApi;

  suiteSetup(async () => {
    const extension = vscode.extensions.getExtension<KubectlCloneApi>(extensionId);
    assert.ok(extension, `${extensionId} is loaded from extensionDevelopmentPath`);
    api = await extension.activate();
  });

  suite('diagnostics and fixes (offline)', () => {
    test('activates fast, without loading the Kubernetes client', async () => {
      await vscode.workspace.openTextDocument(workspaceFile('trap.yaml'));
      console.log(`ACTIVATION-MS ${api.activationMs.toFixed(1)}`);
      assert.ok(api.activationMs > 0 && api.activationMs < 2000, `activation took ${api.activationMs} ms`);
      assert.equal(api.isClusterCodeLoaded(), false, 'linting must not load dist/live.js');
    });

    test('the kind: pvc trap gets an error on exactly "pvc", coded with its docs link', async () => {
      const uri = workspaceFile('trap.yaml');
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      const [diagnostic] = await until('a kubectl-clone diagnostic', () => (ours(uri).length ? ours(uri) : undefined));
      assert.equal(ours(uri).length, 1);
      assert.deepEqual([diagnostic!.range.start.line, diagnostic!.range.start.character, diagnostic!.range.end.line, diagnostic!.range.end.character], [13, 10, 13, 13]);
      assert.equal(diagnostic!.severity, vscode.DiagnosticSeverity.Error);
      assert.equal(codeOf(diagnostic!)?.value, 'datasource-silently-dropped');
      assert.equal(codeOf(diagnostic!)?.target.toString(true), 'https://github.com/kubectl-clone/kubectl-clone/blob/main/docs/rules/datasource-silently-dropped.md');
      assert.match(diagnostic!.message, /silently drop this dataSource and provision an EMPTY volume/);
    });

    test('severity follows kubectlClone.rules', async () => {
      const uri = workspaceFile('trap.yaml');
      const config = vscode.workspace.getConfiguration('kubectlClone');
      await config.update('rules', { 'datasource-silently-dropped': 'warning' }, vscode.ConfigurationTarget.Workspace);
      try {
        await until('a warning', () => (ours(uri)[0]?.severity === vscode.DiagnosticSeverity.Warning ? true : undefined));
        await config.update('rules', { 'datasource-silently-dropped': 'off' }, vscode.ConfigurationTarget.Workspace);
        await until('no diagnostic', () => (ours(uri).length === 0 ? true : undefined));
      } finally {
        await config.update('rules', undefined, vscode.ConfigurationTarget.Workspace);
      }
      await until('the error again', () => (ours(uri)[0]?.severity === vscode.DiagnosticSeverity.Error ? true : undefined));
    });

    test('the preferred quick fix changes exactly the kind', async () => {
      const uri = workspaceFile('trap.yaml');
      const document = await vscode.workspace.openTextDocument(uri);
      const before = document.getText();
      const [diagnostic] = await until('the diagnostic', () => (ours(uri).length ? ours(uri) : undefined));
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic!.range, vscode.CodeActionKind.QuickFix.value);
      const fix = actions.find((action) => action.title === 'Use kind: PersistentVolumeClaim');
      assert.ok(fix, `quick fixes offered: ${actions.map((a) => a.title).join(', ')}`);
      assert.equal(fix.isPreferred, true);
      assert.equal(fix.kind?.value, 'quickfix');
      assert.ok(actions.some((action) => action.title === 'Fix all kubectl-clone problems in file'));
      assert.ok(await vscode.workspace.applyEdit(fix.edit!));
      assert.equal(document.getText(), before.replace('    kind: pvc\n', '    kind: PersistentVolumeClaim\n'));
      // what is left is the info that the source is not in this file (the file is not the whole bundle)
      await until('the error to go', () => (ours(uri).some((d) => codeOf(d)?.value === 'datasource-silently-dropped') ? undefined : true));
      assert.deepEqual(ours(uri).map((d) => [codeOf(d)?.value, d.severity]), [['source-not-found', vscode.DiagnosticSeverity.Information]]);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    });

    test('"Fix all kubectl-clone problems in file" and source.fixAll.kubectlClone fix every document', async () => {
      const uri = workspaceFile('two-traps.yaml');
      const document = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(document);
      const expected = document.getText().replace('kind: pvc', 'kind: PersistentVolumeClaim').replace('volumeMode: block', 'volumeMode: Block');
      const errors = () => ours(uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error).map((d) => codeOf(d)?.value);
      await until('two errors', () => (errors().length === 2 ? true : undefined));
      assert.deepEqual(errors(), ['datasource-silently-dropped', 'volume-mode-invalid']);
      const onSave = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, new vscode.Range(0, 0, 0, 0), 'source.fixAll.kubectlClone');
      assert.deepEqual(onSave.map((a) => [a.title, a.kind?.value]), [['Fix all kubectl-clone problems in file', 'source.fixAll.kubectlClone']]);
      const fixed = await vscode.commands.executeCommand<number>('kubectlClone.fixAll');
      assert.equal(fixed, 2);
      assert.equal(document.getText(), expected);
      await until('no errors', () => (errors().length === 0 ? true : undefined));
      await vscode.commands.executeCommand('workbench.action.files.revert');
    });

    test('untitled YAML is linted, debounced on edit', async () => {
      const document = await vscode.workspace.openTextDocument({ language: 'yaml', content: 'kind: PersistentVolumeClaim\nmetadata: {name: c}\nspec:\n  accessModes: [ReadWriteOnce]\n  resources: {requests: {storage: 1Gi}}\n' });
      const editor = await vscode.window.showTextDocument(document);
      assert.equal(ours(document.uri).length, 0);
      await editor.edit((edit) => edit.insert(document.positionAt(document.getText().length), '  volumeMode: block\n'));
      const [diagnostic] = await until('the volumeMode diagnostic', () => (ours(document.uri).length ? ours(document.uri) : undefined));
      assert.equal(codeOf(diagnostic!)?.value, 'volume-mode-invalid');
      assert.equal(document.getText(diagnostic!.range), 'block');
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });
  });

  suite('Markdown and shell (offline)', () => {
    const mdExpected = (text: string) => text.replace('       kind: pvc\n', '       kind: PersistentVolumeClaim\n');

    test('a ```yaml block in a list item of a .md file gets the kind: pvc error at its exact range', async () => {
      const uri = workspaceFile('embedded.md');
      const document = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(document);
      assert.equal(document.languageId, 'markdown');
      const [diagnostic] = await until('a kubectl-clone diagnostic in the Markdown file', () => (ours(uri).length ? ours(uri) : undefined));
      assert.equal(ours(uri).length, 1);
      const line = document.getText().split('\n').indexOf('       kind: pvc');
      assert.ok(line > 0);
      assert.deepEqual([diagnostic!.range.start.line, diagnostic!.range.start.character, diagnostic!.range.end.line, diagnostic!.range.end.character], [line, 13, line, 16]);
      assert.equal(document.getText(diagnostic!.range), 'pvc');
      assert.equal(diagnostic!.severity, vscode.DiagnosticSeverity.Error);
      assert.equal(codeOf(diagnostic!)?.value, 'datasource-silently-dropped');
    });

    test('its quick fix changes exactly the kind inside the block; the prose, list and fences stay', async () => {
      const uri = workspaceFile('embedded.md');
      const document = await vscode.workspace.openTextDocument(uri);
      const before = document.getText();
      const [diagnostic] = await until('the diagnostic', () => (ours(uri).length ? ours(uri) : undefined));
      // the first request may come back empty while the Markdown extension is still starting: ask again
      let attempts = 0;
      const actions = await until('the quick fix', async () => {
        attempts++;
        const offered = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic!.range, vscode.CodeActionKind.QuickFix.value);
        return offered.some((action) => action.title === 'Use kind: PersistentVolumeClaim') ? offered : undefined;
      });
      if (attempts > 1) console.log(`NOTE markdown quick fix offered after ${attempts} requests`);
      const fix = actions.find((action) => action.title === 'Use kind: PersistentVolumeClaim');
      assert.ok(fix);
      assert.equal(fix.isPreferred, true);
      assert.ok(actions.some((action) => action.title === 'Fix all kubectl-clone problems in file'));
      assert.ok(await vscode.workspace.applyEdit(fix.edit!));
      assert.equal(document.getText(), mdExpected(before));
      assert.equal(document.getText().split('\n').filter((text, i) => text !== before.split('\n')[i]).length, 1, 'one line changed');
      // what is left is the info that the source is not in this file (once the dataSource is no longer dropped)
      await until('the error to go', () => (ours(uri).some((d) => codeOf(d)?.value === 'datasource-silently-dropped') ? undefined : true));
      assert.deepEqual(ours(uri).map((d) => [codeOf(d)?.value, d.severity]), [['source-not-found', vscode.DiagnosticSeverity.Information]]);
      await restore(document, before);
      await until('the text reverted', () => (document.getText() === before ? true : undefined));
      await until('the error back after revert', () => (ours(uri).some((d) => codeOf(d)?.value === 'datasource-silently-dropped') ? true : undefined));
      // and the command fixes the Markdown file the same way
      const fixed = await vscode.commands.executeCommand<number>('kubectlClone.fixAll');
      assert.equal(fixed, 1);
      assert.equal(document.getText(), mdExpected(before));
      await restore(document, before);
      await until('the text reverted again', () => (document.getText() === before ? true : undefined));
    });

    test('a kubectl apply -f - <<EOF heredoc in a .sh file gets a diagnostic', async () => {
      const uri = workspaceFile('heredoc.sh');
      const document = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(document);
      assert.equal(document.languageId, 'shellscript');
      const diagnostic = await until('the volumeMode error in the heredoc', () => ours(uri).find((d) => codeOf(d)?.value === 'volume-mode-invalid'));
      assert.equal(document.getText(diagnostic.range), 'block');
      assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
      assert.equal(diagnostic.range.start.line, document.getText().split('\n').indexOf('  volumeMode: block'));
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
      assert.ok(actions.some((action) => action.title === 'Use Block'), `quick fixes offered: ${actions.map((a) => a.title).join(', ')}`);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    });

    test('untitled Markdown is read as Markdown (the editor\'s languageId), without loading the cluster code', async () => {
      const content = (await vscode.workspace.openTextDocument(workspaceFile('embedded.md'))).getText();
      const document = await vscode.workspace.openTextDocument({ language: 'markdown', content });
      await vscode.window.showTextDocument(document);
      const diagnostic = await until('the diagnostic in the untitled document', () => ours(document.uri)[0]);
      assert.equal(document.uri.scheme, 'untitled');
      assert.equal(codeOf(diagnostic)?.value, 'datasource-silently-dropped');
      assert.equal(document.getText(diagnostic.range), 'pvc');
      assert.equal(api.isClusterCodeLoaded(), false, 'Markdown linting must not load dist/live.js');
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });
  });

  suite('cluster (sandbox)', () => {
    const claimIn = (roots: readonly TreeNode[], name: string): ClaimNode | undefined => {
      const ns = roots.find((node): node is NamespaceNode => node.kind === 'namespace' && node.name === namespace);
      const search = (nodes: readonly ClaimNode[]): ClaimNode | undefined =>
        nodes.map((node) => (node.name === name ? node : search(node.children))).find(Boolean);
      return ns ? search(ns.children) : undefined;
    };

    test('the tree lists the sandbox\'s PVCs with clones under their sources, and the StorageClasses', async () => {
      await api.refreshTree();
      const roots = await api.treeRoots();
      const ns = roots.find((node): node is NamespaceNode => node.kind === 'namespace' && node.name === namespace);
      assert.ok(ns, `namespace ${namespace} in ${JSON.stringify(roots.map((r) => (r.kind === 'message' ? r.message : r.kind === 'namespace' ? r.name : r.kind)))}`);
      const data = ns.children.find((node) => node.name === 'data');
      assert.ok(data, 'the source is a top-level claim');
      assert.equal(data.status, 'Bound');
      assert.equal(data.size, '1Gi');
      assert.equal(data.storageClass, 'csi-hostpath');
      assert.deepEqual(data.children.map((child) => [child.name, child.source, child.status]), [['data-seed-clone', `${namespace}/data`, 'Bound']]);
      assert.equal(ns.children.some((node) => node.name === 'data-seed-clone'), false, 'a clone is not repeated at the top');
      const classes = roots.find((node): node is StorageClassesNode => node.kind === 'storageClasses');
      assert.deepEqual(classes?.children.find((sc) => sc.name === 'csi-hostpath') && { ...classes.children.find((sc) => sc.name === 'csi-hostpath') }, {
        kind: 'storageClass', name: 'csi-hostpath', provisioner: 'hostpath.csi.k8s.io', isDefault: true, cloneSupport: 'yes',
        note: 'csi-driver-host-path copies the directory (cp -a) or block file (dd)', bindingMode: 'Immediate',
      });
      assert.equal(api.isClusterCodeLoaded(), true);
    });

    test('a preflight error refuses the clone and creates nothing', async () => {
      const result = await vscode.commands.executeCommand<CloneResult>('kubectlClone.clonePvc', {
        namespace, name: 'data', answers: { name: 'data-too-small', size: '10Mi', storageClass: 'csi-hostpath', acceptWarnings: true },
      });
      assert.equal(result.result, 'Refused', result.message);
      assert.match(result.message, /^refusing to clone vscode-e2e\/data: the checks found 1 error that would leave the clone Pending or empty; nothing was created/);
      assert.match(result.message, /\(clone-smaller-than-source\)/);
      await api.refreshTree();
      assert.equal(claimIn(await api.treeRoots(), 'data-too-small'), undefined);
    });

    test('the clone command creates a clone that binds, and the tree shows it under its source', async () => {
      const result = await vscode.commands.executeCommand<CloneResult>('kubectlClone.clonePvc', {
        namespace, name: 'data', answers: { name: 'data-e2e-clone', size: '1Gi', storageClass: 'csi-hostpath', acceptWarnings: true },
      });
      assert.equal(result.result, 'Bound', result.message);
      assert.match(result.message, /^clone vscode-e2e\/data-e2e-clone is Bound \(pvc-[0-9a-f-]+\) in \d+\.\ds$/);
      const clone = claimIn(await api.treeRoots(), 'data-e2e-clone');
      assert.equal(clone?.status, 'Bound');
      assert.equal(clone?.source, `${namespace}/data`);
      const data = claimIn(await api.treeRoots(), 'data');
      assert.deepEqual(data?.children.map((child) => child.name), ['data-e2e-clone', 'data-seed-clone']);
    });

    test('the manifest preview is a read-only virtual document beside, and no Untitled document is left', async () => {
      const untitled = () => vscode.workspace.textDocuments.filter((document) => document.isUntitled).length;
      const before = untitled();
      const result = await vscode.commands.executeCommand<CloneResult>('kubectlClone.clonePvc', {
        namespace, name: 'data', answers: { name: 'data-previewed', size: '1Gi', storageClass: 'csi-hostpath', acceptWarnings: true, preview: true },
      });
      assert.equal(result.result, 'Bound', result.message);
      const preview = vscode.workspace.textDocuments.find((document) => document.uri.scheme === 'kubectl-clone-preview');
      assert.ok(preview, `open documents: ${vscode.workspace.textDocuments.map((document) => document.uri.toString()).join(', ')}`);
      assert.equal(preview.uri.path, '/data-previewed.yaml');
      assert.equal(preview.languageId, 'yaml');
      assert.equal(preview.isUntitled, false);
      assert.match(preview.getText(), /kind: PersistentVolumeClaim\n[\s\S]*name: data-previewed\n/);
      assert.equal(untitled(), before, 'no Untitled document');
      // a content provider's document: no file system behind it, so nothing to save (the editor shows it read-only)
      assert.equal(vscode.workspace.fs.isWritableFileSystem('kubectl-clone-preview'), undefined);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    });

    test('the CodeLens above each PVC of a YAML file offers "Clone this PVC"', async () => {
      const uri = workspaceFile('trap.yaml');
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
      assert.deepEqual(lenses.map((lens) => [lens.range.start.line, lens.command?.title, lens.command?.command, lens.command?.arguments]), [
        [1, 'Clone this PVC', 'kubectlClone.clonePvc', [{ name: 'data-clone', namespace: 'shop' }]],
      ]);
    });

    test('hovering the data source name shows the source PVC from the cluster', async () => {
      const uri = workspaceFile('source-ref.yaml');
      const document = await vscode.workspace.openTextDocument(uri);
      const offset = document.getText().indexOf('name: data\n') + 7;
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, document.positionAt(offset));
      const text = hovers.flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value))).join('\n');
      assert.match(text, new RegExp(`PersistentVolumeClaim ${namespace}/data\\*\\* \\(context \`[^\`]+\`\\)`));
      assert.match(text, /- phase: Bound\n- size: 1Gi \(requested 1Gi\)\n- class: csi-hostpath/);
    });
  });

  suite('without the Kubernetes extension (only ours installed)', () => {
    const kubernetesId = 'ms-kubernetes-tools.vscode-kubernetes-tools';

    test('ours is active; its explorer menu entry has exactly the documented when clause', () => {
      assert.equal(vscode.extensions.getExtension(kubernetesId), undefined, 'the runner installs only ours in this profile');
      assert.equal(vscode.extensions.getExtension(extensionId)?.isActive, true);
      const contributes = vscode.extensions.getExtension(extensionId)!.packageJSON.contributes as { menus: Record<string, { command: string; when?: string }[]> };
      assert.deepEqual(contributes.menus['view/item/context']!.filter((entry) => entry.command === 'kubectlClone.clonePvcFromKubernetesExplorer').map((entry) => entry.when),
        ['view == extension.vsKubernetesExplorer && viewItem =~ /vsKubernetes\\.resource\\.pvc/i && isWorkspaceTrusted']);
    });

    test('the explorer command says what it needs and creates nothing; our own tree still reads the cluster', async () => {
      const node = { nodeCategory: 'kubernetes-explorer-node', nodeType: 'resource', namespace, name: 'data', kind: { manifestKind: 'PersistentVolumeClaim', abbreviation: 'pvc' } };
      const result = await vscode.commands.executeCommand<CloneResult>('kubectlClone.clonePvcFromKubernetesExplorer', node, {
        answers: { name: 'never-created', size: '1Gi', storageClass: 'csi-hostpath', acceptWarnings: true },
      });
      assert.deepEqual(result, { result: 'Failed', message: 'cannot read the clicked node: the Kubernetes extension is not installed or not active' });
      await api.refreshTree();
      const ns = (await api.treeRoots()).find((root): root is NamespaceNode => root.kind === 'namespace' && root.name === namespace);
      assert.ok(ns, 'the tree reads the sandbox through kubectlClone.kubeconfig');
      assert.equal(ns.children.some((claim) => claim.name === 'never-created'), false);
    });
  });

  suite('cluster diagnostics (sandbox)', () => {
    const summary = (uri: vscode.Uri) => ours(uri).map((d) => [codeOf(d)?.value, d.severity]);
    const config = () => vscode.workspace.getConfiguration('kubectlClone');
    const info = vscode.DiagnosticSeverity.Information;
    const error = vscode.DiagnosticSeverity.Error;

    test('off (the default): only the offline info that the source is not in the file', async () => {
      assert.equal(config().get('clusterDiagnostics'), false);
      for (const name of ['clone-of-bigger.yaml', 'clone-of-missing.yaml']) {
        const uri = workspaceFile(name);
        await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
        await until(`the info in ${name}`, () => (ours(uri).length ? true : undefined));
        await new Promise((resolve) => setTimeout(resolve, 1000)); // longer than a live pass would take
        assert.deepEqual(summary(uri), [['source-not-found', info]], name);
      }
    });

    test('on: a clone smaller than its source in the cluster is an error at the storage value, with its quick fix', async () => {
      const uri = workspaceFile('clone-of-bigger.yaml');
      const document = await vscode.workspace.openTextDocument(uri);
      await config().update('clusterDiagnostics', true, vscode.ConfigurationTarget.Workspace);
      const diagnostic = await until('clone-smaller-than-source', () => ours(uri).find((d) => codeOf(d)?.value === 'clone-smaller-than-source'));
      assert.equal(diagnostic.severity, error);
      assert.equal(document.getText(diagnostic.range), '500Mi');
      const storageLine = document.getText().split('\n').indexOf('      storage: 500Mi');
      assert.deepEqual([diagnostic.range.start.line, diagnostic.range.start.character, diagnostic.range.end.character], [storageLine, 15, 20]);
      assert.match(diagnostic.message, /requests 500Mi .* but source data requests 1Gi/);
      // the source exists: no source-not-found any more
      assert.ok(!ours(uri).some((d) => codeOf(d)?.value === 'source-not-found'), JSON.stringify(summary(uri)));
      assert.equal(api.isClusterCodeLoaded(), true);
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
      assert.ok(actions.some((action) => action.title === 'Request 1Gi'), `quick fixes offered: ${actions.map((a) => a.title).join(', ')}`);
    });

    test('on: a source the cluster does not have is an error', async () => {
      const uri = workspaceFile('clone-of-missing.yaml');
      const document = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(document);
      const diagnostic = await until('source-not-found as an error', () => ours(uri).find((d) => codeOf(d)?.value === 'source-not-found' && d.severity === error));
      assert.equal(document.getText(diagnostic.range), 'no-such-claim');
    });

    test('editing keeps the live findings (cached facts), and a stale pass never shows', async () => {
      const uri = workspaceFile('clone-of-bigger.yaml');
      const document = await vscode.workspace.openTextDocument(uri);
      const editor = await vscode.window.showTextDocument(document);
      const value = document.getText().indexOf('500Mi');
      await editor.edit((edit) => edit.replace(new vscode.Range(document.positionAt(value), document.positionAt(value + 5)), '600Mi'));
      const diagnostic = await until('the error on the new value', () => ours(uri).find((d) => codeOf(d)?.value === 'clone-smaller-than-source' && document.getText(d.range) === '600Mi'));
      assert.equal(diagnostic.severity, error);
      await editor.edit((edit) => edit.replace(new vscode.Range(document.positionAt(value), document.positionAt(value + 5)), '2Gi  '));
      await until('no error once the clone is big enough', () => (ours(uri).some((d) => d.severity === error) ? undefined : true));
      await vscode.commands.executeCommand('workbench.action.files.revert');
    });

    test('off again: back to the offline info only', async () => {
      try {
        await config().update('clusterDiagnostics', false, vscode.ConfigurationTarget.Workspace);
        for (const name of ['clone-of-bigger.yaml', 'clone-of-missing.yaml']) {
          const uri = workspaceFile(name);
          await until(`only the info in ${name}`, () => (JSON.stringify(summary(uri)) === JSON.stringify([['source-not-found', info]]) ? true : undefined));
        }
      } finally {
        await config().update('clusterDiagnostics', undefined, vscode.ConfigurationTarget.Workspace);
      }
    });
  });

  suite('figures (measured, never a time bound)', () => {
    const config = () => vscode.workspace.getConfiguration('kubectlClone');

    /** Edit to our diagnostics for that URI changing: alternately breaks and restores one correct clone's dataSource kind. */
    interface LatencyRun {
      latencies: number[]; published: number[]; parse: number[]; parseOne: number[]; findings: number; bytes: number; mode: string;
      /** Inside the extension, per edit: the lint, the conversion to vscode.Diagnostic, DiagnosticCollection.set. */
      lintMs: number[]; convertMs: number[]; setMs: number[];
      /** The floor through VS Code's API: set() of the same cached Diagnostic objects alone, and toDiagnostic of every finding. */
      setAlone: number[]; convertAll: number[];
    }

    async function diagnosticsLatency(documents: number, edits: number): Promise<LatencyRun> {
      const text = generateBundle(documents);
      const uri = workspaceFile(`bench-${documents}.yaml`);
      writeFileSync(uri.fsPath, text);
      const document = await vscode.workspace.openTextDocument(uri);
      const editor = await vscode.window.showTextDocument(document);
      const findings = await until(`the diagnostics of ${documents} documents`, () => (ours(uri).length ? ours(uri).length : undefined), 60_000);
      // the first source's correct clone (data-0-copy): its dataSource kind, toggled between right and the trap
      const right = '    kind: PersistentVolumeClaim\n    name: data-0\n';
      const offset = text.indexOf(right) + '    kind: '.length;
      assert.ok(offset > '    kind: '.length, 'the generated bundle has a correct clone of data-0');
      const latencies: number[] = [];
      const published: number[] = [];
      const lintMs: number[] = [];
      const convertMs: number[] = [];
      const setMs: number[] = [];
      let mode = '';
      for (let i = 0; i < edits; i++) {
        const [from, to] = i % 2 === 0 ? ['PersistentVolumeClaim', 'pvc'] : ['pvc', 'PersistentVolumeClaim'];
        const traps = () => ours(uri).filter((d) => codeOf(d)?.value === 'datasource-silently-dropped').length;
        const before = traps();
        let started = 0;
        const changed = new Promise<number>((resolve) => {
          const listener = vscode.languages.onDidChangeDiagnostics((event) => {
            if (!event.uris.some((changedUri) => changedUri.toString() === uri.toString()) || traps() === before) return;
            listener.dispose();
            resolve(performance.now() - started);
          });
        });
        started = performance.now();
        assert.ok(await editor.edit((edit) => edit.replace(new vscode.Range(document.positionAt(offset), document.positionAt(offset + from.length)), to)));
        const latency = await Promise.race([changed, new Promise<number>((_, reject) => setTimeout(() => reject(new Error(`no diagnostics change for edit ${i + 1} of ${uri.fsPath}`)), 30_000))]);
        assert.equal(traps(), before + (to === 'pvc' ? 1 : -1), 'the edit changes exactly one finding');
        latencies.push(latency);
        const last = api.lastLint(uri);
        if (last.publishedMs !== undefined) published.push(last.publishedMs);
        if (last.times) {
          lintMs.push(last.times.lintMs);
          convertMs.push(last.times.convertMs);
          setMs.push(last.times.setMs);
        }
        mode = last.mode;
      }
      // the floor: what publishing costs with no lint at all (a collection of our own, the same Diagnostic objects every time)
      const cached = ours(uri);
      const findingsNow = api.findings(uri);
      const probe = vscode.languages.createDiagnosticCollection('kubectl-clone-floor');
      const setAlone: number[] = [];
      const convertAll: number[] = [];
      try {
        for (let i = 0; i < edits; i++) {
          let started = performance.now();
          probe.set(uri, cached);
          setAlone.push(performance.now() - started);
          started = performance.now();
          findingsNow.map((finding) => toDiagnostic(vscode, document, finding));
          convertAll.push(performance.now() - started);
        }
      } finally {
        probe.dispose();
      }
      const parse: number[] = [];
      const parseOne: number[] = [];
      const current = document.getText();
      const edited = current.slice(Math.max(0, current.lastIndexOf('\n---', offset)), (current.indexOf('\n---', offset) + 1 || current.length + 1) - 1);
      for (let i = 0; i < edits; i++) {
        let started = performance.now();
        parseAllDocuments(current);
        parse.push(performance.now() - started);
        started = performance.now();
        parseAllDocuments(edited);
        parseOne.push(performance.now() - started);
      }
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      return { latencies, published, parse, parseOne, findings, bytes: Buffer.byteLength(text), mode, lintMs, convertMs, setMs, setAlone, convertAll };
    }

    test('diagnostics latency after an edit: 1,000 documents vs 10 documents vs a bare yaml parse', async () => {
      const configured = config().get<number>('debounceMilliseconds');
      await config().update('debounceMilliseconds', 0, vscode.ConfigurationTarget.Workspace);
      try {
        const small = await diagnosticsLatency(10, 11);
        const large = await diagnosticsLatency(1000, 11);
        figure(`diagnostics debounce: ${configured} ms configured (default 250), set to 0 for this measurement; the figures below exclude it`);
        for (const [label, run] of [['10 documents', small], ['1,000 documents', large]] as const) {
          figure(`diagnostics latency, ${label} (${(run.bytes / 1024).toFixed(1)} KiB, ${run.findings} findings), edit to onDidChangeDiagnostics, median of ${run.latencies.length}: ${ms(median(run.latencies))} ms [${run.latencies.map(ms).join(', ')}]; bare yaml parseAllDocuments of the same text in this host: ${ms(median(run.parse))} ms, of the edited document alone: ${ms(median(run.parseOne))} ms; inside the extension, change event to diagnostics published: ${ms(median(run.published))} ms [${run.published.map(ms).join(', ')}]; last lint: ${run.mode} (documents checked + read / in the file)`);
          figure(`diagnostics latency, ${label}, inside the extension per edit (medians): lint ${ms(median(run.lintMs))} ms (for YAML with converting the documents it checked again), toDiagnostic of the rest ${ms(median(run.convertMs))} ms, DiagnosticCollection.set ${ms(median(run.setMs))} ms; the floor through VS Code's API: set() of the same ${run.findings} cached Diagnostic objects alone ${ms(median(run.setAlone))} ms [${run.setAlone.map(ms).join(', ')}], toDiagnostic of all ${run.findings} findings ${ms(median(run.convertAll))} ms; bare parse of the edited document ${ms(median(run.parseOne))} ms (set() alone is ${(median(run.setAlone) / median(run.parseOne)).toFixed(1)}x it)`);
        }
        figure(`diagnostics latency ratio: 1,000 / 10 documents ${(median(large.latencies) / median(small.latencies)).toFixed(1)}x; 1,000 documents vs a bare yaml parse of the file ${(median(large.latencies) / median(large.parse)).toFixed(2)}x, of the edited document alone ${(median(large.latencies) / median(large.parseOne)).toFixed(1)}x; change event to published, 1,000 documents vs a bare parse of the edited document ${(median(large.published) / median(large.parseOne)).toFixed(1)}x, vs of the file ${(median(large.published) / median(large.parse)).toFixed(3)}x`);
      } finally {
        await config().update('debounceMilliseconds', undefined, vscode.ConfigurationTarget.Workspace);
      }
    });

    test(`tree load: full refresh until the namespace's children are resolved, ${benchClaims} claims vs the seeded namespace`, async function () {
      // only test/run-vscode-tests.ts answers the request for the claims; test/run-desktop-tests.ts sets this to 0
      if (process.env.KUBECTL_CLONE_BENCH_CLAIMS === '0') this.skip();
      const refresh = async (namespaceName: string) => {
        const started = performance.now();
        await api.refreshTree();
        const roots = await api.treeRoots();
        const ns = roots.find((node): node is NamespaceNode => node.kind === 'namespace' && node.name === namespaceName);
        const children = ns ? ns.children : [];
        return { ms: performance.now() - started, ns, children, inNamespace: ns?.claimCount ?? 0, claims: roots.reduce((sum, node) => sum + (node.kind === 'namespace' ? node.claimCount : 0), 0) };
      };
      const runs = 3;
      const baseline = [];
      for (let i = 0; i < runs; i++) baseline.push(await refresh(namespace));
      assert.ok(baseline[0]!.ns && baseline[0]!.children.length > 0, `namespace ${namespace} in the tree`);
      // ask the runner for the claims (it watches this file), and wait for its answer
      const dir = join(vscode.workspace.workspaceFolders![0]!.uri.fsPath, '.bench');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'want-claims'), `${benchNamespace} ${benchClaims}\n`);
      const answer = await until('the runner to create the claims', () => (existsSync(join(dir, 'claims.json')) ? JSON.parse(readFileSync(join(dir, 'claims.json'), 'utf8')) as { created: number; seconds: number; error?: string } : undefined), 120_000);
      assert.ok(!answer.error, answer.error);
      const large = [];
      for (let i = 0; i < runs; i++) large.push(await refresh(benchNamespace));
      for (const run of large) assert.equal(run.children.length, benchClaims, `${benchNamespace} lists ${benchClaims} claims`);
      const b = median(baseline.map((run) => run.ms));
      const l = median(large.map((run) => run.ms));
      figure(`tree load (refreshTree + root getChildren + namespace children), ${namespace} with ${baseline[0]!.inNamespace} claims (${baseline[0]!.children.length} top-level, the rest its clones; ${baseline[0]!.claims} claims in the whole tree), median of ${runs}: ${ms(b)} ms [${baseline.map((run) => ms(run.ms)).join(', ')}]`);
      figure(`tree load, ${benchNamespace} with ${benchClaims} claims (${large[0]!.claims} claims in the whole tree), median of ${runs}: ${ms(l)} ms [${large.map((run) => ms(run.ms)).join(', ')}]; ratio ${(l / b).toFixed(1)}x`);
    });
  });
}
