/** The cluster commands, loaded on demand (see live/index.ts); the build maps this import to dist/clone-cluster.cjs. */
export function loadLive(): Promise<typeof import('./live/index.js')> {
  return import('./live/index.js');
}
