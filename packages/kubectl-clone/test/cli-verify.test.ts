// `kubectl clone verify`: every flag is checked before the first request (a silent "cluster"
// counts connections), and the text output's shape. The verify itself runs on the sandbox
// (test/e2e/node/verify.test.ts).
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createColors } from 'picocolors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textOf } from '../src/live/verify.js';
import { bundle } from './run-cli.js';

let server: Server;
let connections = 0;
let kubeconfig: string;

beforeAll(async () => {
  server = createServer((socket) => { connections++; socket.on('error', () => undefined); });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  kubeconfig = join(mkdtempSync(join(tmpdir(), 'kubectl-clone-verify-')), 'config');
  writeFileSync(kubeconfig, `apiVersion: v1
kind: Config
clusters: [{name: silent, cluster: {server: "https://127.0.0.1:${port}", insecure-skip-tls-verify: true}}]
users: [{name: u, user: {token: t}}]
contexts: [{name: silent, context: {cluster: silent, user: u, namespace: shop}}]
current-context: silent
`);
});
afterAll(() => server.close());

function run(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bundle, 'verify', ...args, '--kubeconfig', kubeconfig], { env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.on('close', (status) => { clearTimeout(timer); resolve({ status, stdout, stderr }); });
  });
}

describe('kubectl clone verify: flags before requests', () => {
  it.each([
    [['data', 'Data_Copy'], 'kubectl-clone: invalid clone claim name "Data_Copy": a claim name is lowercase letters, digits, \'-\' and \'.\', each dot-separated part starting and ending with a letter or digit, at most 253 characters (e.g. "data-copy")'],
    [['data', 'copy', '--to-namespace', 'Staging'], 'kubectl-clone: invalid --to-namespace "Staging": a namespace is at most 63 lowercase letters, digits and \'-\''],
    [['data', 'copy', '--timeout', 'soon'], 'kubectl-clone: invalid --timeout "soon": use a duration such as 30s, 5m, 1h30m, 12h, 7d or 2w'],
    [['data', 'copy', '--snapshot', 'Snap_1'], 'kubectl-clone: invalid --snapshot "Snap_1": name a VolumeSnapshot in the source\'s namespace (kubectl get volumesnapshot)'],
    [['data', 'copy', '--image', ''], 'kubectl-clone: invalid --image "": name an image, e.g. busybox:1.37.0'],
    [['data', 'data'], 'kubectl-clone: source and clone are the same claim (shop/data): name the clone as the second argument (or its --to-namespace / --to-context)'],
    [['data', 'copy', '--to-context', 'nowhere'], 'kubectl-clone: context "nowhere" does not exist in '],
  ])('%j: one line, exit 2, no connection', async (args, line) => {
    const before = connections;
    const result = await run(args);
    expect(result.stderr.split('\n')[0]).toContain(line);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(connections).toBe(before);
  });

  it('a missing argument is commander\'s usage error, exit 2', async () => {
    const result = await run(['data']);
    expect(result.stderr).toContain("error: missing required argument 'clone'");
    expect(result.status).toBe(2);
  });
});

describe('the text output', () => {
  const c = createColors(false);
  const base = { volumeMode: 'Filesystem' as const, source: { namespace: 'a', name: 's', context: 'x' }, clone: { namespace: 'a', name: 'c', context: 'x' }, sourceInUse: [], warnings: [], seconds: 1, entries: 4 };
  it('identical: the count of files and bytes', () => {
    expect(textOf({ ...base, identical: true, files: 3, bytes: 14, differences: [] }, c)).toBe('identical (3 files, 14 bytes)\n');
    expect(textOf({ ...base, volumeMode: 'Block', identical: true, files: 1, bytes: 4194304, differences: [] }, c)).toBe('identical (1 device, 4194304 bytes)\n');
  });
  it('different: the count, then the first paths (escaped onto one line) with what differs', () => {
    const differences = [
      { path: 'a\nb', what: 'content' as const, source: 'sha256 aaaaaaaaaaaa', clone: 'sha256 bbbbbbbbbbbb' },
      { path: 'a\nb', what: 'mode' as const, source: '0644', clone: '0600' },
      ...Array.from({ length: 11 }, (_, i) => ({ path: `m${String(i).padStart(2, '0')}`, what: 'missing in clone' as const, source: 'file', clone: 'missing' })),
    ];
    expect(textOf({ ...base, identical: false, files: 12, bytes: 1, differences }, c)).toBe([
      '13 differences in 12 paths (source: 12 files, 1 bytes)',
      '  a\\nb: content (source sha256 aaaaaaaaaaaa, clone sha256 bbbbbbbbbbbb), mode (source 0644, clone 0600)',
      ...Array.from({ length: 9 }, (_, i) => `  m0${i}: missing in clone`),
      '  ... and 2 more paths (-o json lists them all)',
      '',
    ].join('\n'));
  });
});
