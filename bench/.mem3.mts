import { parseAllDocuments } from 'yaml';
const pvc = (name: string) =>
  `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: ${name}, namespace: app}\nspec:\n  accessModes: [ReadWriteOnce]\n  resources: {requests: {storage: 1Gi}}\n  dataSource: {kind: PersistentVolumeClaim, name: src}\n`;
const doc = pvc('c') + '---\n';
const text = doc.repeat(Math.floor((8 * 2 ** 20) / doc.length));
const h = () => { (globalThis as any).gc?.(); return (process.memoryUsage().heapUsed / 2 ** 20).toFixed(0); };
console.log('text', h());
const docs = parseAllDocuments(text) as any[];
console.log('docs', docs.length, h());
const s0 = docs[0];
for (const d of docs) { d.schema = s0.schema; d.options = s0.options; d.directives = s0.directives; }
console.log('shared', h());
const values = docs.map((x) => x.toJS());
console.log('values', h());
docs.length = 0;
console.log('values only', h());
