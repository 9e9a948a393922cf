import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { coldStart } from './cold-start.js';
import { lintThroughput } from './lint-throughput.js';
import { standalone } from './standalone.js';
import { sharedNames } from './shared-names.js';
import { lintMemory } from './lint-memory.js';

/**
 * `pnpm bench`: every figure is a ratio to a baseline measured in the same run, the commands
 * interleaved, so a loaded or slower machine shifts both sides alike. Medians.
 *   --quick        fewer runs, lint up to 10,000 documents, list -A up to 1,000 claims
 *   --no-lint      skip the lint benches (in-process; nothing to do with start-up or kubectl)
 *   --no-sandbox   skip the benches that start a sandbox cluster (clone to Bound vs kubectl apply +
 *                  wait, requests per clone, list -A at 100/1,000/5,000 claims, all through
 *                  kubectl's plugin dispatch with the standalone executable)
 *   --no-copy      skip issue 12's benches (a sandbox with a node, needs root): the copy strategy
 *                  vs busybox tar | busybox tar on the host, verify vs sha256sum, ~1 GiB of files
 *                  (--quick: ~100 MiB)
 */
const quick = process.argv.includes('--quick');
const withSandbox = !process.argv.includes('--no-sandbox');
const withLint = !process.argv.includes('--no-lint');
const withCopy = !process.argv.includes('--no-copy');
const machine = `${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
console.log(`kubectl-clone bench (${machine}; load average at start ${loadavg().map((l) => l.toFixed(1)).join(' ')})\n`);

if (withLint) {
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
}

const kubectl = kubectlBinary();
const exe = standalone();
console.log(`cold start, interleaved in one run (median of ${quick ? 10 : 30}): node -e 0, the npm bundle on Node, the standalone executable${kubectl ? ', kubectl version --client, kubectl clone --version through kubectl\'s plugin dispatch' : ''}`);
const start = coldStart(quick ? 10 : 30, exe, kubectl);
const x = (a: number, b: number) => `${(a / b).toFixed(2)}x`;
console.log(`node -e 0 ${start.nodeMs.toFixed(1)} ms   kubectl-clone.cjs --version (Node ${process.version}) ${start.bundleMs.toFixed(1)} ms: ${x(start.bundleMs, start.nodeMs)} node; target <= 1.3x: ${start.bundleMs / start.nodeMs <= 1.3 ? 'met' : 'MISSED'}`);
if (start.kubectlMs !== undefined && start.dispatchMs !== undefined) {
  console.log(`kubectl version --client ${start.kubectlMs.toFixed(1)} ms   standalone kubectl-clone --version ${start.standaloneMs.toFixed(1)} ms: ${x(start.standaloneMs, start.kubectlMs)}; target <= 1.0x: ${start.standaloneMs <= start.kubectlMs ? 'met' : 'MISSED'}`);
  console.log(`kubectl clone --version (dispatch: kubectl, then the standalone executable) ${start.dispatchMs.toFixed(1)} ms: ${x(start.dispatchMs, start.kubectlMs)} kubectl version --client`);
} else {
  console.log(`standalone kubectl-clone --version ${start.standaloneMs.toFixed(1)} ms; kubectl version --client: skipped (no sandbox build; run \`pnpm sandbox up\` once to build kubectl)`);
}

if (withSandbox) {
  console.log('\nsandbox cluster (own sandbox; requests counted by a forwarding proxy; kubectl-clone is the standalone executable, run through kubectl\'s plugin dispatch)');
  const { sandboxBench } = await import('./sandbox.js');
  await sandboxBench({ quick, pluginDir: exe.pluginDir, log: (line) => console.log(line) });
  if (withCopy) {
    console.log('\nsandbox with a node (own sandbox; the copy pods run busybox, the same static binary as the host\'s floor)');
    const { copyBench } = await import('./copy.js');
    await copyBench({ quick, pluginDir: exe.pluginDir, log: (line) => console.log(line) });
  }
}
console.log(`\nload average at the end ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);

/**
 * The sandbox build's kubectl. With the cluster benches the binaries are needed anyway, so this
 * builds them (or waits for a build in progress: build.sh takes a lock); with --no-sandbox it
 * uses them only if they are built.
 */
function kubectlBinary(): string | undefined {
  const script = fileURLToPath(new URL('../test/sandbox/build.sh', import.meta.url));
  const check = spawnSync('bash', withSandbox ? [script] : [script, '--check'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const binDir = check.status === 0 ? check.stdout.trim().split('\n').pop() : undefined;
  const kubectlPath = binDir ? path.join(binDir, 'kubectl') : undefined;
  return kubectlPath && existsSync(kubectlPath) ? kubectlPath : undefined;
}
