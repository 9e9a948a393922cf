import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { startSandbox, type Sandbox } from '../test/sandbox/src/sandbox.js';
import { startFaultProxy, type FaultProxy } from '../test/e2e/support/fault-proxy.js';
import { auditEvents } from '../test/e2e/support/audit.js';
import { median } from './measure.js';
import { pluginPath } from './standalone.js';

/**
 * The benches that need a cluster: they start their own sandbox (cached binaries) and put the
 * counting proxy of the fault suite (no rules: it only forwards and counts) in front of the
 * apiserver, so every request of the CLI and of kubectl is counted, not only what the audit
 * policy records. kubectl-clone runs as a user runs it: `kubectl clone ...`, kubectl's plugin
 * dispatch starting the standalone executable found on PATH. Each pair of commands is
 * interleaved, the order alternating, in one run.
 */
let commandPath = process.env.PATH ?? '';

/** PATH for the commands run here: kubectl's folder and the plugin (set by the bench that starts a sandbox). */
export function useCommandPath(value: string): void {
  commandPath = value;
}

export interface Timed {
  ms: number;
  status: number | null;
  stdout: string;
  stderr: string;
}

export function run(command: string, args: string[], kubeconfig: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<Timed> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, { env: { ...process.env, PATH: commandPath, KUBECONFIG: kubeconfig, NO_COLOR: '1', ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ ms: Number(process.hrtime.bigint() - started) / 1e6, status, stdout, stderr }));
  });
}

export async function must(command: string, args: string[], kubeconfig: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<Timed> {
  const result = await run(command, args, kubeconfig, extraEnv);
  if (result.status !== 0) throw new Error(`${path.basename(command)} ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  return result;
}

export function api(sb: Sandbox, method: string, apiPath: string, body?: unknown): Promise<number> {
  return new Promise((resolve, reject) => {
    const url = new URL(apiPath, sb.server);
    const req = https.request(url, {
      method,
      rejectUnauthorized: false,
      headers: { Authorization: `Bearer ${sb.adminToken}`, 'Content-Type': 'application/json' },
    }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

const claim = (name: string, storageClassName: string, dataSource?: string) => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name },
  spec: {
    accessModes: ['ReadWriteOnce'],
    storageClassName,
    resources: { requests: { storage: '1Mi' } },
    ...(dataSource ? { dataSource: { kind: 'PersistentVolumeClaim', name: dataSource } } : {}),
  },
});

export async function waitBound(sb: Sandbox, kubectl: string, namespace: string, name: string): Promise<void> {
  await must(kubectl, ['wait', '-n', namespace, `pvc/${name}`, '--for=jsonpath={.status.phase}=Bound', '--timeout=60s'], sb.kubeconfigPath);
}

/** Create `count` claims with bounded concurrency straight through the API (no kubectl per object). */
async function createMany(sb: Sandbox, namespace: string, from: number, to: number): Promise<void> {
  let next = from;
  const worker = async () => {
    for (let i = next++; i < to; i = next++) {
      // every fifth is a clone of the one before it: list has lineage to draw; nothing serves the
      // class, so the controllers do not provision 5,000 volumes on a 2-core machine
      const status = await api(sb, 'POST', `/api/v1/namespaces/${namespace}/persistentvolumeclaims`, claim(`pvc-${i}`, 'other-driver', i % 5 === 4 ? `pvc-${i - 1}` : undefined));
      if (status !== 201) throw new Error(`create pvc-${i}: HTTP ${status}`);
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
}

/** The KUBECTL_CLONE_TRACE lines of one more run of `args`, indented, for the log. */
async function traced(kubectl: string, args: string[], kubeconfig: string): Promise<string> {
  const result = await must(kubectl, args, kubeconfig, { KUBECTL_CLONE_TRACE: '1' });
  const trace = result.stderr.slice(result.stderr.indexOf('kubectl-clone trace'));
  return trace.trimEnd().split('\n').map((line) => `    ${line}`).join('\n');
}

export interface SandboxFigures {
  clone: { runs: number; cliMs: number; kubectlMs: number; ratio: number; cliRequests: number; kubectlRequests: number; cliConnections: number; kubectlConnections: number; auditEventsPerClone: number; auditWritesPerClone: number };
  list: { claims: number; cliMs: number; kubectlMs: number; ratio: number; cliRequests: number; kubectlRequests: number; pages: number; floorMs: number; versionMs: number; directMs: number }[];
}

export async function sandboxBench(options: { quick: boolean; pluginDir: string; log: (line: string) => void }): Promise<SandboxFigures> {
  const sb = await startSandbox({ log: () => {} });
  let proxy: FaultProxy | undefined;
  try {
    const kubectl = path.join(sb.binDir, 'kubectl');
    commandPath = pluginPath(options.pluginDir, kubectl);
    proxy = await startFaultProxy(sb);
    const namespace = 'bench-clone';
    await api(sb, 'POST', '/api/v1/namespaces', { metadata: { name: namespace } });
    await api(sb, 'POST', `/api/v1/namespaces/${namespace}/persistentvolumeclaims`, claim('data', 'csi-hostpath'));
    await waitBound(sb, kubectl, namespace, 'data');

    // clone start-to-Bound: kubectl-clone pvc (reads, plans, reviews access, dry-runs, creates,
    // watches) against kubectl apply + kubectl wait of a hand-written clone, interleaved
    const runs = options.quick ? 3 : 7;
    const cli: number[] = [];
    const baseline: number[] = [];
    const cliRequests: number[] = [];
    const kubectlRequests: number[] = [];
    const cliConnections: number[] = [];
    const kubectlConnections: number[] = [];
    const auditCounts: number[] = [];
    const auditWrites: number[] = [];
    for (let i = 0; i < runs; i++) {
      const manifest = path.join(sb.dir, `clone-${i}.json`);
      writeFileSync(manifest, JSON.stringify(claim(`by-kubectl-${i}`, 'csi-hostpath', 'data')));
      const order = i % 2 === 0 ? ['cli', 'kubectl'] : ['kubectl', 'cli'];
      for (const which of order) {
        proxy.setRules([]);
        if (which === 'cli') {
          const before = auditEvents(sb.auditLogPath, { ours: true, namespace }).length;
          const result = await must(kubectl, ['clone', 'pvc', 'data', `by-cli-${i}`, '-n', namespace], proxy.kubeconfigPath);
          cli.push(result.ms);
          cliRequests.push(proxy.requests.length);
          cliConnections.push(proxy.connections());
          const ours = auditEvents(sb.auditLogPath, { ours: true, namespace }).slice(before);
          auditCounts.push(ours.length);
          auditWrites.push(ours.filter((e) => ['create', 'update', 'patch', 'delete'].includes(e.verb)).length);
        } else {
          const started = process.hrtime.bigint();
          await must(kubectl, ['apply', '-n', namespace, '-f', manifest], proxy.kubeconfigPath);
          await must(kubectl, ['wait', '-n', namespace, `pvc/by-kubectl-${i}`, '--for=jsonpath={.status.phase}=Bound', '--timeout=60s'], proxy.kubeconfigPath);
          baseline.push(Number(process.hrtime.bigint() - started) / 1e6);
          kubectlRequests.push(proxy.requests.length);
          kubectlConnections.push(proxy.connections());
        }
      }
    }
    const clone = {
      runs,
      cliMs: median(cli),
      kubectlMs: median(baseline),
      ratio: median(cli) / median(baseline),
      cliRequests: median(cliRequests),
      kubectlRequests: median(kubectlRequests),
      cliConnections: median(cliConnections),
      kubectlConnections: median(kubectlConnections),
      auditEventsPerClone: median(auditCounts),
      auditWritesPerClone: median(auditWrites),
    };
    options.log(`clone to Bound: kubectl clone pvc ${clone.cliMs.toFixed(0)} ms vs kubectl apply + wait ${clone.kubectlMs.toFixed(0)} ms: ratio ${clone.ratio.toFixed(2)}x (median of ${runs}); target <= 1.1x: ${clone.ratio <= 1.1 ? 'met' : 'MISSED'}`);
    options.log(`requests per clone: kubectl-clone ${clone.cliRequests} (audit log: ${clone.auditEventsPerClone} events, ${clone.auditWritesPerClone} writes incl. the dry run) vs kubectl apply + wait ${clone.kubectlRequests}; target <= 9: ${clone.cliRequests <= 9 ? 'met' : 'MISSED'}; TCP+TLS connections: ${clone.cliConnections} vs ${clone.kubectlConnections}`);
    options.log(`  where one more clone's time went (KUBECTL_CLONE_TRACE=1):\n${await traced(kubectl, ['clone', 'pvc', 'data', 'by-cli-traced', '-n', namespace], proxy.kubeconfigPath)}`);

    // list -A at 100, 1,000 and 5,000 claims: the CLI (paginated, 500 a page) vs kubectl get pvc -A
    const list: SandboxFigures['list'] = [];
    const listNs = 'bench-list';
    await api(sb, 'POST', '/api/v1/namespaces', { metadata: { name: listNs } });
    let created = 0;
    for (const target of options.quick ? [100, 1000] : [100, 1000, 5000]) {
      const started = Date.now();
      await createMany(sb, listNs, created, target);
      created = target;
      options.log(`  (created ${target} claims through the API, ${((Date.now() - started) / 1000).toFixed(1)} s)`);
      const listRuns = target >= 5000 ? 5 : 7;
      const cliMs: number[] = [];
      const kubectlMs: number[] = [];
      const floorMs: number[] = [];
      const versionMs: number[] = [];
      const directMs: number[] = [];
      let cliRequests = 0;
      let kubectlRequests = 0;
      let pages = 0;
      const timeCli = async () => {
        proxy!.setRules([]);
        cliMs.push((await must(kubectl, ['clone', 'list', '-A', '-o', 'json'], proxy!.kubeconfigPath)).ms);
        cliRequests = proxy!.requests.length;
        pages = proxy!.requests.filter((r) => /persistentvolumeclaims/.test(r.url)).length;
      };
      const timeKubectl = async () => {
        proxy!.setRules([]);
        kubectlMs.push((await must(kubectl, ['get', 'pvc', '-A', '-o', 'json'], proxy!.kubeconfigPath)).ms);
        kubectlRequests = proxy!.requests.length;
      };
      // what no plugin can go below: kubectl's dispatch of a plugin that does nothing (/bin/true),
      // and the same list without dispatch (the standalone executable run directly)
      const timeFloor = async () => {
        floorMs.push((await must(kubectl, ['noop'], proxy!.kubeconfigPath)).ms);
      };
      // our own start with no request: Node, the entry, no cluster part
      const timeVersion = async () => {
        versionMs.push((await must(kubectl, ['clone', '--version'], proxy!.kubeconfigPath)).ms);
      };
      const timeDirect = async () => {
        directMs.push((await must(path.join(options.pluginDir, 'kubectl-clone'), ['list', '-A', '-o', 'json'], proxy!.kubeconfigPath)).ms);
      };
      const order = [timeCli, timeKubectl, timeFloor, timeVersion, timeDirect];
      for (let i = 0; i < listRuns; i++) {
        for (const time of i % 2 === 0 ? order : [...order].reverse()) await time();
      }
      const row = {
        claims: target, cliMs: median(cliMs), kubectlMs: median(kubectlMs), ratio: median(cliMs) / median(kubectlMs), cliRequests, kubectlRequests, pages,
        floorMs: median(floorMs), versionMs: median(versionMs), directMs: median(directMs),
      };
      list.push(row);
      const goal = target >= 5000 ? 0.8 : target <= 100 ? 1.0 : undefined;
      options.log(`list -A with ${String(target).padStart(5)} claims: kubectl clone list ${row.cliMs.toFixed(0)} ms (${cliRequests} requests, ${pages} PVC pages of 500) vs kubectl get pvc -A ${row.kubectlMs.toFixed(0)} ms (${kubectlRequests} requests): ${row.ratio.toFixed(2)}x (median of ${listRuns})${goal ? `; target <= ${goal.toFixed(1)}x: ${row.ratio <= goal ? 'met' : 'MISSED'}` : ''}`);
      const of = (ms: number) => `${ms.toFixed(0)} ms = ${(ms / row.kubectlMs).toFixed(2)}x kubectl get pvc -A`;
      options.log(`  floors through kubectl's dispatch: a plugin that does nothing (/bin/true) ${of(row.floorMs)}; kubectl clone --version (Node's start and our entry, no request) ${of(row.versionMs)}; kubectl-clone list -A run directly, without dispatch: ${of(row.directMs)}`);
      options.log(`  where one more list's time went (KUBECTL_CLONE_TRACE=1):\n${await traced(kubectl, ['clone', 'list', '-A', '-o', 'json'], proxy.kubeconfigPath)}`);
    }
    return { clone, list };
  } finally {
    await proxy?.close();
    await sb.stop();
  }
}
