// The CLI is three files, none of which resolves anything in node_modules at run time:
// kubectl-clone.cjs (commander and the command definitions), clone-offline.cjs (the core
// engine: lint, offline plans, rules) and clone-cluster.cjs (the Kubernetes client and the
// commands that use it). A command loads only the part it runs, so `--version` and `--help`
// start as fast as Node itself allows and `lint` never parses the Kubernetes client.
import { build } from 'esbuild';
import { chmodSync, readFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: true,
  legalComments: 'linked',
  define: { KUBECTL_CLONE_VERSION: JSON.stringify(version) },
  logLevel: 'warning',
};
const path = (p) => new URL(p, import.meta.url).pathname;

const partsAsExternal = {
  name: 'parts-as-external',
  setup(b) {
    b.onResolve({ filter: /\/live\/index\.js$/ }, () => ({ path: './clone-cluster.cjs', external: true }));
    b.onResolve({ filter: /\/offline\/index\.js$/ }, () => ({ path: './clone-offline.cjs', external: true }));
  },
};

await Promise.all([
  build({
    ...common,
    entryPoints: [path('./src/main.ts')],
    outfile: path('./dist/kubectl-clone.cjs'),
    banner: { js: '#!/usr/bin/env node' },
    plugins: [partsAsExternal],
  }),
  build({ ...common, entryPoints: [path('./src/offline/index.ts')], outfile: path('./dist/clone-offline.cjs'), plugins: [partsAsExternal] }),
  build({ ...common, entryPoints: [path('./src/live/index.ts')], outfile: path('./dist/clone-cluster.cjs') }),
]);
chmodSync(path('./dist/kubectl-clone.cjs'), 0o755);
