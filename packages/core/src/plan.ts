import { isDefaultStorageClass, type ClusterFacts, type ReferenceGrantObject, type SourceFacts } from './facts.js';
import type { Finding } from './findings.js';
import { annotations, clonePvcManifest, dnsName, referenceGrantFor, volumeSnapshotFor } from './generate.js';
import { ttlAnnotations, DurationError } from './lifecycle.js';
import { chooseStrategy, type CloneStrategy, type StrategyChoice, type StrategyRequest } from './strategy.js';
import type { CloneSupport } from './drivers.js';
import { lintObjects } from './lint-objects.js';
import { defaultProfile, type TargetProfile } from './profile.js';
import { compareQuantities, parseQuantity, tryParseQuantity, QuantityParseError } from './quantity.js';
import { claimNameProblem } from './names.js';
import { sourceDriverOf } from './source-facts.js';

export interface CloneOptions {
  /** The clone's name; default from nameTemplate. */
  name?: string;
  /**
   * Tokens {source}, {namespace}, {timestamp} (UTC yyyymmddhhmmss), {random} (5 letters and digits,
   * as kubectl's generateName). Default "{source}-clone-{timestamp}-{random}": unique for clones
   * started in the same second (a script, a CI matrix).
   */
  nameTemplate?: string;
  /** The clone's namespace; default the source's. Another namespace makes a cross-namespace clone. */
  namespace?: string;
  size?: string;
  storageClassName?: string;
  accessModes?: string[];
  /** Block or Filesystem; default the source's (from its PV). A different mode cannot be cloned. */
  volumeMode?: string;
  labels?: Record<string, string>;
  now?: Date;
  profile?: TargetProfile;
  /** auto (default): CSI clone where the driver can, else snapshot and restore, else a copy through pods. */
  strategy?: StrategyRequest;
  /** The clone goes to another cluster; `facts.storageClasses` are then that cluster's. */
  crossCluster?: boolean;
  /** What the cluster proved about the driver (an earlier clone bound), overriding the driver table. */
  cloneSupport?: CloneSupport;
  /** e.g. "7d": recorded on the clone; `prune` deletes it once expired. */
  ttl?: string;
  /**
   * Cross-namespace only. true (default): the plan creates a least-privilege ReferenceGrant.
   * false: rely on grants that exist (`existingGrants`), and the rules say if none allows it.
   */
  createGrant?: boolean;
  existingGrants?: ReferenceGrantObject[];
  /** The snapshot strategy's snapshot is kept (annotated so prune leaves it). */
  keepSnapshot?: boolean;
}

/** Why each property of the clone is what it is, in the user's words. */
export interface PlanReason {
  readonly field: string;
  readonly value: string;
  readonly because: string;
}

export interface ClonePlan {
  readonly source: { readonly namespace: string; readonly name: string; readonly uid?: string };
  readonly clone: { readonly namespace: string; readonly name: string };
  /** undefined when no strategy can work: `choice.message` says why. */
  readonly strategy?: CloneStrategy;
  readonly choice: StrategyChoice;
  readonly reasons: readonly PlanReason[];
  /** The objects to create, in order (a ReferenceGrant before a cross-namespace clone). */
  readonly manifests: readonly Record<string, unknown>[];
  /** The core rules run over the manifests with the source's facts. */
  readonly findings: readonly Finding[];
  /** No error finding: the clone is expected to bind. */
  readonly ok: boolean;
}

export class PlanError extends Error {}

export const defaultNameTemplate = '{source}-clone-{timestamp}-{random}';

/** generateName's alphabet: no vowels, so no words, and no look-alike digits. */
const randomAlphabet = 'bcdfghjklmnpqrstvwxz2456789';

function randomSuffix(random: () => number): string {
  let suffix = '';
  for (let i = 0; i < 5; i++) suffix += randomAlphabet[Math.floor(random() * randomAlphabet.length)];
  return suffix;
}

export function timestampOf(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

export function cloneName(template: string, source: string, namespace: string, now: Date, random: () => number = Math.random): string {
  const unknown = /\{(?!source\}|namespace\}|timestamp\}|random\})[^}]*\}/.exec(template);
  if (unknown) throw new PlanError(`unknown token ${unknown[0]} in name template "${template}": use {source}, {namespace}, {timestamp}, {random}`);
  const suffix = randomSuffix(random);
  const fill = (sourcePart: string) =>
    template.replaceAll('{source}', sourcePart).replaceAll('{namespace}', namespace).replaceAll('{timestamp}', timestampOf(now)).replaceAll('{random}', suffix);
  const full = fill(source);
  // keep the distinguishing suffix: shorten the source's name, not the timestamp
  return full.length <= 253 ? full : fill(source.slice(0, Math.max(1, source.length - (full.length - 253))));
}

export function planClone(facts: SourceFacts, options: CloneOptions = {}): ClonePlan {
  const source = facts.source;
  const sourceName = source.metadata?.name;
  const sourceNamespace = source.metadata?.namespace;
  if (!sourceName || !sourceNamespace) throw new PlanError('the source claim has no name or namespace');
  const namespace = options.namespace ?? sourceNamespace;
  const now = options.now ?? new Date();
  const name = options.name ?? cloneName(options.nameTemplate ?? defaultNameTemplate, sourceName, namespace, now);
  const nameProblem = claimNameProblem(name);
  if (nameProblem) throw new PlanError(nameProblem);
  const reasons: PlanReason[] = [];
  const size = chooseSize(facts, options.size, reasons);

  const sourceClass = source.spec?.storageClassName;
  const storageClassName = options.storageClassName ?? (sourceClass === null ? undefined : sourceClass);
  if (storageClassName !== undefined) {
    reasons.push({
      field: 'storageClassName', value: storageClassName,
      because: options.storageClassName ? 'requested' : "the source's class (the clone must use the source's CSI driver)",
    });
  }
  const accessModes = options.accessModes?.length ? options.accessModes : (source.spec?.accessModes ?? ['ReadWriteOnce']);
  reasons.push({ field: 'accessModes', value: accessModes.join(','), because: options.accessModes?.length ? 'requested' : "the source's" });
  const sourceVolumeMode = facts.volume?.spec?.volumeMode ?? source.spec?.volumeMode;
  // an override is planned as asked; the rules (P9) then refuse a mode that differs from the source's
  const volumeMode = options.volumeMode ?? sourceVolumeMode;
  if (volumeMode) {
    reasons.push({
      field: 'volumeMode', value: volumeMode,
      because: options.volumeMode ? 'requested' : `the source's${facts.volume?.spec?.volumeMode ? ' (from its PersistentVolume)' : ''}; it must match`,
    });
  }

  const sourceDriver = sourceDriverOf(facts);
  const targetClass = facts.storageClasses.find((sc) => sc.metadata?.name === storageClassName) ??
    (storageClassName === undefined ? facts.storageClasses.find(isDefaultStorageClass) : undefined);
  const choice = chooseStrategy({
    request: options.strategy ?? 'auto',
    ...(options.crossCluster ? { crossCluster: true } : {}),
    ...(sourceDriver ? { sourceDriver } : {}),
    ...(targetClass?.provisioner ? { targetDriver: targetClass.provisioner } : {}),
    ...(sourceVolumeMode ? { sourceVolumeMode } : {}),
    ...(volumeMode ? { targetVolumeMode: volumeMode } : {}),
    volumeSnapshotClasses: facts.volumeSnapshotClasses,
    ...(options.cloneSupport ? { cloneSupport: options.cloneSupport } : {}),
  });
  reasons.push({ field: 'strategy', value: choice.strategy ?? 'none', because: `${choice.reason}: ${choice.message}` });
  const crossNamespace = namespace !== sourceNamespace;
  if (choice.strategy === 'snapshot' && crossNamespace) {
    throw new PlanError('the snapshot strategy restores in the source\'s namespace only: use --strategy clone for a cross-namespace clone');
  }
  let extra: Record<string, string> = {};
  if (options.ttl !== undefined) {
    try {
      extra = ttlAnnotations(options.ttl, now);
    } catch (error) {
      if (error instanceof DurationError) throw new PlanError(`--ttl: ${error.message}`);
      throw error;
    }
    reasons.push({ field: 'ttl', value: options.ttl, because: `requested: prune deletes the clone after ${extra['kubectl-clone.io/expires-at']}` });
  }
  const snapshotName = choice.strategy === 'snapshot' ? dnsName(`${name}-snapshot`) : undefined;
  const pvc = clonePvcManifest({
    name, namespace,
    source: { namespace: sourceNamespace, name: sourceName, ...(source.metadata?.uid ? { uid: source.metadata.uid } : {}) },
    storage: size, storageClassName, accessModes, volumeMode,
    labels: options.labels ?? {}, createdAt: now.toISOString(), strategy: choice.strategy ?? 'none',
    reason: choice.reason, annotations: extra,
    ...(snapshotName ? { fromSnapshot: snapshotName } : {}),
    ...(choice.strategy === 'copy' || (choice.strategy === undefined && options.crossCluster) ? { copied: true } : {}),
  });
  const manifests: Record<string, unknown>[] = [];
  if (snapshotName) {
    manifests.push(volumeSnapshotFor({ name: snapshotName, namespace, sourceName, snapshotClass: choice.snapshotClass ?? '', cloneName: name, ...(options.keepSnapshot ? { keep: true } : {}) }));
  }
  if (crossNamespace && options.createGrant !== false && choice.strategy !== 'copy' && !options.crossCluster) {
    const grant = referenceGrantFor({
      sourceNamespace, sourceName, sourceKind: 'PersistentVolumeClaim', sourceGroup: '', cloneNamespace: namespace, cloneName: name,
    });
    // prune deletes a grant we made once the clone it was made for is Bound or gone
    grant.metadata = { ...grant.metadata, annotations: { [annotations.madeFor]: `${namespace}/${name}` } };
    manifests.push(<Record<string, unknown>><unknown>grant);
  }
  manifests.push(pvc as Record<string, unknown>);

  const profile = { ...(options.profile ?? facts.profile ?? defaultProfile), complete: true };
  const clusterFacts: ClusterFacts = {
    namespace,
    persistentVolumeClaims: [source],
    persistentVolumes: facts.volume ? [facts.volume] : [],
    // classes that could not be read are unknown, not absent: the not-found rule then stays silent
    ...(facts.gaps?.some((gap) => gap.startsWith('storageclasses')) ? {} : { storageClasses: facts.storageClasses }),
    pods: facts.pods,
    volumeSnapshotClasses: facts.volumeSnapshotClasses,
    ...(options.existingGrants ? { referenceGrants: options.existingGrants } : {}),
    ...(facts.csiDriver ? { csiDrivers: [facts.csiDriver] } : {}),
  };
  const findings = lintObjects('<clone plan>', manifests, { profile, facts: clusterFacts });
  return {
    source: { namespace: sourceNamespace, name: sourceName, ...(source.metadata?.uid ? { uid: source.metadata.uid } : {}) },
    clone: { namespace, name },
    ...(choice.strategy ? { strategy: choice.strategy } : {}),
    choice,
    reasons,
    manifests,
    findings,
    ok: choice.strategy !== undefined && !findings.some((finding) => finding.severity === 'error'),
  };
}

/** The larger of the source's request and its provisioned capacity, unless a size was asked for. */
function chooseSize(facts: SourceFacts, requested: string | undefined, reasons: PlanReason[]): string {
  if (requested !== undefined) {
    const parsed = tryParseQuantity(requested);
    if (parsed instanceof QuantityParseError) throw new PlanError(`invalid size "${requested}": ${parsed.message} (e.g. 10Gi)`);
    reasons.push({ field: 'storage', value: requested, because: 'requested' });
    return requested;
  }
  const request = facts.source.spec?.resources?.requests?.storage;
  const capacity = facts.source.status?.capacity?.storage;
  if (request === undefined && capacity === undefined) throw new PlanError('the source claim has no storage request or capacity: pass --size');
  if (request === undefined || (capacity !== undefined && compareQuantities(parseQuantity(String(capacity)), parseQuantity(String(request))) > 0)) {
    reasons.push({ field: 'storage', value: String(capacity), because: `the source's provisioned capacity (larger than its request ${request ?? 'none'})` });
    return String(capacity);
  }
  reasons.push({ field: 'storage', value: String(request), because: "the source's request (the clone may not be smaller)" });
  return String(request);
}
