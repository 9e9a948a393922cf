// Our "PVCs and Clones" view: the cluster's claims by namespace, clones under their sources, and the
// StorageClasses. The kubeconfig context's namespace (the one the Kubernetes extension's "Use
// Namespace" sets) comes first and is marked, so the tree follows that choice.
import * as vscode from 'vscode';
import type { ClusterSession } from './cluster-session.js';
import { toTreeItem } from './tree-items.js';
import {
  buildClaimTree, buildStorageClassNodes, claimKey, explainPending, pendingClones,
  type ClaimNode, type PendingExplanation, type TreeNode,
} from './tree-model.js';

export const viewId = 'kubectlClone.claims';

export class ClaimTree implements vscode.TreeDataProvider<TreeNode> {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private roots: TreeNode[] | undefined;
  private readonly parents = new Map<TreeNode, TreeNode>();
  private loading: Promise<TreeNode[]> | undefined;
  /** The context's namespace at the last read. */
  private current: string | undefined;
  view: vscode.TreeView<TreeNode> | undefined;

  constructor(private readonly connect: () => Promise<ClusterSession>, private readonly log: vscode.OutputChannel) {}

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
      const session = await this.connect();
      this.current = session.namespace;
      if (this.view) this.view.description = `${session.context} · ${session.namespace}`;
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
      const at = roots.findIndex((node) => node.kind === 'namespace' && node.name === session.namespace);
      if (at > 0) roots.unshift(...roots.splice(at, 1));
      if (roots.length === 0) roots.push({ kind: 'message', severity: 'info', message: `no PersistentVolumeClaims in context ${session.context}` });
      roots.push(classes instanceof Error
        ? { kind: 'message', severity: 'error', message: classes.message }
        : { kind: 'storageClasses', children: buildStorageClassNodes(classes) });
      this.log.appendLine(`tree: ${claims.length} claims in context ${session.context} (namespace ${session.namespace}) read in ${(performance.now() - started).toFixed(0)} ms`);
      return roots;
    } catch (error) {
      this.log.appendLine(`tree: ${(error as Error).message}`);
      return [{ kind: 'message', severity: 'error', message: (error as Error).message }];
    }
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const item = toTreeItem(vscode, node);
    if (node.kind === 'namespace' && node.name === this.current) item.description = `${String(item.description ?? '')} · current`;
    return item;
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
