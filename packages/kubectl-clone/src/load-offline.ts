/** The offline commands, loaded on demand (see offline/index.ts); the build maps this import to dist/clone-offline.cjs. */
export function loadOffline(): Promise<typeof import('./offline/index.js')> {
  return import('./offline/index.js');
}
