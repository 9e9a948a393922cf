import { describe, expect, it } from 'vitest';
import { generateBundle } from '../../../../bench/generate-bundle.js';
import { lintDocument } from '../../src/diagnostics.js';
import { IncrementalLinter, splitDocuments } from '../../src/incremental-lint.js';
import { readSettings } from '../../src/settings.js';

const settings = readSettings(<T>(_key: string, fallback: T) => fallback);
const path = '/work/bundle.yaml';

/** A deterministic generator (no Math.random: a failure replays). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const storageClass = 'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: fast\n  annotations: {storageclass.kubernetes.io/is-default-class: "true"}\nprovisioner: other.csi.example\n';
const classless = 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: late-0, namespace: team-0}\nspec:\n  accessModes: [ReadWriteOnce]\n  resources: {requests: {storage: 1Gi}}\n  dataSource: {kind: PersistentVolumeClaim, name: data-0}\n';

/** Edits a user makes: a kind's case, a size, a renamed source, a deleted or added document, a broken line, a default class. */
const edits: ((text: string, pick: (n: number) => number) => string)[] = [
  (text) => text.replace('kind: PersistentVolumeClaim\n    name: data-1\n', 'kind: pvc\n    name: data-1\n'),
  (text) => text.replace('kind: pvc\n    name: data-1\n', 'kind: PersistentVolumeClaim\n    name: data-1\n'),
  (text, pick) => text.replace(/storage: \d+Gi/, `storage: ${1 + pick(30)}Gi`),
  (text, pick) => text.replace(`name: data-${pick(20)}\n  namespace`, `name: renamed-${pick(5)}\n  namespace`),
  (text, pick) => {
    const pieces = splitDocuments(text);
    const at = pieces[1 + pick(pieces.length - 1)]!;
    return text.slice(0, at.start) + text.slice(at.start + at.text.length);
  },
  (text) => `${text}---\n${classless}`,
  (text) => text.replace('spec:\n', 'spec:\n  : [broken\n'),
  (text) => text.replace('  : [broken\n', ''),
  (text, pick) => (text.includes('kind: StorageClass') ? text.replace(`---\n${storageClass}`, '') : text.replace('---\n', `---\n${storageClass}---\n`.repeat(1 + pick(1)))),
  (text) => text.replace('volumeMode: Block', 'volumeMode: block'),
  (text) => text.replace('claimName: data-2}', 'claimName: data-2-copy}'),
];

describe('incremental lint', () => {
  it('cuts a stream at its --- lines, with each piece\'s offset and line', () => {
    const pieces = splitDocuments('a: 1\n---\nb: |\n  x\n--- # c\nc: 3\n---\n');
    expect(pieces.map((piece) => [piece.text, piece.start, piece.line])).toEqual([['a: 1\n', 0, 0], ['---\nb: |\n  x\n', 5, 1], ['--- # c\nc: 3\n', 18, 4], ['---\n', 31, 6]]);
    expect(splitDocuments('%YAML 1.2\n---\na: 1\n---\nb: 2\n')).toHaveLength(1);
  });

  it('after every one of 150 random edits of a 100-document bundle, equals a lint of the whole text', () => {
    const next = random(Number(process.env.FC_SEED ?? 13));
    const pick = (n: number) => Math.floor(next() * n);
    const linter = new IncrementalLinter();
    let text = generateBundle(100);
    const modes = { full: 0, incremental: 0 };
    for (let step = 0; step < 150; step++) {
      const edited = edits[pick(edits.length)]!(text, pick);
      text = edited;
      const incremental = linter.lint(path, text, settings);
      modes[linter.last.mode]++;
      expect(incremental, `step ${step}: ${JSON.stringify(linter.last)}`).toEqual(lintDocument(path, text, settings));
    }
    // the point of it: most edits re-check a few documents
    expect(modes.incremental).toBeGreaterThan(100);
  }, 600_000);

  it('re-checks only the documents that share a name with the edited one', () => {
    const linter = new IncrementalLinter();
    const text = generateBundle(1000);
    linter.lint(path, text, settings);
    expect(linter.last.mode).toBe('full');
    const edited = text.replace('kind: PersistentVolumeClaim\n    name: data-0\n', 'kind: pvc\n    name: data-0\n');
    const findings = linter.lint(path, edited, settings);
    expect(linter.last).toEqual({ mode: 'incremental', pieces: 1000, relinted: 3, context: 0 });
    expect(findings).toEqual(lintDocument(path, edited, settings));
    // new settings: everything again
    linter.lint(path, edited, { ...settings });
    expect(linter.last.mode).toBe('full');
  }, 120_000);
});
