import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundle } from './run-cli.js';

// A "cluster" that counts connections and never answers: a flag checked after the first request
// shows up as a connection (and a hang), a flag checked first as none.
let server: Server;
let connections = 0;
let kubeconfig: string;

beforeAll(async () => {
  server = createServer((socket) => { connections++; socket.on('error', () => undefined); });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const dir = mkdtempSync(join(tmpdir(), 'kubectl-clone-flags-'));
  kubeconfig = join(dir, 'config');
  writeFileSync(kubeconfig, `apiVersion: v1
kind: Config
clusters: [{name: silent, cluster: {server: "https://127.0.0.1:${port}", insecure-skip-tls-verify: true}}]
users: [{name: u, user: {token: t}}]
contexts: [{name: silent, context: {cluster: silent, user: u, namespace: walk}}]
current-context: silent
`);
});
afterAll(() => server.close());

function run(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bundle, ...args, '--kubeconfig', kubeconfig], { env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    // a regression hangs on the silent server: end it so the assertions below say why
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.on('close', (status) => { clearTimeout(timer); resolve({ status, stdout, stderr }); });
  });
}

const longName = 'a'.repeat(254);
const cases: [string[], string][] = [
  [['pvc', 'data', 'x4', '--timeout', '-5s'], 'kubectl-clone: invalid --timeout "-5s": use a duration such as 30s, 5m, 1h30m, 12h, 7d or 2w\n'],
  [['pvc', 'data', 'x4', '--timeout', '0s'], 'kubectl-clone: invalid --timeout "0s": it must be longer than zero (e.g. 5m)\n'],
  [['pvc', 'data', 'x4', '--timeout', 'abc'], 'kubectl-clone: invalid --timeout "abc": use a duration such as 30s, 5m, 1h30m, 12h, 7d or 2w\n'],
  [['pvc', 'data', '--wait-for-consumer', '0s'], 'kubectl-clone: invalid --wait-for-consumer "0s": it must be longer than zero (e.g. 5m)\n'],
  [['pvc', 'data', '--label', 'a=b=c'], `kubectl-clone: invalid --label "a=b=c": the value "b=c" must be at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit\n`],
  [['pvc', 'data', '--access-mode', 'Foo'], 'kubectl-clone: invalid --access-mode "Foo": use ReadWriteOnce, ReadOnlyMany, ReadWriteMany or ReadWriteOncePod\n'],
  [['pvc', 'data', longName], `kubectl-clone: invalid clone name "${'a'.repeat(40)}..." (254 characters): a claim name is at most 253 characters (e.g. "${'a'.repeat(253)}")\n`],
  [['pvc', 'data', '-l', 'app=web'], 'kubectl-clone: -l/--selector selects claims (kubectl clone list, prune); to label the clone use --label key=value\n'],
  [['pvc', 'data', '--wait=maybe'], 'kubectl-clone: invalid --wait=maybe: use --wait=true or --wait=false\n'],
  [['workload', 'deploy/web', '--timeout', 'abc'], 'kubectl-clone: invalid --timeout "abc": use a duration such as 30s, 5m, 1h30m, 12h, 7d or 2w\n'],
  [['check', 'data', '--label', 'bad key=v'], `kubectl-clone: invalid --label "bad key=v": the key "bad key" must be 1-63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit\n`],
];

describe('every flag value is checked before the first request', () => {
  it.each(cases)('%j', async (args, message) => {
    const before = connections;
    const result = await run(args);
    expect({ status: result.status, stderr: result.stderr, stdout: result.stdout, connections: connections - before }).toEqual({ status: 2, stderr: message, stdout: '', connections: 0 });
  }, 30_000);

  it('the same flags reach the cluster when they are valid (the test server sees the connection)', async () => {
    const before = connections;
    const result = await run(['pvc', 'data', '--timeout', '5s']);
    expect(connections - before).toBeGreaterThan(0);
    expect(result.status).not.toBe(0);
  }, 30_000);
});
