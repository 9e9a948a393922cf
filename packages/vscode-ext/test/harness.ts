// What the two real-editor runners share: test/run-vscode-tests.ts (code-server, offline) and
// test/run-desktop-tests.ts (@vscode/test-electron, where desktop VS Code can be downloaded). Both run the
// same compiled mocha suite (test-dist/integration.js) against the same seeded sandbox namespace.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { parse, stringify } from 'yaml';
import { ClusterClient, waitForBound } from '@kubectl-clone/core/cluster';

export const extensionDir = dirname(dirname(fileURLToPath(import.meta.url)));
export const namespace = 'vscode-e2e';
/** Empty until the UI clones `data` into it (Clone PVC… into another namespace). */
export const targetNamespace = 'vscode-e2e-target';
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

const editorSettings = {
  'workbench.startupEditor': 'none', 'extensions.autoUpdate': false, 'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true, 'git.enabled': false, 'telemetry.telemetryLevel': 'off',
  'security.workspace.trust.enabled': false, 'workbench.tips.enabled': false, 'update.mode': 'none',
  'kubectlClone.refreshIntervalSeconds': 0,
};

/** Only our extension, pointed at the sandbox by our own setting. */
export function userSettings(kubeconfig: string): Record<string, unknown> {
  return { ...editorSettings, 'kubectlClone.kubeconfig': kubeconfig };
}

/**
 * Beside the real Kubernetes extension: the kubeconfig is given only to it (`vs-kubernetes.kubeconfig`),
 * so our tree reaching the sandbox proves we read its configuration API. The rest is what
 * shared/vendor/README.md lists so that it downloads nothing (kubectl is the sandbox's).
 */
export function userSettingsWithKubernetesExtension(kubeconfig: string, kubectl: string): Record<string, unknown> {
  return {
    ...editorSettings,
    'redhat.telemetry.enabled': false,
    'vscode-kubernetes.kubectl-path': kubectl, 'vscode-kubernetes.kubectl-path-linux': kubectl,
    'vs-kubernetes': {
      'vs-kubernetes.kubeconfig': kubeconfig, 'vs-kubernetes.kubectl-path': kubectl, 'vs-kubernetes.kubectl-path.linux': kubectl,
      'vs-kubernetes.kubectlVersioning': 'user-provided', 'vs-kubernetes.ignore-recommendations': true,
      'vs-kubernetes.crd-code-completion': 'disabled', 'vs-kubernetes.suppress-helm-not-found-alerts': true, checkForMinikubeUpgrade: false,
    },
  };
}

/** A fresh VS Code profile under `root`: user data with `settings`, and an empty extensions folder. */
export function writeProfile(root: string, settings: Record<string, unknown>, name = 'profile'): { userData: string; extensions: string } {
  const userData = join(root, name, 'user-data');
  mkdirSync(join(userData, 'User'), { recursive: true });
  writeFileSync(join(userData, 'User/settings.json'), JSON.stringify(settings, null, 2));
  const extensions = join(root, name, 'extensions');
  mkdirSync(extensions, { recursive: true });
  return { userData, extensions };
}

/** A copy of the kubeconfig whose current context's namespace is `namespace` (what "Use Namespace" writes). */
export function kubeconfigInNamespace(kubeconfig: string, target: string, namespaceName: string): string {
  const config = parse(readFileSync(kubeconfig, 'utf8')) as { 'current-context': string; contexts: { name: string; context: Record<string, unknown> }[] };
  const current = config.contexts.find((context) => context.name === config['current-context']);
  if (!current) throw new Error(`${kubeconfig} has no current context`);
  current.context.namespace = namespaceName;
  writeFileSync(target, stringify(config));
  return target;
}

export function currentContext(kubeconfig: string): string {
  return (parse(readFileSync(kubeconfig, 'utf8')) as { 'current-context': string })['current-context'];
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
  for (const name of [namespace, targetNamespace]) await client.call(`create namespace ${name}`, () => client.core.createNamespace({ body: { metadata: { name } } }));
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
  // a ConfigMap node for the UI check that our menu item is absent there
  await client.core.createNamespacedConfigMap({ namespace, body: { metadata: { name: 'settings', namespace }, data: { mode: 'test' } } });
  log(`seeded ${namespace}: data (Bound), its clone data-seed-clone (Bound), ConfigMap settings; empty namespace ${targetNamespace}`);
}

/** The clones the integration suite made, seen from outside, in the cluster. */
export async function verifyClonesInCluster(kubeconfig: string): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  const client = ClusterClient.connect({ kubeconfig });
  const clone = await client.readClaim(namespace, 'data-e2e-clone');
  const passed = clone?.status?.phase === 'Bound' && clone.spec?.dataSource?.name === 'data' && clone.metadata?.annotations?.['kubectl-clone.io/source'] === `${namespace}/data`;
  const tooSmall = await client.readClaim(namespace, 'data-too-small');
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

