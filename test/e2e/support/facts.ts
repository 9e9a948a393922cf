import type { Sandbox } from "../../sandbox/src/sandbox.js";

/** Connection facts of the run's sandbox, provided by the globalSetup: `inject("sandbox")`. */
export interface SandboxFacts {
  kubeconfigPath: string;
  restrictedKubeconfigPath: string;
  adminToken: string;
  restrictedToken: string;
  server: string;
  dataDir: string;
  auditLogPath: string;
  binDir: string;
  dir: string;
  crossNamespace: boolean;
  /** A node runs (containerd, kubelet "localhost", kube-scheduler): pods start and mount volumes. */
  node: boolean;
}

declare module "vitest" {
  export interface ProvidedContext {
    sandbox: SandboxFacts;
  }
}

/** The facts a test helper takes, from a running sandbox. */
export function factsOf(sb: Sandbox): SandboxFacts {
  return {
    kubeconfigPath: sb.kubeconfigPath,
    restrictedKubeconfigPath: sb.restrictedKubeconfigPath,
    adminToken: sb.adminToken,
    restrictedToken: sb.restrictedToken,
    server: sb.server,
    dataDir: sb.dataDir,
    auditLogPath: sb.auditLogPath,
    binDir: sb.binDir,
    dir: sb.dir,
    crossNamespace: sb.crossNamespace,
    node: sb.node !== undefined,
  };
}
