import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { pairedMedians } from './measure.js';

const bundle = fileURLToPath(new URL('../packages/kubectl-clone/dist/kubectl-clone.cjs', import.meta.url));

function run(args: string[]): void {
  const result = spawnSync(process.execPath, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${result.stderr}`);
}

/** `kubectl-clone --version` against `node -e 0`: what the bundle adds to Node's own start. */
export function coldStart(runs: number): { nodeMs: number; cliMs: number; ratio: number } {
  const { baseline, subject } = pairedMedians(runs, () => run(['-e', '0']), () => run([bundle, '--version']));
  return { nodeMs: baseline, cliMs: subject, ratio: subject / baseline };
}
