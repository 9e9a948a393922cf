// The seed walkthrough's application: a Deployment whose pod writes files to its claim.
import { expect } from "vitest";
import type { SandboxFacts } from "../support/facts.js";
import { apply, claimManifest, deployment, exec, waitPodsReady } from "../support/node.js";

export { claimManifest };

/**
 * Writes its files once (a restarted pod keeps them), says "running" in /data/state while it
 * runs and "stopped" when it is asked to stop (SIGTERM): a copy taken while it runs is
 * crash-consistent (state "running"), one taken after a clean stop says "stopped".
 */
export const WRITER = [
  "mkdir -p /data/nested",
  "[ -f /data/orders.txt ] || { echo order-1 > /data/orders.txt; echo deep > /data/nested/deep.txt; }",
  "echo running > /data/state",
  "trap 'echo stopped > /data/state; exit 0' TERM",
  "while true; do sleep 1; done",
].join("\n");

/** Claim `data` and Deployment `writer` mounting it; resolves with the running pod's name once its files are there. */
export async function sourceApp(sb: SandboxFacts, namespace: string, storageClassName = "csi-hostpath"): Promise<string> {
  await apply(sb, namespace, [claimManifest("data", storageClassName), deployment("writer", "data", WRITER)]);
  const [writer] = await waitPodsReady(sb, namespace, "app=writer");
  const name = writer!.metadata.name;
  await expect.poll(() => exec(sb, namespace, name, "cat /data/state"), { timeout: 30_000 }).toBe("running\n");
  return name;
}

/** The files of the app's volume as seen from inside a pod: path -> content (one trailing newline dropped). */
export async function filesIn(sb: SandboxFacts, namespace: string, podName: string): Promise<Record<string, string>> {
  const out = await exec(sb, namespace, podName, "cd /data && find . -type f | sort | while read -r f; do printf '%s ' \"$f\"; base64 -w 0 \"$f\"; echo; done");
  return Object.fromEntries(
    out
      .split("\n")
      .filter(Boolean)
      .map((line) => {
        const [file, b64 = ""] = line.split(" ");
        return [file!.replace(/^\.\//, ""), Buffer.from(b64, "base64").toString("utf8").replace(/\n$/, "")];
      }),
  );
}
