import { readFileSync } from "node:fs";

export interface AuditEvent {
  verb: string;
  requestURI: string;
  userAgent?: string;
  stage: string;
  requestReceivedTimestamp?: string;
  objectRef?: { resource?: string; namespace?: string; name?: string };
  responseStatus?: { code?: number };
}

/** Completed requests of the apiserver's audit log, optionally only those kubectl-clone made. */
export function auditEvents(path: string, filter: { ours?: boolean; namespace?: string } = {}): AuditEvent[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as AuditEvent)
    .filter((event) => event.stage === "ResponseComplete")
    .filter((event) => !filter.ours || (event.userAgent ?? "").startsWith("kubectl-clone/"))
    .filter((event) => !filter.namespace || event.objectRef?.namespace === filter.namespace);
}

const writes = new Set(["create", "update", "patch", "delete", "deletecollection"]);

/** Writes that were not dry runs. */
export function realWrites(events: AuditEvent[]): AuditEvent[] {
  return events.filter((event) => writes.has(event.verb) && !/[?&]dryRun=All/.test(event.requestURI));
}
