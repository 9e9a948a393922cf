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
