import { mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hostPlatform } from '../scripts/release/platforms.mjs';
import { buildSea } from '../scripts/release/sea.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * The standalone executable for this machine, built as `pnpm release` builds it (with its code
 * caches) from the current bundles, and a PATH folder where kubectl finds it as a plugin.
 */
export function standalone(): { exe: string; pluginDir: string } {
  const out = join(root, '.bench-out/sea');
  mkdirSync(out, { recursive: true });
  if (!hostPlatform) throw new Error(`bench: no standalone executable is built for ${process.platform}-${process.arch} (see scripts/release/platforms.mjs)`);
  const exe = join(out, hostPlatform.exe);
  buildSea(hostPlatform, { cliDist: join(root, 'packages/kubectl-clone/dist'), outFile: exe, work: join(out, 'work') });
  const pluginDir = mkdtempSync(join(tmpdir(), 'bench-plugin-'));
  symlinkSync(exe, join(pluginDir, 'kubectl-clone'));
  // a plugin that does nothing: kubectl's own dispatch cost, the floor of any plugin
  symlinkSync('/bin/true', join(pluginDir, 'kubectl-noop'));
  return { exe, pluginDir };
}

/** PATH for kubectl's plugin dispatch: the standalone plugin first, then kubectl's own folder. */
export const pluginPath = (pluginDir: string, kubectl: string): string => `${pluginDir}:${dirname(kubectl)}`;
