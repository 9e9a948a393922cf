import { driverCloneSupport, type CloneSupport } from './drivers.js';
import type { VolumeSnapshotClassObject } from './facts.js';

/** How the data gets into the new claim. */
export type CloneStrategy = 'clone' | 'snapshot';
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
  | 'NotCsiVolume'; // refused: only CSI volumes clone or snapshot

export interface StrategyFacts {
  readonly request: StrategyRequest;
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
}

const defaultClassAnnotation = 'snapshot.storage.kubernetes.io/is-default-class';

/** The VolumeSnapshotClass for a driver: its default one, else the only/first one by name. */
export function snapshotClassFor(driver: string, classes: readonly VolumeSnapshotClassObject[]): VolumeSnapshotClassObject | undefined {
  const mine = classes.filter((vsc) => vsc.driver === driver).sort((a, b) => (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''));
  return mine.find((vsc) => vsc.metadata?.annotations?.[defaultClassAnnotation] === 'true') ?? mine[0];
}

export function chooseStrategy(facts: StrategyFacts): StrategyChoice {
  const driver = facts.sourceDriver;
  if (!driver) {
    return { reason: 'NotCsiVolume', message: 'the source is not a CSI volume: only CSI drivers clone volumes or take snapshots' };
  }
  if (facts.targetDriver && facts.targetDriver !== driver) {
    return {
      reason: 'IncompatibleProvisioners',
      message: `the clone's StorageClass is provisioned by ${facts.targetDriver}, the source is a ${driver} volume: neither a clone nor a snapshot restore crosses drivers`,
    };
  }
  const sourceMode = facts.sourceVolumeMode ?? 'Filesystem';
  const targetMode = facts.targetVolumeMode ?? sourceMode;
  if (sourceMode !== targetMode) {
    return {
      reason: 'IncompatibleVolumeModes',
      message: `the source is ${sourceMode} and the clone would be ${targetMode}: external-provisioner refuses a clone across volume modes, and a restore across them needs the snapshot.storage.kubernetes.io/allow-volume-mode-change annotation on its VolumeSnapshotContent`,
    };
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
      : noClass;
  }
  const support = facts.cloneSupport ?? driverCloneSupport(driver).support;
  if (support === 'yes') return { strategy: 'clone', reason: 'CSIClone', message: `${driver} clones volumes (CSI clone: the driver copies the data)` };
  if (snapshotClass) {
    return {
      strategy: 'snapshot',
      reason: 'DriverCannotClone',
      message: `${driver} ${support === 'no' ? 'cannot clone volumes' : 'is not known to clone volumes'}: snapshot and restore with VolumeSnapshotClass ${snapshotClass.metadata?.name}`,
      snapshotClass: snapshotClass.metadata?.name ?? '',
    };
  }
  if (support === 'no') {
    return { reason: 'NoVolumeSnapshotClass', message: `${driver} cannot clone volumes (${driverCloneSupport(driver).note}), and ${noClass.message}` };
  }
  // Unknown drivers often can clone; the wait explains the capability event if not.
  return { strategy: 'clone', reason: 'CloneSupportUnknown', message: `${driver} is not in kubectl-clone's driver table and has no VolumeSnapshotClass: trying a CSI clone` };
}
