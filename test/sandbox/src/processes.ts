import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from "node:fs";
import path from "node:path";

export interface ProcessSpec {
  name: string;
  bin: string;
  args: string[];
  env?: Record<string, string>;
}

/** What the state file keeps about a started process. */
export interface ProcessRecord {
  name: string;
  pid: number;
  logFile: string;
  command: string[];
}

export class StartError extends Error {}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Last lines of a log file, for error messages. */
export function tailLog(file: string, lines = 40): string {
  try {
    const all = readFileSync(file, "utf8").trimEnd().split("\n");
    return all.slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

/**
 * True when pid is a live (not zombie) process whose command line contains marker.
 * The marker (the sandbox dir) guards against killing a reused PID.
 */
export function isOurProcess(pid: number, marker: string): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const state = stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
    if (state === "Z" || state === "X") return false;
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8");
    return cmdline.includes(marker);
  } catch {
    return false;
  }
}

/**
 * Stops processes by PID in reverse start order: SIGTERM, then SIGKILL for any
 * still alive after graceMs. Only PIDs whose command line contains marker are touched.
 */
export async function stopProcesses(records: ProcessRecord[], marker: string, graceMs = 5000): Promise<void> {
  for (const rec of [...records].reverse()) {
    if (!isOurProcess(rec.pid, marker)) continue;
    try {
      process.kill(rec.pid, "SIGTERM");
    } catch {
      continue;
    }
    const deadline = Date.now() + graceMs;
    while (isOurProcess(rec.pid, marker) && Date.now() < deadline) await sleep(100);
    if (isOurProcess(rec.pid, marker)) {
      try {
        process.kill(rec.pid, "SIGKILL");
      } catch {
        /* gone */
      }
      const killDeadline = Date.now() + 2000;
      while (isOurProcess(rec.pid, marker) && Date.now() < killDeadline) await sleep(50);
    }
  }
}

/** Last-resort, synchronous: SIGKILL every listed process that is still ours (for process 'exit'). */
export function killNow(records: ProcessRecord[], marker: string): void {
  for (const rec of [...records].reverse()) {
    if (!isOurProcess(rec.pid, marker)) continue;
    try {
      process.kill(rec.pid, "SIGKILL");
    } catch {
      /* gone */
    }
  }
}

/**
 * Starts and tracks the sandbox's processes. Each writes stdout+stderr to
 * <dir>/logs/<name>.log. With detached, children get their own process group and
 * outlive this Node process (the CLI's `up`); otherwise they stay in our group.
 */
export class ProcessSet {
  readonly records: ProcessRecord[] = [];
  private readonly children = new Map<string, ChildProcess>();
  private readonly exits = new Map<string, string>();
  private readonly specs = new Map<string, ProcessSpec>();
  readonly logDir: string;

  constructor(
    readonly dir: string,
    private readonly detached: boolean,
  ) {
    this.logDir = path.join(dir, "logs");
    mkdirSync(this.logDir, { recursive: true });
  }

  start(spec: ProcessSpec): ProcessRecord {
    if (!existsSync(spec.bin)) throw new StartError(`${spec.name}: binary ${spec.bin} does not exist`);
    const logFile = path.join(this.logDir, `${spec.name}.log`);
    const fd = openSync(logFile, "a");
    let child: ChildProcess;
    try {
      child = spawn(spec.bin, spec.args, {
        stdio: ["ignore", fd, fd],
        detached: this.detached,
        env: { ...process.env, ...spec.env },
      });
    } finally {
      closeSync(fd);
    }
    if (child.pid === undefined) throw new StartError(`${spec.name}: spawn failed`);
    child.on("exit", (code, signal) => this.exits.set(spec.name, signal ? `signal ${signal}` : `exit code ${code}`));
    child.on("error", (err) => this.exits.set(spec.name, `spawn error: ${err.message}`));
    if (this.detached) child.unref();
    this.children.set(spec.name, child);
    this.specs.set(spec.name, spec);
    const rec: ProcessRecord = { name: spec.name, pid: child.pid, logFile, command: [spec.bin, ...spec.args] };
    const previous = this.records.findIndex((r) => r.name === spec.name);
    // a restart replaces the record in place, so the state file and the reaper see the new PID
    if (previous >= 0) this.records[previous] = rec;
    else this.records.push(rec);
    return rec;
  }

  /** Sends a signal to a running process of this set (fault injection: SIGSTOP/SIGCONT, SIGKILL). */
  signal(name: string, signal: NodeJS.Signals): void {
    const rec = this.records.find((r) => r.name === name);
    if (!rec || !isOurProcess(rec.pid, this.dir)) throw new StartError(`${name} is not running`);
    process.kill(rec.pid, signal);
  }

  /**
   * Stops a process (SIGTERM, or `signal`; SIGKILL after graceMs) and starts it again with the
   * same command line, so it keeps its ports, files and log (appended).
   */
  async restart(name: string, options: { signal?: NodeJS.Signals; graceMs?: number; downMs?: number; whileDown?: () => Promise<void> } = {}): Promise<ProcessRecord> {
    const spec = this.specs.get(name);
    const child = this.children.get(name);
    if (!spec || !child) throw new StartError(`${name} was never started`);
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      child.kill(options.signal ?? "SIGTERM");
      const killer = setTimeout(() => child.kill("SIGKILL"), options.graceMs ?? 5000);
      await exited;
      clearTimeout(killer);
    }
    if (options.downMs) await sleep(options.downMs);
    // a failing check while down still brings the process back before it is reported
    const down = options.whileDown ? await options.whileDown().then(() => undefined, (err: unknown) => err) : undefined;
    this.exits.delete(name);
    if (down !== undefined) {
      this.start(spec);
      throw down;
    }
    return this.start(spec);
  }

  /** Why a process ended, or undefined while it runs. */
  exitOf(name: string): string | undefined {
    return this.exits.get(name);
  }

  logOf(name: string): string {
    return path.join(this.logDir, `${name}.log`);
  }

  /**
   * Polls check() until it returns true; fails early (with the log's tail) if the
   * process exits, and after timeoutMs.
   */
  async waitReady(name: string, what: string, check: () => Promise<boolean> | boolean, timeoutMs = 60_000): Promise<number> {
    const start = Date.now();
    for (;;) {
      const exit = this.exitOf(name);
      if (exit !== undefined) {
        throw new StartError(`${name} exited (${exit}) before ${what}.\n--- tail of ${this.logOf(name)} ---\n${tailLog(this.logOf(name))}`);
      }
      let ok: boolean;
      try {
        ok = await check();
      } catch {
        ok = false;
      }
      if (ok) return Date.now() - start;
      if (Date.now() - start > timeoutMs) {
        throw new StartError(`${name}: timed out after ${timeoutMs / 1000}s waiting for ${what}.\n--- tail of ${this.logOf(name)} ---\n${tailLog(this.logOf(name))}`);
      }
      await sleep(200);
    }
  }

  async stopAll(graceMs = 5000): Promise<void> {
    await stopProcesses(this.records, this.dir, graceMs);
  }
}

/** Resolves once a log file contains pattern. */
export function logContains(file: string, pattern: RegExp): boolean {
  try {
    return pattern.test(readFileSync(file, "utf8"));
  } catch {
    return false;
  }
}
