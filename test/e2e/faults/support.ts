import { afterAll, beforeAll } from "vitest";
import { startSandbox, type Sandbox } from "../../sandbox/src/sandbox.js";
import { auditEvents, realWrites, type AuditEvent } from "../support/audit.js";
import { clients, createNamespace, createPvc, waitBound, type Clients } from "../support/k8s.js";

/**
 * Fault suites start their OWN sandbox in the test process (not a globalSetup): they kill,
 * restart and pause its processes, which needs the `Sandbox` handle, and they must not leave a
 * shared cluster unhealthy. Stopped in afterAll (and by the launcher's exit handlers).
 */
export function ownSandbox(tag: string): { sandbox: () => Sandbox; clients: () => Clients } {
  let sb: Sandbox | undefined;
  let c: Clients | undefined;
  beforeAll(async () => {
    sb = await startSandbox({ log: (m) => process.stderr.write(`[${tag}] ${m}\n`) });
    c = clients(sb.kubeconfigPath);
  }, 180_000);
  afterAll(async () => {
    await sb?.stop();
  }, 60_000);
  return { sandbox: () => sb!, clients: () => c! };
}

/** A namespace with a Bound 1Mi source claim `data` on csi-hostpath. */
export async function boundSource(c: Clients, prefix: string): Promise<string> {
  const { name } = await createNamespace(c.core, prefix);
  await createPvc(c.core, name, "data", { size: "1Mi", storageClassName: "csi-hostpath" });
  await waitBound(c.core, name, "data");
  return name;
}

/**
 * The audit-log invariant for a whole suite: kubectl-clone's real (non-dry-run) writes were
 * creates of new claims, and afterwards only patches (phase timings) or deletes (prune) of the
 * claims it created itself; never anything on a source (`sources`: names the tests created as
 * sources). Returns the writes that break it.
 */
export function ourWritesOutsideClones(auditLogPath: string, sources: Set<string>): AuditEvent[] {
  const writes = realWrites(auditEvents(auditLogPath, { ours: true }));
  const key = (event: AuditEvent) => `${event.objectRef?.namespace}/${event.objectRef?.name}`;
  const isClaim = (event: AuditEvent) => event.objectRef?.resource === "persistentvolumeclaims" && !sources.has(event.objectRef?.name ?? "");
  const created = new Set(writes.filter((event) => isClaim(event) && event.verb === "create").map(key));
  return writes.filter((event) => {
    // an access review is a question, not a write
    if ((event.objectRef?.resource ?? "").endsWith("accessreviews")) return false;
    if (isClaim(event) && event.verb === "create") return false;
    return !(isClaim(event) && ["patch", "update", "delete"].includes(event.verb) && created.has(key(event)));
  });
}

/** Every event (any verb, dry run or not) by kubectl-clone that changed or tried to change a source claim. */
export function ourWritesToSources(auditLogPath: string, sources: Set<string>): AuditEvent[] {
  return auditEvents(auditLogPath, { ours: true }).filter(
    (event) =>
      event.objectRef?.resource === "persistentvolumeclaims" &&
      sources.has(event.objectRef?.name ?? "") &&
      !["get", "list", "watch"].includes(event.verb),
  );
}
