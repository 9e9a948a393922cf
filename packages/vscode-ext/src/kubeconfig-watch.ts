// Follows `kubectl config use-context` and `set-context --namespace` made outside the editor: the
// kubeconfig files the last session was read from (the core's resolveConfig finds them) are polled.
import { existsSync, unwatchFile, watchFile } from 'node:fs';
import type * as vscode from 'vscode';

export class KubeconfigWatcher implements vscode.Disposable {
  private watched: string[] = [];

  constructor(private readonly changed: () => void) {}

  follow(files: readonly string[]): void {
    const next = files.filter((file) => existsSync(file));
    if (next.length === this.watched.length && next.every((file, i) => file === this.watched[i])) return;
    this.dispose();
    this.watched = next;
    for (const file of next) watchFile(file, { interval: 2000 }, () => this.changed());
  }

  dispose(): void {
    for (const file of this.watched) unwatchFile(file);
    this.watched = [];
  }
}
