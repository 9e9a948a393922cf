import { formatAge, type PersistentVolumeClaimObject } from '@kubectl-clone/core';
import { describe, expect, it } from 'vitest';
import { toTreeItem } from '../../src/tree-items.js';
import { buildClaimTree, buildStorageClassNodes, explainPending, pendingClones, type ClaimNode } from '../../src/tree-model.js';
import { fakeVscode } from './fake-vscode.js';

const now = Date.parse('2025-01-02T00:00:00Z');
function claim(namespace: string, name: string, extra: { phase?: string; source?: { name: string; namespace?: string; ref?: boolean }; annotation?: string; size?: string; ageMs?: number } = {}): PersistentVolumeClaimObject {
  const ref = extra.source ? { kind: 'PersistentVolumeClaim', name: extra.source.name, ...(extra.source.namespace ? { namespace: extra.source.namespace } : {}) } : undefined;
  return {
    metadata: {
      namespace, name, creationTimestamp: new Date(now - (extra.ageMs ?? 90_000)).toISOString(),
      ...(extra.annotation ? { annotations: { 'kubectl-clone.io/source': extra.annotation } } : {}),
    },
    spec: {
      storageClassName: 'csi-hostpath', resources: { requests: { storage: extra.size ?? '1Gi' } },
      ...(ref ? (extra.source?.ref ? { dataSourceRef: ref } : { dataSource: ref }) : {}),
    },
    status: { phase: extra.phase ?? 'Bound', ...(extra.phase === 'Pending' ? {} : { capacity: { storage: extra.size ?? '1Gi' } }) },
  };
}
const names = (nodes: readonly ClaimNode[]): unknown => nodes.map((node) => (node.children.length ? { [node.name]: names(node.children) } : node.name));

describe('the PVC tree', () => {
  const claims = [
    claim('shop', 'data', { ageMs: 3 * 86_400_000 }),
    claim('shop', 'data-clone-1', { source: { name: 'data' } }),
    claim('shop', 'data-clone-2', { annotation: 'shop/data', phase: 'Pending' }),
    claim('shop', 'data-clone-1-clone', { source: { name: 'data-clone-1' } }),
    claim('dev', 'from-shop', { source: { name: 'data', namespace: 'shop', ref: true } }),
    claim('dev', 'orphan-clone', { source: { name: 'gone' }, phase: 'Lost' }),
    claim('dev', 'plain'),
  ];

  it('puts clones under their sources (dataSource, dataSourceRef, our annotation), across namespaces', () => {
    const tree = buildClaimTree(claims, now);
    expect(tree.map((ns) => [ns.name, ns.claimCount, names(ns.children)])).toEqual([
      ['dev', 3, ['orphan-clone', 'plain']],
      ['shop', 4, [{ data: [{ 'data-clone-1': ['data-clone-1-clone'] }, 'data-clone-2', 'from-shop'] }]],
    ]);
    const data = tree[1]!.children[0]!;
    expect(data).toMatchObject({ status: 'Bound', size: '1Gi', storageClass: 'csi-hostpath', age: '3d' });
    expect(data.children[2]).toMatchObject({ namespace: 'dev', name: 'from-shop', source: 'shop/data', elsewhere: true });
    // under a source in another namespace, the row says where the clone is; in its own namespace it need not
    expect((toTreeItem(fakeVscode, data.children[2]!) as unknown as { description: string }).description).toBe('in dev · Bound · 1Gi · csi-hostpath · 90s');
    expect(data.children[0]!.elsewhere).toBeUndefined();
    // its own namespace says where it went, so "3 PVCs" over two rows is not a riddle
    expect(tree.map((ns) => [ns.name, ns.elsewhereCount, (toTreeItem(fakeVscode, ns) as unknown as { description: string }).description])).toEqual([
      ['dev', 1, '3 PVCs · 1 shown under its source in another namespace'],
      ['shop', 0, '4 PVCs'],
    ]);
  });

  it('explains a Pending clone from its events, a stuck reason winning', () => {
    expect(pendingClones(claims).map((c) => c.metadata?.name)).toEqual(['data-clone-2']);
    const explanation = explainPending([
      { type: 'Warning', message: 'x', explanation: 'the clone is smaller than its source (1 < 2 bytes)', stuck: true },
      { type: 'Normal', message: 'y', explanation: 'waiting for the provisioner hostpath.csi.k8s.io', stuck: false },
      { type: 'Normal', message: 'unexplained', stuck: false },
    ]);
    expect(explanation).toEqual({ reason: 'the clone is smaller than its source (1 < 2 bytes)', stuck: true });
    const tree = buildClaimTree(claims, now, new Map([['shop/data-clone-2', explanation!]]));
    const pending = tree[1]!.children[0]!.children[1]!;
    const item = toTreeItem(fakeVscode, pending) as unknown as { description: string; tooltip: { value: string }; iconPath: { id: string }; contextValue: string };
    expect(item.description).toBe('Pending · 1Gi · csi-hostpath · 90s — the clone is smaller than its source (1 < 2 bytes)');
    expect(item.tooltip.value).toContain('Stuck: the clone is smaller than its source');
    expect(item.tooltip.value).toContain('clone of: shop/data');
    expect(item.iconPath.id).toBe('warning');
    expect(item.contextValue).toBe('kubectlClone.pvc.pending.clone');
  });

  it('renders status icons, sizes, classes and ages', () => {
    const tree = buildClaimTree(claims, now);
    const items = [tree[1]!.children[0]!, tree[0]!.children[0]!].map((node) => toTreeItem(fakeVscode, node) as unknown as { label: string; description: string; iconPath: { id: string; color: { id: string } }; collapsibleState: number; id: string });
    expect(items.map((i) => [i.label, i.description, i.iconPath.id, i.iconPath.color.id, i.collapsibleState, i.id])).toEqual([
      ['data', 'Bound · 1Gi · csi-hostpath · 3d', 'pass-filled', 'testing.iconPassed', fakeVscode.TreeItemCollapsibleState.Expanded, 'pvc/shop/data'],
      ['orphan-clone', 'Lost · 1Gi · csi-hostpath · 90s', 'error', 'list.errorForeground', fakeVscode.TreeItemCollapsibleState.None, 'pvc/dev/orphan-clone'],
    ]);
    expect([formatAge(5_000), formatAge(600_000), formatAge(10_800_000), formatAge(3 * 86_400_000)]).toEqual(['5s', '10m', '3h', '3d']);
  });

  it('does not lose claims whose annotations form a cycle', () => {
    const tree = buildClaimTree([claim('x', 'a', { annotation: 'x/b' }), claim('x', 'b', { annotation: 'x/a' })], now);
    const count = (nodes: readonly ClaimNode[]): number => nodes.reduce((n, node) => n + 1 + count(node.children), 0);
    expect(count(tree[0]!.children)).toBe(2);
  });

  it('lists StorageClasses with their provisioner and whether the driver can clone', () => {
    const nodes = buildStorageClassNodes([
      { metadata: { name: 'gp3' }, provisioner: 'efs.csi.aws.com', volumeBindingMode: 'WaitForFirstConsumer' },
      { metadata: { name: 'csi-hostpath', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } }, provisioner: 'hostpath.csi.k8s.io' },
      { metadata: { name: 'custom' }, provisioner: 'example.com/nfs' },
    ]);
    expect(nodes.map((n) => [n.name, n.provisioner, n.cloneSupport, n.isDefault])).toEqual([
      ['csi-hostpath', 'hostpath.csi.k8s.io', 'yes', true],
      ['custom', 'example.com/nfs', 'unknown', false],
      ['gp3', 'efs.csi.aws.com', 'no', false],
    ]);
    const item = toTreeItem(fakeVscode, nodes[2]!) as unknown as { description: string; tooltip: string };
    expect(item.description).toBe('efs.csi.aws.com · cannot clone');
    expect(item.tooltip).toContain('AWS EFS CSI has no volume cloning');
    expect((toTreeItem(fakeVscode, nodes[0]!) as unknown as { description: string }).description).toBe('hostpath.csi.k8s.io · can clone · default');
  });
});
