import type { TestProject } from "vitest/node";
import { startFor } from "./global-setup.js";

/** The default profile plus a node (containerd, kubelet, kube-scheduler): pods run and mount volumes. */
export default function setup(project: TestProject): Promise<() => Promise<void>> {
  return startFor(project, false, true);
}
