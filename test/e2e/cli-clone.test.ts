// `kubectl clone pvc | check | list | prune` against the real control plane: what the cluster
// did (phases, bytes on disk) and what the CLI wrote (the apiserver's audit log, by User-Agent).
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { readVolumeFile, writeVolumeFile } from "../sandbox/src/volumes.js";
import { auditEvents, realWrites } from "./support/audit.js";
import { cli } from "./support/cli.js";
import { createPvc, sandboxScope, waitBound, type Clients } from "./support/k8s.js";

const sb = inject("sandbox");
const scope = sandboxScope(sb.kubeconfigPath);
const ns = scope.ns;
let c: Clients;
beforeAll(() => {
  c = scope.clients();
});

async function boundSource(namespace: string, name = "data", size = "2Mi") {
  await createPvc(c.core, namespace, name, { size, storageClassName: "csi-hostpath" });
  const pvc = await waitBound(c.core, namespace, name);
  await writeVolumeFile(sb, pvc.spec.volumeName, "orders.db", "order 1\norder 2\n");
  return pvc;
}

describe("kubectl clone pvc", () => {
  it("clones, waits until Bound, copies the data, and never writes to the source", async () => {
    const namespace = await ns("clone");
    const source = await boundSource(namespace);
    const run = await cli(["pvc", "data", "copy", "-n", namespace, "--label", "purpose=e2e"], sb.kubeconfigPath);
    expect(run.stderr).toContain(`persistentvolumeclaim/copy created in ${namespace} (clone of data)`);
    expect(run.stdout).toMatch(new RegExp(`^clone ${namespace}/copy is Bound in \\d+\\.\\ds\\n  source:  ${namespace}/data\\n  volume:  pvc-`));
    expect(run.status).toBe(0);
    const clone = await c.core.readNamespacedPersistentVolumeClaim({ namespace, name: "copy" });
    expect(clone.metadata?.labels).toMatchObject({ purpose: "e2e", "app.kubernetes.io/managed-by": "kubectl-clone" });
    expect(clone.metadata?.annotations?.["kubectl-clone.io/source"]).toBe(`${namespace}/data`);
    expect(clone.metadata?.annotations?.["kubectl-clone.io/source-uid"]).toBe(source.metadata?.uid);
    expect(clone.spec?.resources?.requests?.storage).toBe("2Mi");
    expect(String(await readVolumeFile(sb, clone.spec!.volumeName!, "orders.db"))).toBe("order 1\norder 2\n");
    const ours = auditEvents(sb.auditLogPath, { ours: true, namespace });
    // one dry run and one real create of the clone, then the patch that records its phase
    // timings once Bound; nothing touched the source
    expect(realWrites(ours).map((e) => `${e.verb} ${e.objectRef?.resource}/${e.objectRef?.name}`)).toEqual(["create persistentvolumeclaims/copy", "patch persistentvolumeclaims/copy"]);
    expect(ours.filter((e) => e.objectRef?.name === "data" && e.verb !== "get" && e.verb !== "list" && e.verb !== "watch")).toEqual([]);
  });

  it("--dry-run=server asks the apiserver and writes nothing; --dry-run=client sends no write at all", async () => {
    const namespace = await ns("dry");
    await boundSource(namespace);
    const server = await cli(["pvc", "data", "copy", "-n", namespace, "--dry-run=server", "-o", "yaml"], sb.kubeconfigPath);
    expect(server.status).toBe(0);
    expect(server.stdout).toContain("name: copy");
    expect(server.stdout).toContain("storageClassName: csi-hostpath");
    const client = await cli(["pvc", "data", "copy2", "-n", namespace, "--dry-run=client", "-o", "name"], sb.kubeconfigPath);
    expect(client.stdout).toBe("persistentvolumeclaim/copy2\n");
    const claims = await c.core.listNamespacedPersistentVolumeClaim({ namespace });
    expect(claims.items.map((p) => p.metadata?.name)).toEqual(["data"]);
    const ours = auditEvents(sb.auditLogPath, { ours: true, namespace });
    expect(realWrites(ours)).toEqual([]);
    expect(ours.filter((e) => e.verb === "create" && e.objectRef?.name === "copy2")).toEqual([]);
  });

  it("refuses a clone smaller than the source, or a CSI clone on another driver's class, before writing anything", async () => {
    const namespace = await ns("refuse");
    await boundSource(namespace, "data", "2Mi");
    const small = await cli(["pvc", "data", "copy", "-n", namespace, "--size", "1Mi"], sb.kubeconfigPath);
    expect(small.status).toBe(1);
    expect(small.stderr).toContain("error: the clone stays Pending: it requests 1Mi (1048576 bytes) but source data requests 2Mi (2097152 bytes)");
    expect(small.stderr).toContain(`refusing to clone ${namespace}/data`);
    const other = await cli(["pvc", "data", "copy", "-n", namespace, "--storage-class", "other-driver", "--strategy", "clone"], sb.kubeconfigPath);
    expect(other.status).toBe(1);
    expect(other.stderr).toContain("StorageClass other-driver is provisioned by other.csi.example.com, but source data is a hostpath.csi.k8s.io volume");
    expect(realWrites(auditEvents(sb.auditLogPath, { ours: true, namespace }))).toEqual([]);
  });

  it("names the verb, resource and namespace a restricted user may not write, before writing", async () => {
    const namespace = await ns("rbac");
    await boundSource(namespace);
    const run = await cli(["pvc", "data", "copy", "-n", namespace], sb.restrictedKubeconfigPath);
    expect(run.stderr).toContain(`you may not create persistentvolumeclaims in namespace ${namespace}`);
    expect(run.stderr).toContain("nothing was created");
    expect(run.status).toBe(1);
  });

  it("says what is missing when the source does not exist", async () => {
    const namespace = await ns("missing");
    const run = await cli(["pvc", "nope", "-n", namespace], sb.kubeconfigPath);
    expect(run.stderr).toBe(`kubectl-clone: persistentvolumeclaim "nope" not found in namespace ${namespace} (context sandbox)\n`);
    expect(run.status).toBe(2);
  });

  it("times out with a verdict and leaves the clone, saying how to delete it", async () => {
    const namespace = await ns("timeout");
    // a source no provisioner serves stays Pending: the clone (forced past the warning) waits for it
    await createPvc(c.core, namespace, "data", { size: "1Mi", storageClassName: "other-driver" });
    const run = await cli(["pvc", "data", "copy", "-n", namespace, "--force", "--storage-class", "other-driver", "--timeout", "6s"], sb.kubeconfigPath);
    expect(run.stderr).toContain("warning: source data is Pending: the clone stays Pending until it is Bound");
    expect(run.stderr).toContain(`timed out after 6s: clone ${namespace}/copy is still Pending`);
    expect(run.stderr).toContain(`delete it with: kubectl delete pvc -n ${namespace} copy`);
    expect(run.status).toBe(1);
    expect((await c.core.readNamespacedPersistentVolumeClaim({ namespace, name: "copy" })).status?.phase).toBe("Pending");
  });

  it("on Ctrl-C while waiting, stops and says what exists", async () => {
    const namespace = await ns("sigint");
    await createPvc(c.core, namespace, "data", { size: "1Mi", storageClassName: "other-driver" });
    let sent = false;
    const run = await cli(["pvc", "data", "copy", "-n", namespace, "--force", "--storage-class", "other-driver", "--timeout", "60s"], sb.kubeconfigPath, {
      onStderr: (chunk, kill) => {
        if (!sent && chunk.includes("created in")) {
          sent = true;
          setTimeout(() => kill("SIGINT"), 500);
        }
      },
    });
    expect(sent).toBe(true);
    expect(run.stderr).toContain(`interrupted: clone ${namespace}/copy was created and is still Pending; it goes on binding without us. Delete it with: kubectl delete pvc -n ${namespace} copy`);
    expect(run.status).toBe(130);
  });
});

describe("kubectl clone check, list, prune", () => {
  it("check passes for a healthy source and fails for a user who may not create claims", async () => {
    const namespace = await ns("check");
    await boundSource(namespace);
    const ok = await cli(["check", "data", "-n", namespace], sb.kubeconfigPath);
    expect(ok.stdout).toMatch(/^pass {2}source exists/m);
    expect(ok.stdout).toMatch(/^pass {2}driver can clone +hostpath\.csi\.k8s\.io/m);
    expect(ok.stdout).toMatch(/^pass {2}apiserver accepts the clone/m);
    expect(ok.status).toBe(0);
    const denied = await cli(["check", "data", "-n", namespace, "-o", "json"], sb.restrictedKubeconfigPath);
    const report = JSON.parse(denied.stdout) as { checks: { check: string; status: string; detail: string }[]; ok: boolean };
    expect(report.ok).toBe(false);
    expect(report.checks.find((item) => item.check === "permission")).toMatchObject({ status: "fail" });
    expect(denied.status).toBe(1);
    expect(realWrites(auditEvents(sb.auditLogPath, { ours: true, namespace }))).toEqual([]);
  });

  it("list shows clones with their source, --tree shows lineage, prune deletes only ours", async () => {
    const namespace = await ns("lineage");
    await boundSource(namespace);
    expect((await cli(["pvc", "data", "a", "-n", namespace], sb.kubeconfigPath)).status).toBe(0);
    expect((await cli(["pvc", "a", "b", "-n", namespace], sb.kubeconfigPath)).status).toBe(0);
    // a clone made by hand, not by kubectl-clone
    await createPvc(c.core, namespace, "manual", { size: "2Mi", storageClassName: "csi-hostpath", dataSource: { kind: "PersistentVolumeClaim", name: "data" } });
    await waitBound(c.core, namespace, "manual");
    const list = await cli(["list", "-n", namespace, "-o", "json"], sb.kubeconfigPath);
    const rows = (JSON.parse(list.stdout) as { clones: { name: string; source: string; status: string; managed: boolean }[] }).clones;
    expect(rows.map((r) => [r.name, r.source, r.status, r.managed]).sort()).toEqual([
      ["a", `${namespace}/data`, "Bound", true],
      ["b", `${namespace}/a`, "Bound", true],
      ["manual", `${namespace}/data`, "Bound", false],
    ]);
    const tree = await cli(["list", "-n", namespace, "--tree"], sb.kubeconfigPath);
    expect(tree.stdout).toMatch(/^data +Bound[^\n]*\n(├|└)── a +Bound[^\n]*\n(│ {3}| {4})└── b +Bound/m);
    const dry = await cli(["prune", "-n", namespace, "--dry-run"], sb.kubeconfigPath);
    expect(dry.stdout).toContain("would delete 2 clones (dry run, nothing deleted)");
    const refused = await cli(["prune", "-n", namespace], sb.kubeconfigPath);
    expect(refused.stderr).toContain("nothing deleted: not a terminal, pass --yes to delete without asking");
    expect(refused.status).toBe(2);
    const pruned = await cli(["prune", "-n", namespace, "--yes"], sb.kubeconfigPath);
    expect(pruned.status).toBe(0);
    const left = await c.core.listNamespacedPersistentVolumeClaim({ namespace });
    expect(left.items.filter((p) => !p.metadata?.deletionTimestamp).map((p) => p.metadata?.name).sort()).toEqual(["data", "manual"]);
  });
});

describe("kubectl clone lint --cluster", () => {
  it("checks clones in files against their sources as the cluster has them", async () => {
    const namespace = await ns("lint");
    await boundSource(namespace, "data", "2Mi");
    const dir = mkdtempSync(join(tmpdir(), "lint-cluster-"));
    const file = join(dir, "clones.yaml");
    writeFileSync(file, `apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: small}
spec:
  accessModes: [ReadWriteOnce]
  storageClassName: csi-hostpath
  resources: {requests: {storage: 1Mi}}
  dataSource: {kind: PersistentVolumeClaim, name: data}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: orphan}
spec:
  accessModes: [ReadWriteOnce]
  storageClassName: csi-hostpath
  resources: {requests: {storage: 1Mi}}
  dataSource: {kind: PersistentVolumeClaim, name: gone}
`);
    const offline = await cli(["lint", "-o", "json", file], sb.kubeconfigPath);
    expect(JSON.parse(offline.stdout).findings.map((f: { ruleId: string; severity: string }) => `${f.ruleId}:${f.severity}`)).toEqual(["source-not-found:info"]); // one note per file (issue 14), not one per claim
    const live = await cli(["lint", "--cluster", "-n", namespace, "-o", "json", file], sb.kubeconfigPath);
    const findings = JSON.parse(live.stdout).findings as { ruleId: string; severity: string; line: number; message: string }[];
    expect(findings.map((f) => `${f.line} ${f.ruleId}:${f.severity}`)).toEqual(["7 clone-smaller-than-source:error", "17 source-not-found:error"]);
    expect(findings[0]!.message).toContain("requested 1048576 but source is 2097152");
    expect(findings[1]!.message).toContain(`source gone does not exist in namespace ${namespace}`);
    expect(live.status).toBe(1);
    expect(realWrites(auditEvents(sb.auditLogPath, { ours: true, namespace }))).toEqual([]);
  });
});
