import type { TestProject } from "vitest/node";
import { startFor } from "./global-setup.js";

/** The cross-namespace profile: CrossNamespaceVolumeDataSource=true on apiserver, controller-manager and csi-provisioner. */
export default function setup(project: TestProject): Promise<() => Promise<void>> {
  return startFor(project, true);
}
