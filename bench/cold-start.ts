import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { pairedMedians } from './measure.js';

const bundle = fileURLToPath(new URL('../packages/kubectl-clone/dist/kubectl-clone.cjs', import.meta.url));

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr}`);
}

/**
 * `kubectl-clone --version` against `node -e 0` (what the bundle adds to Node's own start) and,
 * given the sandbox's kubectl, against `kubectl version --client` (what users compare it to).
 */
export function coldStart(runs: number, kubectl?: string): { nodeMs: number; cliMs: number; ratio: number; kubectlMs?: number } {
  const { baseline, subject } = pairedMedians(runs, () => run(process.execPath, ['-e', '0']), () => run(process.execPath, [bundle, '--version']));
  const result = { nodeMs: baseline, cliMs: subject, ratio: subject / baseline };
  if (!kubectl) return result;
  const versus = pairedMedians(runs, () => run(kubectl, ['version', '--client']), () => run(process.execPath, [bundle, '--version']));
  return { ...result, kubectlMs: versus.baseline };
}
