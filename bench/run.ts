import { cpus, totalmem } from 'node:os';
import { coldStart } from './cold-start.js';
import { lintThroughput } from './lint-throughput.js';

/**
 * `pnpm bench`: every figure is a ratio to a baseline measured in the same run, so a loaded or
 * slower machine shifts both sides alike. Medians of interleaved runs.
 */
const quick = process.argv.includes('--quick');
const machine = `${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
console.log(`kubectl-clone bench (${machine})\n`);

console.log('lint vs bare yaml parse of the same text');
console.log('documents   MB      parse ms   lint ms   ratio   findings');
const sizes = quick ? [10, 100, 1000] : [10, 100, 1000, 10_000];
const throughput = sizes.map((documents) => {
  const result = lintThroughput(documents, documents >= 10_000 ? 5 : 15);
  console.log(
    `${String(documents).padStart(9)}  ${result.megabytes.toFixed(2).padStart(5)}  ${result.parseMs.toFixed(1).padStart(9)}  ${result.lintMs.toFixed(1).padStart(8)}  ${result.ratio.toFixed(2).padStart(6)}x  ${String(result.findings).padStart(8)}`,
  );
  return result;
});
const largest = throughput[throughput.length - 1]!;
console.log(`throughput: ${(largest.documents / (largest.lintMs / 1000)).toFixed(0)} documents/s; target ratio <= 1.5x: ${largest.ratio <= 1.5 ? 'met' : 'MISSED'}\n`);

console.log('cold start: kubectl-clone --version vs node -e 0');
const start = coldStart(quick ? 10 : 30);
console.log(`node -e 0: ${start.nodeMs.toFixed(1)} ms   kubectl-clone --version: ${start.cliMs.toFixed(1)} ms   ratio ${start.ratio.toFixed(2)}x; target <= 1.3x: ${start.ratio <= 1.3 ? 'met' : 'MISSED'}`);
