// Smoke suite for the sandbox cluster: real kube-apiserver, kube-controller-manager,
// csi-provisioner and the CSI host-path driver. Every assertion is about what the cluster
// really did: PVC phases, events, what the API server stored, bytes on disk.
import { beforeAll, describe, expect, inject, it } from "vitest";
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { listVolumeFiles, readVolumeFile, volumeHandle, writeVolumeFile } from "../sandbox/src/volumes.js";
import { clients, createPvc, events, waitBound, waitFor, waitForEvent, type Clients, sandboxScope } from "./support/k8s.js";

const sb = inject("sandbox");
const scope = sandboxScope(sb.kubeconfigPath);
const ns = scope.ns;
let c: Clients;
beforeAll(() => {
  c = scope.clients();
});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A bound source PVC with a few files (text, nested, binary) written into its volume. */
async function seededSource(namespace: string, name = "src", o: { size?: string; storageClassName?: string } = {}) {
  await createPvc(c.core, namespace, name, { size: o.size ?? "2Mi", storageClassName: o.storageClassName ?? "csi-hostpath" });
  const pvc = await waitBound(c.core, namespace, name);
  const pv = pvc.spec.volumeName;
  const binary = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 31) % 256));
  await writeVolumeFile(sb, pv, "hello.txt", "hello from the source\n");
  await writeVolumeFile(sb, pv, "nested/dir/data.bin", binary);
  return { pvc, pv, binary };
}

/** The PVC stays Pending for a while (nothing provisions it). */
async function expectStaysPending(namespace: string, name: string, ms = 4000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const p = await c.core.readNamespacedPersistentVolumeClaim({ namespace, name });
    expect(p.status?.phase).toBe("Pending");
    expect(p.spec?.volumeName ?? "").toBe("");
    await sleep(500);
  }
}

describe("sandbox cluster", () => {
  it("is the Kubernetes version the wrapper module pins, with the expected storage classes", async () => {
    const { stdout } = await promisify(execFile)(path.join(sb.binDir, "kubectl"), ["--kubeconfig", sb.kubeconfigPath, "version", "-o", "json"]);
    const v = JSON.parse(stdout) as { clientVersion: { gitVersion: string }; serverVersion: { gitVersion: string } };
    expect(v.serverVersion.gitVersion).toMatch(/^v1\.34\.\d+$/);
    expect(v.clientVersion.gitVersion).toBe(v.serverVersion.gitVersion);

    const { stdout: scs } = await promisify(execFile)(path.join(sb.binDir, "kubectl"), [
      "--kubeconfig", sb.kubeconfigPath, "get", "storageclass", "-o", "jsonpath={range .items[*]}{.metadata.name}={.provisioner}{\"\\n\"}{end}",
    ]);
    expect(scs.trim().split("\n").sort()).toEqual([
      "csi-hostpath-alt=hostpath.csi.k8s.io",
      "csi-hostpath=hostpath.csi.k8s.io",
      "in-tree=kubernetes.io/host-path",
      "other-driver=other.csi.example.com",
    ]);
  });

  it("binds a source PVC, and a clone with dataSource binds holding the same bytes", async () => {
    const n = await ns("clone");
    const { pv: srcPv, binary } = await seededSource(n);

    await createPvc(c.core, n, "clone", { size: "2Mi", storageClassName: "csi-hostpath", dataSource: { kind: "PersistentVolumeClaim", name: "src" } });
    const clone = await waitBound(c.core, n, "clone");
    const clonePv = clone.spec.volumeName;

    expect(clonePv).not.toBe(srcPv);
    expect(await volumeHandle(sb, clonePv)).not.toBe(await volumeHandle(sb, srcPv));
    expect(clone.spec.dataSource).toMatchObject({ kind: "PersistentVolumeClaim", name: "src" });
    expect(clone.spec.dataSourceRef).toMatchObject({ kind: "PersistentVolumeClaim", name: "src" });
    expect(await listVolumeFiles(sb, clonePv)).toEqual(["hello.txt", "nested/dir/data.bin"]);
    expect((await readVolumeFile(sb, clonePv, "hello.txt")).toString()).toBe("hello from the source\n");
    expect(Buffer.compare(await readVolumeFile(sb, clonePv, "nested/dir/data.bin"), binary)).toBe(0);
  });

  it("keeps source and clone independent after the clone", async () => {
    const n = await ns("indep");
    const { pv: srcPv } = await seededSource(n);
    await createPvc(c.core, n, "clone", { size: "2Mi", dataSource: { kind: "PersistentVolumeClaim", name: "src" } });
    const clonePv = (await waitBound(c.core, n, "clone")).spec.volumeName;

    await writeVolumeFile(sb, srcPv, "hello.txt", "source changed later\n");
    await writeVolumeFile(sb, srcPv, "only-in-source.txt", "x");
    expect((await readVolumeFile(sb, clonePv, "hello.txt")).toString()).toBe("hello from the source\n");
    expect(await listVolumeFiles(sb, clonePv)).toEqual(["hello.txt", "nested/dir/data.bin"]);

    await writeVolumeFile(sb, clonePv, "nested/dir/data.bin", "clone changed");
    await writeVolumeFile(sb, clonePv, "only-in-clone.txt", "y");
    expect((await readVolumeFile(sb, srcPv, "nested/dir/data.bin")).length).toBe(4096);
    expect(await listVolumeFiles(sb, srcPv)).toEqual(["hello.txt", "nested/dir/data.bin", "only-in-source.txt"]);
  });

  it("leaves a smaller clone Pending with the provisioner's size message (P6)", async () => {
    const n = await ns("smaller");
    await seededSource(n, "src", { size: "2Mi" });
    await createPvc(c.core, n, "small", { size: "1Mi", dataSource: { kind: "PersistentVolumeClaim", name: "src" } });
    const ev = await waitForEvent(
      c.core, n, "small",
      "error, new PVC request must be greater than or equal in size to the specified PVC data source, requested 1048576 but source is 2097152",
    );
    expect(ev.reason).toBe("ProvisioningFailed");
    expect(ev.type).toBe("Warning");
    await expectStaysPending(n, "small", 2000);
  });

  it("leaves a clone into another driver's class Pending: nothing serves other.csi.example.com", async () => {
    const n = await ns("otherdrv");
    await seededSource(n);
    await createPvc(c.core, n, "elsewhere", { size: "2Mi", storageClassName: "other-driver", dataSource: { kind: "PersistentVolumeClaim", name: "src" } });
    const ev = await waitForEvent(c.core, n, "elsewhere", "external provisioner 'other.csi.example.com'");
    expect(ev.reason).toBe("ExternalProvisioning");
    expect(ev.message).toBe(
      // The controller-manager's text (pv_controller.go), with the name in single quotes.
      "Waiting for a volume to be created either by the external provisioner 'other.csi.example.com' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.",
    );
    const pvc = await c.core.readNamespacedPersistentVolumeClaim({ namespace: n, name: "elsewhere" });
    expect(pvc.metadata?.annotations?.["volume.kubernetes.io/storage-provisioner"]).toBe("other.csi.example.com");
    await expectStaysPending(n, "elsewhere");
    // csi-provisioner only acts on its own driver's claims: it never reports on this one.
    expect((await events(c.core, n, "elsewhere")).filter((e) => e.reason === "ProvisioningFailed")).toEqual([]);
  });

  it("rejects a Block clone of a Filesystem source in the provisioner (P9)", async () => {
    const n = await ns("mode");
    await seededSource(n);
    await createPvc(c.core, n, "block", { size: "2Mi", volumeMode: "Block", dataSource: { kind: "PersistentVolumeClaim", name: "src" } });
    const ev = await waitForEvent(
      c.core, n, "block",
      "the source PVC and destination PVCs must have the same volume mode for cloning.  Source is Filesystem, but new PVC requested Block",
    );
    expect(ev.reason).toBe("ProvisioningFailed");
    await expectStaysPending(n, "block", 2000);
  });

  it("silently drops `kind: persistentvolumeclaim` (lowercase) and binds an EMPTY volume (A12)", async () => {
    const n = await ns("lowercase");
    await seededSource(n);
    const created = await createPvc(c.core, n, "trap", { size: "2Mi", dataSource: { kind: "persistentvolumeclaim", name: "src" } });
    // The API server accepted the object and removed the data source without a word.
    expect(created.spec?.dataSource).toBeUndefined();
    expect(created.spec?.dataSourceRef).toBeUndefined();
    const trap = await waitBound(c.core, n, "trap");
    expect(trap.spec.dataSource).toBeUndefined();
    expect(trap.spec.dataSourceRef).toBeUndefined();
    expect(await listVolumeFiles(sb, trap.spec.volumeName)).toEqual([]);
  });

  it("silently drops a dataSourceRef with a namespace while CrossNamespaceVolumeDataSource is off (A13)", async () => {
    const n = await ns("xnsoff");
    const other = await ns("xnsoff-src");
    await seededSource(other);
    const created = await c.core.createNamespacedPersistentVolumeClaim({
      namespace: n,
      body: {
        metadata: { name: "xns" },
        spec: {
          accessModes: ["ReadWriteOnce"],
          resources: { requests: { storage: "2Mi" } },
          storageClassName: "csi-hostpath",
          dataSourceRef: { kind: "PersistentVolumeClaim", name: "src", namespace: other },
        },
      },
    });
    expect(created.spec?.dataSourceRef).toBeUndefined();
    expect(created.spec?.dataSource).toBeUndefined();
    const pvc = await waitBound(c.core, n, "xns");
    expect(await listVolumeFiles(sb, pvc.spec.volumeName)).toEqual([]);
  });

  it("snapshots a volume and restores the snapshot into a new PVC with the same bytes", async () => {
    const n = await ns("snap");
    const { binary } = await seededSource(n);
    const group = "snapshot.storage.k8s.io";
    await c.custom.createNamespacedCustomObject({
      group, version: "v1", namespace: n, plural: "volumesnapshots",
      body: {
        apiVersion: `${group}/v1`, kind: "VolumeSnapshot", metadata: { name: "snap" },
        spec: { volumeSnapshotClassName: "csi-hostpath-snapclass", source: { persistentVolumeClaimName: "src" } },
      },
    });
    await waitFor("the VolumeSnapshot to be readyToUse", async () => {
      const vs = (await c.custom.getNamespacedCustomObject({ group, version: "v1", namespace: n, plural: "volumesnapshots", name: "snap" })) as { status?: { readyToUse?: boolean } };
      return vs.status?.readyToUse === true ? true : undefined;
    });
    await createPvc(c.core, n, "restored", { size: "2Mi", dataSource: { apiGroup: group, kind: "VolumeSnapshot", name: "snap" } });
    const restored = await waitBound(c.core, n, "restored");
    expect(Buffer.compare(await readVolumeFile(sb, restored.spec.volumeName, "nested/dir/data.bin"), binary)).toBe(0);
  });

  it("clones across storage classes of the same driver (csi-hostpath -> csi-hostpath-alt)", async () => {
    const n = await ns("crosssc");
    const { binary } = await seededSource(n, "src", { storageClassName: "csi-hostpath" });
    await createPvc(c.core, n, "alt", { size: "2Mi", storageClassName: "csi-hostpath-alt", dataSource: { kind: "PersistentVolumeClaim", name: "src" } });
    const alt = await waitBound(c.core, n, "alt");
    expect(alt.spec.storageClassName).toBe("csi-hostpath-alt");
    expect((await readVolumeFile(sb, alt.spec.volumeName, "hello.txt")).toString()).toBe("hello from the source\n");
    expect(Buffer.compare(await readVolumeFile(sb, alt.spec.volumeName, "nested/dir/data.bin"), binary)).toBe(0);
  });

  it("refuses a clone through an in-tree (non-CSI) provisioner in the controller-manager (K3)", async () => {
    const n = await ns("intree");
    await seededSource(n);
    await createPvc(c.core, n, "legacy", { size: "2Mi", storageClassName: "in-tree", dataSource: { kind: "PersistentVolumeClaim", name: "src" } });
    const ev = await waitForEvent(c.core, n, "legacy", "is not a CSI plugin");
    expect(ev.message).toBe('plugin "kubernetes.io/host-path" is not a CSI plugin. Only CSI plugin can provision a claim with a datasource');
    expect(ev.reason).toBe("ProvisioningFailed");
    await expectStaysPending(n, "legacy", 2000);
  });

  it("lets the restricted user read PVCs but not create them, and audits PVC writes with their bodies", async () => {
    const n = await ns("rbac");
    const restricted = clients(sb.restrictedKubeconfigPath);
    await expect(restricted.core.listNamespacedPersistentVolumeClaim({ namespace: n })).resolves.toBeDefined();
    await expect(
      restricted.core.createNamespacedPersistentVolumeClaim({
        namespace: n,
        body: { metadata: { name: "nope" }, spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Mi" } } } },
      }),
    ).rejects.toMatchObject({ code: 403 });

    await createPvc(c.core, n, "audited", { size: "1Mi" });
    type AuditEntry = {
      verb: string;
      level: string;
      objectRef?: { resource?: string; namespace?: string };
      requestObject?: { spec?: unknown };
      responseStatus?: { code?: number };
      user: { username: string };
    };
    const pvcCreates = () =>
      readFileSync(sb.auditLogPath, "utf8")
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l) as AuditEntry)
        .filter((e) => e.verb === "create" && e.objectRef?.resource === "persistentvolumeclaims" && e.objectRef.namespace === n);
    const entry = await waitFor("the audit entry of the PVC create", async () =>
      pvcCreates().find((e) => e.user.username === "sandbox-admin"),
    );
    expect(entry.level).toBe("RequestResponse");
    expect(entry.responseStatus?.code).toBe(201);
    expect(entry.requestObject?.spec).toMatchObject({ resources: { requests: { storage: "1Mi" } } });
    const denied = pvcCreates().find((e) => e.user.username === "sandbox-restricted");
    expect(denied?.responseStatus?.code).toBe(403);
  });
});
