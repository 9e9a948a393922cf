// `kubectl clone ...` through the real kubectl binary (built with the sandbox) and kubectl's own
// plugin dispatch, with kubectl-clone installed on PATH as a user installs it. What the cluster
// did is read back from the cluster, the bytes on disk and the apiserver's audit log.
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { readVolumeFile, writeVolumeFile } from "../sandbox/src/volumes.js";
import { auditEvents, realWrites } from "./support/audit.js";
import { createPvc, sandboxScope, waitBound, type Clients } from "./support/k8s.js";

const sb = inject("sandbox");
const scope = sandboxScope(sb.kubeconfigPath);
const ns = scope.ns;
let c: Clients;
const root = fileURLToPath(new URL("../../", import.meta.url));
const bin = mkdtempSync(join(tmpdir(), "kubectl-plugin-"));
const kubectl = join(sb.binDir, "kubectl");

beforeAll(() => {
  c = scope.clients();
  execFileSync("bash", [join(root, "scripts/install-plugin.sh"), bin, join(bin, "lib")]);
});

interface Run { status: number | null; stdout: string; stderr: string }

function kubectlClone(args: string[], options: { kubeconfig?: string; onStderr?: (chunk: string, kill: (s: NodeJS.Signals) => void) => void } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(kubectl, ["clone", ...args], {
      env: { ...process.env, KUBECONFIG: options.kubeconfig ?? sb.kubeconfigPath, PATH: `${bin}${delimiter}${process.env.PATH ?? ""}`, NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    const timer = setTimeout(() => child.kill("SIGKILL"), 120_000);
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => {
      stderr += d;
      options.onStderr?.(String(d), (signal) => child.kill(signal));
    });
    child.on("error", reject);
    child.on("close", (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

async function source(namespace: string, name = "data", options: { size?: string; storageClassName?: string; bind?: boolean } = {}) {
  await createPvc(c.core, namespace, name, { size: options.size ?? "2Mi", storageClassName: options.storageClassName ?? "csi-hostpath" });
  if (options.bind === false) return undefined;
  const pvc = await waitBound(c.core, namespace, name);
  await writeVolumeFile(sb, pvc.spec.volumeName, "orders.db", "order 1\norder 2\n");
  return pvc;
}

/** The source's spec and metadata we own, to compare before and after a command. */
async function sourceState(namespace: string, name = "data") {
  const pvc = await c.core.readNamespacedPersistentVolumeClaim({ namespace, name });
  return { spec: pvc.spec, labels: pvc.metadata?.labels, annotations: pvc.metadata?.annotations };
}

function createsOf(namespace: string) {
  return realWrites(auditEvents(sb.auditLogPath, { ours: true, namespace })).filter((e) => e.verb === "create");
}

describe("kubectl clone pvc, through kubectl", () => {
  it("copies the data to a Bound clone and leaves the source's spec as it was", async () => {
    const namespace = await ns("plugin");
    await source(namespace);
    const before = await sourceState(namespace);
    const run = await kubectlClone(["pvc", "data", "copy", "-n", namespace]);
    expect(run.stdout).toContain(`clone ${namespace}/copy is Bound`);
    expect(run.status).toBe(0);
    const clone = await c.core.readNamespacedPersistentVolumeClaim({ namespace, name: "copy" });
    expect(String(await readVolumeFile(sb, clone.spec!.volumeName!, "orders.db"))).toBe("order 1\norder 2\n");
    expect(await sourceState(namespace)).toEqual(before);
  });

  it("clones into another StorageClass of the same driver", async () => {
    const namespace = await ns("alt");
    await source(namespace);
    const run = await kubectlClone(["pvc", "data", "copy", "-n", namespace, "--storage-class", "csi-hostpath-alt"]);
    expect(run.status).toBe(0);
    const clone = await c.core.readNamespacedPersistentVolumeClaim({ namespace, name: "copy" });
    expect(clone.spec?.storageClassName).toBe("csi-hostpath-alt");
    expect(String(await readVolumeFile(sb, clone.spec!.volumeName!, "orders.db"))).toBe("order 1\norder 2\n");
  });

  it.each([
    ["a smaller size", ["--size", "1Mi"], "error: the clone stays Pending: it requests 1Mi (1048576 bytes) but source data requests 2Mi (2097152 bytes)", 1],
    ["Block for a Filesystem source", ["--volume-mode", "Block"], "Source is Filesystem, but new PVC requested Block", 1],
    ["a CSI clone into another driver's class", ["--storage-class", "other-driver", "--strategy", "clone"], "StorageClass other-driver is provisioned by other.csi.example.com, but source data is a hostpath.csi.k8s.io volume", 1],
  ])("refuses %s before any write", async (_what, flags, message, status) => {
    const namespace = await ns("refuse");
    await source(namespace);
    const before = await sourceState(namespace);
    const run = await kubectlClone(["pvc", "data", "copy", "-n", namespace, ...flags]);
    expect(run.stderr).toContain(message);
    expect(run.stderr).toContain("nothing was created");
    expect(run.status).toBe(status);
    expect(createsOf(namespace)).toEqual([]);
    expect(await sourceState(namespace)).toEqual(before);
  });

  it("refuses a missing source, an unbound source and a clone of itself before any write", async () => {
    const namespace = await ns("refuse2");
    const missing = await kubectlClone(["pvc", "nope", "-n", namespace]);
    expect(missing.stderr).toBe(`kubectl-clone: persistentvolumeclaim "nope" not found in namespace ${namespace} (context sandbox)\n`);
    expect(missing.status).toBe(2);
    await source(namespace, "pending", { storageClassName: "other-driver", bind: false });
    const unbound = await kubectlClone(["pvc", "pending", "copy", "-n", namespace, "--storage-class", "other-driver"]);
    expect(unbound.stderr).toContain("warning: source pending is Pending: the clone stays Pending until it is Bound");
    expect(unbound.stderr).toContain("then pass --force (or confirm); nothing was created");
    expect(unbound.status).toBe(1);
    await source(namespace, "data");
    const itself = await kubectlClone(["pvc", "data", "data", "-n", namespace]);
    expect(itself.stderr).toContain("error: this claim names itself as its source");
    expect(itself.status).toBe(1);
    expect(createsOf(namespace)).toEqual([]);
  });

  it("--dry-run=server writes nothing; a restricted user is told what they may not do", async () => {
    const namespace = await ns("dry");
    await source(namespace);
    const dry = await kubectlClone(["pvc", "data", "copy", "-n", namespace, "--dry-run=server", "-o", "name"]);
    expect(dry.stdout).toBe("persistentvolumeclaim/copy\n");
    const denied = await kubectlClone(["pvc", "data", "copy", "-n", namespace], { kubeconfig: sb.restrictedKubeconfigPath });
    expect(denied.stderr).toContain(`you may not create persistentvolumeclaims in namespace ${namespace}`);
    expect(denied.status).toBe(1);
    expect(createsOf(namespace)).toEqual([]);
    const claims = await c.core.listNamespacedPersistentVolumeClaim({ namespace });
    expect(claims.items.map((p) => p.metadata?.name)).toEqual(["data"]);
  });

  it("Ctrl-C during the wait reports what exists", async () => {
    const namespace = await ns("sigint");
    await source(namespace, "data", { storageClassName: "other-driver", bind: false });
    let sent = false;
    const run = await kubectlClone(["pvc", "data", "copy", "-n", namespace, "--force", "--storage-class", "other-driver"], {
      onStderr: (chunk, kill) => {
        if (!sent && chunk.includes("created in")) {
          sent = true;
          setTimeout(() => kill("SIGINT"), 300);
        }
      },
    });
    expect(run.stderr).toContain(`interrupted: clone ${namespace}/copy was created and is still Pending`);
    expect(run.stderr).toContain(`Delete it with: kubectl delete pvc -n ${namespace} copy`);
    expect((await c.core.readNamespacedPersistentVolumeClaim({ namespace, name: "copy" })).status?.phase).toBe("Pending");
  });
});
