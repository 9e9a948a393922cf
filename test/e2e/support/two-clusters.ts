// A second node sandbox beside the project's one, for `--to-context` (a copy into another
// cluster): started by the test file that needs it, so only that file pays its start-up.
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { writeMultiContextKubeconfig } from "../../sandbox/src/kubeconfig.js";
import { startSandbox, type Sandbox } from "../../sandbox/src/sandbox.js";
import { factsOf, type SandboxFacts } from "./facts.js";

export const SOURCE_CONTEXT = "source";
export const TARGET_CONTEXT = "target";

export interface TwoClusters {
  /** One kubeconfig, contexts `source` (the first sandbox) and `target` (the second); current-context `source`. */
  kubeconfigPath: string;
  source: SandboxFacts;
  target: SandboxFacts;
  /** The second sandbox itself (restart, signal, stop). */
  targetSandbox: Sandbox;
  /** Stops the second sandbox (the kubeconfig lives in its dir and goes with it). */
  stop(): Promise<void>;
}

/**
 * Starts a second node sandbox (with the extra drivers unless told otherwise) and writes the
 * merged kubeconfig into its dir. `source` is the sandbox already running (the project's,
 * `inject("sandbox")`).
 */
export async function startTwoClusters(source: SandboxFacts, options: { extraDrivers?: boolean; log?: (m: string) => void } = {}): Promise<TwoClusters> {
  const log = options.log ?? ((m: string) => process.stderr.write(`[sandbox target] ${m}\n`));
  const sb = await startSandbox({ node: true, extraDrivers: options.extraDrivers ?? true, log });
  const kubeconfigPath = path.join(sb.dir, "kubeconfig-two-clusters");
  try {
    writeMultiContextKubeconfig(
      kubeconfigPath,
      [
        { name: SOURCE_CONTEXT, server: source.server, token: source.adminToken },
        { name: TARGET_CONTEXT, server: sb.server, token: sb.adminToken },
      ],
      SOURCE_CONTEXT,
    );
  } catch (err) {
    await sb.stop();
    throw err;
  }
  return { kubeconfigPath, source, target: factsOf(sb), targetSandbox: sb, stop: () => sb.stop() };
}

/** startTwoClusters in beforeAll, stopped in afterAll; the getter is valid inside tests. */
export function twoClusters(source: SandboxFacts, options: { extraDrivers?: boolean } = {}): () => TwoClusters {
  let tc: TwoClusters | undefined;
  beforeAll(async () => {
    tc = await startTwoClusters(source, options);
  }, 300_000);
  afterAll(async () => {
    await tc?.stop();
  }, 60_000);
  return () => {
    if (!tc) throw new Error("the second cluster did not start (see beforeAll's error)");
    return tc;
  };
}
