// What the two real-editor runners share: test/run-vscode-tests.ts (code-server, offline) and
// test/run-desktop-tests.ts (@vscode/test-electron, where desktop VS Code can be downloaded). Both run the
// same compiled mocha suite (test-dist/integration.js) against the same seeded sandbox namespace.
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { ClusterClient, waitForBound } from '@kubectl-clone/core/cluster';

export const extensionDir = dirname(dirname(fileURLToPath(import.meta.url)));
export const namespace = 'vscode-e2e';
export const integrationBundle = join(extensionDir, 'test-dist/integration.js');
export interface Outcome { name: string; passed: boolean; detail?: string }
const log = (line: string) => process.stderr.write(`[vscode-tests] ${line}\n`);

/** dist/ (dev build) and the suite bundle that the extension host's test runner loads. */
export async function buildForTests(): Promise<void> {
  execFileSync(process.execPath, [join(extensionDir, 'build.mjs'), '--dev'], { stdio: 'inherit' });
  await build({
    entryPoints: [join(extensionDir, 'test/integration/index.ts')], outfile: integrationBundle,
    bundle: true, platform: 'node', target: 'node20', format: 'cjs', external: ['vscode', 'mocha'], sourcemap: 'inline', logLevel: 'warning',
  });
}

/** The test-only stand-in of ms-kubernetes-tools.vscode-kubernetes-tools, as an installed extension in `extensionsDir`. */
export function installFakeKubernetesExtension(extensionsDir: string): void {
  cpSync(join(extensionDir, 'test/fixtures/fake-kubernetes-tools'), join(extensionsDir, 'ms-kubernetes-tools.vscode-kubernetes-tools-0.0.0-fake'), { recursive: true });
}

export function userSettings(kubeconfig: string): Record<string, unknown> {
  return {
    'workbench.startupEditor': 'none', 'extensions.autoUpdate': false, 'extensions.autoCheckUpdates': false,
    'extensions.ignoreRecommendations': true, 'git.enabled': false, 'telemetry.telemetryLevel': 'off',
    'security.workspace.trust.enabled': false, 'workbench.tips.enabled': false, 'update.mode': 'none',
    'kubectlClone.kubeconfig': kubeconfig, 'kubectlClone.refreshIntervalSeconds': 0,
    // read by the test-only stand-in of the Kubernetes extension (its real setting's name)
    'vs-kubernetes': { 'vs-kubernetes.kubeconfig': kubeconfig },
  };
}

/**
 * A fresh VS Code profile under `root`: user data with our test settings pointing at the sandbox,
 * and an extensions folder holding the stand-in Kubernetes extension (ours is loaded from its folder).
 */
export function writeProfile(root: string, kubeconfig: string, extensionsName = 'extensions'): { userData: string; extensions: string } {
  const userData = join(root, 'user-data');
  mkdirSync(join(userData, 'User'), { recursive: true });
  writeFileSync(join(userData, 'User/settings.json'), JSON.stringify(userSettings(kubeconfig), null, 2));
  const extensions = join(root, extensionsName);
  installFakeKubernetesExtension(extensions);
  return { userData, extensions };
}

export function writeWorkspace(root: string): string {
  const workspace = join(root, 'workspace');
  mkdirSync(join(workspace, '.vscode'), { recursive: true });
  for (const file of ['trap.yaml', 'two-traps.yaml', 'source-ref.yaml', 'embedded.md', 'heredoc.sh', 'clone-of-bigger.yaml', 'clone-of-missing.yaml']) copyFileSync(join(extensionDir, 'test/fixtures', file), join(workspace, file));
  writeFileSync(join(workspace, '.vscode/settings.json'), '{}\n');
  return workspace;
}

export async function seedCluster(kubeconfig: string): Promise<void> {
  const client = ClusterClient.connect({ kubeconfig });
  await client.call(`create namespace ${namespace}`, () => client.core.createNamespace({ body: { metadata: { name: namespace } } }));
  const claim = (name: string, source?: string) => ({
    apiVersion: 'v1', kind: 'PersistentVolumeClaim',
    metadata: { name, namespace },
    spec: {
      accessModes: ['ReadWriteOnce'], storageClassName: 'csi-hostpath', resources: { requests: { storage: '1Gi' } },
      ...(source ? { dataSource: { kind: 'PersistentVolumeClaim', name: source } } : {}),
    },
  });
  for (const [name, source] of [['data', undefined], ['data-seed-clone', 'data']] as const) {
    await client.createClaim(claim(name, source), 'none');
    const outcome = await waitForBound(client, namespace, name, { timeoutMs: 60_000 });
    if (outcome.result !== 'Bound') throw new Error(`seed claim ${namespace}/${name} is ${outcome.result}`);
  }
  log(`seeded ${namespace}: data (Bound) and its clone data-seed-clone (Bound)`);
}

/** The clones the integration suite made, seen from outside, in the cluster. */
export async function verifyClonesInCluster(kubeconfig: string): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  const client = ClusterClient.connect({ kubeconfig });
  const clone = await client.readClaim(namespace, 'data-e2e-clone');
  const passed = clone?.status?.phase === 'Bound' && clone.spec?.dataSource?.name === 'data' && clone.metadata?.annotations?.['kubectl-clone.io/source'] === `${namespace}/data`;
  const tooSmall = await client.readClaim(namespace, 'data-too-small');
  const fromExplorer = await client.readClaim(namespace, 'data-explorer-clone');
  outcomes.push({ name: 'the cluster has the clone made from the Kubernetes explorer\'s PVC node, Bound, with its dataSource', passed: fromExplorer?.status?.phase === 'Bound' && fromExplorer.spec?.dataSource?.name === 'data', detail: JSON.stringify({ phase: fromExplorer?.status?.phase, dataSource: fromExplorer?.spec?.dataSource }) });
  outcomes.push({ name: 'the cluster has the clone made in VS Code, Bound, with its dataSource and our annotation; the refused one does not exist', passed: passed && tooSmall === undefined, detail: JSON.stringify({ phase: clone?.status?.phase, dataSource: clone?.spec?.dataSource, refused: tooSmall?.metadata?.name }) });
  return outcomes;
}

/** The tree-load figure's claims: `count` Pending claims on a class nobody provisions (nothing binds), in parallel batches. */
export async function createBenchClaims(kubeconfig: string, benchNamespace: string, count: number): Promise<{ created: number; seconds: number }> {
  const client = ClusterClient.connect({ kubeconfig });
  const started = performance.now();
  await client.core.createNamespace({ body: { metadata: { name: benchNamespace } } });
  let created = 0;
  const batch = 250; // concurrent creates per batch
  for (let first = 0; first < count; first += batch) {
    await Promise.all(Array.from({ length: Math.min(batch, count - first) }, (_, i) => client.core.createNamespacedPersistentVolumeClaim({
      namespace: benchNamespace,
      body: {
        apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: `bench-${String(first + i).padStart(4, '0')}`, namespace: benchNamespace },
        spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'other-driver', resources: { requests: { storage: '1Gi' } } },
      },
    }).then(() => created++)));
  }
  return { created, seconds: (performance.now() - started) / 1000 };
}

/** The raw list the tree makes (all namespaces, pages of 500), median of `runs`. */
export async function timeClaimList(kubeconfig: string, runs = 3): Promise<{ ms: number[]; items: number }> {
  const client = ClusterClient.connect({ kubeconfig });
  const ms: number[] = [];
  let items = 0;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    items = (await client.listClaims(undefined)).length;
    ms.push(performance.now() - started);
  }
  return { ms, items };
}

