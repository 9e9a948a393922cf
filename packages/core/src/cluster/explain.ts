import type { ClaimEvent } from './client.js';

/**
 * What an event on a clone means, from the messages of the reference's tables. `stuck` events
 * do not go away by waiting: the clone will stay Pending until something is changed.
 */
export interface EventExplanation {
  readonly ruleId?: string;
  readonly explanation: string;
  readonly stuck: boolean;
}

const explanations: { match: RegExp; ruleId?: string; stuck: boolean; explain: (m: RegExpExecArray) => string }[] = [
  { match: /new PVC request must be greater than or equal in size to the specified PVC data source, requested (\d+) but source is (\d+)/, ruleId: 'clone-smaller-than-source', stuck: true,
    explain: (m) => `the clone is smaller than its source (${m[1]} < ${m[2]} bytes): delete it and clone with --size of at least the source's request` },
  { match: /must have the same volume mode for cloning\.\s+Source is (\w+), but new PVC requested (\w+)/, ruleId: 'volume-mode-mismatch', stuck: true,
    explain: (m) => `the source is a ${m[1]} volume and the clone asks for ${m[2]}: clone with the source's volumeMode` },
  { match: /claim in dataSource not bound or invalid/, ruleId: 'csi-driver-mismatch', stuck: true,
    explain: () => "the source's volume belongs to another CSI driver than the clone's StorageClass (or the source's PV is not bound): use a class of the source's driver" },
  { match: /the PVC DataSource (\S+) must have a status of Bound/, ruleId: 'source-not-bound', stuck: false,
    explain: (m) => `waiting for the source ${m[1]} to be Bound` },
  { match: /is currently being deleted/, ruleId: 'source-not-bound', stuck: true, explain: () => 'the source is being deleted: it cannot be cloned' },
  { match: /error getting PVC (\S+) \(namespace "([^"]+)"\) from api server: .*not found/, ruleId: 'source-not-found', stuck: true,
    explain: (m) => `the source ${m[1]} does not exist where the provisioner looks` },
  { match: /storageclass cannot be empty/, ruleId: 'source-storage-class-empty', stuck: true, explain: () => 'the source or the clone has no StorageClass: a CSI clone needs both' },
  { match: /does not support clone operations/, stuck: true, explain: () => 'the CSI driver cannot clone (no CLONE_VOLUME capability): use a snapshot and restore instead' },
  { match: /of (\w+) dataSource from (\S+) isn't allowed/, ruleId: 'reference-grant', stuck: true,
    explain: () => 'no ReferenceGrant in the source namespace allows this clone: create one' },
  { match: /CrossNamespaceVolumeDataSource feature is disabled/, ruleId: 'cross-namespace-provisioner-gate', stuck: true,
    explain: () => 'csi-provisioner runs without --feature-gates=CrossNamespaceVolumeDataSource=true' },
  { match: /plugin "([^"]+)" is not a CSI plugin/, ruleId: 'in-tree-provisioner', stuck: true,
    explain: (m) => `${m[1]} is an in-tree plugin: only CSI drivers clone` },
  { match: /no storage class is set/, ruleId: 'storage-class-empty', stuck: true, explain: () => 'storageClassName is "": nothing provisions this claim' },
  { match: /storageclass\.storage\.k8s\.io "([^"]+)" not found/, stuck: true, explain: (m) => `StorageClass ${m[1]} does not exist` },
  { match: /waiting for first consumer to be created before binding/, stuck: false,
    explain: () => 'the class binds on first use (WaitForFirstConsumer): the clone is provisioned when a pod mounts it' },
  // 1.34: Waiting for a volume to be created either by the external provisioner 'x' or manually ...; older: "x"
  { match: /waiting for a volume to be created,? either by (?:the )?external provisioner ["']([^"']+)["']/i, stuck: false,
    explain: (m) => `waiting for the provisioner ${m[1]}: if this lasts, no running csi-provisioner serves this driver` },
  { match: /Assuming an external populator will provision the volume/, ruleId: 'populator-source', stuck: false,
    explain: () => 'the source is handed to a volume populator' },
  { match: /External provisioner is provisioning volume/, stuck: false, explain: () => 'the CSI driver is copying the data' },
  { match: /Successfully provisioned volume/, stuck: false, explain: () => 'the volume is provisioned' },
];

export function explainEvent(event: Pick<ClaimEvent, 'message' | 'type'>): EventExplanation | undefined {
  for (const entry of explanations) {
    const match = entry.match.exec(event.message);
    if (match) return { ...(entry.ruleId ? { ruleId: entry.ruleId } : {}), explanation: entry.explain(match), stuck: entry.stuck };
  }
  return event.type === 'Warning' ? { explanation: event.message, stuck: false } : undefined;
}
