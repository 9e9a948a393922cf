declare const KUBECTL_CLONE_VERSION: string;

/** Set by the build (esbuild define); tests running the sources see the dev marker. */
export const version = typeof KUBECTL_CLONE_VERSION === 'string' ? KUBECTL_CLONE_VERSION : '0.0.0-dev';
