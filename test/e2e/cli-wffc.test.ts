// Issue 16 item 2: a clone into a WaitForFirstConsumer class is created and handed off (exit 0),
// naming the topology it must land in; --wait-for-consumer waits for the first pod; with the
// snapshot strategy the temporary snapshot outlives the hand-off; `check` says so in advance.
// The class is made here (cluster-scoped, a name per run) so the test needs no node: without a
// consuming pod the clone stays Pending, which is exactly what a hand-off leaves.
import { StorageV1Api } from "@kubernetes/client-node";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { auditEvents, realWrites } from "./support/audit.js";
import { cli } from "./support/cli.js";
import { createPvc, sandboxScope, waitBound, type Clients } from "./support/k8s.js";

const sb = inject("sandbox");
const scope = sandboxScope(sb.kubeconfigPath);
const wffc = `wffc-${randomBytes(3).toString("hex")}`;
let c: Clients;
let storage: StorageV1Api;

beforeAll(async () => {
  c = scope.clients();
  storage = c.kc.makeApiClient(StorageV1Api);
  await storage.createStorageClass({ body: { metadata: { name: wffc }, provisioner: "hostpath.csi.k8s.io", volumeBindingMode: "WaitForFirstConsumer", reclaimPolicy: "Delete" } });
});
afterAll(async () => {
  await storage.deleteStorageClass({ name: wffc }).catch(() => undefined);
});

/** The source's PV node affinity as the product words it, or "" when the driver sets none. */
async function topologyOf(volumeName: string): Promise<string> {
  const pv = await c.core.readPersistentVolume({ name: volumeName });
  const terms = pv.spec?.nodeAffinity?.required?.nodeSelectorTerms ?? [];
  const text = terms.map((t) => (t.matchExpressions ?? []).map((e) => `${e.key} ${e.operator === "In" ? "in" : e.operator} (${(e.values ?? []).join(", ")})`).join(" and ")).filter(Boolean);
  return text.length ? `; the pod must run where the source's volume is: ${text.join(" or ")}` : "";
}

async function boundSource(namespace: string) {
  await createPvc(c.core, namespace, "data", { size: "2Mi", storageClassName: "csi-hostpath" });
  return waitBound(c.core, namespace, "data");
}

describe("kubectl clone pvc into a WaitForFirstConsumer class", () => {
  it("creates the clone and hands it off: exit 0, the topology named, no timeout, no delete hint", async () => {
    const namespace = await scope.ns("wffc");
    const source = await boundSource(namespace);
    const run = await cli(["pvc", "data", "copy", "-n", namespace, "--storage-class", wffc, "--timeout", "5m"], sb.kubeconfigPath, { timeoutMs: 60_000 });
    expect({ status: run.status, stdout: run.stdout }).toEqual({
      status: 0,
      stdout: `clone ${namespace}/copy is created and will be provisioned when the first pod that mounts it is scheduled (StorageClass ${wffc} is WaitForFirstConsumer)${await topologyOf(source.spec.volumeName)}. Wait for it with --wait-for-consumer\n`,
    });
    expect(run.stderr).not.toContain("timed out");
    const clone = await c.core.readNamespacedPersistentVolumeClaim({ namespace, name: "copy" });
    expect(clone.status?.phase).toBe("Pending");
    expect(realWrites(auditEvents(sb.auditLogPath, { ours: true, namespace })).map((e) => `${e.verb} ${e.objectRef?.resource}`)).toEqual(["create persistentvolumeclaims"]);
  });

  it("keeps the snapshot strategy's temporary snapshot: the restore is provisioned later", async () => {
    const namespace = await scope.ns("wffcsnap");
    await boundSource(namespace);
    const run = await cli(["pvc", "data", "copy", "-n", namespace, "--storage-class", wffc, "--strategy", "snapshot"], sb.kubeconfigPath, { timeoutMs: 120_000 });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`; the temporary volumesnapshot ${namespace}/copy-snapshot stays until the clone is Bound (kubectl clone prune removes it then)`);
    const snapshot = await c.custom.getNamespacedCustomObject({ group: "snapshot.storage.k8s.io", version: "v1", namespace, plural: "volumesnapshots", name: "copy-snapshot" }) as { metadata?: { deletionTimestamp?: string } };
    expect(snapshot.metadata?.deletionTimestamp).toBeUndefined();
  });

  it("--wait-for-consumer waits for a pod and, with none, says what is left", async () => {
    const namespace = await scope.ns("wffcwait");
    await boundSource(namespace);
    const run = await cli(["pvc", "data", "copy", "-n", namespace, "--storage-class", wffc, "--wait-for-consumer", "3s"], sb.kubeconfigPath, { timeoutMs: 60_000 });
    expect(run.stderr).toContain(`waiting up to 3s for the first pod that mounts ${namespace}/copy (StorageClass ${wffc} is WaitForFirstConsumer)`);
    expect(run.stderr).toContain(`timed out after 3s: clone ${namespace}/copy is still Pending`);
    expect(run.status).toBe(1);
  });

  it("check says it in advance", async () => {
    const namespace = await scope.ns("wffccheck");
    await boundSource(namespace);
    const run = await cli(["check", "data", "-n", namespace, "--storage-class", wffc], sb.kubeconfigPath);
    expect(run.stdout).toMatch(new RegExp(`^info {2}binding mode +the clone will be created, exit 0, and provisioned when the first pod that mounts it is scheduled \\(StorageClass ${wffc} is WaitForFirstConsumer\\)`, "m"));
    expect(run.status).toBe(0);
  });
});
