import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const HEAP_MB = 512;

/**
 * Issue 14 item 13: a file just under the 32 MiB input limit is linted inside a 512 MiB heap
 * (a child Node with --max-old-space-size=512: going over kills it), and the time per MiB at that
 * size stays within 1.5x of the time per MiB at a quarter of it.
 */
export function lintMemory(mebibytes: number, log: (line: string) => void): { fits: boolean; growth: number } {
  log(`lint of one large file in a ${HEAP_MB} MiB heap (child process)`);
  const child = fileURLToPath(new URL('./lint-memory-child.ts', import.meta.url));
  const runs = [Math.max(1, Math.round(mebibytes / 4)), mebibytes].map((size) => {
    const run = spawnSync(process.execPath, [`--max-old-space-size=${HEAP_MB}`, '--import', 'tsx', child, String(size)], { encoding: 'utf8' });
    const line = run.stdout.trim().split('\n').pop() ?? '';
    const ok = run.status === 0 && line.startsWith('{');
    const result = ok ? (JSON.parse(line) as { mebibytes: number; documents: number; ms: number; peakRssMiB: number }) : undefined;
    log(result
      ? `${String(size).padStart(4)} MiB  ${String(result.documents).padStart(7)} documents  ${result.ms.toFixed(0).padStart(7)} ms  ${(result.ms / size).toFixed(0).padStart(6)} ms/MiB  peak RSS ${result.peakRssMiB.toFixed(0)} MiB`
      : `${String(size).padStart(4)} MiB  FAILED (${run.signal ?? `exit ${run.status}`}): ${(run.stderr || '').split('\n').find((l) => l.trim()) ?? ''}`);
    return result;
  });
  const [small, large] = runs;
  const fits = Boolean(large);
  const growth = small && large ? (large.ms / large.mebibytes) / (small.ms / small.mebibytes) : Number.POSITIVE_INFINITY;
  log(`memory: ${mebibytes} MiB within --max-old-space-size=${HEAP_MB}: ${fits ? 'met' : 'MISSED'}; ms/MiB growth ${growth.toFixed(2)}x (<= 1.5x): ${growth <= 1.5 ? 'met' : 'MISSED'}\n`);
  return { fits, growth };
}
