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
