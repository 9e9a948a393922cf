// Issue 16: nothing is left behind when the owner of a node sandbox is interrupted (Ctrl-C) or
// killed (kill -9 of a test run): no mount under its dir, no container, process, bridge or cgroup.
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { nodeLeftovers } from "../../sandbox/src/node/index.js";
import { mountsUnder } from "../../sandbox/src/node/host.js";
import { until } from "../support/node.js";

const fixture = fileURLToPath(new URL("./fixtures/node-with-pod.ts", import.meta.url));
const testDir = path.resolve(path.dirname(fixture), "..", "..", "..");

/** Processes whose command line names the dir (the sandbox's own processes and its watchdog). */
function processesMentioning(dir: string): string[] {
  return readdirSync("/proc")
    .filter((n) => /^\d+$/.test(n) && Number(n) !== process.pid)
    .filter((n) => {
      try {
        return readFileSync(`/proc/${n}/cmdline`, "utf8").includes(dir) && !/ [ZX] /.test(readFileSync(`/proc/${n}/stat`, "utf8").replace(/^.*\)/, ")"));
      } catch {
        return false;
      }
    });
}

/** Starts the fixture; resolves with the child and its sandbox dir once its pod runs. */
function startOwner(): Promise<{ child: ReturnType<typeof spawn>; dir: string; exited: Promise<number | string | null> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", fixture], { cwd: testDir, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    const exited = new Promise<number | string | null>((r) => child.on("exit", (code, signal) => r(signal ?? code)));
    child.stdout.on("data", (d) => {
      out += d;
      const m = /^READY (\S+)$/m.exec(out);
      if (m) resolve({ child, dir: m[1]!, exited });
    });
    child.stderr.on("data", (d) => (err += d));
    void exited.then((how) => reject(new Error(`the fixture ended (${how}) before its pod ran:\n${err.slice(-3000)}`)));
  });
}

/** Waits until the dir is gone with everything its node held; returns how long that took. */
async function expectNothingLeft(dir: string): Promise<number> {
  const start = Date.now();
  await until(
    `the sandbox ${dir} to be removed`,
    async () => (!existsSync(dir) && processesMentioning(dir).length === 0 ? true : undefined),
    60_000,
    async () => `left: ${[...nodeLeftovers(dir), ...processesMentioning(dir).map((p) => `process ${p}`)].join(", ")}`,
  );
  expect(nodeLeftovers(dir)).toEqual([]);
  expect(mountsUnder(dir)).toEqual([]);
  return Date.now() - start;
}

describe("a node sandbox's owner goes away", () => {
  it("Ctrl-C (SIGINT): the owner stops everything and exits 130", async () => {
    const { child, dir, exited } = await startOwner();
    expect(mountsUnder(dir).length).toBeGreaterThan(0);
    child.kill("SIGINT");
    expect(await exited).toBe(130);
    await expectNothingLeft(dir);
  });

  it("kill -9: the watchdog reaps the orphaned node within seconds", async () => {
    const { child, dir, exited } = await startOwner();
    expect(mountsUnder(dir).length).toBeGreaterThan(0);
    child.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");
    // the watchdog polls every second, then stops the processes (SIGTERM, up to 5 s each)
    expect(await expectNothingLeft(dir)).toBeLessThan(30_000);
  });
});
