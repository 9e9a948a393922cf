declare const KUBECTL_CLONE_VERSION: string;

/** Set by the build (esbuild define) from the workspace's package.json; tests running the sources see the dev marker. */
export const version = typeof KUBECTL_CLONE_VERSION === 'string' ? KUBECTL_CLONE_VERSION : '0.0.0-dev';

/** True in the esbuild bundles (CommonJS, parts loaded with require()), false when tests run the TypeScript sources. */
export const bundled = typeof KUBECTL_CLONE_VERSION === 'string';
