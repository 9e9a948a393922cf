// Which cluster the tree, hovers, cluster diagnostics and clones talk to. Our settings win
// (kubectlClone.kubeconfig / .context); else the Kubernetes extension's configuration API, when that
// extension is installed: its kubeconfig path (`vs-kubernetes.kubeconfig`, else KUBECONFIG, else
// ~/.kube/config), whose current context and namespace are what its explorer shows and what its
// "Set as Current Cluster" and "Use Namespace" change; else kubectl's defaults. Its change events
// (kubeconfig, context, namespace) are passed on, so the tree follows them at once.
import * as vscode from 'vscode';
import type { ConfigurationV1_1 } from 'vscode-kubernetes-tools-api/js/configuration/v1_1';
import type { Connection } from './cluster-session.js';
import { kubernetesExtensionId, type Available } from './k8s-explorer.js';
import type { Settings } from './settings.js';

type Configuration = Pick<ConfigurationV1_1, 'getKubeconfigPath' | 'onDidChangeKubeconfigPath' | 'onDidChangeContext' | 'onDidChangeNamespace'>;

export class ConnectionSource implements vscode.Disposable {
  private configuration: Promise<Configuration | undefined> | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly settings: () => Settings, private readonly log: (line: string) => void, private readonly changed: (why: string) => void) {}

  async connection(): Promise<Connection> {
    const settings = this.settings();
    const context = settings.context ? { context: settings.context } : {};
    if (settings.kubeconfig) return { kubeconfig: settings.kubeconfig, ...context };
    const kubeconfig = await this.kubernetesKubeconfig();
    return { ...(kubeconfig ? { kubeconfig } : {}), ...context };
  }

  /** The Kubernetes extension's kubeconfig; undefined: not installed, or what kubectl reads anyway. */
  private async kubernetesKubeconfig(): Promise<string | undefined> {
    if (!vscode.extensions.getExtension(kubernetesExtensionId)) return undefined;
    this.configuration ??= this.subscribe();
    const configuration = await this.configuration;
    if (!configuration) return undefined;
    const path = configuration.getKubeconfigPath();
    if (path.pathType === 'wsl') {
      this.log(`the Kubernetes extension uses a kubeconfig inside WSL (${path.wslPath}), which kubectl-clone cannot read; using kubectl's defaults`);
      return undefined;
    }
    // KUBECONFIG as it is (maybe several files): the core merges it as kubectl does
    return path.hostPath && path.hostPath !== process.env.KUBECONFIG ? path.hostPath : undefined;
  }

  private async subscribe(): Promise<Configuration | undefined> {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const apis = require('vscode-kubernetes-tools-api') as { extension: { configuration: { v1_1: Promise<Available<Configuration>> } } };
      const answer = await apis.extension.configuration.v1_1;
      if (!answer.available) {
        this.log(`the Kubernetes extension's configuration API is not available (${answer.reason}); using kubectl's defaults`);
        return undefined;
      }
      const api = answer.api;
      this.subscriptions.push(
        api.onDidChangeKubeconfigPath(() => this.changed('the Kubernetes extension switched kubeconfig')),
        api.onDidChangeContext((context) => this.changed(`the Kubernetes extension switched to context ${context ?? '(none)'}`)),
        api.onDidChangeNamespace((namespace) => this.changed(`the Kubernetes extension switched to namespace ${namespace}`)),
      );
      return api;
    } catch (error) {
      this.log(`the Kubernetes extension's configuration could not be read: ${(error as Error).message}; using kubectl's defaults`);
      return undefined;
    }
  }

  /** Our settings changed: ask the Kubernetes extension again next time. */
  dispose(): void {
    for (const subscription of this.subscriptions.splice(0)) subscription.dispose();
    this.configuration = undefined;
  }
}
