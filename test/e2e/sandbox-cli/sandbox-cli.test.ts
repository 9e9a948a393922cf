// Issue 15, items 12 and 13, on the sandbox's own tooling (no cluster is started): the pointer
// to the running sandbox is per checkout (or per KUBECTL_CLONE_SANDBOX_NAME), so one checkout's
// `down` no longer stops another's cluster; hints use the README's command form; build.sh beats
// while it waits for another build's lock.
import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { until } from "../support/node.js";

const testDir = fileURLToPath(new URL("../..", import.meta.url));
const repoDir = path.resolve(testDir, "..");
const cliTs = path.join(testDir, "sandbox", "src", "cli.ts");

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function run(cmd: string, args: string[], env: Record<string, string>, onStderr?: (all: string) => void): { done: Promise<Run>; child: ChildProcess } {
  const child = spawn(cmd, args, { cwd: testDir, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => (stdout += d));
  child.stderr.on("data", (d) => {
    stderr += d;
    onStderr?.(stderr);
  });
  const done = new Promise<Run>((resolve) => child.on("close", (status) => resolve({ status, stdout, stderr })));
  return { done, child };
}

const sandboxCli = (script: string, args: string[], env: Record<string, string>) => run(process.execPath, ["--import", "tsx", script, ...args], env).done;

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const f of cleanups.reverse()) f();
  cleanups = [];
});

/**
 * A stand-in for a running sandbox started by `up` in a checkout: a dir with a state.json whose
 * one process (a sleeping node) names the dir, and that checkout's pointer to it.
 */
function fakeSandbox(cache: string, pointer: string): { dir: string; proc: ChildProcess } {
  const dir = mkdtempSync(path.join(os.tmpdir(), "kubectl-clone-sandbox-"));
  const proc = spawn(process.execPath, ["-e", "setInterval(() => {}, 1e9)", dir], { stdio: "ignore" });
  cleanups.push(() => {
    proc.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  });
  const state = { version: 1, dir, crossNamespace: false, ownerPid: null, startedAt: new Date().toISOString(), readySeconds: 1, server: "https://127.0.0.1:1", ports: {}, kubeconfigPath: path.join(dir, "kubeconfig"), restrictedKubeconfigPath: "", adminToken: "", restrictedToken: "", dataDir: path.join(dir, "data"), auditLogPath: "", binDir: dir, processes: [{ name: "etcd", pid: proc.pid, logFile: "", command: [] }] };
  writeFileSync(path.join(dir, "state.json"), JSON.stringify(state));
  mkdirSync(path.join(cache, "sandbox", "current"), { recursive: true });
  writeFileSync(path.join(cache, "sandbox", "current", pointer), JSON.stringify({ dir }));
  return { dir, proc };
}

const alive = (p: ChildProcess) => p.exitCode === null && p.signalCode === null;

function tempCache(): string {
  const cache = mkdtempSync(path.join(os.tmpdir(), "kubectl-clone-cache-"));
  cleanups.push(() => rmSync(cache, { recursive: true, force: true }));
  return cache;
}

describe("pnpm sandbox: one pointer per checkout", () => {
  it("another checkout's `down` leaves this checkout's sandbox running; this checkout's `down` stops it", async () => {
    const cache = tempCache();
    // this checkout's pointer name: ask the CLI itself (status names the dir it points to)
    const { checkoutKey } = await import("../../sandbox/src/state.js");
    const mine = fakeSandbox(cache, `${checkoutKey()}.json`);
    // a second checkout of the project: the same sandbox code in another folder
    const other = path.join(tempCache(), "other-checkout");
    cpSync(path.join(testDir, "sandbox", "src"), path.join(other, "test", "sandbox", "src"), { recursive: true });
    const env = { KUBECTL_CLONE_CACHE: cache, KUBECTL_CLONE_SANDBOX_NAME: "" };

    const otherDown = await sandboxCli(path.join(other, "test", "sandbox", "src", "cli.ts"), ["down"], env);
    expect(otherDown.stderr).toContain("no sandbox of this checkout is running");
    expect(otherDown.status).toBe(0);
    expect(alive(mine.proc)).toBe(true);
    expect(existsSync(mine.dir)).toBe(true);

    const status = await sandboxCli(cliTs, ["status"], env);
    expect(status.stdout).toContain(`sandbox: ${mine.dir}`);
    expect(status.status).toBe(0);

    const down = await sandboxCli(cliTs, ["down"], env);
    expect(down.stderr).toContain(`stopped 1 processes and removed ${mine.dir}`);
    expect(down.status).toBe(0);
    await until("the sandbox's process to end", async () => (alive(mine.proc) ? undefined : true), 10_000);
    expect(existsSync(mine.dir)).toBe(false);
  });

  it("KUBECTL_CLONE_SANDBOX_NAME keys the pointer; `up` over a running one points at the README's `down` command", async () => {
    const cache = tempCache();
    const a = fakeSandbox(cache, "name-a.json");

    const b = await sandboxCli(cliTs, ["down"], { KUBECTL_CLONE_CACHE: cache, KUBECTL_CLONE_SANDBOX_NAME: "b" });
    expect(b.status).toBe(0);
    expect(alive(a.proc)).toBe(true);

    const again = await sandboxCli(cliTs, ["up"], { KUBECTL_CLONE_CACHE: cache, KUBECTL_CLONE_SANDBOX_NAME: "a" });
    expect(again.stderr).toContain(`a sandbox of this checkout already runs in ${a.dir}; use it, or stop it first with: npx -y pnpm@9.15.9 sandbox down`);
    expect(again.stdout).toContain(`export KUBECONFIG=${path.join(a.dir, "kubeconfig")}`);
    expect(again.status).toBe(1);
    // the hint is the command the README documents
    expect(readFileSync(path.join(repoDir, "README.md"), "utf8")).toContain("`npx -y pnpm@9.15.9 sandbox up`");
    expect(readFileSync(path.join(testDir, "sandbox", "README.md"), "utf8")).toMatch(/^npx -y pnpm@9\.15\.9 sandbox down /m);

    const bad = await sandboxCli(cliTs, ["status"], { KUBECTL_CLONE_CACHE: cache, KUBECTL_CLONE_SANDBOX_NAME: "a b" });
    expect(bad.stderr.trim()).toBe('KUBECTL_CLONE_SANDBOX_NAME="a b": use 1-64 letters, digits, \'.\', \'_\' or \'-\'');
    expect(bad.status).toBe(1);

    const down = await sandboxCli(cliTs, ["down", a.dir], { KUBECTL_CLONE_CACHE: cache });
    expect(down.status).toBe(0);
    await until("the sandbox's process to end", async () => (alive(a.proc) ? undefined : true), 10_000);
  });
});

describe("build.sh waiting for another build's lock", () => {
  it("says so at once and prints a heartbeat while it waits", async () => {
    const cache = tempCache();
    mkdirSync(path.join(cache, "sandbox"), { recursive: true });
    const holder = spawn("flock", [path.join(cache, "sandbox", ".build.lock"), "sleep", "120"], { stdio: "ignore", detached: true });
    cleanups.push(() => process.kill(-holder.pid!, "SIGKILL"));
    await until("the lock to be held", async () => (existsSync(path.join(cache, "sandbox", ".build.lock")) ? true : undefined), 10_000);

    let beats = 0;
    const build = run("bash", [path.join(testDir, "sandbox", "build.sh")], { KUBECTL_CLONE_CACHE: cache, KUBECTL_CLONE_BUILD_HEARTBEAT: "1" }, (all) => {
      beats = (all.match(/still waiting for the other build to finish: \d+s/g) ?? []).length;
    });
    cleanups.push(() => {
      try {
        process.kill(-build.child.pid!, "SIGKILL");
      } catch {
        /* ended */
      }
    });
    await until("two heartbeats", async () => (beats >= 2 ? true : undefined), 60_000);
    process.kill(-build.child.pid!, "SIGKILL");
    const out = await build.done;
    expect(out.stderr).toContain(`another build holds ${path.join(cache, "sandbox", ".build.lock")}; waiting for it (a heartbeat every 1 s)`);
    expect(out.stderr).toMatch(/\[sandbox build\] {3}\.\.\. still waiting for the other build to finish: \d+s\n/);
    expect(out.stderr).not.toContain("building into");
  });
});
