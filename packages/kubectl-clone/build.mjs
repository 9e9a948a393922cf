// One bundled file: the CLI starts without resolving a node_modules tree.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
await build({
  entryPoints: [new URL('./src/main.ts', import.meta.url).pathname],
  outfile: new URL('./dist/kubectl-clone.cjs', import.meta.url).pathname,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: true,
  legalComments: 'linked',
  banner: { js: '#!/usr/bin/env node' },
  define: { KUBECTL_CLONE_VERSION: JSON.stringify(version) },
  logLevel: 'warning',
});
