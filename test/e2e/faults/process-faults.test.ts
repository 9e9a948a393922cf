// Faults in the control plane itself: the apiserver killed and restarted while `kubectl clone pvc`
// watches, etcd paused (SIGSTOP) and resumed, and the provisioner down. The command resumes, or
// ends with a verdict that says what exists.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { auditEvents, realWrites } from "../support/audit.js";
import { cli } from "../support/cli.js";
import { startFaultProxy } from "../support/fault-proxy.js";
import { waitBound } from "../support/k8s.js";
import { boundSource, ownSandbox, ourWritesOutsideClones, ourWritesToSources } from "./support.js";

const scope = ownSandbox("sandbox faults-process");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function timeline(auditLogPath: string, namespace: string): string {
  return readFileSync(auditLogPath, "utf8").split("\n").filter(Boolean)
    .map((line) => JSON.parse(line) as { stage: string; userAgent?: string; verb: string; requestURI: string; objectRef?: { namespace?: string }; requestReceivedTimestamp: string; stageTimestamp: string })
    .filter((e) => e.stage === "ResponseComplete" && (e.userAgent ?? "").startsWith("kubectl-clone/") && (!e.objectRef?.namespace || e.objectRef.namespace === namespace))
    .map((e) => `  ${e.requestReceivedTimestamp} -> ${e.stageTimestamp}  ${e.verb} ${e.requestURI}`).slice(-30).join("\n");
}

/** Our requests in `namespace` received after `from` and before `until`, and answered after `until`. */
function heldAcross(auditLogPath: string, namespace: string, from: number, until: number): string[] {
  return readFileSync(auditLogPath, "utf8").split("\n").filter(Boolean)
    .map((line) => JSON.parse(line) as { stage: string; userAgent?: string; verb: string; objectRef?: { resource?: string; name?: string; namespace?: string }; requestReceivedTimestamp: string; stageTimestamp: string })
    .filter((e) => e.stage === "ResponseComplete" && (e.userAgent ?? "").startsWith("kubectl-clone/") && e.objectRef?.namespace === namespace)
    .filter((e) => Date.parse(e.requestReceivedTimestamp) >= from && Date.parse(e.requestReceivedTimestamp) < until && Date.parse(e.stageTimestamp) >= until)
    .map((e) => `${e.verb} ${e.objectRef?.resource}/${e.objectRef?.name}`);
}

describe("control-plane faults during kubectl clone pvc --wait", () => {
  it("the apiserver is killed and restarted while the clone is watched: the watch is re-established and the clone reports Bound", async () => {
    const sb = scope.sandbox();
    const namespace = await boundSource(scope.clients(), "restart");
    // hold the clone Pending (provisioner stopped) so the restart lands while we watch
    sb.signal("csi-provisioner", "SIGSTOP");
    let restarted: Promise<void> | undefined;
    try {
      const run = await cli(["pvc", "data", "copy", "-n", namespace, "--timeout", "120s"], sb.kubeconfigPath, {
        timeoutMs: 150_000,
        onStderr: (chunk) => {
          if (!restarted && chunk.includes("created in")) {
            restarted = (async () => {
              await sleep(500);
              await sb.restart("kube-apiserver", { signal: "SIGKILL", downMs: 1000 });
              sb.signal("csi-provisioner", "SIGCONT");
            })();
          }
        },
      });
      await restarted;
      expect(run.stderr).toMatch(/lost the watch .*; reconnecting \(attempt 1\)/);
      expect(run.stdout).toMatch(new RegExp(`^clone ${namespace}/copy is Bound in`, "m"));
      expect(run.status).toBe(0);
    } finally {
      if (!restarted) sb.signal("csi-provisioner", "SIGCONT");
      await restarted?.catch(() => {});
    }
  });

  it("etcd is paused (SIGSTOP) while the clone is read and created, then resumed: the command completes", async () => {
    const sb = scope.sandbox();
    const namespace = await boundSource(scope.clients(), "etcd");
    // pause etcd the moment our read of the source reaches the apiserver (a forwarding proxy sees
    // it first), not on a timer from spawn: on a loaded machine the CLI may start after a timer ran out
    const proxy = await startFaultProxy(sb);
    let pausedAt = 0;
    let resumedAt = 0;
    let resumed: Promise<void> | undefined;
    proxy.setRules([{
      method: "GET", path: new RegExp(`/namespaces/${namespace}/persistentvolumeclaims/data$`),
      onMatch: () => {
        sb.signal("etcd", "SIGSTOP");
        pausedAt = Date.now();
        resumed = sleep(4000).then(() => {
          resumedAt = Date.now();
          sb.signal("etcd", "SIGCONT");
        });
      },
    }]);
    try {
      const run = await cli(["pvc", "data", "copy", "-n", namespace, "--timeout", "90s"], proxy.kubeconfigPath, { timeoutMs: 120_000 });
      await resumed;
      expect(pausedAt, "the read of the source reached the proxy").toBeGreaterThan(0);
      expect(run.stdout + run.stderr).toMatch(/is Bound in/);
      expect(run.status).toBe(0);
      // the proof that the pause hit the command: the apiserver received our read of the source
      // while etcd was stopped and could answer it only after SIGCONT (its audit log's own times)
      const held = heldAcross(sb.auditLogPath, namespace, pausedAt - 100, resumedAt);
      expect(held, `our requests in ${namespace} held by the pause (paused ${new Date(pausedAt).toISOString()}, resumed ${new Date(resumedAt).toISOString()}):\n${timeline(sb.auditLogPath, namespace)}`).toContain("get persistentvolumeclaims/data");
    } finally {
      if (!resumed) sb.signal("etcd", "SIGCONT");
      await resumed?.catch(() => sb.signal("etcd", "SIGCONT"));
      await proxy.close();
    }
  });

  it("the provisioner is down: the clone stays Pending, the timeout verdict says why, and it binds once the provisioner is back", async () => {
    const sb = scope.sandbox();
    const namespace = await boundSource(scope.clients(), "noprov");
    await sb.restart("csi-provisioner", { signal: "SIGKILL" }); // a fresh one, then take it down for good
    sb.signal("csi-provisioner", "SIGKILL");
    await sleep(300);
    try {
      const run = await cli(["pvc", "data", "copy", "-n", namespace, "--timeout", "8s"], sb.kubeconfigPath);
      expect(run.stderr).toContain(`timed out after 8s: clone ${namespace}/copy is still Pending`);
      expect(run.stderr).toMatch(/is a provisioner running for its class\?|will stay so|last event/);
      expect(run.stderr).toContain(`delete it with: kubectl delete pvc -n ${namespace} copy`);
      expect(run.status).toBe(1);
    } finally {
      await sb.restart("csi-provisioner");
    }
    await waitBound(scope.clients().core, namespace, "copy", 90_000);
  });

  it("dry runs wrote nothing, even across faults", async () => {
    const sb = scope.sandbox();
    const namespace = await boundSource(scope.clients(), "dry");
    for (const args of [["--dry-run=server", "-o", "yaml"], ["--dry-run=client", "-o", "yaml"]]) {
      const run = await cli(["pvc", "data", "copy", "-n", namespace, ...args], sb.kubeconfigPath);
      expect(run.status).toBe(0);
    }
    const check = await cli(["check", "data", "-n", namespace], sb.kubeconfigPath);
    expect(check.status).toBe(0);
    expect(realWrites(auditEvents(sb.auditLogPath, { ours: true, namespace }))).toEqual([]);
  });

  it("over the whole suite, the audit log shows no write to a source and only clone creates", () => {
    const log = scope.sandbox().auditLogPath;
    expect(ourWritesToSources(log, new Set(["data"]))).toEqual([]);
    // every other real write of ours: none (clone creates are the only writes)
    expect(ourWritesOutsideClones(log, new Set(["data"])).map((e) => `${e.verb} ${e.objectRef?.resource}/${e.objectRef?.name}`)).toEqual([]);
  });
});
