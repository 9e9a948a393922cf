import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createHash } from "node:crypto";
import { cacheRoot, sandboxHome } from "./binaries.js";
import { cleanupNode } from "./node/host.js";
import { isOurProcess, stopProcesses, type ProcessRecord } from "./processes.js";

/** Everything needed to use or stop a running sandbox; written to <dir>/state.json. */
export interface SandboxState {
  version: 1;
  dir: string;
  crossNamespace: boolean;
  /** PID of the Node process that owns the children, or null when they were detached (`up`). */
  ownerPid: number | null;
  startedAt: string;
  readySeconds: number;
  server: string;
  ports: { etcdClient: number; etcdPeer: number; apiserver: number; controllerManager: number; scheduler?: number; kubelet?: number; kubeletHealthz?: number };
  /** Whether the sandbox runs a node (containerd, kube-scheduler, kubelet). Absent in older state files. */
  node?: boolean;
  kubeconfigPath: string;
  restrictedKubeconfigPath: string;
  adminToken: string;
  restrictedToken: string;
  dataDir: string;
  /** Every driver's --statedir by driver name. Absent in older state files. */
  dataDirs?: Record<string, string>;
  /** The extra drivers (drivers.ts) run. Absent in older state files. */
  extraDrivers?: boolean;
  auditLogPath: string;
  binDir: string;
  processes: ProcessRecord[];
}

export const stateFile = (dir: string) => path.join(dir, "state.json");
const runsDir = () => path.join(cacheRoot(), "runs");
const runFile = (dir: string) => path.join(runsDir(), `${path.basename(dir)}.json`);
/**
 * Pointer to the sandbox the CLI's `up` started from this checkout (or under
 * KUBECTL_CLONE_SANDBOX_NAME): one per checkout, so one checkout's `down` never stops another's
 * cluster. The binary cache stays shared.
 */
export const currentFile = () => path.join(pointersDir(), `${checkoutKey()}.json`);
const pointersDir = () => path.join(cacheRoot(), "current");

/** <folder name>-<hash of the checkout's path>, or the explicit name. */
export function checkoutKey(): string {
  const name = process.env.KUBECTL_CLONE_SANDBOX_NAME;
  if (name) {
    if (!/^[A-Za-z0-9._-]{1,64}$/.test(name)) throw new Error(`KUBECTL_CLONE_SANDBOX_NAME=${JSON.stringify(name)}: use 1-64 letters, digits, '.', '_' or '-'`);
    return `name-${name}`;
  }
  const checkout = path.resolve(sandboxHome, "..", "..");
  return `${path.basename(checkout)}-${createHash("sha256").update(checkout).digest("hex").slice(0, 8)}`;
}

export function writeState(state: SandboxState): void {
  writeFileSync(stateFile(state.dir), JSON.stringify(state, null, 2) + "\n", { mode: 0o600 });
}

export function readState(dir: string): SandboxState | undefined {
  try {
    return JSON.parse(readFileSync(stateFile(dir), "utf8")) as SandboxState;
  } catch {
    return undefined;
  }
}

/** Records a run (before its first process starts) so a later run can reap it if its owner died. */
export function registerRun(dir: string, ownerPid: number | null, processes: ProcessRecord[] = []): void {
  mkdirSync(runsDir(), { recursive: true });
  writeFileSync(runFile(dir), JSON.stringify({ dir, ownerPid, processes }) + "\n");
}

export function unregisterRun(dir: string): void {
  rmSync(runFile(dir), { force: true });
  let pointers: string[] = [];
  try {
    pointers = readdirSync(pointersDir());
  } catch {
    /* no pointers */
  }
  for (const f of pointers) {
    try {
      const cur = JSON.parse(readFileSync(path.join(pointersDir(), f), "utf8")) as { dir?: string };
      if (cur.dir === dir) rmSync(path.join(pointersDir(), f), { force: true });
    } catch {
      /* unreadable pointer: left alone */
    }
  }
}

export function setCurrent(dir: string): void {
  mkdirSync(pointersDir(), { recursive: true });
  writeFileSync(currentFile(), JSON.stringify({ dir, checkout: path.resolve(sandboxHome, "..", "..") }) + "\n");
}

export function readCurrent(): SandboxState | undefined {
  const file = currentFile(); // a bad KUBECTL_CLONE_SANDBOX_NAME is an error, not "not running"
  try {
    const { dir } = JSON.parse(readFileSync(file, "utf8")) as { dir: string };
    return readState(dir);
  } catch {
    return undefined;
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return existsSync(`/proc/${pid}`) && !readFileSync(`/proc/${pid}/stat`, "utf8").includes(") Z ");
  } catch {
    return false;
  }
}

/**
 * After a sandbox's processes are gone: removes what its node left on the host (containers,
 * mounts, bridge, cgroups, loop devices). Returns what could not be removed.
 */
export function removeHostState(dir: string): string[] {
  return existsSync(path.join(dir, "node")) ? cleanupNode(dir) : [];
}

/**
 * Stops a sandbox's processes (by PID, reverse order), removes its node's host state, its dir
 * and registry entries. With something left on the host (a mount that would not go), the dir is
 * kept (deleting through a mount would delete what it shows) and the error lists what is left.
 */
export async function teardown(dir: string, processes: ProcessRecord[], graceMs = 5000): Promise<void> {
  await stopProcesses(processes, dir, graceMs);
  const left = removeHostState(dir);
  if (left.length > 0) throw new Error(`sandbox ${dir}: could not remove ${left.join(", ")}`);
  rmSync(dir, { recursive: true, force: true });
  unregisterRun(dir);
}

/**
 * Reaps sandboxes left behind by a crashed owner (a killed vitest, a `kill -9`):
 * runs whose owner PID is dead. Detached runs (ownerPid null) are left to `down`.
 */
export async function reapOrphans(log: (m: string) => void = () => {}): Promise<void> {
  let files: string[];
  try {
    files = readdirSync(runsDir());
  } catch {
    return;
  }
  for (const f of files) {
    let run: { dir: string; ownerPid: number | null; processes: ProcessRecord[] };
    try {
      run = JSON.parse(readFileSync(path.join(runsDir(), f), "utf8"));
    } catch {
      continue;
    }
    const procs = readState(run.dir)?.processes ?? run.processes;
    if (!existsSync(run.dir) && !procs.some((p) => isOurProcess(p.pid, run.dir))) {
      rmSync(path.join(runsDir(), f), { force: true });
      continue;
    }
    if (run.ownerPid !== null && run.ownerPid !== process.pid && !pidAlive(run.ownerPid)) {
      log(`reaping sandbox ${run.dir} left by dead process ${run.ownerPid}`);
      await teardown(run.dir, procs, 2000);
    }
  }
}
