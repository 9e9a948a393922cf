// The CLI is two files: kubectl-clone.cjs (everything offline) and clone-cluster.cjs (the
// Kubernetes client and the commands that use it), loaded on first use so that `lint` and
// `--version` start as fast as Node itself allows. Neither resolves anything in node_modules.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

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

const liveAsExternal = {
  name: 'live-as-external',
  setup(b) {
    b.onResolve({ filter: /\/live\/index\.js$/ }, () => ({ path: './clone-cluster.cjs', external: true }));
  },
};

await Promise.all([
  build({
    ...common,
    entryPoints: [path('./src/main.ts')],
    outfile: path('./dist/kubectl-clone.cjs'),
    banner: { js: '#!/usr/bin/env node' },
    plugins: [liveAsExternal],
  }),
  build({ ...common, entryPoints: [path('./src/live/index.ts')], outfile: path('./dist/clone-cluster.cjs') }),
]);
