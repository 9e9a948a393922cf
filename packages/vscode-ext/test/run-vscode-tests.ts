// The extension's tests in a REAL VS Code: code-server (VS Code 1.100.3, from npm, cached by
// version) + headless Chromium, against a real sandbox cluster (test/sandbox).
//   1. integration: the mocha suite of test/integration runs inside the extension host through the
//      workbench's `payload` (extensionDevelopmentPath + extensionTestsPath);
//   2. the clone it made is checked in the cluster from here;
//   3. UI smoke: the packaged VSIX is installed and Playwright looks at what a person sees
//      (squiggle, Problems panel, our tree), with a screenshot in test-results/.
// Exits non-zero on any failure; stops everything it started.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ClusterClient, waitForBound } from '@kubectl-clone/core/cluster';
import { startSandbox, type Sandbox } from '../../../test/sandbox/src/sandbox.js';
import { ensureCodeServer, entryOf, startCodeServer, type RunningCodeServer } from './code-server.js';

const extensionDir = dirname(dirname(fileURLToPath(import.meta.url)));
const resultsDir = join(extensionDir, 'test-results');
const namespace = 'vscode-e2e';
const started = Date.now();
const log = (line: string) => process.stderr.write(`[vscode-tests ${((Date.now() - started) / 1000).toFixed(1)}s] ${line}\n`);
const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

interface Outcome { name: string; passed: boolean; detail?: string }
const outcomes: Outcome[] = [];

function userSettings(kubeconfig: string): Record<string, unknown> {
  return {
    'workbench.startupEditor': 'none', 'extensions.autoUpdate': false, 'extensions.autoCheckUpdates': false,
    'extensions.ignoreRecommendations': true, 'git.enabled': false, 'telemetry.telemetryLevel': 'off',
    'security.workspace.trust.enabled': false, 'workbench.tips.enabled': false, 'update.mode': 'none',
    'kubectlClone.kubeconfig': kubeconfig, 'kubectlClone.refreshIntervalSeconds': 0,
  };
}

function writeWorkspace(root: string): string {
  const workspace = join(root, 'workspace');
  mkdirSync(join(workspace, '.vscode'), { recursive: true });
  for (const file of ['trap.yaml', 'two-traps.yaml', 'source-ref.yaml', 'embedded.md', 'heredoc.sh', 'clone-of-bigger.yaml', 'clone-of-missing.yaml']) copyFileSync(join(extensionDir, 'test/fixtures', file), join(workspace, file));
  writeFileSync(join(workspace, '.vscode/settings.json'), '{}\n');
  return workspace;
}

async function seedCluster(kubeconfig: string): Promise<void> {
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

async function openWorkbench(browser: Browser, server: RunningCodeServer, workspace: string, payload: [string, string][], onExit?: (code: number) => void): Promise<{ page: Page; console: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const lines: string[] = [];
  page.on('console', (message) => {
    // extension-host logs arrive as "%c INFO color: #33f  <text>": keep what follows the marker
    const raw = message.text();
    const marker = /(INTEGRATION-RESULT|ACTIVATION-MS|NOTE |TEST [✓✗])/.exec(raw);
    const text = marker ? raw.slice(marker.index) : raw;
    lines.push(text);
    if (marker) process.stderr.write(`  | ${text}\n`);
  });
  if (onExit) await page.exposeFunction('codeAutomationExit', (code: number) => onExit(code));
  const query = `folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  await page.goto(`${server.url}/?${query}`);
  return { page, console: lines };
}

async function integration(browser: Browser, server: RunningCodeServer, workspace: string): Promise<void> {
  const remote = (path: string) => `vscode-remote://127.0.0.1:${server.port}${path}`;
  let resolveExit: (code: number) => void = () => undefined;
  const exited = new Promise<number>((resolve) => (resolveExit = resolve));
  const { page, console: lines } = await openWorkbench(browser, server, workspace, [
    ['extensionDevelopmentPath', remote(extensionDir)],
    ['extensionTestsPath', remote(join(extensionDir, 'test-dist/integration.js'))],
    ['skipWelcome', 'true'],
  ], resolveExit);
  const timeout = new Promise<number>((resolve) => setTimeout(() => resolve(-1), 300_000));
  const code = await Promise.race([exited, timeout]);
  const summary = lines.find((line) => line.startsWith('INTEGRATION-RESULT'));
  for (const line of lines.filter((text) => text.startsWith('TEST '))) {
    const [, mark, title] = /^TEST ([✓✗]) ([^\n]*)/.exec(line) ?? [];
    if (mark) outcomes.push({ name: `extension host: ${title}`, passed: mark === '✓', detail: line.split('\n').slice(0, 3).join(' ') });
  }
  const activation = lines.find((line) => line.startsWith('ACTIVATION-MS'));
  if (activation) log(`activation time in the real extension host: ${activation.split(' ')[1]} ms`);
  if (code !== 0 || !summary) outcomes.push({ name: 'integration suite in the extension host', passed: false, detail: code === -1 ? 'timed out after 300s' : `exit code ${code}, ${summary ?? 'no summary line'}` });
  if (code !== 0) writeFileSync(join(resultsDir, 'integration-console.log'), lines.join('\n'));
  await page.close();
}

async function verifyCloneInCluster(kubeconfig: string): Promise<void> {
  const client = ClusterClient.connect({ kubeconfig });
  const clone = await client.readClaim(namespace, 'data-e2e-clone');
  const passed = clone?.status?.phase === 'Bound' && clone.spec?.dataSource?.name === 'data' && clone.metadata?.annotations?.['kubectl-clone.io/source'] === `${namespace}/data`;
  const tooSmall = await client.readClaim(namespace, 'data-too-small');
  outcomes.push({ name: 'the cluster has the clone made in VS Code, Bound, with its dataSource and our annotation; the refused one does not exist', passed: passed && tooSmall === undefined, detail: JSON.stringify({ phase: clone?.status?.phase, dataSource: clone?.spec?.dataSource, refused: tooSmall?.metadata?.name }) });
}

async function uiSmoke(browser: Browser, server: RunningCodeServer, workspace: string): Promise<void> {
  const { page } = await openWorkbench(browser, server, workspace, [['skipWelcome', 'true']]);
  const step = async (name: string, body: () => Promise<void>) => {
    try {
      await body();
      outcomes.push({ name: `UI: ${name}`, passed: true });
    } catch (error) {
      outcomes.push({ name: `UI: ${name}`, passed: false, detail: (error as Error).message.split('\n')[0] });
      await page.screenshot({ path: join(resultsDir, `ui-failure-${outcomes.length}.png`) }).catch(() => undefined);
    }
  };
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  await page.waitForSelector('.explorer-folders-view, .monaco-list', { timeout: 60_000 });
  await step('a squiggle under the kind: pvc trap', async () => {
    await page.keyboard.press('Control+P');
    await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
    await page.keyboard.type('trap.yaml');
    await page.waitForSelector('.quick-input-list .monaco-list-row', { timeout: 10_000 });
    await page.keyboard.press('Enter');
    await page.waitForSelector('.monaco-editor .squiggly-error', { timeout: 30_000 });
  });
  await step('a "Clone this PVC" CodeLens above the PVC', async () => {
    await page.locator('.monaco-editor .codelens-decoration', { hasText: 'Clone this PVC' }).first().waitFor({ timeout: 15_000 });
  });
  await step('the Problems panel lists the finding with its rule id', async () => {
    await page.keyboard.press('Control+Shift+M');
    const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'silently drop this dataSource' });
    await row.first().waitFor({ timeout: 15_000 });
    const text = await page.locator('.markers-panel').innerText();
    if (!text.includes('datasource-silently-dropped')) throw new Error(`the Problems panel shows no rule id: ${text.slice(0, 300)}`);
  });
  await step('our view container shows the cluster\'s PVCs and clones', async () => {
    await page.locator('.activitybar .action-item a[aria-label^="kubectl-clone"], .activitybar .action-item[aria-label^="kubectl-clone"]').first().click();
    await page.locator('.monaco-list-row', { hasText: namespace }).first().waitFor({ timeout: 30_000 });
    await page.locator('.monaco-list-row', { hasText: 'data-e2e-clone' }).first().waitFor({ timeout: 15_000 });
    const row = await page.locator('.monaco-list-row', { hasText: 'data-seed-clone' }).first().innerText();
    if (!/Bound/.test(row)) throw new Error(`the clone's row says: ${row}`);
  });
  await page.screenshot({ path: join(resultsDir, 'ui-smoke.png') });
  await step('the packaged extension logs its activation time (command "kubectl-clone: Show Log")', async () => {
    await page.keyboard.press('F1');
    await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
    await page.keyboard.type('kubectl-clone: Show Log');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Show Log' }).first().waitFor({ timeout: 10_000 });
    await page.keyboard.press('Enter');
    const line = page.locator('.output-view .view-line', { hasText: 'activated in' });
    await line.first().waitFor({ timeout: 15_000 });
    const text = (await line.first().innerText()).replace(/\s+/g, ' ');
    log(`VSIX build: ${text.slice(text.indexOf('activated in'))}`);
    const ms = Number(/activated in ([\d.]+) ms/.exec(text)?.[1]);
    if (!(ms > 0 && ms < 2000)) throw new Error(`activation line: ${text}`);
  });
  log(`screenshot: ${join(resultsDir, 'ui-smoke.png')}`);
  await page.close();
}

async function main(): Promise<number> {
  rmSync(resultsDir, { recursive: true, force: true });
  mkdirSync(resultsDir, { recursive: true });
  const root = mkdtempSync(join(tmpdir(), 'kubectl-clone-vscode-'));
  let sandbox: Sandbox | undefined;
  let server: RunningCodeServer | undefined;
  let browser: Browser | undefined;
  try {
    log('starting the sandbox cluster, installing/locating code-server and building, in parallel');
    const sandboxReady = startSandbox({ log: (line) => log(`sandbox: ${line}`) });
    sandboxReady.catch(() => undefined);
    const installDir = ensureCodeServer(log);
    execFileSync(process.execPath, [join(extensionDir, 'build.mjs'), '--dev'], { stdio: 'inherit' });
    await build({
      entryPoints: [join(extensionDir, 'test/integration/index.ts')], outfile: join(extensionDir, 'test-dist/integration.js'),
      bundle: true, platform: 'node', target: 'node20', format: 'cjs', external: ['vscode', 'mocha'], sourcemap: 'inline', logLevel: 'warning',
    });
    sandbox = await sandboxReady;
    await seedCluster(sandbox.kubeconfigPath);
    const workspace = writeWorkspace(root);

    // 1. integration suite inside the extension host (the extension from its folder)
    const userData = join(root, 'user-data');
    mkdirSync(join(userData, 'User'), { recursive: true });
    writeFileSync(join(userData, 'User/settings.json'), JSON.stringify(userSettings(sandbox.kubeconfigPath), null, 2));
    server = await startCodeServer(installDir, { userDataDir: userData, extensionsDir: join(root, 'extensions-empty') });
    log(`code-server ${server.url}`);
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
    await integration(browser, server, workspace);
    await server.stop();
    server = undefined;
    await verifyCloneInCluster(sandbox.kubeconfigPath);

    // 2. UI smoke with the packaged VSIX installed as a user would
    execFileSync(process.execPath, [join(extensionDir, 'build.mjs')], { stdio: 'inherit' });
    const vsix = join(root, 'kubectl-clone.vsix');
    execFileSync(process.execPath, [join(extensionDir, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '--skip-license', '--allow-missing-repository', '--out', vsix], { cwd: extensionDir, stdio: ['ignore', 'ignore', 'inherit'] });
    const extensions = join(root, 'extensions');
    const uiData = join(root, 'user-data-ui');
    mkdirSync(join(uiData, 'User'), { recursive: true });
    writeFileSync(join(uiData, 'User/settings.json'), JSON.stringify(userSettings(sandbox.kubeconfigPath), null, 2));
    execFileSync(process.execPath, [entryOf(installDir), '--extensions-dir', extensions, '--user-data-dir', uiData, '--install-extension', vsix], { stdio: ['ignore', 'ignore', 'inherit'] });
    server = await startCodeServer(installDir, { userDataDir: uiData, extensionsDir: extensions });
    await uiSmoke(browser, server, writeWorkspace(join(root, 'ui')));
  } catch (error) {
    outcomes.push({ name: 'runner', passed: false, detail: (error as Error).stack ?? String(error) });
  } finally {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    await sandbox?.stop().catch((error: Error) => log(`sandbox stop: ${error.message}`));
    rmSync(root, { recursive: true, force: true });
  }
  for (const outcome of outcomes) process.stdout.write(`${outcome.passed ? '✓' : '✗'} ${outcome.name}${outcome.passed ? '' : `: ${outcome.detail}`}\n`);
  const failed = outcomes.filter((outcome) => !outcome.passed).length;
  process.stdout.write(`vscode: ${outcomes.length - failed} passed, ${failed} failed (${((Date.now() - started) / 1000).toFixed(1)}s)\n`);
  return failed > 0 || outcomes.length === 0 ? 1 : 0;
}

// exit at once: keep-alive sockets of the Kubernetes client would hold the process for minutes
process.exit(await main());
