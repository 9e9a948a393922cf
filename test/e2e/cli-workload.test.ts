// Issue 5, workload clones: `kubectl clone workload deploy/NAME|sts/NAME`. The sandbox runs no
// pods (no kubelet, no scheduler), so a StatefulSet's replica claims are created here the way
// its controller would name them, and the copies are asserted as objects: names, selectors,
// claim references, and the cloned bytes on disk.
import { AppsV1Api, type V1Deployment, type V1StatefulSet } from "@kubernetes/client-node";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { readVolumeFile, writeVolumeFile } from "../sandbox/src/volumes.js";
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

async function claimWithData(namespace: string, name: string, content: string) {
  await createPvc(c.core, namespace, name, { size: "2Mi", storageClassName: "csi-hostpath" });
  const pvc = await waitBound(c.core, namespace, name);
  await writeVolumeFile(sb, pvc.spec.volumeName, "data.txt", content);
}

const container = { name: "app", image: "registry.k8s.io/pause:3.10", volumeMounts: [{ name: "data", mountPath: "/data" }] };

describe("kubectl clone workload", () => {
  it("a Deployment: clones its claim, prints a copy that mounts the clone and selects none of the original's pods", async () => {
    const namespace = await ns("wl-deploy");
    await claimWithData(namespace, "web-data", "web\n");
    await apps.createNamespacedDeployment({ namespace, body: {
      metadata: { name: "web", labels: { app: "web" } },
      spec: { replicas: 1, selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web", tier: "front" } }, spec: { containers: [container], volumes: [{ name: "data", persistentVolumeClaim: { claimName: "web-data" } }] } } },
    } });
    const run = await cli(["workload", "deploy/web", "-n", namespace, "-o", "json"], sb.kubeconfigPath);
    expect(run.stderr).toContain("cloned 1 claim; the deployment copy above mounts them");
    expect(run.status).toBe(0);
    const copy = JSON.parse(run.stdout) as V1Deployment;
    expect(copy.metadata).toMatchObject({ name: "web-clone", labels: { app: "web-clone" }, annotations: { "kubectl-clone.io/clone-of": "deployment/web" } });
    expect(copy.metadata?.uid).toBeUndefined();
    expect(copy.status).toBeUndefined();
    expect(copy.spec?.selector).toEqual({ matchLabels: { app: "web-clone" } });
    expect(copy.spec?.template.metadata?.labels).toEqual({ app: "web-clone", tier: "front" });
    expect(copy.spec?.template.spec?.volumes).toEqual([{ name: "data", persistentVolumeClaim: { claimName: "web-data-clone" } }]);
    const clone = await c.core.readNamespacedPersistentVolumeClaim({ namespace, name: "web-data-clone" });
    expect(clone.status?.phase).toBe("Bound");
    expect(clone.metadata?.labels?.["kubectl-clone.io/workload"]).toBe("web-clone");
    expect(String(await readVolumeFile(sb, clone.spec!.volumeName!, "data.txt"))).toBe("web\n");
    // not applied: only the original exists
    expect((await apps.listNamespacedDeployment({ namespace })).items.map((d) => d.metadata?.name)).toEqual(["web"]);
  });

  it("a StatefulSet with two replicas: clones every replica's claim under the copy's names, --apply creates the copy", async () => {
    const namespace = await ns("wl-sts");
    await claimWithData(namespace, "data-db-0", "replica 0\n");
    await claimWithData(namespace, "data-db-1", "replica 1\n");
    await apps.createNamespacedStatefulSet({ namespace, body: {
      metadata: { name: "db", labels: { app: "db" } },
      spec: {
        replicas: 2, serviceName: "db", selector: { matchLabels: { app: "db" } },
        template: { metadata: { labels: { app: "db" } }, spec: { containers: [container] } },
        volumeClaimTemplates: [{ metadata: { name: "data" }, spec: { accessModes: ["ReadWriteOnce"], storageClassName: "csi-hostpath", resources: { requests: { storage: "2Mi" } } } }],
      },
    } });
    const run = await cli(["workload", "sts/db", "-n", namespace, "--apply"], sb.kubeconfigPath);
    expect(run.stdout).toBe(`statefulset/db-clone created in ${namespace}, mounting data-db-clone-0, data-db-clone-1\n`);
    expect(run.status).toBe(0);
    for (const ordinal of [0, 1]) {
      const clone = await c.core.readNamespacedPersistentVolumeClaim({ namespace, name: `data-db-clone-${ordinal}` });
      expect(clone.status?.phase).toBe("Bound");
      expect(clone.metadata?.annotations?.["kubectl-clone.io/source"]).toBe(`${namespace}/data-db-${ordinal}`);
      expect(String(await readVolumeFile(sb, clone.spec!.volumeName!, "data.txt"))).toBe(`replica ${ordinal}\n`);
    }
    const copy: V1StatefulSet = await apps.readNamespacedStatefulSet({ namespace, name: "db-clone" });
    expect(copy.spec?.selector).toEqual({ matchLabels: { app: "db-clone" } });
    expect(copy.spec?.template.metadata?.labels).toEqual({ app: "db-clone" });
    expect(copy.spec?.replicas).toBe(2);
    // the StatefulSet controller names replica claims <template>-<statefulset>-<ordinal>: these are the clones
    expect(copy.spec?.volumeClaimTemplates?.map((t) => t.metadata?.name)).toEqual(["data"]);
    const original = await apps.readNamespacedStatefulSet({ namespace, name: "db" });
    expect(original.spec?.selector).toEqual({ matchLabels: { app: "db" } });
  });

  it("refuses before writing when a claim cannot be cloned", async () => {
    const namespace = await ns("wl-refuse");
    await apps.createNamespacedDeployment({ namespace, body: {
      metadata: { name: "web" },
      spec: { selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [container], volumes: [{ name: "data", persistentVolumeClaim: { claimName: "missing" } }] } } },
    } });
    const run = await cli(["workload", "deploy/web", "-n", namespace], sb.kubeconfigPath);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`persistentvolumeclaim "missing" not found in namespace ${namespace}`);
    expect((await c.core.listNamespacedPersistentVolumeClaim({ namespace })).items).toEqual([]);
  });
});
