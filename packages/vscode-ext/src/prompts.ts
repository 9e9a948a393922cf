// The clone flow's questions as VS Code asks them: QuickPick, InputBox, modals, a progress
// notification, and the manifest preview as a read-only virtual document. Once the preview is
// open, the last question is a notification instead of a modal, so the manifest stays readable
// (a modal dialog greys out and blocks the whole window).
import type { PersistentVolumeClaimObject } from '@kubectl-clone/core';
import * as vscode from 'vscode';
import type { CloneAnswers, ClonePrompter } from './clone-flow.js';
import { pickNamespace, type NamespaceItem } from './namespace-pick.js';

export const previewScheme = 'kubectl-clone-preview';

/** The manifests shown by "Preview Manifest": in memory, read-only, nothing to save or discard. */
export class ManifestPreviews implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private count = 0;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  /** A new URI per preview: an older preview still open keeps its text. */
  add(yaml: string, name: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: previewScheme, path: `/${name}.yaml`, query: String(++this.count) });
    this.texts.set(uri.toString(), yaml);
    return uri;
  }

  forget(uri: vscode.Uri): void {
    this.texts.delete(uri.toString());
  }

  dispose(): void {
    this.changed.dispose();
    this.texts.clear();
  }
}

/** With `answers` (tests, callers that know) no modal can block. */
export function vscodePrompter(answers: CloneAnswers | undefined, previews: ManifestPreviews): ClonePrompter {
  const title = 'Clone PVC';
  let previewed = false;
  return {
    async pickSource(claims: readonly PersistentVolumeClaimObject[]) {
      const picked = await vscode.window.showQuickPick(claims.map((claim) => ({
        label: claim.metadata?.name ?? '',
        description: `${claim.metadata?.namespace} · ${claim.status?.phase ?? 'Pending'} · ${claim.status?.capacity?.storage ?? claim.spec?.resources?.requests?.storage ?? ''} · ${claim.spec?.storageClassName ?? ''}`,
        ref: { namespace: claim.metadata?.namespace ?? '', name: claim.metadata?.name ?? '' },
      })), { title: `${title}: source`, placeHolder: 'The PersistentVolumeClaim to clone', matchOnDescription: true, ignoreFocusOut: true });
      return picked?.ref;
    },
    askName: (value, validate) => Promise.resolve(vscode.window.showInputBox({ title: `${title}: name`, value, prompt: 'Name of the clone', validateInput: validate, ignoreFocusOut: true })),
    askSize: (value, validate) => Promise.resolve(vscode.window.showInputBox({ title: `${title}: size`, value, prompt: 'Size of the clone: at least the source\'s request', validateInput: validate, ignoreFocusOut: true })),
    async pickClass(choices) {
      const picked = await vscode.window.showQuickPick(choices.map((choice) => ({ label: choice.name, description: choice.description, detail: choice.detail })), { title: `${title}: StorageClass`, placeHolder: 'The clone\'s StorageClass: it must use the source\'s CSI driver', ignoreFocusOut: true });
      return picked?.label;
    },
    pickNamespace: (choices, describe) => pickNamespace(vscode.window.createQuickPick<NamespaceItem>(), choices, describe),
    async refuse(message, detail) {
      if (answers) void vscode.window.showErrorMessage(`${message}: ${detail}`);
      else await vscode.window.showErrorMessage(message, { modal: true, detail });
    },
    async confirm(message, detail, warnings) {
      const create = warnings ? 'Clone Anyway' : 'Create Clone';
      const show = warnings ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
      if (previewed) {
        // the manifest is open beside: ask where it stays visible
        const choice = await show(`${message} (the manifest is open in the editor)`, create, 'Cancel');
        return choice === create ? 'create' : undefined;
      }
      const choice = await show(message, { modal: true, detail }, create, 'Preview Manifest');
      return choice === create ? 'create' : choice === 'Preview Manifest' ? 'preview' : undefined;
    },
    async preview(yaml) {
      previewed = true;
      // the claim is the last top-level `kind: PersistentVolumeClaim` (a dataSource's kind is indented)
      const claim = [...yaml.matchAll(/^kind: PersistentVolumeClaim$/gm)].pop()?.index ?? 0;
      const name = /^ {2}name: (\S+)$/m.exec(yaml.slice(claim))?.[1] ?? 'clone';
      const document = await vscode.workspace.openTextDocument(previews.add(yaml, name));
      await vscode.languages.setTextDocumentLanguage(document, 'yaml');
      await vscode.window.showTextDocument(document, { preview: true, preserveFocus: Boolean(answers), viewColumn: vscode.ViewColumn.Beside });
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
