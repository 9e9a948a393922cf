// Issue 11, parity across namespaces: the CLI's --to-namespace and the extension's flow make the
// same grant and the same dataSourceRef clone (audit log), and end with the same words.
import { beforeAll, describe, expect, inject, it } from "vitest";
import { createPvc, sandboxScope, waitBound, type Clients } from "../support/k8s.js";
import { viaCli, viaExtension } from "../support/parity.js";

const sb = inject("sandbox");
const scope = sandboxScope(sb.kubeconfigPath);
let c: Clients;
beforeAll(() => {
  c = scope.clients();
});

const scenario = {
  name: "cross-namespace with a grant",
  cli: (namespaces: readonly string[]) => ["--to-namespace", namespaces[1]!],
  extension: (namespaces: readonly string[]) => ({ size: "2Mi", storageClass: "csi-hostpath", toNamespace: namespaces[1]! }),
};
const expected = {
  writes: [
    "create persistentvolumeclaims copy (dry run) -> 201",
    "create referencegrants clone-NS1-copy (dry run) -> 201",
    "create referencegrants clone-NS1-copy -> 201",
    "create persistentvolumeclaims copy -> 201",
    "patch persistentvolumeclaims copy -> 200",
  ],
  outcome: "clone NS1/copy is Bound (pvc-UID) in N.Ns",
};

describe("the CLI and the extension make the same cross-namespace clone", () => {
  it("a ReferenceGrant in the source's namespace, the clone in the other", async () => {
    const runs = [];
    for (const prefix of ["pxcli", "pxext"]) {
      const namespaces = [await scope.ns(`${prefix}-src`), await scope.ns(`${prefix}-dst`)];
      await createPvc(c.core, namespaces[0]!, "data", { size: "2Mi", storageClassName: "csi-hostpath" });
      await waitBound(c.core, namespaces[0]!, "data");
      runs.push({ namespaces, via: prefix === "pxcli" ? viaCli : viaExtension });
    }
    const fromCli = await runs[0]!.via(scenario, runs[0]!.namespaces, sb.kubeconfigPath, sb.auditLogPath);
    const fromExtension = await runs[1]!.via(scenario, runs[1]!.namespaces, sb.kubeconfigPath, sb.auditLogPath);
    expect({ cli: fromCli, extension: fromExtension }).toEqual({ cli: expected, extension: expected });
  });
});
