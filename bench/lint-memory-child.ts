// Run by lint-memory.ts in a child Node with a capped heap: lints N MiB of clone manifests (the
// shape of test/robustness's near-limit file) and prints one JSON line.
import { lint } from '@kubectl-clone/core';

const mebibytes = Number(process.argv[2] ?? 31);
const doc =
  'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: c, namespace: app}\nspec:\n  accessModes: [ReadWriteOnce]\n' +
  '  resources: {requests: {storage: 1Gi}}\n  dataSource: {kind: PersistentVolumeClaim, name: src}\n---\n';
const text = doc.repeat(Math.floor((mebibytes * 2 ** 20) / doc.length));
const started = performance.now();
const result = lint([{ path: 'large.yaml', text }]);
const ms = performance.now() - started;
// lint is synchronous: the process's peak resident set (heap, text, code) is the honest upper bound
const peakRssMiB = process.resourceUsage().maxRSS / 1024;
console.log(JSON.stringify({ mebibytes, documents: result.documents, findings: result.findings.length, ms, peakRssMiB }));
