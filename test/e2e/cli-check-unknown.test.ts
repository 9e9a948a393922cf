// Issue 15 item 6: what could not be read is "unknown", never a pass or a warning built on absence.
import { describe, expect, inject, it, beforeAll } from "vitest";
import { cli } from "./support/cli.js";
import { createPvc, sandboxScope, waitBound, type Clients } from "./support/k8s.js";

const sb = inject("sandbox");
const scope = sandboxScope(sb.kubeconfigPath);
let c: Clients;
beforeAll(() => {
  c = scope.clients();
});

describe("kubectl clone check as a user who may not read everything", () => {
  it("reports forbidden reads as unknown, and no verdict that needs them", async () => {
    const namespace = await scope.ns("unknown");
    await createPvc(c.core, namespace, "data", { size: "1Mi", storageClassName: "csi-hostpath" });
    await waitBound(c.core, namespace, "data");
    const run = await cli(["check", "data", "-n", namespace], sb.restrictedKubeconfigPath);
    expect(run.stdout).toMatch(new RegExp(`^unkn {2}source not in use +could not read pods in ${namespace} \\(forbidden\\)$`, "m"));
    expect(run.stdout).toMatch(/^unkn {2}CSIDriver registered +could not read csidriver hostpath\.csi\.k8s\.io \(forbidden\)$/m);
    expect(run.stdout).not.toMatch(/^pass {2}source not in use/m);
    expect(run.stdout).not.toMatch(/^warn {2}CSIDriver registered/m);
    // the restricted user may not create claims: the checklist fails on that, not on the unknowns
    expect(run.stdout).toMatch(/^FAIL {2}permission +you may not create persistentvolumeclaims/m);
    expect(run.status).toBe(1);
  });
});
