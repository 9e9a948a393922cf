import { describe, expect, it } from 'vitest';
import { chooseStrategy, snapshotClassFor, type StrategyFacts } from '../../src/strategy.js';

const hostpathClass = { metadata: { name: 'csi-hostpath-snapclass' }, driver: 'hostpath.csi.k8s.io' };
const efsClass = { metadata: { name: 'efs-snap', annotations: { 'snapshot.storage.kubernetes.io/is-default-class': 'true' } }, driver: 'efs.csi.aws.com' };
const base: StrategyFacts = { request: 'auto', sourceDriver: 'hostpath.csi.k8s.io', volumeSnapshotClasses: [hostpathClass, efsClass] };

describe('chooseStrategy', () => {
  it('auto: a driver known to clone clones', () => {
    expect(chooseStrategy(base)).toMatchObject({ strategy: 'clone', reason: 'CSIClone' });
  });
  it('auto: a driver that cannot clone falls back to snapshot and restore with its class', () => {
    expect(chooseStrategy({ ...base, sourceDriver: 'efs.csi.aws.com' })).toMatchObject({ strategy: 'snapshot', reason: 'DriverCannotClone', snapshotClass: 'efs-snap' });
  });
  it('auto: evidence overrides the table (cloneSupport no on a cloning driver)', () => {
    expect(chooseStrategy({ ...base, cloneSupport: 'no' })).toMatchObject({ strategy: 'snapshot', reason: 'DriverCannotClone', snapshotClass: 'csi-hostpath-snapclass' });
  });
  it('auto: a driver that cannot clone and has no snapshot class is copied, saying why each step was skipped', () => {
    const choice = chooseStrategy({ ...base, sourceDriver: 'secrets-store.csi.k8s.io' });
    expect([choice.strategy, choice.reason]).toEqual(['copy', 'NoCloneNoSnapshot']);
    expect(choice.skipped?.map((s) => `${s.strategy}:${s.reason}`)).toEqual(['clone:DriverCannotClone', 'snapshot:NoVolumeSnapshotClass']);
    expect(choice.skipped?.[1]?.message).toContain('create a VolumeSnapshotClass with driver: secrets-store.csi.k8s.io');
  });
  it('--strategy copy is honoured for any driver; --to-context allows only a copy', () => {
    expect(chooseStrategy({ ...base, request: 'copy' })).toMatchObject({ strategy: 'copy', reason: 'CopyRequested' });
    expect(chooseStrategy({ ...base, crossCluster: true })).toMatchObject({ strategy: 'copy', reason: 'CopyAcrossClusters' });
    const refused = chooseStrategy({ ...base, request: 'clone', crossCluster: true });
    expect([refused.strategy, refused.reason]).toEqual([undefined, 'CopyAcrossClusters']);
  });
  it('auto: an unknown driver without a snapshot class tries a clone; with one it restores a snapshot', () => {
    expect(chooseStrategy({ ...base, sourceDriver: 'x.example.com', volumeSnapshotClasses: [] })).toMatchObject({ strategy: 'clone', reason: 'CloneSupportUnknown' });
    expect(chooseStrategy({ ...base, sourceDriver: 'x.example.com', volumeSnapshotClasses: [{ metadata: { name: 'x' }, driver: 'x.example.com' }] }))
      .toMatchObject({ strategy: 'snapshot', reason: 'DriverCannotClone', snapshotClass: 'x' });
  });
  it('an explicit request is honoured, or refused with the reason', () => {
    expect(chooseStrategy({ ...base, request: 'snapshot' })).toMatchObject({ strategy: 'snapshot', reason: 'SnapshotRequested' });
    expect(chooseStrategy({ ...base, request: 'clone', sourceDriver: 'efs.csi.aws.com' })).toMatchObject({ strategy: 'clone', reason: 'CloneRequested' });
    const refused = chooseStrategy({ ...base, request: 'snapshot', volumeSnapshotClasses: [] });
    expect([refused.strategy, refused.reason]).toEqual([undefined, 'NoVolumeSnapshotClass']);
  });
  it('another driver or a non-CSI volume: auto copies, an explicit clone is refused; another volume mode is refused always', () => {
    expect(chooseStrategy({ ...base, targetDriver: 'other.csi.example.com' })).toMatchObject({ strategy: 'copy', reason: 'CopyAcrossDrivers' });
    const clone = chooseStrategy({ ...base, request: 'clone', targetDriver: 'other.csi.example.com' });
    expect([clone.strategy, clone.reason]).toEqual([undefined, 'IncompatibleProvisioners']);
    const modes = chooseStrategy({ ...base, request: 'copy', sourceVolumeMode: 'Block', targetVolumeMode: 'Filesystem' });
    expect([modes.strategy, modes.reason]).toEqual([undefined, 'IncompatibleVolumeModes']);
    const { sourceDriver: _, ...nonCsi } = base;
    expect(chooseStrategy(nonCsi)).toMatchObject({ strategy: 'copy', reason: 'NotCsiVolume' });
    const refused = chooseStrategy({ ...nonCsi, request: 'clone' });
    expect([refused.strategy, refused.reason]).toEqual([undefined, 'NotCsiVolume']);
  });
  it('snapshotClassFor prefers the default class of the driver, else the first by name', () => {
    const classes = [{ metadata: { name: 'b' }, driver: 'd' }, { metadata: { name: 'a' }, driver: 'd' }, { metadata: { name: 'c', annotations: { 'snapshot.storage.kubernetes.io/is-default-class': 'true' } }, driver: 'd' }];
    expect(snapshotClassFor('d', classes)?.metadata?.name).toBe('c');
    expect(snapshotClassFor('d', classes.slice(0, 2))?.metadata?.name).toBe('a');
    expect(snapshotClassFor('e', classes)).toBeUndefined();
  });
});
