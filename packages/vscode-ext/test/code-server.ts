// code-server (a real VS Code 1.100.3: the same workbench and Node extension host) installed from npm
// and Debian only, cached by version; see shared/recipes/vscode-in-code-server.md for why each step.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const codeServerVersion = '4.100.3';
const debianPackages = ['libkrb5-dev', 'libx11-dev', 'libxkbfile-dev', 'libsecret-1-dev', 'pkg-config', 'ripgrep', 'chromium'];

export function cacheRoot(): string {
  return process.env.KUBECTL_CLONE_CACHE || join(homedir(), '.cache', 'kubectl-clone');
}

function run(command: string, args: string[], cwd: string, log: (line: string) => void, env: NodeJS.ProcessEnv = {}): void {
  log(`$ ${command} ${args.join(' ')}   (in ${cwd})`);
  execFileSync(command, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...env } });
}

function ensureDebianPackages(log: (line: string) => void): void {
  const missing = debianPackages.filter((name) => {
    try {
      return !/install ok installed/.test(execFileSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
    } catch {
      return true;
    }
  });
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`code-server needs Debian packages ${missing.join(' ')}: run as root, or: sudo apt-get install -y ${missing.join(' ')}`);
  }
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update', '-qq'], '/', log, env);
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], '/', log, env);
}

/** The folder holding node_modules/code-server, installed on first use (~3 min cold). */
export function ensureCodeServer(log: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): string {
  ensureDebianPackages(log);
  const dir = join(cacheRoot(), 'code-server', codeServerVersion);
  if (existsSync(join(dir, '.complete'))) return dir;
  const staging = `${dir}.partial-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  writeFileSync(join(staging, 'package.json'), '{"name":"code-server-cache","private":true}\n');
  const npmEnv = { npm_config_yes: 'true', npm_config_fund: 'false', npm_config_audit: 'false', npm_config_update_notifier: 'false' };
  run('npm', ['install', '--ignore-scripts', '--no-save', `code-server@${codeServerVersion}`], staging, log, npmEnv);
  const vscodeDir = join(staging, 'node_modules/code-server/lib/vscode');
  run('npm', ['install', '--unsafe-perm', '--omit=dev', '--ignore-scripts'], vscodeDir, log, npmEnv);
  // @vscode/ripgrep's postinstall downloads from GitHub: Debian's rg stands in
  mkdirSync(join(vscodeDir, 'node_modules/@vscode/ripgrep/bin'), { recursive: true });
  rmSync(join(vscodeDir, 'node_modules/@vscode/ripgrep/bin/rg'), { force: true });
  symlinkSync('/usr/bin/rg', join(vscodeDir, 'node_modules/@vscode/ripgrep/bin/rg'));
  run('npm', ['rebuild', '--unsafe-perm', 'kerberos', '@parcel/watcher', '@vscode/spdlog', 'node-pty', 'native-watchdog', '@vscode/deviceid'], vscodeDir, log, npmEnv);
  rmSync(join(vscodeDir, 'node_modules.asar'), { force: true });
  symlinkSync('node_modules', join(vscodeDir, 'node_modules.asar'));
  run('npm', ['rebuild', 'argon2'], staging, log, npmEnv);
  const version = execFileSync(process.execPath, [entryOf(staging), '--version'], { encoding: 'utf8' });
  if (!version.includes(codeServerVersion)) throw new Error(`code-server --version said: ${version}`);
  writeFileSync(join(staging, '.complete'), version);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, '..'), { recursive: true });
  renameSync(staging, dir);
  return dir;
}

export function entryOf(installDir: string): string {
  return join(installDir, 'node_modules/code-server/out/node/entry.js');
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface RunningCodeServer {
  readonly url: string;
  readonly port: number;
  readonly process: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/** `workspaceTrust`: keep VS Code's workspace trust on (a new folder then opens in Restricted Mode). */
export async function startCodeServer(installDir: string, options: { userDataDir: string; extensionsDir: string; workspaceTrust?: boolean }): Promise<RunningCodeServer> {
  const port = await freePort();
  const child = spawn(process.execPath, [
    entryOf(installDir), '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry', '--disable-update-check', ...(options.workspaceTrust ? [] : ['--disable-workspace-trust']), '--disable-getting-started-override',
    '--user-data-dir', options.userDataDir, '--extensions-dir', options.extensionsDir,
  ], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, KUBECONFIG: '' } });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited (${child.exitCode}):\n${output}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch { /* not yet listening */ }
    if (Date.now() - started > 60_000) {
      child.kill('SIGKILL');
      throw new Error(`code-server did not answer /healthz within 60s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url, port, process: child, output: () => output,
    stop: () => new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      child.once('exit', () => { clearTimeout(timer); resolve(); });
      child.kill('SIGTERM');
    }),
  };
}

if (process.argv[1] && /code-server\.ts$/.test(process.argv[1]) && process.argv[2] === 'install') {
  console.log(ensureCodeServer());
}
