// Connection failures end in one line naming the server, within the limits kubectl has: a
// server that accepts and never answers (TCP only; TLS that never answers HTTP), a TLS
// certificate that does not match, kubeconfigs that are empty or not YAML. Stand-in servers run
// here: these test our own transport limits and messages, not Kubernetes behaviour.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliAsync } from './run-cli-async.js';

const dir = mkdtempSync(join(tmpdir(), 'kubectl-clone-conn-'));
const sockets: Socket[] = [];
let silentTcp: Server;
let silentTls: HttpsServer;
let tcpPort = 0;
let tlsPort = 0;

function kubeconfig(name: string, server: string, cluster: string): string {
  const path = join(dir, name);
  writeFileSync(path, `apiVersion: v1
kind: Config
clusters: [{name: c, cluster: {server: "${server}", ${cluster}}}]
users: [{name: u, user: {token: t}}]
contexts: [{name: c, context: {cluster: c, user: u, namespace: shop}}]
current-context: c
`);
  return path;
}

const listen = (server: Server | HttpsServer) => new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));

beforeAll(async () => {
  // a certificate for another name, self-signed: the kubeconfig trusts it as its CA
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
    '-days', '2', '-subj', '/CN=example.invalid', '-addext', 'subjectAltName=DNS:example.invalid'], { stdio: 'ignore' });
  silentTcp = createServer((socket) => sockets.push(socket)); // accepts, never says a word
  tcpPort = await listen(silentTcp);
  // completes the TLS handshake, never answers a request
  silentTls = createHttpsServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, () => {});
  silentTls.on('connection', (socket: Socket) => sockets.push(socket));
  tlsPort = await listen(silentTls);
});
afterAll(() => {
  for (const socket of sockets) socket.destroy();
  silentTcp?.close();
  silentTls?.close();
});

describe('a server that accepts connections and never answers', () => {
  it('list -A gives up after the TLS handshake timeout (10s, as kubectl), naming the server', async () => {
    const config = kubeconfig('tcp', `https://127.0.0.1:${tcpPort}`, 'insecure-skip-tls-verify: true');
    const run = await runCliAsync(['list', '-A', '--kubeconfig', config]);
    expect(run.stderr).toBe(`kubectl-clone: cannot list persistentvolumeclaims: the cluster at https://127.0.0.1:${tcpPort} accepted the connection but did not complete the TLS handshake within 10s\n`);
    expect(run.status).toBe(2);
    expect(run.ms).toBeGreaterThanOrEqual(9_500);
    expect(run.ms).toBeLessThan(20_000);
  }, 30_000);

  it('--request-timeout ends each request: 1s after the handshake, one line', async () => {
    const config = kubeconfig('tls', `https://127.0.0.1:${tlsPort}`, 'insecure-skip-tls-verify: true');
    const run = await runCliAsync(['list', '-A', '--kubeconfig', config, '--request-timeout', '1s']);
    expect(run.stderr).toBe(`kubectl-clone: cannot list persistentvolumeclaims: the cluster at https://127.0.0.1:${tlsPort} did not answer within 1s (--request-timeout; 0 waits forever)\n`);
    expect(run.status).toBe(2);
    expect(run.ms).toBeLessThan(8_000);
  }, 30_000);

  it('pvc (the live clone) is bounded too', async () => {
    const config = kubeconfig('tls-pvc', `https://127.0.0.1:${tlsPort}`, 'insecure-skip-tls-verify: true');
    const run = await runCliAsync(['pvc', 'data', '--kubeconfig', config, '--request-timeout', '2']);
    expect(run.stderr).toMatch(new RegExp(`^kubectl-clone: cannot [a-z ]+[^\\n]*: the cluster at https://127\\.0\\.0\\.1:${tlsPort} did not answer within 2s \\(--request-timeout; 0 waits forever\\)\\n$`));
    expect(run.status).toBe(2);
    expect(run.ms).toBeLessThan(10_000);
  }, 30_000);

  it('refuses a --request-timeout that is not a duration before connecting', async () => {
    const config = kubeconfig('tls-bad', `https://127.0.0.1:${tlsPort}`, 'insecure-skip-tls-verify: true');
    const run = await runCliAsync(['list', '--kubeconfig', config, '--request-timeout', 'soon']);
    expect(run.stderr).toBe('kubectl-clone: invalid --request-timeout "soon": use a duration such as 30s, 5m, 1h30m, 12h, 7d or 2w, or 0 for none\n');
    expect(run.status).toBe(2);
  });
});

describe('TLS certificates', () => {
  it('a certificate issued for another name is named as such, not "did not answer"', async () => {
    const ca = readFileSync(join(dir, 'cert.pem')).toString('base64');
    const config = kubeconfig('altname', `https://127.0.0.1:${tlsPort}`, `certificate-authority-data: ${ca}`);
    const run = await runCliAsync(['list', '--kubeconfig', config]);
    expect(run.stderr).toBe(`kubectl-clone: cannot list persistentvolumeclaims in shop: the TLS certificate of the cluster at https://127.0.0.1:${tlsPort} is not issued for this address (the server name is not in the certificate: fix the server URL or set tls-server-name) (ERR_TLS_CERT_ALTNAME_INVALID)\n`);
    expect(run.status).toBe(2);
  });

  it('a certificate the kubeconfig does not trust is named as such', async () => {
    const config = kubeconfig('untrusted', `https://127.0.0.1:${tlsPort}`, 'tls-server-name: example.invalid');
    const run = await runCliAsync(['list', '--kubeconfig', config]);
    expect(run.stderr).toBe(`kubectl-clone: cannot list persistentvolumeclaims in shop: the TLS certificate of the cluster at https://127.0.0.1:${tlsPort} is self-signed and not the kubeconfig's certificate-authority (DEPTH_ZERO_SELF_SIGNED_CERT)\n`);
    expect(run.status).toBe(2);
  });
});

describe('kubeconfigs that cannot be used', () => {
  it('an empty kubeconfig: one line, no JavaScript error', async () => {
    const config = join(dir, 'empty');
    writeFileSync(config, '\n');
    const run = await runCliAsync(['list', '--kubeconfig', config]);
    expect(run.stderr).toBe(`kubectl-clone: kubeconfig ${config} is empty: point --kubeconfig or KUBECONFIG at a kubeconfig file\n`);
    expect(run.status).toBe(2);
  });

  it('a kubeconfig that is not YAML: one line with the position, no code frame', async () => {
    const config = join(dir, 'malformed');
    writeFileSync(config, 'apiVersion: v1\nclusters:\n- name: a\n  cluster: {server: "x\n  bad: [\n');
    const run = await runCliAsync(['check', 'data', '--kubeconfig', config]);
    expect(run.stderr).toBe(`kubectl-clone: cannot load kubeconfig ${config}: not valid YAML: unexpected end of the stream within a double quoted scalar at line 6, column 1\n`);
    expect(run.status).toBe(2);
  });
});
