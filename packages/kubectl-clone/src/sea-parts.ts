import { createRequire, wrap } from 'node:module';
import { Script } from 'node:vm';
import { mark } from './trace.js';

/**
 * In the standalone executable (Node SEA) the two inner parts (clone-offline.cjs, clone-cluster.cjs)
 * are assets of the executable, not files: a SEA's require() reaches only Node's built-ins. They are
 * compiled here as CommonJS modules, with the V8 code cache the release made for them when it could
 * run the target's Node (linux-x64), so the 2 MB Kubernetes client is not compiled at every start.
 */
const loaded = new Map<string, unknown>();
const builtins = createRequire(process.execPath);

export function loadPart(name: string): unknown {
  const done = loaded.get(name);
  if (done) return done;
  // node:sea exists only in Node >= 20.12 and only matters inside a SEA: required here, not imported
  const sea = builtins('node:sea') as typeof import('node:sea');
  // the bundles are ASCII (esbuild escapes the rest; the release checks): decoding them as latin1
  // makes V8's one-byte string by a copy, where UTF-8 decoding of 2 MB costs ~10 ms at every start
  const source = Buffer.from(sea.getAsset(name)).toString('latin1');
  let cachedData: Buffer | undefined;
  try {
    cachedData = Buffer.from(sea.getAsset(`${name}.cache`));
  } catch {
    // no code cache for this platform (made only where the release can run the target's Node)
  }
  const script = new Script(wrap(source), { filename: name, ...(cachedData ? { cachedData } : {}) });
  const module = { exports: {} as unknown };
  loaded.set(name, module.exports);
  const partRequire = (id: string) => (/^\.\/clone-[a-z]+\.cjs$/.test(id) ? loadPart(id.slice(2)) : builtins(id));
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, partRequire, module, name, '.');
  loaded.set(name, module.exports);
  mark(`${name} loaded (${cachedData ? (script.cachedDataRejected ? 'code cache REJECTED' : 'code cache used') : 'no code cache'})`);
  return module.exports;
}
