import { driverCloneSupport, type CloneSupport } from './drivers.js';
import type { VolumeSnapshotClassObject } from './facts.js';

/** How the data gets into the new claim. */
export type CloneStrategy = 'clone' | 'snapshot' | 'copy';
export type StrategyRequest = 'auto' | CloneStrategy;

/**
 * Why a strategy was chosen or refused, as a stable code (recorded in the clone's
 * `kubectl-clone.io/reason` annotation and in `-o json`). The names follow KubeVirt CDI's
 * fallback reasons where the situation is the same (IncompatibleVolumeModes,
 * NoVolumeSnapshotClass, IncompatibleProvisioners), so users of both read one vocabulary.
 */
export type StrategyReason =
  | 'CSIClone' // auto: the driver is known to clone
  | 'CloneRequested' // --strategy clone
  | 'SnapshotRequested' // --strategy snapshot
  | 'DriverCannotClone' // auto: the driver cannot clone; a snapshot class exists
  | 'CloneSupportUnknown' // auto: the driver is not in the table and there is no snapshot class: try a clone
  | 'NoVolumeSnapshotClass' // refused: a snapshot is needed and no class serves the driver
  | 'IncompatibleVolumeModes' // refused: neither a clone nor a restore changes the volume mode
  | 'IncompatibleProvisioners' // refused: the target class is served by another driver
  | 'NotCsiVolume' // refused (or copied, with auto): only CSI volumes clone or snapshot
  | 'CopyRequested' // --strategy copy
  | 'CopyAcrossDrivers' // auto: the target class is another driver's; files are copied through pods
  | 'NoCloneNoSnapshot' // auto: the driver cannot clone and no snapshot class serves it: copy
  | 'CopyAcrossClusters' // --to-context: only a copy reaches another cluster
  | 'CrossNamespaceGateOff' // auto: the apiserver dropped the cross-namespace dataSourceRef (server dry run): copy
  | 'CloneNotSupported'; // auto: a clone was tried and the provisioner said the driver cannot: copy

export interface StrategyFacts {
  readonly request: StrategyRequest;
  /** The clone goes to another cluster (--to-context): only a copy gets there. */
  readonly crossCluster?: boolean;
  /** The source volume's CSI driver (PV spec.csi.driver); undefined for a non-CSI volume. */
  readonly sourceDriver?: string;
  /** The provisioner of the clone's StorageClass. */
  readonly targetDriver?: string;
  readonly sourceVolumeMode?: string;
  readonly targetVolumeMode?: string;
  readonly volumeSnapshotClasses: readonly VolumeSnapshotClassObject[];
  /** Overrides the driver table, e.g. an earlier clone of this driver bound ('yes'). */
  readonly cloneSupport?: CloneSupport;
}

export interface StrategyChoice {
  /** undefined: refused, `message` says why and what would make it possible. */
  readonly strategy?: CloneStrategy;
  readonly reason: StrategyReason;
  readonly message: string;
  /** For the snapshot strategy: the VolumeSnapshotClass to use. */
  readonly snapshotClass?: string;
  /** auto: the strategies tried before this one and why each was passed over, in order. */
  readonly skipped?: readonly SkippedStrategy[];
}

export interface SkippedStrategy {
  readonly strategy: CloneStrategy;
  readonly reason: StrategyReason;
  readonly message: string;
}

/** What auto says when the chain ends in a copy: the data moves through pods, so writes during it matter. */
export const copyConsistency = 'a copy of a volume in use is crash-consistent (files may change while they are read) unless --quiesce=scale stops its writers first';

const defaultClassAnnotation = 'snapshot.storage.kubernetes.io/is-default-class';

/** The VolumeSnapshotClass for a driver: its default one, else the only/first one by name. */
export function snapshotClassFor(driver: string, classes: readonly VolumeSnapshotClassObject[]): VolumeSnapshotClassObject | undefined {
  const mine = classes.filter((vsc) => vsc.driver === driver).sort((a, b) => (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''));
  return mine.find((vsc) => vsc.metadata?.annotations?.[defaultClassAnnotation] === 'true') ?? mine[0];
}

export function chooseStrategy(facts: StrategyFacts): StrategyChoice {
  const driver = facts.sourceDriver;
  const sourceMode = facts.sourceVolumeMode ?? 'Filesystem';
  const targetMode = facts.targetVolumeMode ?? sourceMode;
  if (sourceMode !== targetMode) {
    return {
      reason: 'IncompatibleVolumeModes',
      message: `the source is ${sourceMode} and the clone would be ${targetMode}: external-provisioner refuses a clone across volume modes, a restore across them needs the snapshot.storage.kubernetes.io/allow-volume-mode-change annotation on its VolumeSnapshotContent, and a copy cannot turn files into a device or back`,
    };
  }
  if (facts.request === 'copy') return { strategy: 'copy', reason: 'CopyRequested', message: 'copy through pods, as requested (--strategy copy)' };
  if (facts.crossCluster) {
    return facts.request === 'auto'
      ? { strategy: 'copy', reason: 'CopyAcrossClusters', message: 'the clone goes to another cluster (--to-context): copy through pods, one in each cluster, streamed through both apiservers' }
      : { reason: 'CopyAcrossClusters', message: `--strategy ${facts.request} cannot reach another cluster (--to-context): a CSI clone and a snapshot restore stay in the source's cluster; use --strategy copy (or auto)` };
  }
  if (!driver) {
    const message = 'the source is not a CSI volume: only CSI drivers clone volumes or take snapshots';
    return facts.request === 'auto' ? copyAfter([{ strategy: 'clone', reason: 'NotCsiVolume', message }], 'NotCsiVolume', message) : { reason: 'NotCsiVolume', message };
  }
  if (facts.targetDriver && facts.targetDriver !== driver) {
    const message = `the clone's StorageClass is provisioned by ${facts.targetDriver}, the source is a ${driver} volume: neither a clone nor a snapshot restore crosses drivers`;
    return facts.request === 'auto'
      ? copyAfter([{ strategy: 'clone', reason: 'IncompatibleProvisioners', message }, { strategy: 'snapshot', reason: 'IncompatibleProvisioners', message }], 'CopyAcrossDrivers', message)
      : { reason: 'IncompatibleProvisioners', message: `${message}; --strategy copy copies the files through pods` };
  }
  const snapshotClass = snapshotClassFor(driver, facts.volumeSnapshotClasses);
  const noClass: StrategyChoice = {
    reason: 'NoVolumeSnapshotClass',
    message: `no VolumeSnapshotClass serves ${driver}: an administrator would have to install the snapshot CRDs, snapshot-controller and csi-snapshotter, and create a VolumeSnapshotClass with driver: ${driver}`,
  };
  if (facts.request === 'clone') return { strategy: 'clone', reason: 'CloneRequested', message: 'CSI clone, as requested (--strategy clone)' };
  if (facts.request === 'snapshot') {
    return snapshotClass
      ? { strategy: 'snapshot', reason: 'SnapshotRequested', message: `snapshot and restore with VolumeSnapshotClass ${snapshotClass.metadata?.name}, as requested (--strategy snapshot)`, snapshotClass: snapshotClass.metadata?.name ?? '' }
      : { ...noClass, message: `${noClass.message}; --strategy copy copies the files through pods` };
  }
  const support = facts.cloneSupport ?? driverCloneSupport(driver).support;
  if (support === 'yes') return { strategy: 'clone', reason: 'CSIClone', message: `${driver} clones volumes (CSI clone: the driver copies the data)` };
  const cannotClone = `${driver} ${support === 'no' ? `cannot clone volumes (${driverCloneSupport(driver).note})` : 'is not known to clone volumes'}`;
  if (snapshotClass) {
    return {
      strategy: 'snapshot',
      reason: 'DriverCannotClone',
      message: `${cannotClone}: snapshot and restore with VolumeSnapshotClass ${snapshotClass.metadata?.name}`,
      snapshotClass: snapshotClass.metadata?.name ?? '',
      skipped: [{ strategy: 'clone', reason: 'DriverCannotClone', message: cannotClone }],
    };
  }
  if (support === 'no') {
    return copyAfter([{ strategy: 'clone', reason: 'DriverCannotClone', message: cannotClone }, { strategy: 'snapshot', reason: 'NoVolumeSnapshotClass', message: noClass.message }], 'NoCloneNoSnapshot', `${cannotClone} and ${noClass.message}`);
  }
  // Unknown drivers often can clone: the engine tries, and copies instead if the provisioner says it cannot.
  return {
    strategy: 'clone', reason: 'CloneSupportUnknown',
    message: `${driver} is not in kubectl-clone's driver table and has no VolumeSnapshotClass: trying a CSI clone (if the provisioner answers that the driver cannot clone, auto copies instead)`,
    skipped: [{ strategy: 'snapshot', reason: 'NoVolumeSnapshotClass', message: noClass.message }],
  };
}

/** auto's last resort: the copy, with what was passed over on the way. */
function copyAfter(skipped: readonly SkippedStrategy[], reason: StrategyReason, why: string): StrategyChoice {
  return { strategy: 'copy', reason, message: `${why}: copy the files through pods instead`, skipped };
}

/** The choice auto makes when a tried strategy turned out impossible at run time. */
export function fallBackToCopy(previous: StrategyChoice, reason: 'CrossNamespaceGateOff' | 'CloneNotSupported', why: string): StrategyChoice {
  const chain: readonly CloneStrategy[] = ['clone', 'snapshot', 'copy'];
  const skipped = [...(previous.skipped ?? []), ...(previous.strategy ? [{ strategy: previous.strategy, reason, message: why }] : [])]
    .sort((a, b) => chain.indexOf(a.strategy) - chain.indexOf(b.strategy));
  return copyAfter(skipped, reason, why);
}
