import { sharedNames } from './shared-names.ts';
import { lintThroughput } from './lint-throughput.ts';
for (const n of [1000, 10000]) { const r = lintThroughput(n, n >= 10000 ? 3 : 7); console.log('unique names', n, r.parseMs.toFixed(0), r.lintMs.toFixed(0), r.ratio.toFixed(2)); }
sharedNames([1000, 10000, 100000], (n) => (n >= 100000 ? 3 : n >= 10000 ? 3 : 7), console.log);
