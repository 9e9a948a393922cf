import type { TestProject } from "vitest/node";
import { startSandbox } from "../../sandbox/src/sandbox.js";
import { factsOf } from "./facts.js";

/**
 * Starts ONE sandbox cluster for the project and provides its connection facts to the tests
 * (inject("sandbox")). Without Go the start fails, and with it the whole run, with a message
 * saying what to install: the suite never skips silently.
 */
export async function startFor(project: TestProject, crossNamespace: boolean, node = false): Promise<() => Promise<void>> {
  const tag = node ? "sandbox node" : crossNamespace ? "sandbox cross-ns" : "sandbox";
  const sb = await startSandbox({ crossNamespace, node, log: (m) => process.stderr.write(`[${tag}] ${m}\n`) });
  const facts = factsOf(sb);
  project.provide("sandbox", facts);
  return async () => {
    await sb.stop();
  };
}

export default function setup(project: TestProject): Promise<() => Promise<void>> {
  return startFor(project, process.env.KUBECTL_CLONE_SANDBOX_PROFILE === "cross-namespace");
}
