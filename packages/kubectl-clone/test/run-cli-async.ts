import { spawn } from 'node:child_process';
import { bundle, type CliRun } from './run-cli.js';

/**
 * The built bundle in a child process without blocking this one: for tests whose servers
 * (a TLS server that never answers, a stand-in that must complete a handshake) run here.
 */
export function runCliAsync(args: string[], options: { env?: Record<string, string>; closeStdout?: boolean } = {}): Promise<CliRun & { ms: number }> {
  const started = Date.now();
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', ...options.env };
  delete env.FORCE_COLOR;
  const child = spawn(process.execPath, [bundle, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  // a reader that stops reading at once, as `| head -0` or `| true` does
  if (options.closeStdout) child.stdout.destroy();
  else child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (status) => resolve({ status, stdout, stderr, ms: Date.now() - started })));
}
