// Issue 14 item 3, CSI migration, on the sandbox's real kube-controller-manager (v1.34): a claim
// with a data source whose class names an in-tree plugin that Kubernetes migrates to CSI
// (kubernetes.io/gce-pd) is handed to that CSI driver (ExternalProvisioning, the
// storage-provisioner annotation names pd.csi.storage.gke.io); one whose class names a plugin that
// is not migrated (kubernetes.io/host-path) is refused ("not a CSI plugin"). `kubectl clone lint`
// says the same: in-tree-provisioner only for the second, and the first is checked as a
// pd.csi.storage.gke.io class (which is not the source's driver here, so it stays Pending).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { StorageV1Api } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { cli } from "./support/cli.js";
import { createPvc, events, sandboxScope, waitBound, waitFor, waitForEvent, type Clients } from "./support/k8s.js";

const sb = inject("sandbox");
const scope = sandboxScope(sb.kubeconfigPath);
const ns = scope.ns;
let c: Clients;
let storage: StorageV1Api;
// cluster-scoped: a name of this run's own, removed after the file
const migratedClass = `gce-pd-migrated-${process.pid}`;
const dir = mkdtempSync(join(tmpdir(), "kubectl-clone-csi-migration-"));

beforeAll(async () => {
  c = scope.clients();
  storage = c.kc.makeApiClient(StorageV1Api);
  await storage.createStorageClass({
    body: {
      apiVersion: "storage.k8s.io/v1",
      kind: "StorageClass",
      metadata: { name: migratedClass },
      provisioner: "kubernetes.io/gce-pd",
      volumeBindingMode: "Immediate",
    },
  });
});
afterAll(async () => {
  await storage?.deleteStorageClass({ name: migratedClass }).catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

const clone = (name: string, storageClassName: string, namespace: string) =>
  `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\nspec:\n  accessModes: [ReadWriteOnce]\n` +
  `  storageClassName: ${storageClassName}\n  resources:\n    requests:\n      storage: 2Mi\n  dataSource:\n    kind: PersistentVolumeClaim\n    name: src\n`;

describe("CSI migration: what the controller-manager does with an in-tree class", () => {
  it("hands a migrated plugin's claim to its CSI driver and refuses a plugin that is not migrated; lint agrees", async () => {
    const n = await ns("csimig");
    await createPvc(c.core, n, "src", { size: "2Mi", storageClassName: "csi-hostpath" });
    await waitBound(c.core, n, "src");

    await createPvc(c.core, n, "migrated", { size: "2Mi", storageClassName: migratedClass, dataSource: { kind: "PersistentVolumeClaim", name: "src" } });
    await createPvc(c.core, n, "legacy", { size: "2Mi", storageClassName: "in-tree", dataSource: { kind: "PersistentVolumeClaim", name: "src" } });

    const external = await waitForEvent(c.core, n, "migrated", "Waiting for a volume to be created");
    expect(external.reason).toBe("ExternalProvisioning");
    expect(external.message).toBe(
      "Waiting for a volume to be created either by the external provisioner 'pd.csi.storage.gke.io' or manually by the system administrator. " +
        "If volume creation is delayed, please verify that the provisioner is running and correctly registered.",
    );
    const annotated = await waitFor("the storage-provisioner annotation on migrated", async () => {
      const pvc = await c.core.readNamespacedPersistentVolumeClaim({ namespace: n, name: "migrated" });
      return pvc.metadata?.annotations?.["volume.kubernetes.io/storage-provisioner"] ? pvc : undefined;
    });
    expect(annotated.metadata?.annotations?.["volume.kubernetes.io/storage-provisioner"]).toBe("pd.csi.storage.gke.io");
    expect(annotated.metadata?.annotations?.["volume.beta.kubernetes.io/storage-provisioner"]).toBe("pd.csi.storage.gke.io");
    expect(annotated.status?.phase).toBe("Pending");

    const refused = await waitForEvent(c.core, n, "legacy", "is not a CSI plugin");
    expect(refused.reason).toBe("ProvisioningFailed");
    expect(refused.message).toBe('plugin "kubernetes.io/host-path" is not a CSI plugin. Only CSI plugin can provision a claim with a datasource');
    // the migrated claim was never refused that way
    expect((await events(c.core, n, "migrated")).filter((e) => (e.message ?? "").includes("is not a CSI plugin"))).toEqual([]);

    // the linter, offline, on the same objects as the cluster holds them
    const bundle = [
      `apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: ${migratedClass}\nprovisioner: kubernetes.io/gce-pd\n`,
      "apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: in-tree\nprovisioner: kubernetes.io/host-path\n",
      "apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: csi-hostpath\nprovisioner: hostpath.csi.k8s.io\n",
      `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: src\n  namespace: ${n}\nspec:\n  accessModes: [ReadWriteOnce]\n  storageClassName: csi-hostpath\n  resources:\n    requests:\n      storage: 2Mi\nstatus:\n  phase: Bound\n`,
      clone("migrated", migratedClass, n),
      clone("legacy", "in-tree", n),
    ].join("---\n");
    const file = join(dir, "clones.yaml");
    writeFileSync(file, bundle);
    const run = await cli(["lint", "-o", "json", file], sb.kubeconfigPath);
    const findings = (JSON.parse(run.stdout) as { findings: { ruleId: string; severity: string; message: string; line: number }[] }).findings;
    // each clone's findings sit on its storageClassName line
    const lineOf = (text: string) => bundle.slice(0, bundle.indexOf(text)).split("\n").length;
    const about = (storageClassName: string) =>
      findings.filter((f) => f.line === lineOf(`  storageClassName: ${storageClassName}\n  resources`)).map((f) => `${f.severity} ${f.ruleId}`);
    expect(about("in-tree")).toEqual(["error csi-driver-mismatch", "warning in-tree-provisioner"]);
    expect(about(migratedClass)).toEqual(["error csi-driver-mismatch"]);
    expect(findings.find((f) => f.line === lineOf(`  storageClassName: ${migratedClass}\n  resources`))!.message).toContain(
      `StorageClass ${migratedClass} is provisioned by pd.csi.storage.gke.io (kubernetes.io/gce-pd, migrated to CSI)`,
    );
    expect(run.status).toBe(1);
  });
});
