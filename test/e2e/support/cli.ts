import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

export const bundle = fileURLToPath(new URL("../../../packages/kubectl-clone/dist/kubectl-clone.cjs", import.meta.url));

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Run the built CLI as a user would, against the sandbox's kubeconfig. */
export function cli(args: string[], kubeconfig: string, options: { onStderr?: (chunk: string, kill: (signal: NodeJS.Signals) => void) => void; onSpawn?: (kill: (signal: NodeJS.Signals) => void) => void; timeoutMs?: number } = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bundle, ...args], {
      env: { ...process.env, KUBECONFIG: kubeconfig, NO_COLOR: "1", FORCE_COLOR: "" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    options.onSpawn?.((signal) => child.kill(signal));
    let stdout = "";
    let stderr = "";
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 120_000);
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
