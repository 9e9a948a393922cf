// The seed walkthrough's application: a Deployment whose pod writes files to its claim.
import { expect } from "vitest";
import type { SandboxFacts } from "../support/facts.js";
import { apply, deployment, exec, waitPodsReady } from "../support/node.js";

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

export function claimManifest(name: string, storageClassName: string, size = "16Mi"): Record<string, unknown> {
  return {
    apiVersion: "v1",
    kind: "PersistentVolumeClaim",
    metadata: { name },
    spec: { accessModes: ["ReadWriteOnce"], storageClassName, resources: { requests: { storage: size } } },
  };
}

/** Claim `data` and Deployment `writer` mounting it; resolves with the running pod's name once its files are there. */
export async function sourceApp(sb: SandboxFacts, namespace: string, storageClassName = "csi-hostpath"): Promise<string> {
  await apply(sb, namespace, [claimManifest("data", storageClassName), deployment("writer", "data", WRITER)]);
  const [writer] = await waitPodsReady(sb, namespace, "app=writer");
  const name = writer!.metadata.name;
  await expect.poll(() => exec(sb, namespace, name, "cat /data/state"), { timeout: 30_000 }).toBe("running\n");
  return name;
}

/** The files of the app's volume as seen from inside a pod: path -> content. */
export async function filesIn(sb: SandboxFacts, namespace: string, podName: string): Promise<Record<string, string>> {
  const out = await exec(sb, namespace, podName, "cd /data && for f in $(find . -type f | sort); do printf '%s=%s\\n' \"$f\" \"$(cat \"$f\")\"; done");
  return Object.fromEntries(out.trim().split("\n").filter(Boolean).map((l) => [l.slice(2, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]));
}
