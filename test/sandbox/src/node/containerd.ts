import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PAUSE_IMAGE } from "./images.js";
import { POD_SUBNET, type NodeLayout } from "./layout.js";

const CNI_BIN_DIR = "/usr/lib/cni"; // Debian's containernetworking-plugins

/**
 * containerd's config: its own root, state, socket, runc root and CNI config, so several
 * sandboxes (and a system containerd) never share anything. The settings that matter here are
 * in test/sandbox/README.md ("The node").
 */
export function writeContainerdConfig(l: NodeLayout): void {
  const d = l.containerdDir;
  for (const sub of ["root", "state", "opt"]) mkdirSync(path.join(d, sub), { recursive: true });
  mkdirSync(l.cniConfDir, { recursive: true });
  const q = JSON.stringify;
  const toml = `version = 2
root = ${q(path.join(d, "root"))}
state = ${q(path.join(d, "state"))}
disabled_plugins = ["io.containerd.snapshotter.v1.aufs", "io.containerd.snapshotter.v1.btrfs", "io.containerd.snapshotter.v1.zfs", "io.containerd.snapshotter.v1.devmapper", "io.containerd.tracing.processor.v1.otlp", "io.containerd.internal.v1.tracing"]

[grpc]
  address = ${q(l.containerdSocket)}

[plugins."io.containerd.internal.v1.opt"]
  path = ${q(path.join(d, "opt"))}

[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = ${q(PAUSE_IMAGE)}
  stream_server_address = "127.0.0.1"
  stream_server_port = "0"
  # root lacks CAP_SYS_RESOURCE on these machines: a negative oom_score_adj fails in runc
  # as "can't get final child's PID from pipe: EOF"
  restrict_oom_score_adj = true
  netns_mounts_under_state_dir = true
  disable_apparmor = true
  enable_selinux = false
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = ${q(CNI_BIN_DIR)}
    conf_dir = ${q(l.cniConfDir)}
    max_conf_num = 1
  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "overlayfs"
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
        Root = ${q(path.join(d, "runc"))}
        SystemdCgroup = false
`;
  writeFileSync(l.containerdConfig, toml);
  writeCniConfig(l);
}

/**
 * One bridge with host-local addresses on an isolated range: no gateway, no masquerade, no
 * routes. containerd 1.6 needs an eth0 in every pod, so loopback alone is not enough.
 */
function writeCniConfig(l: NodeLayout): void {
  const conf = {
    cniVersion: "1.0.0",
    name: "kubectl-clone-sandbox",
    plugins: [
      {
        type: "bridge",
        bridge: l.bridge,
        isGateway: false,
        isDefaultGateway: false,
        ipMasq: false,
        hairpinMode: false,
        ipam: { type: "host-local", ranges: [[{ subnet: POD_SUBNET }]], routes: [], dataDir: l.cniDataDir },
      },
      { type: "loopback" },
    ],
  };
  writeFileSync(path.join(l.cniConfDir, "10-sandbox.conflist"), JSON.stringify(conf, null, 2) + "\n");
}
