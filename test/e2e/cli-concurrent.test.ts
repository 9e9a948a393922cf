// Issue 15 item 14: clones started together (a script, a CI matrix) must not collide on their
// default names; an explicit NAME that exists stays a clear refusal.
import { describe, expect, inject, it, beforeAll } from "vitest";
import { cli } from "./support/cli.js";
import { createPvc, sandboxScope, waitBound, type Clients } from "./support/k8s.js";

const sb = inject("sandbox");
const scope = sandboxScope(sb.kubeconfigPath);
let c: Clients;
beforeAll(() => {
  c = scope.clients();
});

describe("clones started together", () => {
  it("five default-named clones of one source in the same second all bind, each under its own name", async () => {
    const namespace = await scope.ns("c1");
    await createPvc(c.core, namespace, "data", { size: "1Mi", storageClassName: "csi-hostpath" });
    await waitBound(c.core, namespace, "data");
    const runs = await Promise.all(Array.from({ length: 5 }, () => cli(["pvc", "data", "-n", namespace, "-o", "name"], sb.kubeconfigPath)));
    expect(runs.map((run) => run.status)).toEqual([0, 0, 0, 0, 0]);
    const names = runs.map((run) => run.stdout.trim());
    for (const name of names) expect(name).toMatch(/^persistentvolumeclaim\/data-clone-\d{14}-[b-z2-9]{5}$/);
    expect(new Set(names).size).toBe(5);
  });

  it("twenty explicitly named clones in parallel all bind", async () => {
    const namespace = await scope.ns("c20");
    await createPvc(c.core, namespace, "data", { size: "1Mi", storageClassName: "csi-hostpath" });
    await waitBound(c.core, namespace, "data");
    const runs = await Promise.all(Array.from({ length: 20 }, (_, i) => cli(["pvc", "data", `copy-${i}`, "-n", namespace, "-o", "name"], sb.kubeconfigPath, { timeoutMs: 170_000 })));
    expect(runs.map((run) => `${run.status} ${run.stdout.trim()}`)).toEqual(Array.from({ length: 20 }, (_, i) => `0 persistentvolumeclaim/copy-${i}`));
  });

  it("an explicit name that exists is refused by the apiserver's dry run, before any write", async () => {
    const namespace = await scope.ns("exists");
    await createPvc(c.core, namespace, "data", { size: "1Mi", storageClassName: "csi-hostpath" });
    await waitBound(c.core, namespace, "data");
    expect((await cli(["pvc", "data", "copy", "-n", namespace], sb.kubeconfigPath)).status).toBe(0);
    const again = await cli(["pvc", "data", "copy", "-n", namespace], sb.kubeconfigPath);
    expect(again.stderr).toContain(`persistentvolumeclaims "copy" already exists`);
    expect(again.status).toBe(2);
  });
});
