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
  it('auto: a driver that cannot clone and has no snapshot class is refused, saying what an administrator would add', () => {
    const choice = chooseStrategy({ ...base, sourceDriver: 'secrets-store.csi.k8s.io' });
    expect(choice.strategy).toBeUndefined();
    expect(choice.reason).toBe('NoVolumeSnapshotClass');
    expect(choice.message).toContain('create a VolumeSnapshotClass with driver: secrets-store.csi.k8s.io');
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
  it('refuses what no strategy can do: another driver, another volume mode, a non-CSI volume', () => {
    expect(chooseStrategy({ ...base, targetDriver: 'other.csi.example.com' }).reason).toBe('IncompatibleProvisioners');
    expect(chooseStrategy({ ...base, sourceVolumeMode: 'Block', targetVolumeMode: 'Filesystem' }).reason).toBe('IncompatibleVolumeModes');
    const { sourceDriver: _, ...nonCsi } = base;
    const refused = chooseStrategy(nonCsi);
    expect([refused.strategy, refused.reason]).toEqual([undefined, 'NotCsiVolume']);
  });
  it('snapshotClassFor prefers the default class of the driver, else the first by name', () => {
    const classes = [{ metadata: { name: 'b' }, driver: 'd' }, { metadata: { name: 'a' }, driver: 'd' }, { metadata: { name: 'c', annotations: { 'snapshot.storage.kubernetes.io/is-default-class': 'true' } }, driver: 'd' }];
    expect(snapshotClassFor('d', classes)?.metadata?.name).toBe('c');
    expect(snapshotClassFor('d', classes.slice(0, 2))?.metadata?.name).toBe('a');
    expect(snapshotClassFor('e', classes)).toBeUndefined();
  });
});
