// Two bundles, as the CLI: dist/extension.js (lint, fixes, tree rendering: what activation
// loads) and dist/live.js (@kubernetes/client-node and the cluster code), required on the first
// cluster call. `vscode` is the host's; nothing else is resolved from node_modules at run time.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { clientShims } from '../core/bundle/shims.mjs';

// the version is kept in one place, the workspace's package.json
const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
const path = (p) => new URL(p, import.meta.url).pathname;
const production = !process.argv.includes('--dev');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: production,
  sourcemap: production ? false : 'inline',
  legalComments: 'linked',
  external: ['vscode'],
  define: { EXTENSION_VERSION: JSON.stringify(version) },
  logLevel: 'warning',
};
const liveAsExternal = {
  name: 'live-as-external',
  setup(b) {
    b.onResolve({ filter: /^\.\/live\.js$/ }, () => ({ path: './live.js', external: true }));
  },
};

await Promise.all([
  build({
    ...common,
    entryPoints: [path('./src/extension.ts')],
    outfile: path('./dist/extension.js'),
    banner: { js: 'var __kubectlCloneLoadStart = performance.now();' },
    plugins: [liveAsExternal, clientShims],
  }),
  build({ ...common, entryPoints: [path('./src/live/index.ts')], outfile: path('./dist/live.js'), plugins: [clientShims] }),
]);
