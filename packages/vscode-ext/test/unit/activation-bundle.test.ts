import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

// What activation loads (dist/extension.js) must not hold the Kubernetes client: it is live.js's,
// required on the first cluster call. A value import of a cluster module slipped in once (the
// verify texts through @kubectl-clone/core/verify) and grew the activation bundle 0.34 -> 1.2 MB.
describe('the activation bundle', () => {
  it("holds neither @kubernetes/client-node (but the few model classes the lint's claim schema reads) nor the core's cluster code", async () => {
    const result = await build({
      entryPoints: [new URL('../../src/extension.ts', import.meta.url).pathname],
      bundle: true, platform: 'node', format: 'cjs', write: false, metafile: true, logLevel: 'silent',
      external: ['vscode'],
      plugins: [{ name: 'live-as-external', setup(b) { b.onResolve({ filter: /^\.\/live\.js$/ }, () => ({ path: './live.js', external: true })); } }],
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((input) => /@kubernetes\/client-node\/dist\/(?!gen\/models\/V1)|core\/src\/cluster\/|core\/src\/verify\/run/.test(input))).toEqual([]);
  });
});
