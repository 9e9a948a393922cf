// Host-wide things a sandbox node creates (mounts, cgroups, the bridge, loop devices, container
// processes) and their removal. Synchronous on purpose: a process 'exit' listener runs it too.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { nodeLayout } from "./layout.js";

/**
 * kubelet 1.34 puts its device-plugin socket and checkpoint in /var/lib/kubelet/device-plugins/
 * whatever --root-dir says (pluginapi.KubeletSocket is a constant). When that folder did not
 * exist before, a marker says a sandbox made it, and the last sandbox node to go removes it; a
 * machine's own /var/lib/kubelet is never touched.
 */
const HOST_KUBELET_DIR = "/var/lib/kubelet";
const HOST_KUBELET_MARKER = path.join(HOST_KUBELET_DIR, "made-by-kubectl-clone-sandbox");

export function claimHostKubeletDir(): void {
  if (existsSync(HOST_KUBELET_DIR)) return;
  mkdirSync(HOST_KUBELET_DIR, { recursive: true });
  writeFileSync(HOST_KUBELET_MARKER, "kubectl-clone's sandbox node made this folder (kubelet's device-plugin socket); its last node removes it\n");
}

/** Another sandbox's kubelet still runs (its command line names a sandbox dir's kubelet root). */
function otherSandboxKubelet(dir: string): boolean {
  return pids().some((pid) => {
    const cmd = read(`/proc/${pid}/cmdline`);
    return cmd.includes("--root-dir=") && cmd.includes("kubectl-clone-sandbox-") && !cmd.includes(path.resolve(dir));
  });
}

function releaseHostKubeletDir(dir: string): void {
  if (existsSync(HOST_KUBELET_MARKER) && !otherSandboxKubelet(dir)) rmSync(HOST_KUBELET_DIR, { recursive: true, force: true });
}

/** Mount points from /proc/self/mountinfo (field 5, octal escapes undone), in mount order. */
export function mountPoints(): { point: string; fsType: string }[] {
  const out: { point: string; fsType: string }[] = [];
  for (const line of readFileSync("/proc/self/mountinfo", "utf8").split("\n")) {
    const fields = line.split(" ");
    if (fields.length < 10) continue;
    const sep = fields.indexOf("-");
    out.push({ point: fields[4]!.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8))), fsType: fields[sep + 1] ?? "" });
  }
  return out;
}

export function mountsUnder(dir: string): string[] {
  const base = path.resolve(dir);
  return mountPoints()
    .map((m) => m.point)
    .filter((p) => p === base || p.startsWith(base + "/"));
}

/** Every cgroup hierarchy's mount point (v1 controllers and the v2 unified tree). */
export function cgroupMounts(): string[] {
  return [...new Set(mountPoints().filter((m) => m.fsType === "cgroup" || m.fsType === "cgroup2").map((m) => m.point))];
}

/**
 * Creates <hierarchy>/<root> in every cgroup hierarchy: the kubelet refuses a --cgroup-root
 * that does not exist. A v1 cpuset child starts empty and accepts no task until it gets its
 * parent's cpus and mems.
 */
export function createCgroupRoot(root: string): void {
  for (const h of cgroupMounts()) {
    const dir = path.join(h, root);
    mkdirSync(dir, { recursive: true });
    for (const f of ["cpuset.cpus", "cpuset.mems"]) {
      if (existsSync(path.join(h, f)) && readFileSync(path.join(dir, f), "utf8").trim() === "") copyFileSync(path.join(h, f), path.join(dir, f));
    }
  }
}

function rmdirTree(dir: string): void {
  let entries: string[];
  try {
    entries = readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
  } catch {
    return;
  }
  for (const e of entries) rmdirTree(path.join(dir, e));
  try {
    rmdirSync(dir);
  } catch {
    /* still has tasks: reported by nodeLeftovers */
  }
}

const sleepSync = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

function pids(): number[] {
  return readdirSync("/proc").filter((n) => /^\d+$/.test(n)).map(Number);
}

function read(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return "";
  }
}

/** Processes of this sandbox's containers (in its cgroup root) and its containerd shims (their command line names its socket). */
export function nodeProcesses(dir: string): number[] {
  const l = nodeLayout(dir);
  const inCgroup = new RegExp(`:/${l.cgroupRoot}(/|$)`, "m");
  return pids().filter((pid) => {
    if (pid === process.pid) return false;
    const stat = read(`/proc/${pid}/stat`);
    if (stat === "" || / [ZX] /.test(stat.slice(stat.lastIndexOf(")") + 1, stat.lastIndexOf(")") + 4))) return false;
    return inCgroup.test(read(`/proc/${pid}/cgroup`)) || (read(`/proc/${pid}/cmdline`).includes(l.containerdSocket));
  });
}

function loopsBackedBy(dir: string): string[] {
  const base = path.resolve(dir) + "/";
  let loops: string[];
  try {
    loops = readdirSync("/sys/block").filter((n) => n.startsWith("loop"));
  } catch {
    return [];
  }
  return loops.filter((n) => read(`/sys/block/${n}/loop/backing_file`).trim().startsWith(base)).map((n) => `/dev/${n}`);
}

function run(cmd: string, args: string[]): void {
  try {
    execFileSync(cmd, args, { stdio: "ignore", timeout: 10_000 });
  } catch {
    /* reported by nodeLeftovers */
  }
}

/**
 * containerd 1.6 shims listen on /run/containerd/s/<sha256(containerd socket/namespace/id)>
 * whatever its state dir; a killed shim leaves its socket there. The ids are the task bundles
 * under the state dir.
 */
function shimSockets(dir: string): string[] {
  const l = nodeLayout(dir);
  const tasks = path.join(l.containerdDir, "state", "io.containerd.runtime.v2.task");
  const out: string[] = [];
  let namespaces: string[];
  try {
    namespaces = readdirSync(tasks);
  } catch {
    return out;
  }
  for (const ns of namespaces) {
    let ids: string[];
    try {
      ids = readdirSync(path.join(tasks, ns));
    } catch {
      continue;
    }
    for (const id of ids) out.push(path.join("/run/containerd/s", createHash("sha256").update(path.join(l.containerdSocket, ns, id)).digest("hex")));
  }
  return out.filter((f) => existsSync(f));
}

/**
 * Removes what a node left on the host, after its processes (kubelet, containerd, driver) were
 * stopped: kills container processes and shims, unmounts everything under dir (deepest first,
 * lazily if busy), deletes the bridge, the cgroups and loop devices. Returns what is still left.
 */
export function cleanupNode(dir: string): string[] {
  const l = nodeLayout(dir);
  const sockets = shimSockets(dir);
  // before the unmounts: the kubelet's own loop device of a Block volume is backed by the
  // published device node, which reads as "/" once unmounted, and it keeps the driver's busy
  const loops = loopsBackedBy(dir);
  for (let i = 0; i < 20; i++) {
    const left = nodeProcesses(dir);
    if (left.length === 0) break;
    for (const pid of left) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        /* gone */
      }
    }
    sleepSync(100);
  }
  for (let round = 0; round < 5; round++) {
    const mounts = mountsUnder(dir).reverse();
    if (mounts.length === 0) break;
    for (const m of mounts) run("umount", ["--lazy", m]);
  }
  if (existsSync(`/sys/class/net/${l.bridge}`)) run("ip", ["link", "delete", l.bridge]);
  for (const h of cgroupMounts()) rmdirTree(path.join(h, l.cgroupRoot));
  // the kubelet's (found later in /sys/block, as a rule) go first; a busy one is freed with its user
  for (const dev of [...new Set([...loops, ...loopsBackedBy(dir)])].reverse()) run("losetup", ["-d", dev]);
  for (const f of sockets) rmSync(f, { force: true });
  // left empty by the shims; a machine's own containerd keeps files here, so rmdir stops there
  for (const d of ["/run/containerd/s", "/run/containerd"]) {
    try {
      rmdirSync(d);
    } catch {
      /* not empty, or not there */
    }
  }
  releaseHostKubeletDir(dir);
  return nodeLeftovers(dir);
}

/** What a node of dir still holds on the host (empty when nothing is left). */
export function nodeLeftovers(dir: string): string[] {
  const l = nodeLayout(dir);
  const left: string[] = [];
  for (const m of mountsUnder(dir)) left.push(`mount ${m}`);
  for (const pid of nodeProcesses(dir)) left.push(`process ${pid} (${read(`/proc/${pid}/cmdline`).split("\0")[0]})`);
  if (existsSync(`/sys/class/net/${l.bridge}`)) left.push(`network bridge ${l.bridge}`);
  for (const h of cgroupMounts()) if (existsSync(path.join(h, l.cgroupRoot))) left.push(`cgroup ${path.join(h, l.cgroupRoot)}`);
  for (const dev of loopsBackedBy(dir)) left.push(`loop device ${dev}`);
  for (const f of shimSockets(dir)) left.push(`shim socket ${f}`);
  return left;
}
