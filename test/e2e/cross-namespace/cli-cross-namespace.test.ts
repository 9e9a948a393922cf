// Issue 5, cross-namespace: `kubectl clone pvc SOURCE -n SRC --to-namespace DST` on a sandbox with
// CrossNamespaceVolumeDataSource on: a least-privilege ReferenceGrant in the source namespace,
// a dataSourceRef clone that binds with the data, the upstream refusal without a grant, and
// `prune` removing the grant once its clone is Bound (never a grant someone else made).
import { beforeAll, describe, expect, inject, it } from "vitest";
import { readVolumeFile, writeVolumeFile } from "../../sandbox/src/volumes.js";
import { auditEvents, realWrites } from "../support/audit.js";
import { cli } from "../support/cli.js";
import { createPvc, sandboxScope, waitBound, type Clients } from "../support/k8s.js";

const sb = inject("sandbox");
const scope = sandboxScope(sb.kubeconfigPath);
const ns = scope.ns;
let c: Clients;
beforeAll(() => {
  c = scope.clients();
});

const gateway = { group: "gateway.networking.k8s.io", version: "v1beta1", plural: "referencegrants" } as const;
type Grant = { metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> }; spec: unknown };
const grants = async (namespace: string) => ((await c.custom.listNamespacedCustomObject({ ...gateway, namespace })) as { items: Grant[] }).items;

async function boundSource(namespace: string) {
  await createPvc(c.core, namespace, "data", { size: "2Mi", storageClassName: "csi-hostpath" });
  const pvc = await waitBound(c.core, namespace, "data");
  await writeVolumeFile(sb, pvc.spec.volumeName, "orders.db", "across namespaces\n");
}

describe("kubectl clone pvc --to-namespace (gate on)", () => {
  it("creates a least-privilege ReferenceGrant in the source namespace and a dataSourceRef clone that binds with the data", async () => {
    const src = await ns("xcli-src");
    const dst = await ns("xcli-dst");
    await boundSource(src);
    const run = await cli(["pvc", "data", "copy", "-n", src, "--to-namespace", dst], sb.kubeconfigPath);
    expect(run.stderr).toContain(`referencegrant/clone-${dst}-copy created in ${src} (from PersistentVolumeClaims in ${dst} to data)`);
    expect(run.stdout).toContain(`clone ${dst}/copy is Bound`);
    expect(run.status).toBe(0);
    const [grant, ...more] = await grants(src);
    expect(more).toEqual([]);
    expect(grant!.spec).toEqual({
      from: [{ group: "", kind: "PersistentVolumeClaim", namespace: dst }],
      to: [{ group: "", kind: "PersistentVolumeClaim", name: "data" }],
    });
    expect(grant!.metadata.annotations?.["kubectl-clone.io/made-for"]).toBe(`${dst}/copy`);
    const clone = await c.core.readNamespacedPersistentVolumeClaim({ namespace: dst, name: "copy" });
    expect(clone.spec?.dataSourceRef).toMatchObject({ kind: "PersistentVolumeClaim", name: "data", namespace: src });
    expect(String(await readVolumeFile(sb, clone.spec!.volumeName!, "orders.db"))).toBe("across namespaces\n");
    // the permission checks covered both namespaces before anything was written
    const reviews = auditEvents(sb.auditLogPath, { ours: true }).filter((e) => e.objectRef?.resource === "selfsubjectaccessreviews");
    expect(reviews.length).toBeGreaterThan(0);
    expect(realWrites(auditEvents(sb.auditLogPath, { ours: true, namespace: src })).map((e) => `${e.verb} ${e.objectRef?.resource}`)).toEqual(["create referencegrants"]);

    // prune: the grant is no longer needed once its clone is Bound; a grant made by hand stays
    await c.custom.createNamespacedCustomObject({
      ...gateway, namespace: src,
      body: { apiVersion: "gateway.networking.k8s.io/v1beta1", kind: "ReferenceGrant", metadata: { name: "by-hand" }, spec: { from: [{ group: "", kind: "PersistentVolumeClaim", namespace: dst }], to: [{ group: "", kind: "PersistentVolumeClaim" }] } },
    });
    const pruned = await cli(["prune", "-n", src, "--yes"], sb.kubeconfigPath);
    expect(pruned.stdout).toContain(`referencegrant/clone-${dst}-copy (${src}) deleted`);
    expect(pruned.status).toBe(0);
    expect((await grants(src)).map((g) => g.metadata.name)).toEqual(["by-hand"]);
    expect((await c.core.readNamespacedPersistentVolumeClaim({ namespace: dst, name: "copy" })).status?.phase).toBe("Bound");
  });

  it("--no-grant without a grant that allows it: refused before writing, with the upstream reason", async () => {
    const src = await ns("xcli-src");
    const dst = await ns("xcli-dst");
    await boundSource(src);
    const run = await cli(["pvc", "data", "copy", "-n", src, "--to-namespace", dst, "--no-grant"], sb.kubeconfigPath);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`accessing ${src}/data of PersistentVolumeClaim dataSource from ${dst}/copy isn't allowed`);
    expect(run.stderr).toContain(`refusing to clone ${src}/data`);
    expect(realWrites(auditEvents(sb.auditLogPath, { ours: true, namespace: src }))).toEqual([]);
    expect(realWrites(auditEvents(sb.auditLogPath, { ours: true, namespace: dst }))).toEqual([]);
  });

  it("checks permissions in both namespaces: a user who may not create grants in the source namespace is refused, nothing written", async () => {
    const src = await ns("xcli-src");
    const dst = await ns("xcli-dst");
    await boundSource(src);
    const run = await cli(["pvc", "data", "copy", "-n", src, "--to-namespace", dst], sb.restrictedKubeconfigPath);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`you may not create persistentvolumeclaims in namespace ${dst}`);
    expect(run.stderr).toContain(`you may not create referencegrants.gateway.networking.k8s.io in namespace ${src}`);
    expect(await grants(src)).toEqual([]);
  });
});
