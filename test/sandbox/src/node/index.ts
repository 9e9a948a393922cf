// The sandbox's node: containerd + runc, a bridge CNI network that reaches nothing, locally built
// images, kube-scheduler and a kubelet named "localhost". See test/sandbox/README.md ("The node").
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { promisify } from "node:util";
import { httpGet } from "../http.js";
import type { ProcessSet } from "../processes.js";
import { writeContainerdConfig } from "./containerd.js";
import { claimHostKubeletDir, createCgroupRoot } from "./host.js";
import { writeImageArchive } from "./images.js";
import { kubeletArgs, writeKubeletConfig } from "./kubelet.js";
import { nodeLayout, type NodeLayout } from "./layout.js";
import { ensureNodePrereqs } from "./prereqs.js";

export { BUSYBOX_IMAGE, BUSYBOX_PUBLIC_IMAGE, PAUSE_IMAGE } from "./images.js";
export { cleanupNode, nodeLeftovers } from "./host.js";
export { NODE_NAME, nodeLayout, type NodeLayout } from "./layout.js";

const run = promisify(execFile);

/** Controllers a node's pods need beyond the sandbox's volume controllers. */
export const NODE_CONTROLLERS = [
  // removes the not-ready taint the kubelet registers with; without it nothing schedules
  "node-lifecycle-controller",
  // the kube-root-ca.crt ConfigMap every service-account token volume mounts
  "root-ca-certificate-publisher-controller",
  "deployment-controller",
  "replicaset-controller",
  "statefulset-controller",
  "job-controller",
];

/** Root, packages, the node's folders, cgroup root, containerd and CNI config, the image archive. */
export async function prepareNode(dir: string, log: (m: string) => void): Promise<NodeLayout> {
  await ensureNodePrereqs(log);
  const l = nodeLayout(dir);
  writeContainerdConfig(l);
  createCgroupRoot(l.cgroupRoot);
  claimHostKubeletDir();
  writeImageArchive(l.imageDir);
  return l;
}

export function startContainerd(procs: ProcessSet, l: NodeLayout): void {
  procs.start({ name: "containerd", bin: "/usr/bin/containerd", args: ["--config", l.containerdConfig, "--log-level", "warn"] });
}

const ctr = (l: NodeLayout, args: string[]) => run("/usr/bin/ctr", ["--address", l.containerdSocket, "--namespace", "k8s.io", ...args], { timeout: 60_000 });

/** containerd answers on its socket (a socket file alone may be left from a stopped one). */
export async function containerdAnswers(l: NodeLayout): Promise<boolean> {
  return existsSync(l.containerdSocket) && (await ctr(l, ["version"]).then(() => true));
}

/** Waits for containerd, then imports the busybox and pause images into its k8s.io namespace. */
export async function readyContainerd(procs: ProcessSet, l: NodeLayout): Promise<void> {
  await procs.waitReady("containerd", `its socket ${l.containerdSocket}`, () => containerdAnswers(l));
  await ctr(l, ["images", "import", `${l.imageDir}/images.tar`]);
}

export function startKubelet(procs: ProcessSet, bin: string, l: NodeLayout, kubeconfigPath: string, ports: { kubelet: number; healthz: number }, verbosity: string): void {
  writeKubeletConfig(l, ports);
  procs.start({ name: "kubelet", bin, args: kubeletArgs(l, kubeconfigPath, verbosity) });
}

export function startScheduler(procs: ProcessSet, bin: string, kubeconfigPath: string, port: number, verbosity: string): void {
  procs.start({
    name: "kube-scheduler",
    bin,
    args: [
      `--kubeconfig=${kubeconfigPath}`,
      `--authentication-kubeconfig=${kubeconfigPath}`,
      `--authorization-kubeconfig=${kubeconfigPath}`,
      "--leader-elect=false",
      "--bind-address=127.0.0.1",
      `--secure-port=${port}`,
      `--v=${verbosity}`,
    ],
  });
}

interface NodeObj {
  spec?: { taints?: { key: string }[] };
  status?: { conditions?: { type: string; status: string }[] };
}

/**
 * Ready means what a test needs: the Node is Ready without the not-ready taint (pods schedule),
 * the CSI driver is registered on it (CSINode), and the scheduler answers /healthz.
 */
export async function waitNodeReady(procs: ProcessSet, server: string, token: string, l: NodeLayout, drivers: string[], schedulerPort: number): Promise<void> {
  await procs.waitReady("kube-scheduler", "/healthz", async () => (await httpGet(`https://127.0.0.1:${schedulerPort}/healthz`)).status === 200);
  await procs.waitReady(
    "kubelet",
    `node ${l.nodeName} to be Ready and untainted`,
    async () => {
      const r = await httpGet(`${server}/api/v1/nodes/${l.nodeName}`, token);
      if (r.status !== 200) return false;
      const n = JSON.parse(r.body) as NodeObj;
      const ready = n.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false;
      return ready && !(n.spec?.taints ?? []).some((t) => t.key.startsWith("node.kubernetes.io/"));
    },
    120_000,
  );
  await procs.waitReady("hostpathplugin", `the kubelet to register driver${drivers.length > 1 ? "s" : ""} ${drivers.join(", ")} (CSINode ${l.nodeName})`, async () => {
    const r = await httpGet(`${server}/apis/storage.k8s.io/v1/csinodes/${l.nodeName}`, token);
    if (r.status !== 200) return false;
    const c = JSON.parse(r.body) as { spec?: { drivers?: { name: string }[] } };
    const registered = new Set((c.spec?.drivers ?? []).map((d) => d.name));
    return drivers.every((d) => registered.has(d));
  });
}
