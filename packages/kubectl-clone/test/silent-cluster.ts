// A "cluster" that counts connections and never answers: a flag checked after the first request
// shows up as a connection (and a hang), a flag checked first as none. Call once per test file.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { bundle } from './run-cli.js';

export interface SilentCluster {
  /** Connections the server has accepted so far. */
  connections(): number;
  /** The built CLI with `args` and this cluster's kubeconfig (namespace `namespace`); killed after 15 s. */
  run(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }>;
}

export function silentCluster(namespace: string): SilentCluster {
  let server: Server;
  let connections = 0;
  let kubeconfig: string;
  beforeAll(async () => {
    server = createServer((socket) => { connections++; socket.on('error', () => undefined); });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    kubeconfig = join(mkdtempSync(join(tmpdir(), 'kubectl-clone-silent-')), 'config');
    writeFileSync(kubeconfig, `apiVersion: v1
kind: Config
clusters: [{name: silent, cluster: {server: "https://127.0.0.1:${port}", insecure-skip-tls-verify: true}}]
users: [{name: u, user: {token: t}}]
contexts: [{name: silent, context: {cluster: silent, user: u, namespace: ${namespace}}}]
current-context: silent
`);
  });
  afterAll(() => server.close());
  return {
    connections: () => connections,
    run: (args) => new Promise((resolve) => {
      const child = spawn(process.execPath, [bundle, ...args, '--kubeconfig', kubeconfig], { env: { ...process.env, NO_COLOR: '1' } });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk) => (stdout += chunk));
      child.stderr.on('data', (chunk) => (stderr += chunk));
      // a regression hangs on the silent server: end it so the assertions say why
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      child.on('close', (status) => { clearTimeout(timer); resolve({ status, stdout, stderr }); });
    }),
  };
}
