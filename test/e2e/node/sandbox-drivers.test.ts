// Issue 12 (item 4): the sandbox's extra drivers are real drivers without a capability, as the
// real sidecars see them: the provisioner refuses a clone for the noclone driver, the snapshot
// path works for it, the plain driver has neither; and the copy pods' default image runs without
// a registry.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, inject, it } from "vitest";
import { sandboxHome } from "../../sandbox/src/binaries.js";
import { DRIVER, driverDataDir, NOCLONE_DRIVER, NOCLONE_SNAPSHOT_CLASS, NOCLONE_STORAGE_CLASS, PLAIN_DRIVER, PLAIN_STORAGE_CLASS } from "../../sandbox/src/drivers.js";
import { BUSYBOX_PUBLIC_IMAGE } from "../../sandbox/src/node/images.js";
import { readState } from "../../sandbox/src/state.js";
import { readVolumeFile, volumeDir, writeVolumeFile } from "../../sandbox/src/volumes.js";
import { events, sandboxScope, waitForEvent } from "../support/k8s.js";
import { apply, claim, claimManifest, exec, IDLE, kubectlOk, pod, until, waitClaimBound, waitPodsReady } from "../support/node.js";

const sb = inject("sandbox");
const scope = sandboxScope(sb.kubeconfigPath);

function cloneOf(name: string, source: string, storageClassName: string): Record<string, unknown> {
  const c = claimManifest(name, storageClassName) as { spec: Record<string, unknown> };
  return { ...c, spec: { ...c.spec, dataSource: { kind: "PersistentVolumeClaim", name: source } } };
}

describe("the sandbox's extra drivers", () => {
  it("run as their own processes, registered on the node, with the objects tests use", async () => {
    const names = (readState(sb.dir)?.processes ?? []).map((p) => p.name).sort();
    expect(names).toEqual(
      expect.arrayContaining(["csi-provisioner-noclone", "csi-provisioner-plain", "csi-snapshotter-noclone", "hostpathplugin-noclone", "hostpathplugin-plain"]),
    );
    expect(names).not.toContain("csi-snapshotter-plain");
    expect(readState(sb.dir)?.dataDirs).toEqual({ [DRIVER]: sb.dataDir, [NOCLONE_DRIVER]: `${sb.dir}/data-noclone`, [PLAIN_DRIVER]: `${sb.dir}/data-plain` });

    const csinode = JSON.parse(await kubectlOk(sb, ["get", "csinode", "localhost", "-o", "json"])) as { spec: { drivers: { name: string }[] } };
    expect(csinode.spec.drivers.map((d) => d.name).sort()).toEqual([DRIVER, NOCLONE_DRIVER, PLAIN_DRIVER].sort());
    const classes = await kubectlOk(sb, ["get", "storageclass", NOCLONE_STORAGE_CLASS, PLAIN_STORAGE_CLASS, "-o", "jsonpath={range .items[*]}{.metadata.name}={.provisioner},{.volumeBindingMode}{\"\\n\"}{end}"]);
    expect(classes).toBe(`${NOCLONE_STORAGE_CLASS}=${NOCLONE_DRIVER},Immediate\n${PLAIN_STORAGE_CLASS}=${PLAIN_DRIVER},Immediate\n`);
    const snapClasses = await kubectlOk(sb, ["get", "volumesnapshotclass", "-o", "jsonpath={range .items[*]}{.metadata.name}={.driver}{\"\\n\"}{end}"]);
    // the plain driver has no VolumeSnapshotClass: a snapshot of its claims has no class to name
    expect(snapClasses.trim().split("\n").sort()).toEqual([`csi-hostpath-snapclass=${DRIVER}`, `${NOCLONE_SNAPSHOT_CLASS}=${NOCLONE_DRIVER}`].sort());
  });

  it("a clone of a noclone claim stays Pending with csi-provisioner's own refusal", async () => {
    const ns = await scope.ns("noclone");
    await apply(sb, ns, [claimManifest("src", NOCLONE_STORAGE_CLASS)]);
    await waitClaimBound(sb, ns, "src");
    await apply(sb, ns, [cloneOf("clone", "src", NOCLONE_STORAGE_CLASS)]);
    const ev = await waitForEvent(scope.clients().core, ns, "clone", "CSI driver does not support clone operations");
    expect(ev.reason).toBe("ProvisioningFailed");
    expect(ev.type).toBe("Warning");
    expect(ev.message).toBe("CSI driver does not support clone operations: controller CLONE_VOLUME capability is not reported");
    const c = await claim(sb, ns, "clone");
    expect(c.phase).toBe("Pending");
    expect(c.volumeName).toBe("");
    // the refusal is about the clone only: the source was provisioned without a warning
    expect((await events(scope.clients().core, ns, "src")).filter((e) => e.type === "Warning")).toEqual([]);
  });

  it("a snapshot of a noclone claim becomes readyToUse and restores the data", async () => {
    const ns = await scope.ns("noclone-snap");
    await apply(sb, ns, [claimManifest("src", NOCLONE_STORAGE_CLASS)]);
    const src = await waitClaimBound(sb, ns, "src");
    expect((await volumeDir(sb, src.volumeName)).startsWith(driverDataDir(sb.dir, NOCLONE_DRIVER) + "/")).toBe(true);
    await writeVolumeFile(sb, src.volumeName, "d/hello.txt", "noclone-data\n");

    await apply(sb, ns, [
      { apiVersion: "snapshot.storage.k8s.io/v1", kind: "VolumeSnapshot", metadata: { name: "snap" }, spec: { volumeSnapshotClassName: NOCLONE_SNAPSHOT_CLASS, source: { persistentVolumeClaimName: "src" } } },
    ]);
    await until("snapshot snap to be readyToUse", async () =>
      (await kubectlOk(sb, ["get", "volumesnapshot", "snap", "-n", ns, "-o", "jsonpath={.status.readyToUse}"])) === "true" ? true : undefined,
    );
    const restored = claimManifest("restored", NOCLONE_STORAGE_CLASS) as { spec: Record<string, unknown> };
    await apply(sb, ns, [{ ...restored, spec: { ...restored.spec, dataSource: { apiGroup: "snapshot.storage.k8s.io", kind: "VolumeSnapshot", name: "snap" } } }]);
    const r = await waitClaimBound(sb, ns, "restored");
    expect((await readVolumeFile(sb, r.volumeName, "d/hello.txt")).toString()).toBe("noclone-data\n");
  });

  it("a plain claim binds and a pod mounts it; its files are in the plain driver's data dir", async () => {
    const ns = await scope.ns("plain");
    await apply(sb, ns, [claimManifest("data", PLAIN_STORAGE_CLASS), pod("app", "data", `echo plain-data > /data/f; ${IDLE}`)]);
    const c = await waitClaimBound(sb, ns, "data");
    expect(await kubectlOk(sb, ["get", "pv", c.volumeName, "-o", "jsonpath={.spec.csi.driver}"])).toBe(PLAIN_DRIVER);
    await waitPodsReady(sb, ns, "app=app");
    expect(await exec(sb, ns, "app", "cat /data/f")).toBe("plain-data\n");
    expect((await volumeDir(sb, c.volumeName)).startsWith(driverDataDir(sb.dir, PLAIN_DRIVER) + "/")).toBe(true);
    expect((await readVolumeFile(sb, c.volumeName, "f")).toString()).toBe("plain-data\n");
  });

  it(`a pod with image busybox:1.37.0 and imagePullPolicy IfNotPresent runs without a registry (${BUSYBOX_PUBLIC_IMAGE})`, async () => {
    const ns = await scope.ns("public-image");
    await apply(sb, ns, [
      { apiVersion: "v1", kind: "Pod", metadata: { name: "box", labels: { app: "box" } }, spec: { terminationGracePeriodSeconds: 2, containers: [{ name: "app", image: "busybox:1.37.0", imagePullPolicy: "IfNotPresent", command: ["sh", "-c", IDLE] }] } },
    ]);
    await waitPodsReady(sb, ns, "app=box");
    expect(await kubectlOk(sb, ["get", "pod", "box", "-n", ns, "-o", "jsonpath={.status.containerStatuses[0].image}"])).toBe(BUSYBOX_PUBLIC_IMAGE);
    expect(await exec(sb, ns, "box", "tar --help 2>&1 | head -1")).toMatch(/^BusyBox v/);
  });

  it("hostpathplugin's own tests pass: the disabled capabilities' RPC answers (InvalidArgument, Unimplemented)", async () => {
    // the provisioner refuses before it calls the driver, so these answers are checked in Go
    const { stdout } = await promisify(execFile)("go", ["test", "-count=1", "./..."], {
      cwd: path.join(sandboxHome, "go", "hostpath"),
      env: { ...process.env, CGO_ENABLED: "0", GOTOOLCHAIN: "local" },
      timeout: 170_000,
    });
    expect(stdout).toMatch(/^ok\s+kubectl-clone\.local\/sandbox\/hostpath\/cmd\/hostpathplugin\s/m);
  });
});
