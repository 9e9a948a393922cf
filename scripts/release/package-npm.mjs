// The CLI's npm package: the three bundles (they need nothing from node_modules), the completion
// hook, README and LICENSE, with a package.json written here, so `npm i -g kubectl-clone-*.tgz`
// installs no dependency and gives a `kubectl-clone` command on PATH (Node >= 20.19).
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function packNpm({ root, version, work, outDir }) {
  const dist = join(root, 'packages/kubectl-clone/dist');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const bundles = readdirSync(dist).filter((f) => /\.(cjs|LEGAL\.txt)$/.test(f));
  for (const file of bundles) copyFileSync(join(dist, file), join(work, file));
  copyFileSync(join(root, 'scripts/kubectl_complete-clone'), join(work, 'kubectl_complete-clone'));
  copyFileSync(join(root, 'LICENSE'), join(work, 'LICENSE'));
  copyFileSync(join(root, 'README.md'), join(work, 'README.md'));
  const manifest = {
    name: 'kubectl-clone',
    version,
    description: 'kubectl plugin: clone PersistentVolumeClaims safely (kubectl clone pvc, lint, check, list)',
    license: 'Apache-2.0',
    repository: { type: 'git', url: 'https://github.com/kubectl-clone/kubectl-clone' },
    keywords: ['kubectl', 'kubectl-plugin', 'kubernetes', 'pvc', 'clone'],
    engines: { node: '>=20.19' },
    bin: { 'kubectl-clone': 'kubectl-clone.cjs', 'kubectl_complete-clone': 'kubectl_complete-clone' },
    files: [...bundles, 'kubectl_complete-clone'],
  };
  writeFileSync(join(work, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const name = execFileSync('npm', ['pack', '--silent', '--pack-destination', outDir], { cwd: work, encoding: 'utf8' }).trim().split('\n').pop();
  return join(outDir, name);
}
