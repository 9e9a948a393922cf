// Issue 12: `--strategy auto` on the sandbox's three drivers, each step chosen for the reason
// expected: a driver that clones (clone), one that only snapshots (snapshot and restore), one that
// does neither (a clone is tried, the provisioner's answer ends the try, then a copy), and a copy
// into another driver's class. The data is read from the volumes' folders on disk.
import { describe, expect, inject, it } from "vitest";
import { NOCLONE_STORAGE_CLASS, PLAIN_STORAGE_CLASS } from "../../sandbox/src/drivers.js";
import { cli } from "../support/cli.js";
import { copySource } from "../support/copy-source.js";
import { sandboxScope } from "../support/k8s.js";
import { BUSYBOX_IMAGE, kubectlOk } from "../support/node.js";
import { treeOf } from "../support/tree.js";

const sb = inject("sandbox");
const scope = sandboxScope(sb.kubeconfigPath);
const { sourceWithTree, dirOf, helperPods } = copySource(sb);
const image = ["--image", BUSYBOX_IMAGE];

const annotation = (ns: string, claim: string, key: string) => kubectlOk(sb, ["get", "pvc", "-n", ns, claim, "-o", `jsonpath={.metadata.annotations.kubectl-clone\\.io/${key}}`]);

describe("auto: clone, then snapshot, then copy", () => {
  it("a driver that clones: a CSI clone", async () => {
    const ns = await scope.ns("chain-clone");
    await sourceWithTree(ns);
    const run = await cli(["pvc", "data", "c", "-n", ns, ...image], sb.kubeconfigPath);
    expect(run.stderr).toContain("strategy: clone (CSIClone: hostpath.csi.k8s.io clones volumes (CSI clone: the driver copies the data))\n");
    expect(run.status).toBe(0);
    expect(await annotation(ns, "c", "reason")).toBe("CSIClone");
  });

  it("a driver that only snapshots: snapshot and restore, the clone skipped for its reason", async () => {
    const ns = await scope.ns("chain-snap");
    await sourceWithTree(ns, "data", NOCLONE_STORAGE_CLASS);
    const run = await cli(["pvc", "data", "c", "-n", ns, ...image], sb.kubeconfigPath);
    expect(run.stderr).toContain("strategy: snapshot (DriverCannotClone: noclone.hostpath.csi.k8s.io is not known to clone volumes: snapshot and restore with VolumeSnapshotClass csi-hostpath-noclone-snapclass); skipped: clone (DriverCannotClone: noclone.hostpath.csi.k8s.io is not known to clone volumes)\n");
    expect(run.status).toBe(0);
    expect(await annotation(ns, "c", "strategy")).toBe("snapshot");
    const [source, restored] = [await treeOf(await dirOf(ns, "data")), await treeOf(await dirOf(ns, "c"))];
    expect(restored["nested/random"]).toEqual(source["nested/random"]);
  });

  it("a driver that can neither: the clone is tried, the provisioner's answer ends it, and the files are copied", async () => {
    const ns = await scope.ns("chain-copy");
    await sourceWithTree(ns, "data", PLAIN_STORAGE_CLASS);
    const run = await cli(["pvc", "data", "c", "-n", ns, ...image], sb.kubeconfigPath);
    expect(run.stderr).toContain("strategy: clone (CloneSupportUnknown: plain.hostpath.csi.k8s.io is not in kubectl-clone's driver table and has no VolumeSnapshotClass: trying a CSI clone (if the provisioner answers that the driver cannot clone, auto copies instead)); skipped: snapshot (NoVolumeSnapshotClass:");
    expect(run.stderr).toContain("warning ProvisioningFailed: CSI driver does not support clone operations: controller CLONE_VOLUME capability is not reported");
    expect(run.stderr).toMatch(/persistentvolumeclaim\/c deleted: it was empty and would stay Pending \(.+\)\n/);
    expect(run.stderr).toContain("strategy: copy (CloneNotSupported: the provisioner answered that plain.hostpath.csi.k8s.io cannot clone (");
    expect(run.stderr).toMatch(/; skipped: clone \(CloneNotSupported: the provisioner answered .+\); snapshot \(NoVolumeSnapshotClass: no VolumeSnapshotClass serves plain\.hostpath\.csi\.k8s\.io/);
    expect(run.stdout).toContain("  via:     copy (CloneNotSupported)\n");
    expect(run.status).toBe(0);
    expect(await annotation(ns, "c", "reason")).toBe("CloneNotSupported");
    expect(await treeOf(await dirOf(ns, "c"))).toEqual(await treeOf(await dirOf(ns, "data")));
    expect(await helperPods()).toBe("");
  });

  it("another driver's class: copied across drivers, every file, mode, owner, time and link", async () => {
    const ns = await scope.ns("chain-drivers");
    await sourceWithTree(ns);
    const run = await cli(["pvc", "data", "c", "-n", ns, "--storage-class", PLAIN_STORAGE_CLASS, ...image], sb.kubeconfigPath);
    expect(run.stderr).toContain("strategy: copy (CopyAcrossDrivers: the clone's StorageClass is provisioned by plain.hostpath.csi.k8s.io, the source is a hostpath.csi.k8s.io volume: neither a clone nor a snapshot restore crosses drivers: copy the files through pods instead); skipped: clone (IncompatibleProvisioners:");
    expect(run.status).toBe(0);
    const copyDir = await dirOf(ns, "c");
    expect(copyDir).toContain("/data-plain/");
    expect(await treeOf(copyDir)).toEqual(await treeOf(await dirOf(ns, "data")));
    const verified = await cli(["verify", "data", "c", "-n", ns, ...image], sb.kubeconfigPath);
    expect([verified.stdout, verified.status]).toEqual(["identical (7 files, 2097181 bytes)\n", 0]);
    // --strategy clone into another driver is still refused, naming the way that works
    const refused = await cli(["pvc", "data", "c2", "-n", ns, "--storage-class", PLAIN_STORAGE_CLASS, "--strategy", "clone"], sb.kubeconfigPath);
    expect(refused.stderr).toContain(`refusing to clone ${ns}/data: the checks found 1 error that would leave the clone Pending or empty; IncompatibleProvisioners: the clone's StorageClass is provisioned by plain.hostpath.csi.k8s.io, the source is a hostpath.csi.k8s.io volume: neither a clone nor a snapshot restore crosses drivers; --strategy copy copies the files through pods; nothing was created`);
    expect(refused.status).toBe(1);
  });
});
