// Node's binary for a platform, from its npm package (`npm pack`, which checks the registry's
// integrity hash), cached by package and version so CI downloads each once.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, join } from 'node:path';
import { nodeVersion } from './platforms.mjs';

export const cacheRoot = () => process.env.KUBECTL_CLONE_CACHE || join(homedir(), '.cache', 'kubectl-clone');

/** Path of the cached Node binary for `platform`; downloads it on first use. */
export function nodeBinary(platform, log = () => {}) {
  const dir = join(cacheRoot(), 'node', `${platform.npm}-${nodeVersion}`);
  const binary = join(dir, basename(platform.node));
  if (existsSync(join(dir, '.complete'))) return binary;
  const staging = `${dir}.partial-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  log(`downloading ${platform.npm}@${nodeVersion} from the npm registry`);
  const tarball = execFileSync('npm', ['pack', '--silent', `${platform.npm}@${nodeVersion}`], { cwd: staging, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim().split('\n').pop();
  execFileSync('tar', ['xzf', tarball, '--strip-components', String(platform.node.split('/').length), `package/${platform.node}`], { cwd: staging });
  rmSync(join(staging, tarball));
  chmodSync(join(staging, basename(platform.node)), 0o755);
  execFileSync('touch', [join(staging, '.complete')]);
  rmSync(dir, { recursive: true, force: true });
  renameSync(staging, dir);
  return binary;
}
