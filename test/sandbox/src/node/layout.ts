import { createHash } from "node:crypto";
import path from "node:path";

/**
 * Where a sandbox's node keeps its things. Everything host-wide (bridge, cgroup root) is named
 * after the sandbox dir, so a cleanup needs nothing but the dir: a reaper that finds a dead
 * run can still remove all of it.
 */
export interface NodeLayout {
  /** The Node object's name; the apiserver dials it, so it must resolve to 127.0.0.1. */
  nodeName: string;
  containerdDir: string;
  containerdSocket: string;
  containerdConfig: string;
  cniConfDir: string;
  cniDataDir: string;
  imageDir: string;
  kubeletRoot: string;
  kubeletConfig: string;
  kubeletCertDir: string;
  podLogsDir: string;
  /** kubelet's plugins_registry: the CSI driver puts its registration socket here. */
  pluginRegistry: string;
  /** Linux bridge of the pod network (15 characters at most). */
  bridge: string;
  /** Top cgroup of this node's pods in every hierarchy: /sys/fs/cgroup/<controller>/<cgroupRoot>. */
  cgroupRoot: string;
}

export const NODE_NAME = "localhost";
/** Pod addresses: TEST-NET range (RFC 2544), not a private range; no gateway and no routes, so it reaches nothing. */
export const POD_SUBNET = "198.18.0.0/24";
export const CLUSTER_DNS = "198.18.0.10";

export function nodeLayout(dir: string): NodeLayout {
  const tag = createHash("sha256").update(path.resolve(dir)).digest("hex").slice(0, 8);
  const node = path.join(dir, "node");
  const containerdDir = path.join(node, "containerd");
  const kubeletRoot = path.join(node, "kubelet");
  return {
    nodeName: NODE_NAME,
    containerdDir,
    containerdSocket: path.join(containerdDir, "containerd.sock"),
    containerdConfig: path.join(containerdDir, "config.toml"),
    cniConfDir: path.join(node, "cni", "net.d"),
    cniDataDir: path.join(node, "cni", "ipam"),
    imageDir: path.join(node, "images"),
    kubeletRoot,
    kubeletConfig: path.join(node, "kubelet-config.json"),
    kubeletCertDir: path.join(node, "kubelet-pki"),
    podLogsDir: path.join(node, "pod-logs"),
    pluginRegistry: path.join(kubeletRoot, "plugins_registry"),
    bridge: `kcs${tag}`,
    cgroupRoot: `kubectl-clone-${tag}`,
  };
}
