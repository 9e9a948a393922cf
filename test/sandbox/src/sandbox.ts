import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { writeAuditPolicy } from "./audit.js";
import { ensureBinaries, sandboxHome } from "./binaries.js";
import { httpGet } from "./http.js";
import { writeKubeconfig } from "./kubeconfig.js";
import {
  cleanupNode,
  containerdAnswers,
  NODE_CONTROLLERS,
  prepareNode,
  readyContainerd,
  startContainerd,
  startKubelet,
  startScheduler,
  waitNodeReady,
  type NodeLayout,
} from "./node/index.js";
import { driverDataDir, driverSocket, EXTRA_DRIVERS } from "./drivers.js";
import { applyCrds, applyObjects, DRIVER, sandboxObjects, snapshotClasses } from "./objects.js";
import { ADMIN_USER, RESTRICTED_USER, writeCredentials } from "./pki.js";
import { freePorts } from "./ports.js";
import { killNow, logContains, ProcessSet } from "./processes.js";
import { reapOrphans, registerRun, removeHostState, teardown, unregisterRun, writeState, type SandboxState } from "./state.js";

export interface StartOptions {
  /** Adds --feature-gates=CrossNamespaceVolumeDataSource=true to apiserver, controller-manager and csi-provisioner. */
  crossNamespace?: boolean;
  /**
   * Adds a node: containerd + runc, kube-scheduler, a kubelet named "localhost", the CSI driver's
   * node service and topology, the workload controllers and the csi-hostpath-wffc class, so pods
   * run and mount volumes. Needs root and four Debian packages (installed with apt-get when
   * missing). Default false.
   */
  node?: boolean;
  /**
   * Two more instances of the host-path driver, each with its own hostpathplugin, csi-provisioner
   * and folders (drivers.ts): NOCLONE_DRIVER (no CLONE_VOLUME; its own csi-snapshotter and
   * VolumeSnapshotClass) and PLAIN_DRIVER (neither clone nor snapshot), with StorageClasses
   * NOCLONE_STORAGE_CLASS and PLAIN_STORAGE_CLASS. Default: the value of `node`.
   */
  extraDrivers?: boolean;
  /**
   * Detach the processes so they outlive this Node process (the CLI's `up`). Default false:
   * children are killed when this process exits or gets SIGINT/SIGTERM/SIGHUP.
   */
  detached?: boolean;
  /** Progress lines (default: stderr). */
  log?: (msg: string) => void;
  /** Parent for the temp dir (default os.tmpdir()). */
  baseDir?: string;
  /** klog verbosity of the components (default 2). */
  verbosity?: number;
}

export interface Sandbox {
  dir: string;
  kubeconfigPath: string;
  restrictedKubeconfigPath: string;
  adminToken: string;
  restrictedToken: string;
  /** hostpathplugin --statedir: a volume's data is at <dataDir>/<pv.spec.csi.volumeHandle>/. */
  dataDir: string;
  /** Every running driver's --statedir by driver name (DRIVER's is dataDir); see driverDataDir(). */
  dataDirs: Record<string, string>;
  /** The extra drivers run (options.extraDrivers). */
  extraDrivers: boolean;
  auditLogPath: string;
  binDir: string;
  /** https://127.0.0.1:<port> */
  server: string;
  crossNamespace: boolean;
  /** The node's folders and names, when it runs one (options.node). */
  node: NodeLayout | undefined;
  state: SandboxState;
  /** Stops every process (reverse order, SIGTERM then SIGKILL) and removes the temp dir. */
  stop(): Promise<void>;
  /**
   * Fault injection: stops one process (SIGTERM, or `signal`, e.g. SIGKILL) and starts it again
   * with the same command line (same ports, data, audit log), then waits until it is ready again
   * (etcd `/health`, kube-apiserver `/readyz`, kubelet `/healthz`, containerd its socket; others:
   * the process is running). `downMs` keeps it down that long first; `whileDown` runs while it
   * is down (a test's checks of the outage), and it is started again even if that fails.
   */
  restart(name: SandboxProcess, options?: { signal?: NodeJS.Signals; downMs?: number; whileDown?: () => Promise<void> }): Promise<void>;
  /** Fault injection: signals one process, e.g. `signal("etcd", "SIGSTOP")` then `"SIGCONT"`. */
  signal(name: SandboxProcess, signal: NodeJS.Signals): void;
}

export type SandboxProcess =
  | "etcd"
  | "kube-apiserver"
  | "kube-controller-manager"
  | "hostpathplugin"
  | "csi-provisioner"
  | "snapshot-controller"
  | "csi-snapshotter"
  | "containerd"
  | "kube-scheduler"
  | "kubelet"
  | `hostpathplugin-${ExtraKey}`
  | `csi-provisioner-${ExtraKey}`
  | `csi-snapshotter-${ExtraKey}`;
type ExtraKey = (typeof EXTRA_DRIVERS)[number]["key"];

export const ADMIN = ADMIN_USER;
export const RESTRICTED = RESTRICTED_USER;

const CONTROLLERS = [
  "persistentvolume-binder-controller",
  "persistentvolume-protection-controller",
  "persistentvolumeclaim-protection-controller",
  "persistentvolume-expander-controller",
  "namespace-controller",
  "garbage-collector-controller",
  "serviceaccount-controller",
];

/** Live owners whose children must die with them (non-detached sandboxes of this process). */
const owned = new Set<{ dir: string; procs: ProcessSet }>();
let handlersInstalled = false;

function installExitHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  // prependListener: vitest's own 'exit' listener calls process.exit() again, which makes
  // Node skip every listener registered after it; ours must run first.
  process.prependListener("exit", () => {
    for (const o of owned) {
      killNow(o.procs.records, o.dir);
      const left = removeHostState(o.dir);
      if (!process.env.KUBECTL_CLONE_SANDBOX_KEEP && left.length === 0) rmSync(o.dir, { recursive: true, force: true });
      unregisterRun(o.dir);
    }
  });
  let stopping = false;
  for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    // `on`, not `once`: a Ctrl-C often arrives twice (the terminal's group signal plus a
    // relay by npm/pnpm), and a second one must not kill us before the children are stopped.
    process.prependListener(sig, () => {
      if (stopping) return;
      stopping = true;
      void (async () => {
        // Entries stay in `owned` until stopped: if someone else exits the process meanwhile
        // (vitest does on SIGINT), the 'exit' listener still SIGKILLs them.
        for (const o of [...owned]) {
          await teardown(o.dir, o.procs.records, 2000).catch(() => killNow(o.procs.records, o.dir));
          owned.delete(o);
        }
        process.exit(sig === "SIGINT" ? 130 : 143);
      })();
    });
  }
}

/**
 * A node outlives a `kill -9` of its owner (containers, mounts, a bridge) until the next start
 * reaps it; this detached shell reaps it within a second instead: when the owner dies while the
 * dir still exists, it runs `cli.ts reap`. It ends by itself once the dir is gone (a normal stop).
 */
function startWatchdog(dir: string): void {
  const script = 'while kill -0 "$0" 2>/dev/null && [ -d "$1" ]; do sleep 1; done; [ -d "$1" ] && exec "$2" --import tsx "$3" reap';
  const child = spawn("bash", ["-c", script, String(process.pid), dir, process.execPath, path.join(sandboxHome, "src", "cli.ts")], {
    cwd: sandboxHome,
    detached: true,
    stdio: "ignore",
  });
  child.unref();
}

/**
 * Starts etcd, kube-apiserver, kube-controller-manager, the CSI host-path driver,
 * csi-provisioner, snapshot-controller and csi-snapshotter (with options.node also containerd,
 * kube-scheduler and a kubelet) on 127.0.0.1 in a new temp dir, creates the sandbox objects and resolves once every part is ready. On any failure
 * everything started so far is stopped and the error carries the failing log's tail.
 */
export async function startSandbox(options: StartOptions = {}): Promise<Sandbox> {
  const log = options.log ?? ((m: string) => process.stderr.write(`[sandbox] ${m}\n`));
  const crossNamespace = options.crossNamespace ?? false;
  const withNode = options.node ?? false;
  const withExtras = options.extraDrivers ?? withNode;
  const extras = withExtras ? EXTRA_DRIVERS : [];
  const detached = options.detached ?? false;
  const v = String(options.verbosity ?? 2);
  const t0 = Date.now();
  const secs = () => ((Date.now() - t0) / 1000).toFixed(1);

  const bins = await ensureBinaries();
  await reapOrphans(log);
  const tBuild = Date.now();

  const base = options.baseDir ?? os.tmpdir();
  mkdirSync(base, { recursive: true });
  const dir = mkdtempSync(path.join(base, "kubectl-clone-sandbox-"));
  const procs = new ProcessSet(dir, detached);
  const owner = { dir, procs };
  installExitHandlers();
  owned.add(owner); // also covers a detached `up` until it has finished starting
  registerRun(dir, detached ? null : process.pid);
  if (!detached && withNode) startWatchdog(dir);

  try {
    const [etcdClient, etcdPeer, apiserverPort, kcmPort, schedulerPort, kubeletPort, kubeletHealthz] = (await freePorts(7)) as [number, number, number, number, number, number, number];
    const server = `https://127.0.0.1:${apiserverPort}`;
    const creds = writeCredentials(dir);
    const auditPolicy = path.join(dir, "audit-policy.yaml");
    const auditLogPath = path.join(dir, "audit.log");
    writeAuditPolicy(auditPolicy);
    const dataDir = driverDataDir(dir, DRIVER);
    const socket = driverSocket(dir, DRIVER);
    const dataDirs: Record<string, string> = Object.fromEntries([DRIVER, ...extras.map((d) => d.name)].map((n) => [n, driverDataDir(dir, n)]));
    const kubeconfigPath = path.join(dir, "kubeconfig");
    const restrictedKubeconfigPath = path.join(dir, "kubeconfig-restricted");
    const gates = crossNamespace ? ["--feature-gates=CrossNamespaceVolumeDataSource=true"] : [];
    // the provisioner passes the node's topology to CreateVolume, so PVs get node affinity
    const provisionerGates = [...(crossNamespace ? ["CrossNamespaceVolumeDataSource=true"] : []), ...(withNode ? ["Topology=true"] : [])];
    const node = withNode ? await prepareNode(dir, log) : undefined;
    if (node) log(`node prepared: containerd config, CNI bridge ${node.bridge} on 198.18.0.0/24, cgroup /${node.cgroupRoot}, images (${secs()}s)`);
    const regOpts = () => registerRun(dir, detached ? null : process.pid, procs.records);

    // 0. containerd starts while the control plane comes up
    if (node) startContainerd(procs, node);

    // 1. etcd
    procs.start({
      name: "etcd",
      bin: bins.path("etcd"),
      args: [
        "--name=default",
        `--data-dir=${path.join(dir, "etcd")}`,
        `--listen-client-urls=http://127.0.0.1:${etcdClient}`,
        `--advertise-client-urls=http://127.0.0.1:${etcdClient}`,
        `--listen-peer-urls=http://127.0.0.1:${etcdPeer}`,
        `--initial-advertise-peer-urls=http://127.0.0.1:${etcdPeer}`,
        `--initial-cluster=default=http://127.0.0.1:${etcdPeer}`,
        "--unsafe-no-fsync",
        "--quota-backend-bytes=1073741824",
        "--log-level=warn",
      ],
    });
    regOpts();
    await procs.waitReady("etcd", "/health", async () => {
      const r = await httpGet(`http://127.0.0.1:${etcdClient}/health`);
      return r.status === 200 && /"health":\s*"true"/.test(r.body);
    });
    log(`etcd ready on 127.0.0.1:${etcdClient} (${secs()}s)`);

    // 2. kube-apiserver
    procs.start({
      name: "kube-apiserver",
      bin: bins.path("kube-apiserver"),
      args: [
        `--etcd-servers=http://127.0.0.1:${etcdClient}`,
        "--bind-address=127.0.0.1",
        "--advertise-address=127.0.0.1",
        `--secure-port=${apiserverPort}`,
        `--cert-dir=${path.join(dir, "pki")}`,
        `--token-auth-file=${creds.tokenFile}`,
        "--authorization-mode=RBAC",
        `--service-account-issuer=${server}`,
        `--service-account-key-file=${creds.serviceAccountKeyFile}`,
        `--service-account-signing-key-file=${creds.serviceAccountKeyFile}`,
        "--service-cluster-ip-range=10.0.0.0/24",
        `--audit-policy-file=${auditPolicy}`,
        `--audit-log-path=${auditLogPath}`,
        "--audit-log-maxsize=100",
        "--profiling=false",
        // exec/logs/port-forward: the node is "localhost"; never dial its other addresses
        "--kubelet-preferred-address-types=Hostname",
        `--v=${v}`,
        ...gates,
      ],
    });
    regOpts();
    await procs.waitReady(
      "kube-apiserver",
      "/readyz",
      async () => (await httpGet(`${server}/readyz`, creds.adminToken)).status === 200,
      120_000,
    );
    log(`kube-apiserver ready on ${server} (${secs()}s)`);
    writeKubeconfig(kubeconfigPath, server, ADMIN_USER, creds.adminToken);
    writeKubeconfig(restrictedKubeconfigPath, server, RESTRICTED_USER, creds.restrictedToken);

    // 3. controller-manager and the CSI driver start while the objects are created
    procs.start({
      name: "kube-controller-manager",
      bin: bins.path("kube-controller-manager"),
      args: [
        `--kubeconfig=${kubeconfigPath}`,
        `--authentication-kubeconfig=${kubeconfigPath}`,
        `--authorization-kubeconfig=${kubeconfigPath}`,
        "--leader-elect=false",
        "--bind-address=127.0.0.1",
        `--secure-port=${kcmPort}`,
        `--cert-dir=${path.join(dir, "pki-kcm")}`,
        `--controllers=${[...CONTROLLERS, ...(node ? NODE_CONTROLLERS : [])].join(",")}`,
        // root-ca-certificate-publisher publishes this as kube-root-ca.crt (pods only mount it)
        ...(node ? [`--root-ca-file=${path.join(dir, "pki", "apiserver.crt")}`] : []),
        "--enable-hostpath-provisioner=true",
        "--pvclaimbinder-sync-period=2s",
        `--service-account-private-key-file=${creds.serviceAccountKeyFile}`,
        `--v=${v}`,
        ...gates,
      ],
    });
    const startDriver = (suffix: string, driver: string, flags: string[]) =>
      procs.start({
        name: `hostpathplugin${suffix}`,
        bin: bins.path("hostpathplugin"),
        args: [
          `--endpoint=unix://${driverSocket(dir, driver)}`,
          `--nodeid=${node ? node.nodeName : "sandbox-node"}`,
          `--statedir=${driverDataDir(dir, driver)}`,
          `--drivername=${driver}`,
          ...(node ? ["--enable-topology", `--kubelet-registration-dir=${node.pluginRegistry}`] : []),
          ...flags,
        ],
      });
    startDriver("", DRIVER, []);
    for (const d of extras) startDriver(`-${d.key}`, d.name, d.flags);
    if (node) {
      startScheduler(procs, bins.path("kube-scheduler"), kubeconfigPath, schedulerPort, v);
      await readyContainerd(procs, node);
      log(`containerd ready, images imported (${secs()}s)`);
      startKubelet(procs, bins.path("kubelet"), node, kubeconfigPath, { kubelet: kubeletPort, healthz: kubeletHealthz }, v);
    }
    regOpts();

    const kubectlBin = bins.path("kubectl");
    await applyCrds(kubectlBin, kubeconfigPath, bins.crdDir);
    await applyObjects(kubectlBin, kubeconfigPath, [...sandboxObjects({ node: withNode, extraDrivers: withExtras }), ...snapshotClasses({ extraDrivers: withExtras })]);
    log(`objects created: storage classes, CSIDriver, snapshot + ReferenceGrant CRDs, RBAC (${secs()}s)`);

    await procs.waitReady(
      "kube-controller-manager",
      "/healthz",
      async () => (await httpGet(`https://127.0.0.1:${kcmPort}/healthz`)).status === 200,
    );
    await procs.waitReady("kube-controller-manager", "its PV controllers to start", () =>
      logContains(procs.logOf("kube-controller-manager"), /Started controller.*persistentvolume-binder-controller|Starting persistent volume controller/),
    );
    log(`kube-controller-manager ready (${secs()}s)`);
    await procs.waitReady("hostpathplugin", `its socket ${socket}`, () => existsSync(socket));
    for (const d of extras) {
      const s = driverSocket(dir, d.name);
      await procs.waitReady(`hostpathplugin-${d.key}`, `its socket ${s}`, () => existsSync(s));
    }
    log(`hostpathplugin listening on ${socket}${extras.length ? ` (and ${extras.map((d) => d.name).join(", ")})` : ""} (${secs()}s)`);

    // 4. CSI sidecars and the snapshot controller
    const sidecarEnv = { KUBECONFIG: kubeconfigPath };
    const startProvisioner = (suffix: string, csiSocket: string) =>
      procs.start({
        name: `csi-provisioner${suffix}`,
        bin: bins.path("csi-provisioner"),
        env: sidecarEnv,
        args: [
          `--kubeconfig=${kubeconfigPath}`,
          `--csi-address=${csiSocket}`,
          "--timeout=120s",
          "--extra-create-metadata",
          "--retry-interval-start=1s",
          "--retry-interval-max=30s",
          `--v=${v}`,
          ...(provisionerGates.length > 0 ? [`--feature-gates=${provisionerGates.join(",")}`] : []),
        ],
      });
    const startSnapshotter = (suffix: string, csiSocket: string) =>
      procs.start({
        name: `csi-snapshotter${suffix}`,
        bin: bins.path("csi-snapshotter"),
        env: sidecarEnv,
        args: [`--kubeconfig=${kubeconfigPath}`, `--csi-address=${csiSocket}`, "--timeout=60s", `--v=${v}`],
      });
    startProvisioner("", socket);
    procs.start({
      name: "snapshot-controller",
      bin: bins.path("snapshot-controller"),
      env: sidecarEnv,
      args: [`--kubeconfig=${kubeconfigPath}`, `--v=${v}`],
    });
    startSnapshotter("", socket);
    for (const d of extras) {
      startProvisioner(`-${d.key}`, driverSocket(dir, d.name));
      if (d.snapshotClass) startSnapshotter(`-${d.key}`, driverSocket(dir, d.name));
    }
    regOpts();
    for (const suffix of ["", ...extras.map((d) => `-${d.key}`)]) {
      await procs.waitReady(`csi-provisioner${suffix}`, "its controller to start", () =>
        logContains(procs.logOf(`csi-provisioner${suffix}`), /Started provisioner controller/),
      );
    }
    log(`csi-provisioner started${extras.length ? ` (${1 + extras.length} instances)` : ""} (${secs()}s)`);
    await procs.waitReady("snapshot-controller", "its controller to start", () =>
      logContains(procs.logOf("snapshot-controller"), /Starting snapshot controller/i),
    );
    for (const suffix of ["", ...extras.filter((d) => d.snapshotClass).map((d) => `-${d.key}`)]) {
      await procs.waitReady(`csi-snapshotter${suffix}`, "its controller to start", () =>
        logContains(procs.logOf(`csi-snapshotter${suffix}`), /Starting CSI snapshotter/i),
      );
    }
    log(`snapshot-controller and csi-snapshotter started (${secs()}s)`);
    if (node) {
      await waitNodeReady(procs, server, creds.adminToken, node, [DRIVER, ...extras.map((d) => d.name)], schedulerPort);
      log(`node ${node.nodeName} Ready, driver${extras.length ? "s" : ""} registered, scheduler healthy (${secs()}s)`);
    }

    const state: SandboxState = {
      version: 1,
      dir,
      crossNamespace,
      ownerPid: detached ? null : process.pid,
      startedAt: new Date(t0).toISOString(),
      readySeconds: Math.round((Date.now() - tBuild) / 100) / 10,
      server,
      ports: { etcdClient, etcdPeer, apiserver: apiserverPort, controllerManager: kcmPort, ...(node ? { scheduler: schedulerPort, kubelet: kubeletPort, kubeletHealthz } : {}) },
      node: withNode,
      kubeconfigPath,
      restrictedKubeconfigPath,
      adminToken: creds.adminToken,
      restrictedToken: creds.restrictedToken,
      dataDir,
      dataDirs,
      extraDrivers: withExtras,
      auditLogPath,
      binDir: bins.binDir,
      processes: procs.records,
    };
    writeState(state);
    regOpts();
    if (detached) owned.delete(owner);
    log(`sandbox ready in ${state.readySeconds}s after the binaries were found (${secs()}s in all)`);

    let stopped = false;
    return {
      dir,
      kubeconfigPath,
      restrictedKubeconfigPath,
      adminToken: creds.adminToken,
      restrictedToken: creds.restrictedToken,
      dataDir,
      dataDirs,
      extraDrivers: withExtras,
      auditLogPath,
      binDir: bins.binDir,
      server,
      crossNamespace,
      node,
      state,
      async stop() {
        if (stopped) return;
        stopped = true;
        owned.delete(owner);
        await teardown(dir, procs.records);
      },
      async restart(name, restartOptions = {}) {
        try {
          await procs.restart(name, {
            ...(restartOptions.signal ? { signal: restartOptions.signal } : {}),
            ...(restartOptions.downMs ? { downMs: restartOptions.downMs } : {}),
            ...(restartOptions.whileDown ? { whileDown: restartOptions.whileDown } : {}),
          });
        } finally {
          regOpts();
        }
        writeState(state);
        if (name === "etcd") {
          await procs.waitReady("etcd", "/health", async () => (await httpGet(`http://127.0.0.1:${etcdClient}/health`)).status === 200);
        } else if (name === "kube-apiserver") {
          await procs.waitReady("kube-apiserver", "/readyz", async () => (await httpGet(`${server}/readyz`, creds.adminToken)).status === 200, 120_000);
        } else if (name === "kubelet") {
          await procs.waitReady("kubelet", "/healthz", async () => (await httpGet(`http://127.0.0.1:${kubeletHealthz}/healthz`)).status === 200);
        } else if (name === "containerd" && node) {
          await procs.waitReady("containerd", "its socket", () => containerdAnswers(node));
        }
      },
      signal(name, signal) {
        procs.signal(name, signal);
      },
    };
  } catch (err) {
    log(`start failed after ${secs()}s; stopping what was started`);
    owned.delete(owner);
    await procs.stopAll(2000);
    if (process.env.KUBECTL_CLONE_SANDBOX_KEEP) {
      if (withNode) cleanupNode(dir);
      log(`kept ${dir} (KUBECTL_CLONE_SANDBOX_KEEP is set)`);
    } else await teardown(dir, procs.records, 2000);
    unregisterRun(dir);
    throw err;
  }
}
