// pnpm sandbox up [--cross-namespace] | down | status | env
import { rmSync } from "node:fs";
import path from "node:path";
import { isOurProcess } from "./processes.js";
import { startSandbox } from "./sandbox.js";
import { currentFile, readCurrent, reapOrphans, setCurrent, teardown, type SandboxState } from "./state.js";

function envLines(s: SandboxState): string[] {
  return [
    `export KUBECONFIG=${s.kubeconfigPath}`,
    `export PATH=${s.binDir}:$PATH`,
    `export KUBECTL_CLONE_SANDBOX_DATA=${s.dataDir}`,
  ];
}

function running(s: SandboxState): { name: string; pid: number; alive: boolean }[] {
  return s.processes.map((p) => ({ name: p.name, pid: p.pid, alive: isOurProcess(p.pid, s.dir) }));
}

async function up(args: string[]): Promise<number> {
  const crossNamespace = args.includes("--cross-namespace");
  const cur = readCurrent();
  if (cur && running(cur).some((p) => p.alive)) {
    console.error(`a sandbox already runs in ${cur.dir}; use it, or run \`pnpm sandbox down\` first:`);
    console.log(envLines(cur).join("\n"));
    return 1;
  }
  const sb = await startSandbox({ detached: true, crossNamespace });
  setCurrent(sb.dir);
  const s = sb.state;
  console.error(
    [
      ``,
      `Sandbox cluster is up (${crossNamespace ? "cross-namespace profile" : "default profile"}), ready in ${s.readySeconds}s.`,
      `  API server   ${s.server}  (admin token in ${s.kubeconfigPath})`,
      `  restricted   ${s.restrictedKubeconfigPath}`,
      `  volume data  ${s.dataDir}/<pv.spec.csi.volumeHandle>/`,
      `  audit log    ${s.auditLogPath}`,
      `  logs         ${path.join(s.dir, "logs")}/`,
      ``,
      `Use it with:`,
    ].join("\n"),
  );
  console.log(envLines(s).join("\n"));
  console.error(`\n  kubectl get storageclass\n\nStop it with: pnpm sandbox down`);
  return 0;
}

async function down(): Promise<number> {
  await reapOrphans((m) => console.error(m));
  const cur = readCurrent();
  if (!cur) {
    rmSync(currentFile(), { force: true });
    console.error("no sandbox is running (nothing started by `pnpm sandbox up`)");
    return 0;
  }
  await teardown(cur.dir, cur.processes);
  const left = running(cur).filter((p) => p.alive);
  if (left.length > 0) {
    console.error(`could not stop: ${left.map((p) => `${p.name} (${p.pid})`).join(", ")}`);
    return 1;
  }
  console.error(`stopped ${cur.processes.length} processes and removed ${cur.dir}`);
  return 0;
}

function status(): number {
  const cur = readCurrent();
  if (!cur) {
    console.log("sandbox: not running");
    return 1;
  }
  const procs = running(cur);
  console.log(`sandbox: ${cur.dir} (${cur.crossNamespace ? "cross-namespace" : "default"} profile, started ${cur.startedAt})`);
  console.log(`server: ${cur.server}   kubeconfig: ${cur.kubeconfigPath}`);
  for (const p of procs) console.log(`  ${p.alive ? "running" : "STOPPED"}  ${p.name.padEnd(24)} pid ${p.pid}`);
  return procs.every((p) => p.alive) ? 0 : 2;
}

function env(): number {
  const cur = readCurrent();
  if (!cur) {
    console.error("no sandbox is running; start one with `pnpm sandbox up`");
    return 1;
  }
  console.log(envLines(cur).join("\n"));
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  switch (cmd) {
    case "up":
      return up(rest);
    case "down":
      return down();
    case "status":
      return status();
    case "env":
      return env();
    default:
      console.error("usage: pnpm sandbox up [--cross-namespace] | down | status | env");
      return cmd === undefined || cmd === "help" || cmd === "--help" ? 0 : 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
