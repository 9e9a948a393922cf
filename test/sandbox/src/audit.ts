import { writeFileSync } from "node:fs";

/**
 * Audit policy: full request and response bodies for the objects kubectl-clone writes
 * (PVCs, ReferenceGrants, VolumeSnapshots), metadata for other writes by people, and
 * nothing for reads, events, leases and health checks, so the log stays small.
 */
export const AUDIT_POLICY = `apiVersion: audit.k8s.io/v1
kind: Policy
omitStages: ["RequestReceived"]
rules:
  - level: None
    nonResourceURLs: ["/healthz*", "/readyz*", "/livez*", "/version", "/openapi/*", "/api", "/api/*", "/apis", "/apis/*"]
  - level: Metadata
    verbs: ["watch", "list"]
    resources:
      - group: ""
        resources: ["persistentvolumeclaims"]
      - group: "gateway.networking.k8s.io"
        resources: ["referencegrants"]
      - group: "snapshot.storage.k8s.io"
        resources: ["volumesnapshots"]
  - level: RequestResponse
    resources:
      - group: ""
        resources: ["persistentvolumeclaims", "persistentvolumeclaims/status"]
      - group: "gateway.networking.k8s.io"
        resources: ["referencegrants"]
      - group: "snapshot.storage.k8s.io"
        resources: ["volumesnapshots", "volumesnapshots/status"]
  - level: None
    verbs: ["get", "list", "watch"]
  - level: None
    resources:
      - group: ""
        resources: ["events"]
      - group: "events.k8s.io"
        resources: ["events"]
      - group: "coordination.k8s.io"
        resources: ["leases"]
  - level: Metadata
    userGroups: ["system:masters", "sandbox:restricted"]
  - level: None
`;

export function writeAuditPolicy(file: string): void {
  writeFileSync(file, AUDIT_POLICY);
}
