// Issue 5, strategies and lifecycle: `--strategy auto|clone|snapshot` with the reason recorded,
// the snapshot path (VolumeSnapshot, readyToUse, restore, temporary snapshot deleted), `--ttl`,
// phase timings, `list` expiry, `prune` honouring TTLs and removing what it made for clones.
//
// The fallback on a driver WITHOUT clone support is proven by the core's unit tests
// (chooseStrategy, planClone) only: the sandbox's one CSI driver advertises CLONE_VOLUME, and a
// second driver instance without it would change the Go sources, which re-keys and rebuilds
// every sandbox binary. Here the snapshot strategy is exercised directly.
import { describe, expect, inject, it, beforeAll } from "vitest";
import { listVolumeFiles, readVolumeFile, writeVolumeFile } from "../sandbox/src/volumes.js";
import { auditEvents, realWrites } from "./support/audit.js";
import { cli } from "./support/cli.js";
import { createPvc, sandboxScope, waitBound, waitFor, type Clients } from "./support/k8s.js";

const sb = inject("sandbox");
const scope = sandboxScope(sb.kubeconfigPath);
const ns = scope.ns;
let c: Clients;
beforeAll(() => {
  c = scope.clients();
});

async function boundSource(namespace: string, storageClassName = "csi-hostpath") {
  await createPvc(c.core, namespace, "data", { size: "2Mi", storageClassName });
  const pvc = await waitBound(c.core, namespace, "data");
  if (storageClassName === "csi-hostpath") await writeVolumeFile(sb, pvc.spec.volumeName, "orders.db", "order 1\norder 2\n");
  return pvc;
}

const snapshots = async (namespace: string) =>
  ((await c.custom.listNamespacedCustomObject({ group: "snapshot.storage.k8s.io", version: "v1", namespace, plural: "volumesnapshots" })) as { items: { metadata: { name: string } }[] }).items.map((s) => s.metadata.name);

describe("kubectl clone pvc --strategy", () => {
  it("auto on a driver that clones: a CSI clone, the reason printed and recorded, phase timings recorded", async () => {
    const namespace = await ns("auto");
    await boundSource(namespace);
    const run = await cli(["pvc", "data", "copy", "-n", namespace, "-o", "json"], sb.kubeconfigPath);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain("strategy: clone (CSIClone: hostpath.csi.k8s.io clones volumes");
    const json = JSON.parse(run.stdout) as { metadata: { annotations: Record<string, string> }; spec: { dataSource: unknown } };
    expect(json.metadata.annotations).toMatchObject({ "kubectl-clone.io/strategy": "clone", "kubectl-clone.io/reason": "CSIClone" });
    const timings = JSON.parse(json.metadata.annotations["kubectl-clone.io/timings"]!) as Record<string, number>;
    expect(Object.keys(timings)).toEqual(["preflight", "create", "bound"]);
    for (const seconds of Object.values(timings)) expect(seconds).toBeGreaterThanOrEqual(0);
    expect(json.spec.dataSource).toMatchObject({ kind: "PersistentVolumeClaim", name: "data" });
    // check shows the same choice, before anything is made
    expect((await cli(["check", "data", "-n", namespace], sb.kubeconfigPath)).stdout).toMatch(/^pass {2}strategy +clone \(CSIClone: /m);
  });

  it("snapshot: VolumeSnapshot, wait readyToUse, restore with the data, delete the temporary snapshot; TTL and timings recorded", async () => {
    const namespace = await ns("snap");
    await boundSource(namespace);
    const run = await cli(["pvc", "data", "copy", "-n", namespace, "--strategy", "snapshot", "--ttl", "7d", "-o", "wide"], sb.kubeconfigPath);
    expect(run.stderr).toContain("strategy: snapshot (SnapshotRequested: snapshot and restore with VolumeSnapshotClass csi-hostpath-snapclass");
    expect(run.stderr).toContain(`volumesnapshot/copy-snapshot created in ${namespace}`);
    expect(run.stderr).toContain("volumesnapshot/copy-snapshot is ready to use");
    expect(run.stderr).toContain("volumesnapshot/copy-snapshot deleted (--keep-snapshot keeps it)");
    expect(run.stdout).toContain("  via:     snapshot (SnapshotRequested)\n");
    expect(run.stdout).toMatch(/ {2}phases: {2}preflight \d+\.\d\ds, create \d+\.\d\ds, bound \d+\.\d\ds, snapshot \d+\.\d\ds\n/);
    expect(run.stdout).toMatch(/ {2}expires: \d{4}-\d\d-\d\dT/);
    expect(run.status).toBe(0);
    const clone = await c.core.readNamespacedPersistentVolumeClaim({ namespace, name: "copy" });
    expect(clone.spec?.dataSource).toEqual({ apiGroup: "snapshot.storage.k8s.io", kind: "VolumeSnapshot", name: "copy-snapshot" });
    const notes = clone.metadata?.annotations ?? {};
    expect(notes).toMatchObject({ "kubectl-clone.io/strategy": "snapshot", "kubectl-clone.io/reason": "SnapshotRequested", "kubectl-clone.io/ttl": "7d", "kubectl-clone.io/snapshot": "copy-snapshot" });
    const created = Date.parse(notes["kubectl-clone.io/created-at"]!);
    expect(Date.parse(notes["kubectl-clone.io/expires-at"]!) - created).toBe(7 * 86_400_000);
    expect(Object.keys(JSON.parse(notes["kubectl-clone.io/timings"]!))).toEqual(["preflight", "create", "bound", "snapshot"]);
    expect(await listVolumeFiles(sb, clone.spec!.volumeName!)).toEqual(["orders.db"]);
    expect(String(await readVolumeFile(sb, clone.spec!.volumeName!, "orders.db"))).toBe("order 1\norder 2\n");
    // deleted once the restore is Bound; snapshot-controller drops its finalizers shortly after
    await waitFor("the temporary snapshot to be gone", async () => ((await snapshots(namespace)).length === 0 ? true : undefined), 30_000);
    // what we wrote, in order: the snapshot, the clone, its timings, the snapshot's removal
    expect(realWrites(auditEvents(sb.auditLogPath, { ours: true, namespace })).map((e) => `${e.verb} ${e.objectRef?.resource}/${e.objectRef?.name}`)).toEqual([
      "create volumesnapshots/copy-snapshot",
      "create persistentvolumeclaims/copy",
      "delete volumesnapshots/copy-snapshot",
      "patch persistentvolumeclaims/copy",
    ]);
  });

  it("a non-CSI volume: a CSI clone is refused with the reason before writing; auto plans a copy through pods", async () => {
    const namespace = await ns("noncsi");
    await boundSource(namespace, "in-tree");
    const run = await cli(["pvc", "data", "copy", "-n", namespace, "--strategy", "clone"], sb.kubeconfigPath);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`refusing to clone ${namespace}/data: NotCsiVolume: the source is not a CSI volume`);
    const refused = JSON.parse((await cli(["check", "data", "-n", namespace, "-o", "json", "--strategy", "clone"], sb.kubeconfigPath)).stdout) as { checks: { check: string; status: string; detail: string }[] };
    expect(refused.checks.find((item) => item.check === "strategy")).toMatchObject({ status: "fail", detail: expect.stringContaining("NotCsiVolume") });
    const auto = JSON.parse((await cli(["check", "data", "-n", namespace, "-o", "json"], sb.kubeconfigPath)).stdout) as { checks: { check: string; status: string; detail: string }[] };
    expect(auto.checks.find((item) => item.check === "strategy")).toEqual({ check: "strategy", status: "pass", detail: "copy (NotCsiVolume: the source is not a CSI volume: only CSI drivers clone volumes or take snapshots: copy the files through pods instead)" });
    expect(auto.checks.find((item) => item.check === "copy pods allowed")?.status).toBe("pass");
    expect(realWrites(auditEvents(sb.auditLogPath, { ours: true, namespace }))).toEqual([]);
  });

  it("--to-namespace on a cluster without the gate: a CSI clone is refused with the exact reason and what to enable; auto plans a copy; nothing written", async () => {
    const src = await ns("xns-off-src");
    const dst = await ns("xns-off-dst");
    await boundSource(src);
    const run = await cli(["pvc", "data", "copy", "-n", src, "--to-namespace", dst, "--strategy", "clone"], sb.kubeconfigPath);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`refusing to clone ${src}/data into ${dst}: the apiserver dropped spec.dataSourceRef (server dry run): CrossNamespaceVolumeDataSource is off on kube-apiserver`);
    expect(run.stderr).toContain("--feature-gates=CrossNamespaceVolumeDataSource=true on kube-apiserver, kube-controller-manager and csi-provisioner");
    expect(run.stderr).toContain("; --strategy copy copies through pods without the gate; nothing was created");
    // auto: the same dry run, then a copy planned and validated by the apiserver (claim and both pods)
    const auto = await cli(["pvc", "data", "copy", "-n", src, "--to-namespace", dst, "--dry-run=server", "-o", "name"], sb.kubeconfigPath);
    expect(auto.stderr).toContain("strategy: copy (CrossNamespaceGateOff: the apiserver dropped spec.dataSourceRef (server dry run)");
    expect(auto.stdout).toBe("persistentvolumeclaim/copy\npod/copy-copy-from\npod/copy-copy-to\n");
    expect(auto.status).toBe(0);
    expect(realWrites(auditEvents(sb.auditLogPath, { ours: true, namespace: src }))).toEqual([]);
    expect(realWrites(auditEvents(sb.auditLogPath, { ours: true, namespace: dst }))).toEqual([]);
  });
});

describe("lifecycle: list expiry, prune honours TTLs and removes what it made", () => {
  it("keeps an unexpired clone, deletes an expired one, keeps a kept snapshot until --include-kept-snapshots", async () => {
    const namespace = await ns("ttl");
    await boundSource(namespace);
    expect((await cli(["pvc", "data", "keep", "-n", namespace, "--ttl", "7d"], sb.kubeconfigPath)).status).toBe(0);
    const short = await cli(["pvc", "data", "short", "-n", namespace, "--ttl", "1s", "--strategy", "snapshot", "--keep-snapshot"], sb.kubeconfigPath);
    expect(short.status).toBe(0);
    expect(await snapshots(namespace)).toEqual(["short-snapshot"]);
    await new Promise((r) => setTimeout(r, 1100));

    const list = await cli(["list", "-n", namespace], sb.kubeconfigPath);
    expect(list.stdout).toMatch(/^NAME +SOURCE +STATUS +SIZE +CLASS +AGE +EXPIRES\n/);
    expect(list.stdout).toMatch(/\nkeep +\S+ +Bound +.* in (6|7)d\n/);
    expect(list.stdout).toMatch(/\nshort +\S+ +Bound +.* expired \d+s ago\n/);
    const rows = (JSON.parse((await cli(["list", "-n", namespace, "-o", "json"], sb.kubeconfigPath)).stdout) as { clones: { name: string; expiresAt: string; strategy: string; reason: string }[] }).clones;
    expect(rows.map((r) => [r.name, r.strategy, r.reason, r.expiresAt !== ""])).toEqual([["keep", "clone", "CSIClone", true], ["short", "snapshot", "SnapshotRequested", true]]);

    const dry = await cli(["prune", "-n", namespace, "--dry-run"], sb.kubeconfigPath);
    expect(dry.stderr).toMatch(new RegExp(`keeping ${namespace}/keep: its TTL \\(7d\\) runs out in (6|7)d`));
    expect(dry.stderr).toContain(`keeping volumesnapshot/short-snapshot (${namespace}): made with --keep-snapshot (--include-kept-snapshots deletes it)`);
    expect(dry.stdout).toContain("would delete 1 clone (dry run, nothing deleted):");
    const withKept = await cli(["prune", "-n", namespace, "--dry-run=client", "--include-kept-snapshots"], sb.kubeconfigPath);
    expect(withKept.stdout).toContain("would delete 1 clone and 1 object made for clones (dry run, nothing deleted):");
    expect(withKept.stdout).toContain(`volumesnapshot/short-snapshot (${namespace})  (made for clone ${namespace}/short, which is being pruned)`);
    const pruned = await cli(["prune", "-n", namespace, "--expired", "--yes"], sb.kubeconfigPath);
    expect(pruned.status).toBe(0);
    expect(pruned.stdout).toBe(`persistentvolumeclaim/short deleted (${namespace})\n`);
    expect(await snapshots(namespace)).toEqual(["short-snapshot"]);
    const asked = await cli(["prune", "-n", namespace, "--include-kept-snapshots", "--yes"], sb.kubeconfigPath);
    expect(asked.stdout).toBe(`volumesnapshot/short-snapshot (${namespace}) deleted\n`);
    const left = await c.core.listNamespacedPersistentVolumeClaim({ namespace });
    expect(left.items.filter((p) => !p.metadata?.deletionTimestamp).map((p) => p.metadata?.name).sort()).toEqual(["data", "keep"]);
  });
});
