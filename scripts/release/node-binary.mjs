// Node's binary for a platform, from its npm package, cached by package and version so CI
// downloads each once. `npm pack` checks the registry's own hash; the tarball must also match the
// integrity pinned in platforms.mjs (a package republished under the same version is refused),
// and the binary must pass node-trust.mjs before it is cached and used.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, join } from 'node:path';
import { nodeVersion } from './platforms.mjs';
import { checkNodeBinary } from './node-trust.mjs';

export const cacheRoot = () => process.env.KUBECTL_CLONE_CACHE || join(homedir(), '.cache', 'kubectl-clone');

/** npm's integrity string (`sha512-<base64>`) of a file. */
export const integrityOf = (file) => `sha512-${createHash('sha512').update(readFileSync(file)).digest('base64')}`;

function fetchAndCheck(platform, staging, log) {
  log(`downloading ${platform.npm}@${nodeVersion} from the npm registry`);
  const tarball = execFileSync('npm', ['pack', '--silent', `${platform.npm}@${nodeVersion}`], { cwd: staging, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim().split('\n').pop();
  const integrity = integrityOf(join(staging, tarball));
  if (integrity !== platform.integrity) {
    throw new Error(`release: ${platform.npm}@${nodeVersion} is not the tarball pinned in scripts/release/platforms.mjs (got ${integrity}, pinned ${platform.integrity}): the package was republished; check it before changing the pin`);
  }
  execFileSync('tar', ['xzf', tarball, '--strip-components', String(platform.node.split('/').length), `package/${platform.node}`], { cwd: staging });
  rmSync(join(staging, tarball));
  const staged = join(staging, basename(platform.node));
  chmodSync(staged, 0o755);
  const work = join(staging, 'check');
  mkdirSync(work);
  log(`checking ${platform.npm}@${nodeVersion}: ${checkNodeBinary(platform, staged, work).join('; ')}`);
  rmSync(work, { recursive: true });
}

/** Path of the cached Node binary for `platform`; downloads and checks it on first use. */
export function nodeBinary(platform, log = () => {}) {
  const dir = join(cacheRoot(), 'node', `${platform.npm}-${nodeVersion}`);
  const binary = join(dir, basename(platform.node));
  const marker = join(dir, '.complete');
  // the marker holds the integrity the cached copy was checked against: a new pin downloads again
  if (existsSync(marker) && readFileSync(marker, 'utf8') === platform.integrity) return binary;
  const staging = `${dir}.partial-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  try {
    fetchAndCheck(platform, staging, log);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  writeFileSync(join(staging, '.complete'), platform.integrity);
  rmSync(dir, { recursive: true, force: true });
  renameSync(staging, dir);
  return binary;
}
