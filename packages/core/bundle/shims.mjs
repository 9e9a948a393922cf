// esbuild plugin for the bundles that hold @kubernetes/client-node (the CLI's cluster part and the
// extension's live.js): modules it requires that the bundle does without. See whatwg-url.cjs.
const shim = (name) => new URL(`./${name}.cjs`, import.meta.url).pathname;

export const clientShims = {
  name: 'client-shims',
  setup(build) {
    build.onResolve({ filter: /^whatwg-url$/ }, () => ({ path: shim('whatwg-url') }));
  },
};
