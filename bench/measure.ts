/** Median of a list of timings. */
export const median = (list: readonly number[]): number => [...list].sort((x, y) => x - y)[Math.floor(list.length / 2)]!;

/**
 * Runs every body once per round, the order rotating each round, so load on the machine hits
 * every command alike; one untimed warm-up round first. Returns each body's median in ms.
 */
export function interleavedMedians<K extends string>(runs: number, bodies: Record<K, () => void>): Record<K, number> {
  const keys = Object.keys(bodies) as K[];
  for (const key of keys) bodies[key]();
  const times = Object.fromEntries(keys.map((key) => [key, [] as number[]])) as Record<K, number[]>;
  for (let i = 0; i < runs; i++) {
    for (let j = 0; j < keys.length; j++) {
      const key = keys[(i + j) % keys.length]!;
      const start = process.hrtime.bigint();
      bodies[key]();
      times[key].push(Number(process.hrtime.bigint() - start) / 1e6);
    }
  }
  return Object.fromEntries(keys.map((key) => [key, median(times[key])])) as Record<K, number>;
}

/** Interleave two measurements so load on the machine hits both alike. */
export function pairedMedians(runs: number, baseline: () => void, subject: () => void): { baseline: number; subject: number } {
  const result = interleavedMedians(runs, { baseline, subject });
  return { baseline: result.baseline, subject: result.subject };
}
