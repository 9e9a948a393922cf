import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** test/sandbox/ (this file lives in test/sandbox/src/). */
export const sandboxHome = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** ${KUBECTL_CLONE_CACHE:-~/.cache/kubectl-clone}/sandbox: build outputs, run registry, current.json. */
export function cacheRoot(): string {
  const base = process.env.KUBECTL_CLONE_CACHE || path.join(os.homedir(), ".cache", "kubectl-clone");
  return path.join(base, "sandbox");
}

export const BINARIES = [
  "etcd",
  "kube-apiserver",
  "kube-controller-manager",
  "kubectl",
  "kube-scheduler",
  "kubelet",
  "hostpathplugin",
  "csi-provisioner",
  "snapshot-controller",
  "csi-snapshotter",
] as const;
export type BinaryName = (typeof BINARIES)[number];

export interface Binaries {
  binDir: string;
  crdDir: string;
  path(name: BinaryName): string;
}

function binaries(binDir: string): Binaries {
  return { binDir, crdDir: path.join(binDir, "..", "crds"), path: (name) => path.join(binDir, name) };
}

/**
 * Returns the cached binaries for the current go.mod/go.sum/Go version, running
 * test/sandbox/build.sh (which builds only when the cache key is missing). Build
 * progress streams to stderr. KUBECTL_CLONE_SANDBOX_BIN overrides the lookup.
 */
export async function ensureBinaries(): Promise<Binaries> {
  const override = process.env.KUBECTL_CLONE_SANDBOX_BIN;
  if (override) {
    for (const b of BINARIES) {
      if (!existsSync(path.join(override, b))) throw new Error(`KUBECTL_CLONE_SANDBOX_BIN=${override} has no ${b}`);
    }
    return binaries(override);
  }
  const script = path.join(sandboxHome, "build.sh");
  const { code, stdout, stderrTail } = await new Promise<{ code: number | null; stdout: string; stderrTail: string }>(
    (resolve, reject) => {
      const child = spawn("bash", [script], { stdio: ["ignore", "pipe", "pipe"] });
      let stdout = "";
      let stderrTail = "";
      child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
      child.stderr.on("data", (d: Buffer) => {
        process.stderr.write(d);
        stderrTail = (stderrTail + d.toString()).slice(-4000);
      });
      child.on("error", reject);
      child.on("close", (code) => resolve({ code, stdout, stderrTail }));
    },
  );
  if (code !== 0) {
    throw new Error(`test/sandbox/build.sh failed (exit ${code}):\n${stderrTail.trim()}`);
  }
  const binDir = stdout.trim().split("\n").pop() ?? "";
  for (const b of BINARIES) {
    if (!existsSync(path.join(binDir, b))) throw new Error(`build.sh reported bin dir '${binDir}' but ${b} is missing`);
  }
  return binaries(binDir);
}
