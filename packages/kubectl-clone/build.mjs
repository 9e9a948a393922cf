// Two builds of the same sources, neither resolving anything in node_modules at run time:
// - dist/: three files for Node on PATH (npm install -g, scripts/install-plugin.sh):
//   kubectl-clone.cjs (commander and the command definitions), clone-offline.cjs (the core engine:
//   lint, offline plans, rules) and clone-cluster.cjs (the Kubernetes client and the commands that
//   use it). A command require()s only the part it runs, so `--version` never parses the client.
// - dist/sea/kubectl-clone.cjs: the main script of the standalone executable (scripts/release/sea.mjs),
//   whose require() reaches only Node's built-ins: the same entry, but the two parts come from the
//   executable's assets (src/sea-parts.ts), so `--version` still compiles only the entry.
// The version comes from the workspace's package.json, the one place it is kept.
import { build } from 'esbuild';
import { chmodSync, readFileSync } from 'node:fs';
import { clientShims } from '../core/bundle/shims.mjs';

const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
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

const partsAsSeaAssets = {
  name: 'parts-as-sea-assets',
  setup(b) {
    b.onResolve({ filter: /\/(live|offline)\/index\.js$/ }, (args) => ({ path: /live/.test(args.path) ? 'clone-cluster.cjs' : 'clone-offline.cjs', namespace: 'sea-part' }));
    b.onLoad({ filter: /.*/, namespace: 'sea-part' }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(path('./src/sea-parts.ts'))}).loadPart(${JSON.stringify(args.path)});`,
      loader: 'js',
      resolveDir: path('./src'),
    }));
  },
};

await Promise.all([
  build({
    ...common,
    entryPoints: [path('./src/main.ts')],
    outfile: path('./dist/kubectl-clone.cjs'),
    banner: { js: '#!/usr/bin/env node' },
    plugins: [clientShims, partsAsExternal],
  }),
  build({ ...common, entryPoints: [path('./src/offline/index.ts')], outfile: path('./dist/clone-offline.cjs'), plugins: [clientShims, partsAsExternal] }),
  build({ ...common, entryPoints: [path('./src/live/index.ts')], outfile: path('./dist/clone-cluster.cjs'), plugins: [clientShims] }),
  build({ ...common, entryPoints: [path('./src/main.ts')], outfile: path('./dist/sea/kubectl-clone.cjs'), plugins: [clientShims, partsAsSeaAssets] }),
]);
chmodSync(path('./dist/kubectl-clone.cjs'), 0o755);
