// Issue 5, consistency: `--quiesce=scale` scales the Deployment whose pod mounts the source to 0,
// clones, and restores the count; an interrupted run (SIGKILL) is recovered by the printed
// `kubectl clone resume` command. The sandbox runs no ReplicaSet controller, so the test plays
// its part: the Pod -> ReplicaSet -> Deployment chain is created as objects, and the pod is
// deleted when the CLI scales the Deployment to 0.
import { AppsV1Api } from "@kubernetes/client-node";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { readVolumeFile, writeVolumeFile } from "../sandbox/src/volumes.js";
import { auditEvents, realWrites } from "./support/audit.js";
import { cli } from "./support/cli.js";
import { createPvc, sandboxScope, waitBound, type Clients } from "./support/k8s.js";

const sb = inject("sandbox");
const scope = sandboxScope(sb.kubeconfigPath);
const ns = scope.ns;
let c: Clients;
let apps: AppsV1Api;
beforeAll(() => {
  c = scope.clients();
  apps = c.kc.makeApiClient(AppsV1Api);
});

/** A bound source with data, Deployment web (2 replicas) and one of its pods mounting the source. */
async function deploymentUsingSource(namespace: string) {
  await createPvc(c.core, namespace, "data", { size: "2Mi", storageClassName: "csi-hostpath" });
  const pvc = await waitBound(c.core, namespace, "data");
  await writeVolumeFile(sb, pvc.spec.volumeName, "orders.db", "consistent\n");
  const template = {
    metadata: { labels: { app: "web" } },
    spec: { containers: [{ name: "app", image: "registry.k8s.io/pause:3.10" }], volumes: [{ name: "data", persistentVolumeClaim: { claimName: "data" } }] },
  };
  const deployment = await apps.createNamespacedDeployment({ namespace, body: { metadata: { name: "web" }, spec: { replicas: 2, selector: { matchLabels: { app: "web" } }, template } } });
  const replicaSet = await apps.createNamespacedReplicaSet({ namespace, body: {
    metadata: { name: "web-5d9c", ownerReferences: [{ apiVersion: "apps/v1", kind: "Deployment", name: "web", uid: deployment.metadata!.uid!, controller: true }] },
    spec: { replicas: 2, selector: { matchLabels: { app: "web" } }, template },
  } });
  await c.core.createNamespacedPod({ namespace, body: {
    metadata: { name: "web-5d9c-x1", labels: { app: "web" }, ownerReferences: [{ apiVersion: "apps/v1", kind: "ReplicaSet", name: "web-5d9c", uid: replicaSet.metadata!.uid!, controller: true }] },
    spec: template.spec,
  } });
}

const web = (namespace: string) => apps.readNamespacedDeployment({ namespace, name: "web" });

describe("kubectl clone pvc --quiesce=scale", () => {
  it("scales the owning Deployment to 0, clones once no pod mounts the source, restores the count", async () => {
    const namespace = await ns("quiesce");
    await deploymentUsingSource(namespace);
    let deleted = false;
    const run = await cli(["pvc", "data", "copy", "-n", namespace, "--quiesce=scale"], sb.kubeconfigPath, {
      onStderr: (chunk) => {
        // the ReplicaSet controller's part: the pod goes once its Deployment is scaled to 0
        if (!deleted && chunk.includes("quiesce: scaling deploy/web")) {
          deleted = true;
          void c.core.deleteNamespacedPod({ namespace, name: "web-5d9c-x1", gracePeriodSeconds: 0 });
        }
      },
    });
    expect(run.stderr).toContain(`quiesce: scaling deploy/web from 2 to 0 replicas; if this run is interrupted, restore it with: kubectl clone resume deploy/web -n ${namespace}`);
    // in use: said before anything happens
    expect(run.stderr).toMatch(/source data is mounted by Pod web-5d9c-x1\S*: the clone is a crash-consistent copy/);
    expect(run.stderr).toContain("quiesce: no pod mounts data");
    expect(run.stderr).toContain("quiesce: deploy/web restored to 2 replicas");
    expect(run.status).toBe(0);
    const restored = await web(namespace);
    expect(restored.spec?.replicas).toBe(2);
    expect(restored.metadata?.annotations?.["kubectl-clone.io/quiesced-replicas"]).toBeUndefined();
    const clone = await c.core.readNamespacedPersistentVolumeClaim({ namespace, name: "copy" });
    expect(String(await readVolumeFile(sb, clone.spec!.volumeName!, "orders.db"))).toBe("consistent\n");
    // scaled down before the clone was created, back up after it was Bound
    expect(realWrites(auditEvents(sb.auditLogPath, { ours: true, namespace })).map((e) => `${e.verb} ${e.objectRef?.resource}/${e.objectRef?.name}`)).toEqual([
      "patch deployments/web",
      "create persistentvolumeclaims/copy",
      "patch persistentvolumeclaims/copy",
      "patch deployments/web",
    ]);
  });

  it("an interrupted run leaves the count on the Deployment; the printed command restores it", async () => {
    const namespace = await ns("resume");
    await deploymentUsingSource(namespace);
    // the pod never goes: the CLI waits for it, and is killed there (no chance to clean up)
    const run = await cli(["pvc", "data", "copy", "-n", namespace, "--quiesce=scale"], sb.kubeconfigPath, {
      onStderr: (chunk, kill) => {
        if (chunk.includes("quiesce: scaling deploy/web")) setTimeout(() => kill("SIGKILL"), 300);
      },
    });
    expect(run.status).toBeNull();
    const left = await web(namespace);
    expect(left.spec?.replicas).toBe(0);
    expect(left.metadata?.annotations?.["kubectl-clone.io/quiesced-replicas"]).toBe("2");
    expect((await c.core.listNamespacedPersistentVolumeClaim({ namespace })).items.map((p) => p.metadata?.name)).toEqual(["data"]);

    // a second quiesce would lose the count: refused, pointing at the same command
    const again = await cli(["pvc", "data", "copy", "-n", namespace, "--quiesce=scale"], sb.kubeconfigPath);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain(`deploy/web was scaled to 0 by an earlier run that did not finish (it had 2 replicas): restore it first with: kubectl clone resume deploy/web -n ${namespace}`);

    const printed = /restore it with: kubectl clone (resume .*)$/m.exec(run.stderr)![1]!;
    const resumed = await cli(printed.split(" "), sb.kubeconfigPath);
    expect(resumed.stderr).toContain("quiesce: deploy/web restored to 2 replicas");
    expect(resumed.status).toBe(0);
    const back = await web(namespace);
    expect(back.spec?.replicas).toBe(2);
    expect(back.metadata?.annotations?.["kubectl-clone.io/quiesced-replicas"]).toBeUndefined();
  });
});
