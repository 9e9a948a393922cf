import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const bundle = fileURLToPath(new URL('../dist/kubectl-clone.cjs', import.meta.url));

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Run the built bundle as a user would: a separate process, real files, real exit code. */
export function runCli(args: string[], options: { input?: string; cwd?: string; env?: Record<string, string> } = {}): CliRun {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', ...options.env };
  if (!options.env?.FORCE_COLOR) delete env.FORCE_COLOR;
  const result = spawnSync(process.execPath, [bundle, ...args], {
    input: options.input ?? '',
    cwd: options.cwd,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
