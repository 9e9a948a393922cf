import { driverCloneSupport, isDefaultStorageClass, sourceOf, type CloneSupport, type PersistentVolumeClaimObject, type StorageClassObject, formatAge } from '@kubectl-clone/core';

export type ClaimStatus = 'Bound' | 'Pending' | 'Lost' | 'Terminating' | string;

export interface ClaimNode {
  readonly kind: 'claim';
  readonly namespace: string;
  readonly name: string;
  readonly status: ClaimStatus;
  readonly size: string;
  readonly storageClass: string;
  readonly age: string;
  readonly volume: string;
  /** "namespace/name" of the claim this one was cloned from. */
  readonly source?: string;
  /** Why a Pending clone is still Pending, from its events (explainEvent). */
  readonly pendingReason?: string;
  readonly pendingStuck?: boolean;
  /** Shown under its source in another namespace: the row says which namespace the clone is in. */
  readonly elsewhere?: boolean;
  readonly children: ClaimNode[];
}

export interface NamespaceNode {
  readonly kind: 'namespace';
  readonly name: string;
  /** Claims that are not clones of a claim listed here, each with its clones (and theirs) below. */
  readonly children: ClaimNode[];
  readonly claimCount: number;
  /** This namespace's clones shown under their sources in other namespaces (not among `children`). */
  readonly elsewhereCount: number;
}

export interface StorageClassNode {
  readonly kind: 'storageClass';
  readonly name: string;
  readonly provisioner: string;
  readonly isDefault: boolean;
  readonly cloneSupport: CloneSupport;
  readonly note: string;
  readonly bindingMode: string;
}

export interface StorageClassesNode {
  readonly kind: 'storageClasses';
  readonly children: StorageClassNode[];
}

export interface MessageNode {
  readonly kind: 'message';
  readonly message: string;
  readonly severity: 'error' | 'info';
}

export type TreeNode = NamespaceNode | ClaimNode | StorageClassesNode | StorageClassNode | MessageNode;

export function claimKey(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

export interface PendingExplanation {
  readonly reason: string;
  readonly stuck: boolean;
}

/**
 * Namespaces -> claims -> their clones, from plain objects. A clone goes under its source when
 * the source is in the list (the same namespace or, for a cross-namespace clone, under the
 * source in the other namespace); otherwise it stays at the top of its own namespace.
 */
export function buildClaimTree(
  claims: readonly PersistentVolumeClaimObject[], now: number, pending: ReadonlyMap<string, PendingExplanation> = new Map(),
): NamespaceNode[] {
  const nodes = new Map<string, ClaimNode>();
  for (const claim of claims) {
    const namespace = claim.metadata?.namespace ?? '';
    const name = claim.metadata?.name ?? '';
    const created = claim.metadata?.creationTimestamp ? new Date(claim.metadata.creationTimestamp).getTime() : undefined;
    const source = sourceOf(claim);
    const explanation = pending.get(claimKey(namespace, name));
    nodes.set(claimKey(namespace, name), {
      kind: 'claim', namespace, name,
      status: claim.metadata?.deletionTimestamp ? 'Terminating' : (claim.status?.phase ?? 'Pending'),
      size: String(claim.status?.capacity?.storage ?? claim.spec?.resources?.requests?.storage ?? ''),
      storageClass: claim.spec?.storageClassName ?? '',
      age: created !== undefined && !Number.isNaN(created) ? formatAge(now - created) : '',
      volume: claim.spec?.volumeName ?? '',
      ...(source ? { source } : {}),
      ...(explanation ? { pendingReason: explanation.reason, pendingStuck: explanation.stuck } : {}),
      children: [],
    });
  }
  const roots = new Map<string, ClaimNode[]>();
  for (const [key, node] of nodes) {
    const parent = node.source && node.source !== key ? nodes.get(node.source) : undefined;
    // a copy shares the node's children array, so clones of this clone still land under it
    if (parent && !isAncestor(node, parent, nodes)) parent.children.push(parent.namespace === node.namespace ? node : { ...node, elsewhere: true });
    else roots.set(node.namespace, [...(roots.get(node.namespace) ?? []), node]);
  }
  const byName = (a: ClaimNode, b: ClaimNode) => a.name.localeCompare(b.name);
  for (const node of nodes.values()) node.children.sort(byName);
  const counts = new Map<string, number>();
  for (const node of nodes.values()) counts.set(node.namespace, (counts.get(node.namespace) ?? 0) + 1);
  const elsewhere = new Map<string, number>();
  for (const node of nodes.values()) {
    for (const child of node.children) if (child.elsewhere) elsewhere.set(child.namespace, (elsewhere.get(child.namespace) ?? 0) + 1);
  }
  return [...counts.keys()].sort().map((namespace) => ({
    kind: 'namespace' as const, name: namespace, claimCount: counts.get(namespace)!, elsewhereCount: elsewhere.get(namespace) ?? 0, children: (roots.get(namespace) ?? []).sort(byName),
  }));
}

/** A claim cycle (a clone annotated with its own clone as source) must not hide both from the tree. */
function isAncestor(node: ClaimNode, parent: ClaimNode, nodes: ReadonlyMap<string, ClaimNode>): boolean {
  const seen = new Set<string>();
  let current: ClaimNode | undefined = parent;
  while (current?.source && !seen.has(current.source)) {
    if (current.source === claimKey(node.namespace, node.name)) return true;
    seen.add(current.source);
    current = nodes.get(current.source);
  }
  return false;
}

export function buildStorageClassNodes(classes: readonly StorageClassObject[]): StorageClassNode[] {
  return classes.map((storageClass) => {
    const provisioner = storageClass.provisioner ?? '';
    const support = driverCloneSupport(provisioner);
    return {
      kind: 'storageClass' as const,
      name: storageClass.metadata?.name ?? '',
      provisioner,
      isDefault: isDefaultStorageClass(storageClass),
      cloneSupport: support.support,
      note: support.note,
      bindingMode: storageClass.volumeBindingMode ?? 'Immediate',
    };
  }).sort((a, b) => a.name.localeCompare(b.name));
}

/** Pending clones: the claims whose events are worth reading to say why. */
export function pendingClones(claims: readonly PersistentVolumeClaimObject[]): PersistentVolumeClaimObject[] {
  return claims.filter((claim) => (claim.status?.phase ?? 'Pending') === 'Pending' && !claim.metadata?.deletionTimestamp && sourceOf(claim) !== undefined);
}

/** The newest explained event of a Pending clone: a stuck one wins over a passing one. */
export function explainPending(events: readonly { explanation?: string; stuck: boolean; message: string; type: string }[]): PendingExplanation | undefined {
  const explained = events.filter((event) => event.explanation);
  const stuck = [...explained].reverse().find((event) => event.stuck);
  const last = stuck ?? explained[explained.length - 1];
  return last ? { reason: last.explanation!, stuck: last.stuck } : undefined;
}
