import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { interleavedMedians } from './measure.js';
import { pluginPath } from './standalone.js';

const bundle = fileURLToPath(new URL('../packages/kubectl-clone/dist/kubectl-clone.cjs', import.meta.url));

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): void {
  const result = spawnSync(command, args, { encoding: 'utf8', env });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr}`);
}

export interface ColdStart {
  nodeMs: number;
  bundleMs: number;
  standaloneMs: number;
  kubectlMs?: number;
  dispatchMs?: number;
}

/**
 * In one interleaved run: `node -e 0`, the npm bundle's `--version` on Node, the standalone
 * executable's `--version`, and given the sandbox's kubectl, `kubectl version --client` and
 * `kubectl clone --version` through kubectl's plugin dispatch (the standalone executable on PATH).
 */
export function coldStart(runs: number, standalone: { exe: string; pluginDir: string }, kubectl?: string): ColdStart {
  const env = kubectl ? { ...process.env, PATH: pluginPath(standalone.pluginDir, kubectl) } : process.env;
  // kubectl's two bodies only when there is a kubectl: a plain string-keyed record
  const bodies: Record<string, () => void> = {
    node: () => run(process.execPath, ['-e', '0']),
    bundle: () => run(process.execPath, [bundle, '--version']),
    standalone: () => run(standalone.exe, ['--version']),
    ...(kubectl
      ? {
          kubectl: () => run(kubectl, ['version', '--client']),
          dispatch: () => run(kubectl, ['clone', '--version'], env),
        }
      : {}),
  };
  const m = interleavedMedians(runs, bodies);
  return { nodeMs: m.node!, bundleMs: m.bundle!, standaloneMs: m.standalone!, ...(kubectl ? { kubectlMs: m.kubectl!, dispatchMs: m.dispatch! } : {}) };
}
