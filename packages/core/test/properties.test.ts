/**
 * Properties over arbitrary and mutated manifests: lint never throws, every range lies inside the
 * text, and fixing converges (no fixable finding survives fixText, the fix never breaks the YAML,
 * and a second fixText changes nothing).
 */
import fc from 'fast-check';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fixFile, lintFile } from '../src/embedded/index.js';
import { fixText, lint } from '../src/lint.js';
import { makeProfile, type TargetProfile } from '../src/profile.js';

const classes =
  'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: hostpath\n  annotations:\n    storageclass.kubernetes.io/is-default-class: "true"\nprovisioner: hostpath.csi.k8s.io\n---\n' +
  'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: ebs\nprovisioner: ebs.csi.aws.com\n---\n' +
  'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: legacy\nprovisioner: kubernetes.io/aws-ebs\n---\n';
const source =
  'apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: pv-src\nspec:\n  volumeMode: Block\n  csi: {driver: hostpath.csi.k8s.io, volumeHandle: h}\n---\n' +
  'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: src\n  namespace: app\nspec:\n  accessModes: [ReadWriteOnce]\n' +
  '  storageClassName: hostpath\n  volumeName: pv-src\n  resources:\n    requests:\n      storage: 3Gi # source size\nstatus:\n  phase: Bound\n---\n';

/** Fixtures that trip many rules at once: the mutations start from real mistakes. */
const corpus: string[] = [
  classes + source +
    'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: clone\n  namespace: app\nspec:\n  accessModes: [ReadWriteOnce]\n' +
    '  storageClassName: ""\n  volumeMode: block\n  resources:\n    requests:\n      storage: 3G\n  dataSource:\n    apiGroup: core # wrong\n    kind: pvc\n    name: src\n',
  source +
    'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: c2, namespace: app}\nspec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 3gi}}, ' +
    'dataSource: {kind: VolumeSnapshot, name: snap, namespace: prod}, dataSourceRef: {apiGroup: "", kind: PersistentVolumeClaim, name: src, namespace: prod}}\n',
  'apiVersion: v1\r\nkind: PersistentVolumeClaim\r\nmetadata:\r\n  name: clone\r\n  namespace: app\r\nspec:\r\n  accessModes: [ReadWriteOnce]\r\n' +
    '  resources:\r\n    requests:\r\n      storage: 1.5\r\n  dataSource:\r\n    apiGroup: snapshot.storage.k8s.io/v1\r\n    kind: VolumeSnapshot\r\n    name: snap\r\n',
  'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: PersistentVolumeClaim\n    metadata: {name: a, namespace: app}\n    spec:\n' +
    '      accessModes: [ReadWriteOnce]\n      resources: {requests: {storage: 100m}}\n      dataSource: {kind: persistentvolumeclaim, name: a}\n' +
    '  - {apiVersion: v1, kind: PersistentVolumeClaim, metadata: {name: b}, spec: {resources: {requests: {storage: "3 Gi"}}, dataSourceRef: {apiGroup: v1, kind: PersistentVolumeClaim, name: a}}}\n',
  'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\n  namespace: app\nspec:\n  template:\n    spec:\n      volumes:\n' +
    '        - name: e\n          ephemeral:\n            volumeClaimTemplate:\n              spec:\n                accessModes: [ReadWriteOnce]\n' +
    '                resources: {requests: {storage: 1Gi}}\n                dataSource: {kind: VolumeSnapshot, name: s}\n' +
    '  volumeClaimTemplates:\n    - metadata:\n        name: data\n      spec:\n        accessModes: [ReadWriteOnce]\n' +
    '        resources: {requests: {storage: 3GB}}\n        dataSource:\n          apiGroup: example.com\n          kind: Pop\n          name: p\n',
  'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: x\n  namespace: app\nspec:\n  accessModes: [ReadWriteOnce]\n  resources:\n' +
    '    requests:\n      storage: 1Gi\n  dataSource:\n    kind: PersistentVolumeClaim\n    name: other\n  dataSourceRef:\n    apiGroup: ""\n' +
    '    kind: PersistentVolumeClaim\n    name: other\n    namespace: app\n---\n{{ if .Values.x }}\nkind: Foo\n{{ end }}\n',
  ('apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: a\n  namespace: app\nspec:\n  accessModes: [ReadWriteOnce]\n' +
    '  resources:\n    requests:\n      storage: 1Gi\n  dataSource:\n    kind: VolumeSnapshot\n    name: snap\n---\n' +
    'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: b\n  namespace: app\nspec:\n  accessModes: [ReadWriteOnce]\n' +
    '  resources:\n    requests:\n      storage: 1Gi\n  dataSource:\n    kind: PersistentVolumeClaim\n    name: src\n    namespace: prod\n').replace(/\n/g, '\r\n'),
];

const vocabulary = [
  'pvc', 'PersistentVolumeClaim', 'persistentvolumeclaim', 'VolumeSnapshot', 'volumesnapshot', 'core', 'v1', '""', "''", 'null', '~',
  'snapshot.storage.k8s.io', 'snapshot.storage.k8s.io/v1', 'example.com', '3G', '3Gi', '3000Mi', '3gi', '3GB', '"3 Gi"', '1.5', '100m', '0',
  '-1', 'Block', 'block', 'Filesystem', 'prod', 'app', 'Team-A', 'src', 'clone', 'hostpath', 'ebs', 'legacy', '{}', '[]',
  'namespace: prod', 'dataSource:', 'dataSourceRef:', 'apiGroup:', '&a x', '*a', '{{ x }}', '#', '\t', '\r\n', '"', "'", '---', '- ',
];
const noise = fc.constantFrom(':', '-', ' ', '\n', '\r', '\t', '{', '}', '[', ']', ',', '"', "'", '&', '*', '!', '|', '>', '#', '%', '@', '`', 'é', '\u2028', '\uFEFF', '😀');

type Mutation = (text: string) => string;
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(fc.nat(), fc.constantFrom(...vocabulary)).map(([at, token]): Mutation => (text) => {
    // replace one word or scalar with a token from the vocabulary
    const words = [...text.matchAll(/[A-Za-z0-9."'/:-]+/g)];
    const word = words.length ? words[at % words.length]! : undefined;
    if (!word || word.index === undefined) return text + token;
    return text.slice(0, word.index) + token + text.slice(word.index + word[0].length);
  }),
  fc.tuple(fc.nat(), fc.nat({ max: 20 })).map(([at, length]): Mutation => (text) => {
    const start = at % (text.length + 1);
    return text.slice(0, start) + text.slice(start + length);
  }),
  fc.tuple(fc.nat(), fc.string({ unit: noise, maxLength: 4 })).map(([at, insert]): Mutation => (text) => {
    const start = at % (text.length + 1);
    return text.slice(0, start) + insert + text.slice(start);
  }),
  fc.tuple(fc.nat(), fc.nat()).map(([a, b]): Mutation => (text) => {
    // move a line: indentation errors and keys in the wrong map
    const lines = text.split('\n');
    const [line] = lines.splice(a % lines.length, 1);
    lines.splice(b % (lines.length + 1), 0, line ?? '');
    return lines.join('\n');
  }),
);

const profiles: TargetProfile[] = [
  makeProfile(),
  makeProfile({ kubernetesVersion: '1.23' }),
  makeProfile({ kubernetesVersion: '1.28', featureGates: 'CrossNamespaceVolumeDataSource=true' }),
  makeProfile({ complete: true, provisionerVersion: '3.1.0' }),
];

const mutatedText = fc
  .tuple(fc.constantFrom(...corpus), fc.array(mutation, { minLength: 0, maxLength: 4 }))
  .map(([text, mutations]) => mutations.reduce((current, mutate) => mutate(current), text));

function checkRanges(text: string, profile: TargetProfile): void {
  const result = lint([{ path: 'f.yaml', text }], { profile });
  for (const finding of result.findings) {
    expect(finding.range.start).toBeGreaterThanOrEqual(0);
    expect(finding.range.end).toBeGreaterThanOrEqual(finding.range.start);
    expect(finding.range.end).toBeLessThanOrEqual(text.length);
    for (const edit of finding.fix?.edits ?? []) {
      expect(edit.start).toBeGreaterThanOrEqual(0);
      expect(edit.end).toBeGreaterThanOrEqual(edit.start);
      expect(edit.end).toBeLessThanOrEqual(text.length);
    }
  }
}

const key = (f: { ruleId: string; message: string }) => `${f.ruleId}: ${f.message}`;

/** The files users and the rule docs start from: examples/ and the Markdown/shell fixtures. */
function filesUnder(dir: string): { path: string; text: string }[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path);
    return /\.(ya?ml|md|sh)$/.test(name) ? [{ path, text: readFileSync(path, 'utf8') }] : [];
  });
}
const repo = fileURLToPath(new URL('../../../', import.meta.url));
const fileCorpus = [...filesUnder(join(repo, 'examples')), ...filesUnder(fileURLToPath(new URL('./fixtures', import.meta.url)))];
const mutatedFile = fc
  .tuple(fc.constantFrom(...fileCorpus), fc.array(mutation, { minLength: 1, maxLength: 4 }))
  .map(([file, mutations]) => ({ path: file.path, text: mutations.reduce((current, mutate) => mutate(current), file.text) }));

function checkFileRanges(input: { path: string; text: string }, profile: TargetProfile): void {
  for (const finding of lintFile(input, { profile }).findings) {
    expect(finding.range.start).toBeGreaterThanOrEqual(0);
    expect(finding.range.end).toBeGreaterThanOrEqual(finding.range.start);
    expect(finding.range.end).toBeLessThanOrEqual(input.text.length);
    for (const edit of finding.fix?.edits ?? []) {
      expect(edit.start).toBeGreaterThanOrEqual(0);
      expect(edit.end).toBeLessThanOrEqual(input.text.length);
    }
  }
}

describe('properties', () => {
  it('lint never throws on arbitrary text, and ranges lie inside it', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), fc.constantFrom(...profiles), (text, profile) => checkRanges(text, profile)),
      { numRuns: 500 },
    );
  }, 60_000);

  it('lint never throws on mutated fixtures, and ranges lie inside them', () => {
    fc.assert(fc.property(mutatedText, fc.constantFrom(...profiles), (text, profile) => checkRanges(text, profile)), { numRuns: 1500 });
  }, 60_000);

  it('fixing converges: nothing fixable is left, the YAML still parses, and a second pass changes nothing', () => {
    fc.assert(
      fc.property(mutatedText, fc.constantFrom(...profiles), (text, profile) => {
        const before = lint([{ path: 'f.yaml', text }], { profile });
        const fixed = fixText({ path: 'f.yaml', text }, { profile });
        const fixedKeys = new Set(fixed.fixed.map(key));
        const again = fixed.remaining.findings.filter((finding) => finding.fix);
        expect(again.map(key), 'fixable findings left after fixText').toEqual([]);
        expect(fixed.remaining.findings.filter((f) => f.fix && fixedKeys.has(key(f))).map(key)).toEqual([]);
        const syntaxBefore = before.findings.filter((f) => f.ruleId === 'yaml-syntax').length;
        if (syntaxBefore === 0) {
          expect(fixed.remaining.findings.filter((f) => f.ruleId === 'yaml-syntax').map(key), fixed.text).toEqual([]);
        }
        expect(fixText({ path: 'f.yaml', text: fixed.text }, { profile }).text).toBe(fixed.text);
        // a CRLF file stays CRLF: no fix writes a bare LF into it
        if (text.includes('\r\n') && !/(^|[^\r])\n/.test(text)) expect(/(^|[^\r])\n/.test(fixed.text), fixed.text).toBe(false);
      }),
      { numRuns: 600 },
    );
  }, 60_000);

  it('the unmutated corpus fixes to text with no fixable finding', () => {
    for (const text of corpus) {
      let fixedAny = false;
      for (const profile of profiles) {
        const fixed = fixText({ path: 'f.yaml', text }, { profile });
        expect(fixed.remaining.findings.filter((f) => f.fix).map(key)).toEqual([]);
        fixedAny ||= fixed.fixed.length > 0;
      }
      expect(fixedAny, 'every corpus entry has something to fix under some profile').toBe(true);
    }
  });

  it('the file corpus (examples/, Markdown and shell fixtures) is non-empty and has YAML, Markdown and shell', () => {
    expect(fileCorpus.map((file) => file.path.split('.').pop()).sort()).toEqual(expect.arrayContaining(['md', 'sh', 'yaml']));
  });

  it('mutated files of the corpus: lintFile never throws and ranges lie inside the text', () => {
    fc.assert(fc.property(mutatedFile, fc.constantFrom(...profiles), (input, profile) => checkFileRanges(input, profile)), { numRuns: 800 });
  }, 120_000);

  it('mutated files of the corpus: each fixed finding is gone after fixFile, and fixing twice changes nothing', () => {
    fc.assert(
      fc.property(mutatedFile, fc.constantFrom(...profiles), (input, profile) => {
        const fixed = fixFile(input, { profile });
        const fixedKeys = new Set(fixed.fixed.map(key));
        // re-lint the fixed text from scratch, not the fixer's own view of it
        const relinted = lintFile({ path: input.path, text: fixed.text }, { profile });
        expect(relinted.findings.filter((f) => f.fix && fixedKeys.has(key(f))).map(key), fixed.text).toEqual([]);
        expect(fixFile({ path: input.path, text: fixed.text }, { profile }).text).toBe(fixed.text);
      }),
      { numRuns: 400 },
    );
  }, 120_000);
});
