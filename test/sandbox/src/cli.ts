// pnpm sandbox up [--cross-namespace] [--no-node] | down [DIR] | status | env
import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import { BUSYBOX_IMAGE, BUSYBOX_PUBLIC_IMAGE } from "./node/images.js";
import { isOurProcess } from "./processes.js";
import { startSandbox } from "./sandbox.js";
import { currentFile, readCurrent, readState, reapOrphans, setCurrent, teardown, type SandboxState } from "./state.js";

/** The command form the README uses, so a hint can be pasted as is. */
const SANDBOX_CMD = "npx -y pnpm@9.15.9 sandbox";
const USAGE = `usage: ${SANDBOX_CMD} up [--cross-namespace] [--no-node] | down [DIR] | status | env`;

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
  const unknown = args.filter((a) => a !== "--cross-namespace" && a !== "--no-node");
  if (unknown.length > 0) {
    console.error(`unknown argument ${unknown[0]}; ${USAGE}`);
    return 2;
  }
  const crossNamespace = args.includes("--cross-namespace");
  const node = !args.includes("--no-node");
  const cur = readCurrent();
  if (cur && running(cur).some((p) => p.alive)) {
    console.error(`a sandbox of this checkout already runs in ${cur.dir}; use it, or stop it first with: ${SANDBOX_CMD} down`);
    console.log(envLines(cur).join("\n"));
    return 1;
  }
  const sb = await startSandbox({ detached: true, crossNamespace, node });
  setCurrent(sb.dir);
  const s = sb.state;
  const profile = [crossNamespace ? "cross-namespace profile" : "default profile", node ? "one node" : "no node"].join(", ");
  console.error(
    [
      ``,
      `Sandbox cluster is up (${profile}), ready in ${s.readySeconds}s.`,
      `  API server   ${s.server}  (admin token in ${s.kubeconfigPath})`,
      `  restricted   ${s.restrictedKubeconfigPath}`,
      `  volume data  ${s.dataDir}/<pv.spec.csi.volumeHandle>/`,
      ...Object.entries(s.dataDirs ?? {})
        .filter(([, d]) => d !== s.dataDir)
        .map(([driver, d]) => `               ${d}/<volumeHandle>/ (${driver})`),
      ...(node ? [`  node         localhost (containerd, kubelet); pods use image ${BUSYBOX_IMAGE} with imagePullPolicy: Never (also tagged ${BUSYBOX_PUBLIC_IMAGE})`] : []),
      `  audit log    ${s.auditLogPath}`,
      `  logs         ${path.join(s.dir, "logs")}/`,
      ``,
      `Use it with:`,
    ].join("\n"),
  );
  console.log(envLines(s).join("\n"));
  console.error(`\n  kubectl get ${node ? "nodes,storageclass" : "storageclass"}\n\nStop it with: ${SANDBOX_CMD} down`);
  return 0;
}

async function down(args: string[]): Promise<number> {
  if (args.length > 1 || args.some((a) => a.startsWith("-"))) {
    console.error(USAGE);
    return 2;
  }
  await reapOrphans((m) => console.error(m));
  let cur: SandboxState | undefined;
  if (args[0] !== undefined) {
    const dir = path.resolve(args[0]);
    cur = readState(dir);
    if (!cur) {
      console.error(existsSync(dir) ? `${dir} is not a sandbox dir (no readable state.json)` : `${dir} does not exist (already stopped?)`);
      return 1;
    }
  } else {
    cur = readCurrent();
    if (!cur) {
      rmSync(currentFile(), { force: true });
      console.error(`no sandbox of this checkout is running (nothing started by \`${SANDBOX_CMD} up\` here); to stop another one: ${SANDBOX_CMD} down DIR`);
      return 0;
    }
  }
  await teardown(cur.dir, cur.processes);
  const left = running(cur).filter((p) => p.alive);
  if (left.length > 0) {
    console.error(`could not stop: ${left.map((p) => `${p.name} (${p.pid})`).join(", ")}`);
    return 1;
  }
  console.error(`stopped ${cur.processes.length} processes${cur.node ? ", removed the node's containers, mounts, bridge and cgroups" : ""} and removed ${cur.dir}`);
  return 0;
}

function status(): number {
  const cur = readCurrent();
  if (!cur) {
    console.log("sandbox: not running (for this checkout)");
    return 1;
  }
  const procs = running(cur);
  console.log(`sandbox: ${cur.dir} (${cur.crossNamespace ? "cross-namespace" : "default"} profile${cur.node ? ", one node" : ""}, started ${cur.startedAt})`);
  console.log(`server: ${cur.server}   kubeconfig: ${cur.kubeconfigPath}`);
  for (const p of procs) console.log(`  ${p.alive ? "running" : "STOPPED"}  ${p.name.padEnd(24)} pid ${p.pid}`);
  return procs.every((p) => p.alive) ? 0 : 2;
}

function env(): number {
  const cur = readCurrent();
  if (!cur) {
    console.error(`no sandbox of this checkout is running; start one with: ${SANDBOX_CMD} up`);
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
      return down(rest);
    case "status":
      return status();
    case "env":
      return env();
    case "reap": // the watchdog of a sandbox whose owner died (see startWatchdog)
      await reapOrphans((m) => console.error(m));
      return 0;
    default:
      console.error(USAGE);
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
