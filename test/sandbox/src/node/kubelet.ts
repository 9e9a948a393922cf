import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { CLUSTER_DNS, type NodeLayout } from "./layout.js";

/**
 * The kubelet's configuration for a throwaway node on a shared machine: it listens on 127.0.0.1
 * only (ports chosen per sandbox), trusts every caller (sandbox only), keeps its pods in its own
 * cgroup root, and never evicts test pods because the disk is busy.
 */
export function writeKubeletConfig(l: NodeLayout, ports: { kubelet: number; healthz: number }): void {
  for (const d of [l.kubeletRoot, l.kubeletCertDir, l.podLogsDir, l.pluginRegistry]) mkdirSync(d, { recursive: true });
  const resolvConf = path.join(path.dirname(l.kubeletConfig), "resolv.conf");
  writeFileSync(resolvConf, `nameserver ${CLUSTER_DNS}\n`);
  const config = {
    kind: "KubeletConfiguration",
    apiVersion: "kubelet.config.k8s.io/v1beta1",
    address: "127.0.0.1",
    port: ports.kubelet,
    readOnlyPort: 0,
    healthzBindAddress: "127.0.0.1",
    healthzPort: ports.healthz,
    authentication: { anonymous: { enabled: true }, webhook: { enabled: false } },
    authorization: { mode: "AlwaysAllow" },
    containerRuntimeEndpoint: `unix://${l.containerdSocket}`,
    cgroupDriver: "cgroupfs",
    cgroupRoot: `/${l.cgroupRoot}`,
    cgroupsPerQOS: true,
    failSwapOn: false,
    failCgroupV1: false, // these machines run cgroup v1
    clusterDNS: [CLUSTER_DNS],
    clusterDomain: "cluster.local",
    resolvConf,
    podLogsDir: l.podLogsDir,
    volumePluginDir: path.join(path.dirname(l.kubeletConfig), "volume-plugins"),
    makeIPTablesUtilChains: false,
    evictionHard: { "memory.available": "1Mi", "nodefs.available": "1%", "nodefs.inodesFree": "1%", "imagefs.available": "1%" },
    imageGCHighThresholdPercent: 100,
    imageGCLowThresholdPercent: 99,
    serializeImagePulls: false,
    nodeStatusReportFrequency: "10s",
    registerNode: true,
  };
  writeFileSync(l.kubeletConfig, JSON.stringify(config, null, 2) + "\n");
}

export function kubeletArgs(l: NodeLayout, kubeconfigPath: string, verbosity: string): string[] {
  return [
    `--config=${l.kubeletConfig}`,
    `--kubeconfig=${kubeconfigPath}`,
    `--root-dir=${l.kubeletRoot}`,
    `--cert-dir=${l.kubeletCertDir}`,
    // the apiserver dials the node by name (exec, logs, port-forward): "localhost" is 127.0.0.1,
    // and --node-ip=127.0.0.1 is refused ("nodeIP can't be loopback address")
    `--hostname-override=${l.nodeName}`,
    `--v=${verbosity}`,
  ];
}
