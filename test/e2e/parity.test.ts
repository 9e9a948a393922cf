// Issue 11: one clone engine, so a clone asked in the terminal and one asked in the editor make the
// same requests and end with the same words. Each scenario runs through the built CLI and through
// the extension's clone flow (its session and prompts, in Node) in two fresh namespaces set up the
// same way; the apiserver's audit log is the witness.
import { describe, expect, inject, it, beforeAll } from "vitest";
import { writeVolumeFile } from "../sandbox/src/volumes.js";
import { createPvc, sandboxScope, waitBound, type Clients } from "./support/k8s.js";
import { viaCli, viaExtension, type Run, type Scenario } from "./support/parity.js";

const sb = inject("sandbox");
const scope = sandboxScope(sb.kubeconfigPath);
let c: Clients;
beforeAll(() => {
  c = scope.clients();
});

async function boundSource(namespace: string) {
  await createPvc(c.core, namespace, "data", { size: "2Mi", storageClassName: "csi-hostpath" });
  const pvc = await waitBound(c.core, namespace, "data");
  await writeVolumeFile(sb, pvc.spec.volumeName, "orders.db", "order 1\n");
}

const pendingSource = (namespace: string) => createPvc(c.core, namespace, "data", { size: "1Mi", storageClassName: "other-driver" });

interface Case extends Scenario {
  readonly setup: (namespace: string) => Promise<unknown>;
  readonly expected: Run;
}

const boundCopy = "clone NS/copy is Bound (pvc-UID) in N.Ns";
const cases: Case[] = [
  {
    name: "plain clone", setup: boundSource, cli: [], extension: { size: "2Mi", storageClass: "csi-hostpath" },
    expected: {
      writes: [
        "create persistentvolumeclaims copy (dry run) -> 201",
        "create persistentvolumeclaims copy -> 201",
        "patch persistentvolumeclaims copy -> 200",
      ],
      outcome: boundCopy,
    },
  },
  {
    name: "snapshot and restore", setup: boundSource, cli: ["--strategy", "snapshot"], extension: { size: "2Mi", storageClass: "csi-hostpath", strategy: "snapshot" },
    expected: {
      writes: [
        "create persistentvolumeclaims copy (dry run) -> 201",
        "create volumesnapshots copy-snapshot (dry run) -> 201",
        "create volumesnapshots copy-snapshot -> 201",
        "create persistentvolumeclaims copy -> 201",
        "delete volumesnapshots copy-snapshot -> 200",
        "patch persistentvolumeclaims copy -> 200",
      ],
      outcome: boundCopy,
    },
  },
  {
    name: "refusal for size", setup: boundSource, cli: ["--size", "1Mi"], extension: { size: "1Mi", storageClass: "csi-hostpath" },
    expected: { writes: [], outcome: "refusing to clone NS/data: the checks found 1 error that would leave the clone Pending or empty; nothing was created" },
  },
  {
    name: "refusal for a CSI clone into another driver's class", setup: boundSource, cli: ["--storage-class", "other-driver", "--strategy", "clone"], extension: { size: "2Mi", storageClass: "other-driver", strategy: "clone" },
    expected: { writes: [], outcome: "refusing to clone NS/data: the checks found 1 error that would leave the clone Pending or empty; IncompatibleProvisioners: the clone's StorageClass is provisioned by other.csi.example.com, the source is a hostpath.csi.k8s.io volume: neither a clone nor a snapshot restore crosses drivers; --strategy copy copies the files through pods; nothing was created" },
  },
  {
    name: "refusal for a StorageClass the cluster does not have", setup: boundSource, cli: ["--storage-class", "nope"], extension: { size: "2Mi", storageClass: "nope" },
    expected: { writes: [], outcome: "refusing to clone NS/data: the checks found 1 error that would leave the clone Pending or empty; nothing was created" },
  },
  {
    name: "interrupted mid-wait", setup: pendingSource, interrupt: true,
    cli: ["--force", "--storage-class", "other-driver"], extension: { size: "1Mi", storageClass: "other-driver", acceptWarnings: true },
    expected: {
      writes: ["create persistentvolumeclaims copy (dry run) -> 201", "create persistentvolumeclaims copy -> 201"],
      outcome: "interrupted: clone NS/copy was created and is still Pending; it goes on binding without us. Delete it with: kubectl delete pvc -n NS copy",
    },
  },
];

describe("the CLI and the extension make the same clone", () => {
  it.each(cases)("$name", async (scenario) => {
    const [cliNamespace, extensionNamespace] = [await scope.ns("pcli"), await scope.ns("pext")];
    await scenario.setup(cliNamespace);
    await scenario.setup(extensionNamespace);
    const fromCli = await viaCli(scenario, [cliNamespace], sb.kubeconfigPath, sb.auditLogPath);
    const fromExtension = await viaExtension(scenario, [extensionNamespace], sb.kubeconfigPath, sb.auditLogPath);
    expect({ cli: fromCli, extension: fromExtension }).toEqual({ cli: scenario.expected, extension: scenario.expected });
  });
});
