// The plugin as krew users get it: krew (v0.4.3, built from its Go module) installs it from the
// generated manifest and the local linux-amd64 archive into a temporary KREW_ROOT, and the
// sandbox's real kubectl runs it through its plugin dispatch with only KREW_ROOT/bin on PATH:
// no node anywhere. What the clone did is read back from the cluster and the volume's bytes.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { readVolumeFile, writeVolumeFile } from "../sandbox/src/volumes.js";
import { createPvc, sandboxScope, waitBound, type Clients } from "../e2e/support/k8s.js";
import { releaseFacts } from "./global-setup.js";

const sb = inject("sandbox");
const scope = sandboxScope(sb.kubeconfigPath);
let c: Clients;
const root = fileURLToPath(new URL("../../", import.meta.url));
const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string };
const kubectl = join(sb.binDir, "kubectl");
const krewRoot = mkdtempSync(join(tmpdir(), "krew-root-"));
const env = { PATH: join(krewRoot, "bin"), HOME: krewRoot, KUBECONFIG: sb.kubeconfigPath, NO_COLOR: "1" };

function kubectlRun(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(kubectl, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    const timer = setTimeout(() => child.kill("SIGKILL"), 120_000);
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

// runs in the `sandbox` project (one cluster for the run): the release and krew are made here
beforeAll(async () => {
  c = scope.clients();
  const { dir, krewDir } = await releaseFacts();
  const install = spawnSync(join(krewDir, "kubectl-krew"), ["install", `--manifest=${join(dir, "clone.yaml")}`, `--archive=${join(dir, `kubectl-clone-v${version}-linux-amd64.tar.gz`)}`], {
    env: { PATH: process.env.PATH, KREW_ROOT: krewRoot },
    encoding: "utf8",
    input: "",
  });
  if (install.status !== 0) throw new Error(`krew install failed: ${install.stderr}`);
}, 900_000);

describe("kubectl clone, installed by krew, with no node on PATH", () => {
  it("kubectl plugin list shows krew's link, and kubectl clone --version answers", async () => {
    expect(spawnSync("node", ["--version"], { env }).error).toBeDefined();
    const list = await kubectlRun(["plugin", "list"]);
    expect(list.stdout).toContain(join(krewRoot, "bin", "kubectl-clone"));
    const run = await kubectlRun(["clone", "--version"]);
    expect(run.stdout).toBe(`${version}\n`);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
  });

  it("clones a PVC on the sandbox: a Bound clone holding the source's bytes", async () => {
    const namespace = await scope.ns("krew");
    await createPvc(c.core, namespace, "data", { size: "2Mi", storageClassName: "csi-hostpath" });
    const source = await waitBound(c.core, namespace, "data");
    await writeVolumeFile(sb, source.spec.volumeName, "orders.db", "order 1\norder 2\n");
    const run = await kubectlRun(["clone", "pvc", "data", "copy", "-n", namespace]);
    expect(run.stdout).toContain(`clone ${namespace}/copy is Bound`);
    expect(run.status).toBe(0);
    const clone = await c.core.readNamespacedPersistentVolumeClaim({ namespace, name: "copy" });
    expect({ kind: clone.spec?.dataSource?.kind, name: clone.spec?.dataSource?.name }).toEqual({ kind: "PersistentVolumeClaim", name: "data" });
    expect(String(await readVolumeFile(sb, clone.spec!.volumeName!, "orders.db"))).toBe("order 1\norder 2\n");
  });
});
