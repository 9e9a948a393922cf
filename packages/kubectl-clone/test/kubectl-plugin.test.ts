import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../../../', import.meta.url).pathname;

/**
 * A real kubectl: $KUBECTL, else the one the sandbox build made (test/sandbox/build.sh), else
 * the PATH's. None at all fails the test with what to do: the plugin contract is only proven
 * through kubectl's own plugin dispatch.
 */
function findKubectl(): string {
  if (process.env.KUBECTL) return process.env.KUBECTL;
  const cache = join(process.env.KUBECTL_CLONE_CACHE ?? join(homedir(), '.cache', 'kubectl-clone'), 'sandbox');
  if (existsSync(cache)) {
    for (const key of readdirSync(cache)) {
      const candidate = join(cache, key, 'bin', 'kubectl');
      if (existsSync(candidate)) return candidate;
    }
  }
  const which = spawnSync('sh', ['-c', 'command -v kubectl'], { encoding: 'utf8' });
  if (which.status === 0 && which.stdout.trim()) return which.stdout.trim();
  throw new Error('no kubectl found: run `bash test/sandbox/build.sh` (builds kubectl from Go modules) or set KUBECTL');
}

describe('kubectl clone, through the real kubectl plugin mechanism', () => {
  const kubectl = findKubectl();
  const bin = mkdtempSync(join(tmpdir(), 'kubectl-clone-plugin-'));
  execFileSync('bash', [join(root, 'scripts/install-plugin.sh'), bin, join(bin, 'lib')], { encoding: 'utf8' });
  const env = { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH ?? ''}`, NO_COLOR: '1', KUBECONFIG: join(bin, 'none') };

  it('is listed by kubectl plugin list', () => {
    const run = spawnSync(kubectl, ['plugin', 'list'], { env, encoding: 'utf8' });
    expect(run.stdout).toContain(join(bin, 'kubectl-clone'));
  });

  it('kubectl clone lint runs the plugin with its arguments and exit code', () => {
    const file = join(bin, 'clone.yaml');
    writeFileSync(file, `apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: copy}
spec:
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 1Gi}}
  dataSource: {apiGroup: core, kind: PersistentVolumeClaim, name: data}
`);
    const run = spawnSync(kubectl, ['clone', 'lint', file], { env, encoding: 'utf8' });
    expect(run.stdout).toContain(`${file}:7:26  error  the apiserver will silently drop this dataSource and provision an EMPTY volume: apiGroup "core" is not the core group`);
    expect(run.status).toBe(1);
    const clean = spawnSync(kubectl, ['clone', 'lint', join(root, 'examples/clones')], { env, encoding: 'utf8' });
    expect(clean.status).toBe(0);
  });

  it('kubectl completes `kubectl clone <TAB>` through the kubectl_complete-clone hook', () => {
    const commands = spawnSync(kubectl, ['__complete', 'clone', ''], { env, encoding: 'utf8' });
    const words = commands.stdout.split('\n').map((line) => line.split('\t')[0]);
    expect(words).toEqual(expect.arrayContaining(['pvc', 'check', 'list', 'prune', 'lint', 'rules', 'completion']));
    expect(commands.stdout.trimEnd().split('\n').at(-1)).toMatch(/^:\d+$/);
    const formats = spawnSync(kubectl, ['__complete', 'clone', 'lint', '-o', ''], { env, encoding: 'utf8' });
    expect(formats.stdout.split('\n').map((line) => line.split('\t')[0]).filter((w) => w && !w.startsWith(':'))).toEqual(['text', 'json', 'sarif']);
  });

  it('kubectl clone --version answers', () => {
    const run = spawnSync(kubectl, ['clone', '--version'], { env, encoding: 'utf8' });
    expect(run.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});
