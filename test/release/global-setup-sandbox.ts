import type { TestProject } from "vitest/node";
import { setupWithSandbox } from "./global-setup.js";

export default function setup(project: TestProject): Promise<() => Promise<void>> {
  return setupWithSandbox(project);
}
