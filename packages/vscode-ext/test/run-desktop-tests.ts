// The same mocha suite as test/run-vscode-tests.ts (test/integration, compiled to test-dist/integration.js),
// in DESKTOP VS Code through @vscode/test-electron, against the same seeded sandbox cluster.
//
// It needs a desktop VS Code: either VSCODE_EXECUTABLE=/path/to/code (nothing is downloaded), or a machine
// that reaches https://update.code.visualstudio.com (the build is cached in .vscode-test/), and on Linux
// without a display, xvfb-run. Where neither is there (machines that only reach package registries), it stops
// at the download with a message that says so, before starting anything: use `test:vscode` (code-server) there.
// It is not part of the package's `test` script.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import { startSandbox, type Sandbox } from '../../../test/sandbox/src/sandbox.js';
import { buildForTests, extensionDir, integrationBundle, namespace, seedCluster, userSettings, verifyClonesInCluster, writeProfile, writeWorkspace } from './harness.js';

/** The VS Code our engines field and the code-server run (VS Code 1.100.3) use. */
const version = process.env.VSCODE_VERSION || '1.100.3';
const log = (line: string) => process.stderr.write(`[desktop-tests] ${line}\n`);

async function resolveVSCode(): Promise<string | undefined> {
  if (process.env.VSCODE_EXECUTABLE) return process.env.VSCODE_EXECUTABLE;
  const cachePath = join(extensionDir, '.vscode-test');
  log(`downloading VS Code ${version} into ${cachePath} (cached after the first run)`);
  try {
    return await downloadAndUnzipVSCode({ version, cachePath, timeout: 30_000 });
  } catch (error) {
    const reason = (error as Error).message.split('\n')[0];
    process.stderr.write([
      '',
      `test:vscode-desktop cannot run here: VS Code ${version} could not be downloaded.`,
      `  cause: ${reason}`,
      'It needs one of:',
      '  - network access to https://update.code.visualstudio.com (and the CDN it redirects to), or',
      `  - VSCODE_EXECUTABLE=/path/to/code, a desktop VS Code ${version} or later that is already installed;`,
      '  - and on Linux without a display: xvfb-run -a pnpm --filter kubectl-clone-vscode run test:vscode-desktop',
      'The same suite runs offline in code-server: pnpm --filter kubectl-clone-vscode run test:vscode',
      '',
    ].join('\n'));
    return undefined;
  }
}

async function main(): Promise<number> {
  // first the editor: where it cannot be had, nothing else is started
  const executable = await resolveVSCode();
  if (!executable) return 2;
  const root = mkdtempSync(join(tmpdir(), 'kubectl-clone-desktop-'));
  let sandbox: Sandbox | undefined;
  try {
    const sandboxReady = startSandbox({ log: (line) => log(`sandbox: ${line}`) });
    sandboxReady.catch(() => undefined);
    await buildForTests();
    sandbox = await sandboxReady;
    await seedCluster(sandbox.kubeconfigPath);
    const workspace = writeWorkspace(root);
    const { userData, extensions } = writeProfile(root, userSettings(sandbox.kubeconfigPath));
    const code = await runTests({
      vscodeExecutablePath: executable,
      extensionDevelopmentPath: extensionDir,
      extensionTestsPath: integrationBundle,
      extensionTestsEnv: { KUBECTL_CLONE_TEST_NAMESPACE: namespace, KUBECONFIG: '', KUBECTL_CLONE_BENCH_CLAIMS: '0' },
      launchArgs: [workspace, '--user-data-dir', userData, '--extensions-dir', extensions, '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes', '--disable-gpu'],
    });
    const outcomes = await verifyClonesInCluster(sandbox.kubeconfigPath);
    for (const outcome of outcomes) process.stdout.write(`${outcome.passed ? '✓' : '✗'} ${outcome.name}${outcome.passed ? '' : `: ${outcome.detail}`}\n`);
    return code !== 0 || outcomes.some((outcome) => !outcome.passed) ? 1 : 0;
  } catch (error) {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    return 1;
  } finally {
    await sandbox?.stop().catch((error: Error) => log(`sandbox stop: ${error.message}`));
    rmSync(root, { recursive: true, force: true });
  }
}

process.exit(await main());
