// Cross-namespace cloning on a sandbox started with CrossNamespaceVolumeDataSource=true
// (apiserver, controller-manager, csi-provisioner) and the Gateway API ReferenceGrant CRD.
import { beforeAll, describe, expect, inject, it } from "vitest";
import { listVolumeFiles, readVolumeFile, writeVolumeFile } from "../../sandbox/src/volumes.js";
import { createPvc, sandboxScope, waitBound, waitForEvent, type Clients } from "../support/k8s.js";

const sb = inject("sandbox");
const scope = sandboxScope(sb.kubeconfigPath);
const ns = scope.ns;
let c: Clients;
beforeAll(() => {
  c = scope.clients();
});

async function referenceGrant(namespace: string, fromNamespace: string): Promise<void> {
  await c.custom.createNamespacedCustomObject({
    group: "gateway.networking.k8s.io",
    version: "v1beta1",
    namespace,
    plural: "referencegrants",
    body: {
      apiVersion: "gateway.networking.k8s.io/v1beta1",
      kind: "ReferenceGrant",
      metadata: { name: "allow-clones" },
      spec: {
        from: [{ group: "", kind: "PersistentVolumeClaim", namespace: fromNamespace }],
        to: [{ group: "", kind: "PersistentVolumeClaim" }],
      },
    },
  });
}

async function crossNamespaceClone(namespace: string, name: string, sourceNamespace: string) {
  return c.core.createNamespacedPersistentVolumeClaim({
    namespace,
    body: {
      metadata: { name },
      spec: {
        accessModes: ["ReadWriteOnce"],
        resources: { requests: { storage: "2Mi" } },
        storageClassName: "csi-hostpath",
        dataSourceRef: { kind: "PersistentVolumeClaim", name: "src", namespace: sourceNamespace },
      },
    },
  });
}

describe("cross-namespace profile", () => {
  it("runs with the gate on", () => {
    expect(sb.crossNamespace).toBe(true);
  });

  it("clones from another namespace when a ReferenceGrant in the source namespace allows it", async () => {
    const src = await ns("xns-src");
    const dst = await ns("xns-dst");
    await createPvc(c.core, src, "src", { size: "2Mi", storageClassName: "csi-hostpath" });
    const srcPv = (await waitBound(c.core, src, "src")).spec.volumeName;
    await writeVolumeFile(sb, srcPv, "shared.txt", "across namespaces\n");
    await referenceGrant(src, dst);

    const created = await crossNamespaceClone(dst, "clone", src);
    // With the gate on the apiserver keeps dataSourceRef.namespace and leaves dataSource empty.
    expect(created.spec?.dataSourceRef).toMatchObject({ kind: "PersistentVolumeClaim", name: "src", namespace: src });
    expect(created.spec?.dataSource).toBeUndefined();

    const clone = await waitBound(c.core, dst, "clone");
    expect(await listVolumeFiles(sb, clone.spec.volumeName)).toEqual(["shared.txt"]);
    expect((await readVolumeFile(sb, clone.spec.volumeName, "shared.txt")).toString()).toBe("across namespaces\n");
  });

  it("refuses a cross-namespace clone without a ReferenceGrant (P15)", async () => {
    const src = await ns("xns-src");
    const dst = await ns("xns-dst");
    await createPvc(c.core, src, "src", { size: "2Mi", storageClassName: "csi-hostpath" });
    await waitBound(c.core, src, "src");
    await crossNamespaceClone(dst, "clone", src);
    const ev = await waitForEvent(c.core, dst, "clone", `accessing ${src}/src of PersistentVolumeClaim dataSource from ${dst}/clone isn't allowed`);
    expect(ev.reason).toBe("ProvisioningFailed");
    const pvc = await c.core.readNamespacedPersistentVolumeClaim({ namespace: dst, name: "clone" });
    expect(pvc.status?.phase).toBe("Pending");
  });
});
