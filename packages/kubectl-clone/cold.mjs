import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
const stub = { name: 'stub', setup(b) { b.onResolve({ filter: /^micromark$/ }, () => ({ path: 'mm', namespace: 'stub' })); b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({ contents: 'export const parse=()=>0, postprocess=()=>0, preprocess=()=>0;', loader: 'js' })); } };
for (const [name, plugins] of [['with', []], ['without', [stub]]]) {
  await build({ entryPoints: ['src/main.ts'], outfile: `/tmp/kc-${name}.cjs`, bundle: true, platform: 'node', target: 'node20', format: 'cjs', minify: true, define: { KUBECTL_CLONE_VERSION: '"x"' }, logLevel: 'error', plugins, external: [], plugins: [...plugins, { name: 'live', setup(b) { b.onResolve({ filter: /\/live\/index\.js$/ }, () => ({ path: './clone-cluster.cjs', external: true })); } }] });
}
const time = (f) => { const t = process.hrtime.bigint(); spawnSync(process.execPath, [f, '--version']); return Number(process.hrtime.bigint() - t) / 1e6; };
const a = [], b = [];
for (let i = 0; i < 60; i++) { a.push(time('/tmp/kc-with.cjs')); b.push(time('/tmp/kc-without.cjs')); }
const med = (x) => x.sort((p, q) => p - q)[x.length >> 1];
console.log('with micromark', med(a).toFixed(1), 'without', med(b).toFixed(1));
