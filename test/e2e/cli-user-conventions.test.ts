// What a new user hit on the sandbox (issue 15), for list, prune, lint --cluster and completion:
// -l selects, prune's --dry-run modes, kept snapshots stay kept, what a user may not read is
// "unknown" (never pass or fail), and completion answers from the cluster.
import { AppsV1Api, KubeConfig } from "@kubernetes/client-node";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { ClusterClient, readSourceFacts } from "@kubectl-clone/core/cluster";
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

async function boundSource(namespace: string, name = "data") {
  await createPvc(c.core, namespace, name, { size: "1Mi", storageClassName: "csi-hostpath" });
  await waitBound(c.core, namespace, name);
}

const claimsIn = async (namespace: string) =>
  (await c.core.listNamespacedPersistentVolumeClaim({ namespace })).items.filter((p) => !p.metadata?.deletionTimestamp).map((p) => p.metadata?.name).sort();
const snapshotsIn = async (namespace: string) =>
  ((await c.custom.listNamespacedCustomObject({ group: "snapshot.storage.k8s.io", version: "v1", namespace, plural: "volumesnapshots" })) as { items: { metadata: { name: string; deletionTimestamp?: string } }[] })
    .items.filter((s) => !s.metadata.deletionTimestamp).map((s) => s.metadata.name).sort();

describe("list and prune: -l selects, --dry-run=none|client|server", () => {
  it("-l selects the clones list shows and prune deletes; --dry-run=server asks the apiserver and deletes nothing", async () => {
    const namespace = await ns("select");
    await boundSource(namespace);
    expect((await cli(["pvc", "data", "keep-me", "-n", namespace, "--label", "purpose=keep"], sb.kubeconfigPath)).status).toBe(0);
    expect((await cli(["pvc", "data", "debug-me", "-n", namespace, "--label", "purpose=debug"], sb.kubeconfigPath)).status).toBe(0);

    const listed = await cli(["list", "-n", namespace, "-l", "purpose=debug", "-o", "name"], sb.kubeconfigPath);
    expect(listed.stdout).toBe("persistentvolumeclaim/debug-me\n");
    expect((await cli(["list", "-n", namespace, "--selector", "purpose!=debug", "-o", "name"], sb.kubeconfigPath)).stdout).toBe("persistentvolumeclaim/keep-me\n");

    const client = await cli(["prune", "-n", namespace, "-l", "purpose=debug", "--dry-run=client"], sb.kubeconfigPath);
    expect(client.stdout).toMatch(new RegExp(`^would delete 1 clone \\(dry run, nothing deleted\\):\\n  ${namespace}/debug-me  \\(clone of ${namespace}/data, Bound, 1Mi, age \\d+s\\)\\n$`));
    const server = await cli(["prune", "-n", namespace, "-l", "purpose=debug", "--dry-run=server"], sb.kubeconfigPath);
    expect(server.stdout).toBe(`persistentvolumeclaim/debug-me deleted (${namespace}) (server dry run)\n`);
    expect(server.status).toBe(0);
    expect(await claimsIn(namespace)).toEqual(["data", "debug-me", "keep-me"]);
    const deletes = auditEvents(sb.auditLogPath, { ours: true, namespace }).filter((e) => e.verb === "delete");
    expect(deletes.map((e) => [e.objectRef?.name, /dryRun=All/.test(e.requestURI)])).toEqual([["debug-me", true]]);

    const pruned = await cli(["prune", "-n", namespace, "-l", "purpose=debug", "--yes"], sb.kubeconfigPath);
    expect(pruned.stdout).toBe(`persistentvolumeclaim/debug-me deleted (${namespace})\n`);
    expect(await claimsIn(namespace)).toEqual(["data", "keep-me"]);
  });

  it("--older-than 2w is a duration like --ttl 2w", async () => {
    const namespace = await ns("older");
    await boundSource(namespace);
    expect((await cli(["pvc", "data", "young", "-n", namespace], sb.kubeconfigPath)).status).toBe(0);
    const run = await cli(["prune", "-n", namespace, "--older-than", "2w", "--yes"], sb.kubeconfigPath);
    expect(run.stdout).toBe(`nothing to prune in namespace ${namespace} older than 2w\n`);
    expect(run.status).toBe(0);
    expect(await claimsIn(namespace)).toEqual(["data", "young"]);
  });
});

describe("prune never deletes a snapshot kept with --keep-snapshot unless asked", () => {
  it("keeps it when it selects no clone and when its clone is Bound; --include-kept-snapshots deletes it", async () => {
    const namespace = await ns("kept");
    await boundSource(namespace);
    const made = await cli(["pvc", "data", "copy", "-n", namespace, "--strategy", "snapshot", "--keep-snapshot"], sb.kubeconfigPath);
    expect(made.status).toBe(0);
    expect(await snapshotsIn(namespace)).toEqual(["copy-snapshot"]);

    // selects no clone at all
    const none = await cli(["prune", "-n", namespace, "-l", "purpose=nothing", "--yes"], sb.kubeconfigPath);
    expect(none.stdout).toBe(`nothing to prune in namespace ${namespace}\n`);
    expect(none.stderr).toBe(`keeping volumesnapshot/copy-snapshot (${namespace}): made with --keep-snapshot (--include-kept-snapshots deletes it)\n`);
    // selects its clone
    const withClone = await cli(["prune", "-n", namespace, "--yes"], sb.kubeconfigPath);
    expect(withClone.stdout).toBe(`persistentvolumeclaim/copy deleted (${namespace})\n`);
    expect(await snapshotsIn(namespace)).toEqual(["copy-snapshot"]);

    const asked = await cli(["prune", "-n", namespace, "--include-kept-snapshots", "--yes"], sb.kubeconfigPath);
    expect(asked.stdout).toBe(`volumesnapshot/copy-snapshot (${namespace}) deleted\n`);
    expect(await snapshotsIn(namespace)).toEqual([]);
    expect(realWrites(auditEvents(sb.auditLogPath, { ours: true, namespace })).filter((e) => e.verb === "delete").map((e) => `${e.objectRef?.resource}/${e.objectRef?.name}`))
      .toEqual(["persistentvolumeclaims/copy", "volumesnapshots/copy-snapshot"]);
  });
});

/** A kubeconfig for a fresh ServiceAccount with no RBAC at all: it may ask, but read nothing. */
async function nobodyKubeconfig(namespace: string): Promise<string> {
  await c.core.createNamespacedServiceAccount({ namespace, body: { metadata: { name: "nobody" } } });
  const token = await c.core.createNamespacedServiceAccountToken({ namespace, name: "nobody", body: { spec: { audiences: [], expirationSeconds: 3600 } } });
  const file = join(mkdtempSync(join(tmpdir(), "nobody-")), "kubeconfig");
  writeFileSync(file, `apiVersion: v1
kind: Config
clusters: [{name: sandbox, cluster: {server: "${sb.server}", insecure-skip-tls-verify: true}}]
users: [{name: nobody, user: {token: "${token.status?.token}"}}]
contexts: [{name: nobody, context: {cluster: sandbox, user: nobody, namespace: ${namespace}}}]
current-context: nobody
`);
  return file;
}

describe("what a user may not read is unknown, never pass or fail", () => {
  it("readSourceFacts names each unread fact as 'forbidden: <request>' (the restricted user: no pods, no CSIDrivers)", async () => {
    const namespace = await ns("unknown");
    await boundSource(namespace);
    const facts = await readSourceFacts(ClusterClient.connect({ kubeconfig: sb.restrictedKubeconfigPath }), namespace, "data");
    expect(facts.unknown).toEqual(expect.arrayContaining([
      { fact: "pods", what: `pods in ${namespace}`, reason: `forbidden: list pods in ${namespace}` },
      { fact: "csiDriver", what: "csidriver hostpath.csi.k8s.io", reason: "forbidden: get csidriver hostpath.csi.k8s.io" },
    ]));
    expect(facts.csiDriver).toBeUndefined();
    expect(facts.gaps).toContain(`pods in ${namespace} (forbidden)`);
  });

  it("lint --cluster as the restricted user: no claim that no CSIDriver exists, the unread list said to be unknown", async () => {
    const namespace = await ns("lintunknown");
    await boundSource(namespace);
    const file = join(mkdtempSync(join(tmpdir(), "lint-unknown-")), "clone.yaml");
    writeFileSync(file, `apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: copy, namespace: ${namespace}}
spec:
  accessModes: [ReadWriteOnce]
  storageClassName: csi-hostpath
  resources: {requests: {storage: 1Mi}}
  dataSource: {kind: PersistentVolumeClaim, name: data}
`);
    const run = await cli(["lint", "--cluster", file], sb.restrictedKubeconfigPath);
    expect(run.stdout).not.toMatch(/CSIDriver/);
    expect(run.stderr.split("\n").filter(Boolean).sort()).toEqual([
      "note: csidrivers: unknown (forbidden: list csidrivers); the checks that need it say unknown",
      `note: pods in ${namespace}: unknown (forbidden: list pods in ${namespace}); the checks that need it say unknown`,
    ]);
    expect(run.stdout).toBe("no problems (1 file, 1 document)\n");
    expect(run.status).toBe(0);
  });

  it("lint --cluster as a user who may read nothing: the source is unknown (info), not 'does not exist' (error)", async () => {
    const namespace = await ns("lintnobody");
    await boundSource(namespace);
    const kubeconfig = await nobodyKubeconfig(namespace);
    const file = join(mkdtempSync(join(tmpdir(), "lint-nobody-")), "clone.yaml");
    writeFileSync(file, `apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: copy}
spec:
  accessModes: [ReadWriteOnce]
  storageClassName: csi-hostpath
  resources: {requests: {storage: 1Mi}}
  dataSource: {kind: PersistentVolumeClaim, name: data}
`);
    const run = await cli(["lint", "--cluster", file], kubeconfig);
    expect(run.stdout).toMatch(new RegExp(`:8:\\d+  info  source data in namespace ${namespace}: unknown \\(forbidden: get persistentvolumeclaim ${namespace}/data\\): whether it exists and is Bound could not be read  source-not-found\n`));
    expect(run.stdout).not.toMatch(/does not exist/);
    expect(run.stderr).toContain(`note: persistentvolumeclaim ${namespace}/data: unknown (forbidden: get persistentvolumeclaim ${namespace}/data)`);
    expect(run.status).toBe(0);
  });
});

describe("completion from the cluster", () => {
  it("completes claims, namespaces, StorageClasses and workloads", async () => {
    const namespace = await ns("complete");
    await boundSource(namespace, "data");
    await boundSource(namespace, "logs");
    const kc = new KubeConfig();
    kc.loadFromFile(sb.kubeconfigPath);
    await kc.makeApiClient(AppsV1Api).createNamespacedDeployment({ namespace, body: {
      metadata: { name: "web" },
      spec: { selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "c", image: "x" }] } } },
    } });
    const complete = async (...words: string[]) => (await cli(["complete", "--", ...words], sb.kubeconfigPath)).stdout;
    expect(await complete("pvc", "-n", namespace, "")).toBe("data\nlogs\n:4\n");
    expect(await complete("check", "-n", namespace, "l")).toBe("logs\n:4\n");
    expect((await complete("pvc", "-n", namespace.slice(0, -2))).split("\n")).toContain(namespace);
    expect(await complete("pvc", "data", "-n", namespace, "--storage-class", "csi-")).toBe("csi-hostpath\ncsi-hostpath-alt\n:4\n");
    expect(await complete("workload", "-n", namespace, "deploy/")).toBe("deploy/web\n:4\n");
  });
});
