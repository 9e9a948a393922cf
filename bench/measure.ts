/** Median of `runs` timings in milliseconds, after `warmup` untimed runs. */
export function medianMs(runs: number, body: () => void, warmup = 1): number {
  for (let i = 0; i < warmup; i++) body();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    body();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/** Interleave two measurements so load on the machine hits both alike. */
export function pairedMedians(runs: number, baseline: () => void, subject: () => void): { baseline: number; subject: number } {
  baseline();
  subject();
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < runs; i++) {
    for (const [list, body] of i % 2 === 0 ? ([[a, baseline], [b, subject]] as const) : ([[b, subject], [a, baseline]] as const)) {
      const start = process.hrtime.bigint();
      body();
      list.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
  }
  const median = (list: number[]) => [...list].sort((x, y) => x - y)[Math.floor(list.length / 2)]!;
  return { baseline: median(a), subject: median(b) };
}
