// The sandbox's CSI drivers: the default host-path driver and, with `extraDrivers`, two more
// instances of the same binary under other names with capabilities switched off, so the
// clone -> snapshot -> copy chain and copies across drivers meet real sidecars' refusals.
import path from "node:path";

export const DRIVER = "hostpath.csi.k8s.io";
/** Same driver without CLONE_VOLUME: csi-provisioner refuses a PVC data source; snapshots work. */
export const NOCLONE_DRIVER = "noclone.hostpath.csi.k8s.io";
/** Same driver with neither CLONE_VOLUME nor the snapshot capabilities: only a copy through pods fills a volume. */
export const PLAIN_DRIVER = "plain.hostpath.csi.k8s.io";

export const NOCLONE_STORAGE_CLASS = "csi-hostpath-noclone";
export const PLAIN_STORAGE_CLASS = "csi-hostpath-plain";
/** The noclone driver's VolumeSnapshotClass (not the default class). The plain driver has none. */
export const NOCLONE_SNAPSHOT_CLASS = "csi-hostpath-noclone-snapclass";

export interface ExtraDriver {
  /** Suffix of its process names (`hostpathplugin-<key>`, `csi-provisioner-<key>`, ...) and folders. */
  key: "noclone" | "plain";
  name: string;
  storageClass: string;
  /** Runs a csi-snapshotter and gets this VolumeSnapshotClass; undefined: no snapshot support at all. */
  snapshotClass: string | undefined;
  /** hostpathplugin flags that switch capabilities off. */
  flags: string[];
}

export const EXTRA_DRIVERS: readonly ExtraDriver[] = [
  { key: "noclone", name: NOCLONE_DRIVER, storageClass: NOCLONE_STORAGE_CLASS, snapshotClass: NOCLONE_SNAPSHOT_CLASS, flags: ["--disable-clone"] },
  { key: "plain", name: PLAIN_DRIVER, storageClass: PLAIN_STORAGE_CLASS, snapshotClass: undefined, flags: ["--disable-clone", "--disable-snapshot"] },
];

/**
 * A driver's --statedir in a sandbox dir: a volume's data is at <it>/<pv.spec.csi.volumeHandle>/.
 * `<dir>/data` for the default driver, `<dir>/data-<key>` for an extra one.
 */
export function driverDataDir(dir: string, driver: string): string {
  if (driver === DRIVER) return path.join(dir, "data");
  const extra = EXTRA_DRIVERS.find((d) => d.name === driver);
  if (!extra) throw new Error(`${driver} is not one of the sandbox's drivers (${[DRIVER, ...EXTRA_DRIVERS.map((d) => d.name)].join(", ")})`);
  return path.join(dir, `data-${extra.key}`);
}

/** A driver's CSI socket in a sandbox dir. */
export function driverSocket(dir: string, driver: string): string {
  if (driver === DRIVER) return path.join(dir, "csi", "csi.sock");
  const extra = EXTRA_DRIVERS.find((d) => d.name === driver);
  if (!extra) throw new Error(`${driver} is not one of the sandbox's drivers`);
  return path.join(dir, `csi-${extra.key}`, "csi.sock");
}
