import { mark } from './trace.js';
import { bundled } from './version.js';

/**
 * The cluster commands, loaded on demand (see live/index.ts). In the build this is a require() of
 * dist/clone-cluster.cjs (the standalone executable loads it from its assets: sea-parts.ts): require() of a CommonJS file skips
 * the ES-module lexer that import() runs over its 2 MB (0.31 s -> 0.21 s of fixed cost, see the
 * field report). Tests running the sources import the module.
 */
export async function loadLive(): Promise<typeof import('./live/index.js')> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- require() of the CommonJS part on purpose (see above)
  const part = bundled ? (require('./live/index.js') as typeof import('./live/index.js')) : await import('./live/index.js');
  mark('cluster commands loaded');
  return part;
}
