import { writeFileSync } from "node:fs";

/** Writes a kubeconfig for a token user (JSON is valid YAML, so kubectl and client-node read it). */
export function writeKubeconfig(file: string, server: string, user: string, token: string): void {
  const config = {
    apiVersion: "v1",
    kind: "Config",
    clusters: [{ name: "sandbox", cluster: { server, "insecure-skip-tls-verify": true } }],
    users: [{ name: user, user: { token } }],
    contexts: [{ name: "sandbox", context: { cluster: "sandbox", user, namespace: "default" } }],
    "current-context": "sandbox",
    preferences: {},
  };
  writeFileSync(file, JSON.stringify(config, null, 2) + "\n", { mode: 0o600 });
}

export interface KubeconfigContext {
  /** Context name; the cluster and user entries are named after it. */
  name: string;
  server: string;
  token: string;
}

/** Writes one kubeconfig holding several token contexts (e.g. two sandboxes for `--to-context`). */
export function writeMultiContextKubeconfig(file: string, contexts: KubeconfigContext[], current: string): void {
  if (!contexts.some((c) => c.name === current)) throw new Error(`current context ${current} is not among ${contexts.map((c) => c.name).join(", ")}`);
  const config = {
    apiVersion: "v1",
    kind: "Config",
    clusters: contexts.map((c) => ({ name: c.name, cluster: { server: c.server, "insecure-skip-tls-verify": true } })),
    users: contexts.map((c) => ({ name: `${c.name}-admin`, user: { token: c.token } })),
    contexts: contexts.map((c) => ({ name: c.name, context: { cluster: c.name, user: `${c.name}-admin`, namespace: "default" } })),
    "current-context": current,
    preferences: {},
  };
  writeFileSync(file, JSON.stringify(config, null, 2) + "\n", { mode: 0o600 });
}
