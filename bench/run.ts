import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { coldStart } from './cold-start.js';
import { lintThroughput } from './lint-throughput.js';
import { sharedNames } from './shared-names.js';
import { lintMemory } from './lint-memory.js';

/**
 * `pnpm bench`: every figure is a ratio to a baseline measured in the same run, so a loaded or
 * slower machine shifts both sides alike. Medians of interleaved runs.
 *   --quick        fewer runs, lint up to 10,000 documents, list -A up to 1,000 claims
 *   --sandbox      also the benches that start a sandbox cluster (clone to Bound vs kubectl apply +
 *                  wait, requests per clone, list -A at 100/1,000/5,000 claims): not yet validated
 */
const quick = process.argv.includes('--quick');
const withSandbox = process.argv.includes('--sandbox');
const machine = `${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
console.log(`kubectl-clone bench (${machine}; load average at start ${loadavg().map((l) => l.toFixed(1)).join(' ')})\n`);

console.log('lint vs bare yaml parse of the same text, and how lint time grows with the bundle');
console.log('documents     MB   parse ms    lint ms   ratio   µs/doc   findings');
const sizes = quick ? [10, 100, 1000, 10_000] : [10, 100, 1000, 10_000, 100_000];
const runsFor = (documents: number) => (documents >= 100_000 ? 3 : documents >= 10_000 ? 5 : 15);
const throughput = sizes.map((documents) => {
  const result = lintThroughput(documents, runsFor(documents));
  console.log(
    `${String(documents).padStart(9)}  ${result.megabytes.toFixed(2).padStart(5)}  ${result.parseMs.toFixed(1).padStart(9)}  ${result.lintMs.toFixed(1).padStart(9)}  ${result.ratio.toFixed(2).padStart(5)}x  ${((result.lintMs * 1000) / documents).toFixed(1).padStart(7)}  ${String(result.findings).padStart(9)}`,
  );
  return result;
});
const largest = throughput[throughput.length - 1]!;
const thousand = throughput.find((r) => r.documents === 1000)!;
// linear: the cost per document at the largest size stays within 1.5x of the cost at 1,000
// (smaller bundles are dominated by fixed costs and timer noise)
const growth = largest.lintMs / largest.documents / (thousand.lintMs / thousand.documents);
console.log(`throughput: ${(largest.documents / (largest.lintMs / 1000)).toFixed(0)} documents/s; target ratio <= 1.5x: ${largest.ratio <= 1.5 ? 'met' : 'MISSED'}`);
console.log(`growth: µs/doc at ${largest.documents} is ${growth.toFixed(2)}x that at 1000; linear (<= 1.5x): ${growth <= 1.5 ? 'met' : 'MISSED'}\n`);

sharedNames(sizes.filter((documents) => documents >= 1000), runsFor, (line) => console.log(line));
lintMemory(quick ? 8 : 31, (line) => console.log(line));

const kubectl = kubectlBinary();
console.log(`cold start: kubectl-clone --version vs node -e 0${kubectl ? ' and vs kubectl version --client' : ''}`);
const start = coldStart(quick ? 10 : 30, kubectl);
console.log(`node -e 0: ${start.nodeMs.toFixed(1)} ms   kubectl-clone --version: ${start.cliMs.toFixed(1)} ms   ratio ${start.ratio.toFixed(2)}x; target <= 1.3x: ${start.ratio <= 1.3 ? 'met' : 'MISSED'}`);
if (start.kubectlMs !== undefined) {
  console.log(`kubectl version --client: ${start.kubectlMs.toFixed(1)} ms   kubectl-clone --version / kubectl: ${(start.cliMs / start.kubectlMs).toFixed(2)}x`);
} else {
  console.log('kubectl version --client: skipped (no sandbox build; run `pnpm sandbox up` once to build kubectl)');
}

if (withSandbox) {
  console.log('\nsandbox cluster (own sandbox; requests counted by a forwarding proxy)');
  const { sandboxBench } = await import('./sandbox.js');
  await sandboxBench({ quick, log: (line) => console.log(line) });
}

/** The sandbox build's kubectl, if it is built (never builds it). */
function kubectlBinary(): string | undefined {
  const script = fileURLToPath(new URL('../test/sandbox/build.sh', import.meta.url));
  const check = spawnSync('bash', [script, '--check'], { encoding: 'utf8' });
  const binDir = check.status === 0 ? check.stdout.trim().split('\n').pop() : undefined;
  const kubectlPath = binDir ? path.join(binDir, 'kubectl') : undefined;
  return kubectlPath && existsSync(kubectlPath) ? kubectlPath : undefined;
}
