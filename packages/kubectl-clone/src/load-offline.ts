import { mark } from './trace.js';
import { bundled } from './version.js';

/** The offline commands, loaded on demand (see offline/index.ts and load-live.ts for why require()). */
export async function loadOffline(): Promise<typeof import('./offline/index.js')> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- require() of the CommonJS part on purpose (see above)
  const part = bundled ? (require('./offline/index.js') as typeof import('./offline/index.js')) : await import('./offline/index.js');
  mark('offline commands loaded');
  return part;
}
