import { afterAll, beforeAll } from "vitest";
import { startSandbox, type Sandbox } from "../../sandbox/src/sandbox.js";
import { factsOf, type SandboxFacts } from "./facts.js";
import { clients, type Clients } from "./k8s.js";

/**
 * A node sandbox of the test file's own (started in beforeAll, stopped in afterAll), for suites
 * that restart the kubelet or stop containerd and must not leave a shared cluster unhealthy.
 * `facts()` has the shape the pod helpers take.
 */
export function ownNodeSandbox(tag: string): { sandbox: () => Sandbox; facts: () => SandboxFacts; clients: () => Clients } {
  let sb: Sandbox | undefined;
  let c: Clients | undefined;
  beforeAll(async () => {
    sb = await startSandbox({ node: true, log: (m) => process.stderr.write(`[${tag}] ${m}\n`) });
    c = clients(sb.kubeconfigPath);
  }, 300_000);
  afterAll(async () => {
    await sb?.stop();
  }, 60_000);
  return {
    sandbox: () => sb!,
    clients: () => c!,
    facts: () => factsOf(sb!),
  };
}
