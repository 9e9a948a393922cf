import type { Finding } from '@kubectl-clone/core';
import { describe, expect, it } from 'vitest';
import { generateBundle } from '../../../../bench/generate-bundle.js';
import { lintDocument } from '../../src/diagnostics.js';
import { applyChanges, splitDocuments, type TextChange } from '../../src/document-pieces.js';
import { IncrementalLinter } from '../../src/incremental-lint.js';
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

/** A long loop lets the worker answer vitest's calls now and then (a loaded machine timed one out after 60 s). */
async function breathe(step: number): Promise<void> {
  if (step % 10 === 0) await new Promise((resolve) => setImmediate(resolve));
}

/** The one change that turns `before` into `after` (common prefix and suffix kept), as an editor reports it. */
function changeBetween(before: string, after: string): TextChange {
  let prefix = 0;
  const max = Math.min(before.length, after.length);
  while (prefix < max && before[prefix] === after[prefix]) prefix++;
  let suffix = 0;
  while (suffix < max - prefix && before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix++;
  return { rangeOffset: prefix, rangeLength: before.length - prefix - suffix, text: after.slice(prefix, after.length - suffix) };
}

/** The same change as an editor may also send it: a deletion then an insertion, or the insertion in two parts. */
function splitChange(change: TextChange, pick: (n: number) => number): TextChange[] {
  const way = pick(3);
  if (way === 1 && change.rangeLength > 0 && change.text) return [{ ...change, text: '' }, { rangeOffset: change.rangeOffset, rangeLength: 0, text: change.text }];
  if (way === 2 && change.text.length > 1) {
    const cut = 1 + pick(change.text.length - 1);
    return [{ ...change, text: change.text.slice(0, cut) }, { rangeOffset: change.rangeOffset + cut, rangeLength: 0, text: change.text.slice(cut) }];
  }
  return [change];
}

function applied(text: string, changes: readonly TextChange[]): string {
  return changes.reduce((at, change) => at.slice(0, change.rangeOffset) + change.text + at.slice(change.rangeOffset + change.rangeLength), text);
}

/** A stand-in for toDiagnostic: positions read from the current text as VS Code's positionAt reads them (\r\n, \r, \n). */
function converter(current: () => string): (finding: Finding) => string {
  const position = (offset: number) => {
    const before = current().slice(0, offset);
    const lines = before.split(/\r\n|\r|\n/);
    return `${lines.length - 1}:${lines[lines.length - 1]!.length}`;
  };
  return (finding) => `${finding.ruleId} ${finding.severity} ${position(finding.range.start)}-${position(finding.range.end)} ${finding.message}`;
}

describe('incremental lint', () => {
  it('cuts a stream at its --- lines, with each piece\'s offset and line', () => {
    const pieces = splitDocuments('a: 1\n---\nb: |\n  x\n--- # c\nc: 3\n---\n');
    expect(pieces.map((piece) => [piece.text, piece.start, piece.line])).toEqual([['a: 1\n', 0, 0], ['---\nb: |\n  x\n', 5, 1], ['--- # c\nc: 3\n', 18, 4], ['---\n', 31, 6]]);
    expect(splitDocuments('%YAML 1.2\n---\na: 1\n---\nb: 2\n')).toHaveLength(1);
  });

  it('after every one of 150 random edits of a 100-document bundle, equals a lint of the whole text', async () => {
    const next = random(Number(process.env.FC_SEED ?? 13));
    const pick = (n: number) => Math.floor(next() * n);
    let text = generateBundle(100);
    const convert = converter(() => text);
    const linter = new IncrementalLinter(convert);
    const modes = { full: 0, incremental: 0 };
    for (let step = 0; step < 150; step++) {
      await breathe(step);
      const edited = edits[pick(edits.length)]!(text, pick);
      text = edited;
      const incremental = linter.lint(path, text, settings);
      modes[linter.last.mode]++;
      const whole = lintDocument(path, text, settings);
      expect(incremental.findings, `step ${step}: ${JSON.stringify(linter.last)}`).toEqual(whole);
      expect(incremental.converted).toEqual(whole.map(convert));
    }
    // the point of it: most edits re-check a few documents
    expect(modes.incremental).toBeGreaterThan(100);
  }, 600_000);

  it('after 200 random editor change events (several changes each, lines added and removed), placed by their ranges, equals a lint of the whole text', async () => {
    const next = random(Number(process.env.FC_SEED ?? 17));
    const pick = (n: number) => Math.floor(next() * n);
    let text = generateBundle(100);
    const convert = converter(() => text);
    const linter = new IncrementalLinter(convert);
    linter.lint(path, text, settings);
    const found = { 'change ranges': 0, text: 0 };
    // a user's typing too: a comment line added or removed, a key retyped, CRLF lines, a --- line broken and mended
    const typing: ((text: string, pick: (n: number) => number) => string)[] = [
      ...edits,
      (text, pick) => {
        const at = text.indexOf('\nspec:\n', pick(text.length));
        return at === -1 ? text : `${text.slice(0, at + 1)}# note ${pick(9)}\n${text.slice(at + 1)}`;
      },
      (text) => text.replace(/# note \d\n/, ''),
      (text, pick) => text.replace(`replicas: 1\n`, `replicas: ${pick(3)}\r\n`),
      (text) => text.replace('\n---\n', '\n--\n'),
      (text) => text.replace('\n--\n', '\n---\n'),
      (text, pick) => text.replace(`name: svc-${pick(30)}\n`, (line) => `${line}  annotations: {a: "${pick(2) ? 'x\ny' : 'z'}"}\n`),
      (text) => text.replace('\n---\n', '\n---\n# leading comment\n'),
      (text) => text.replace('---\n# leading comment\n', '---\n'),
    ];
    for (let step = 0; step < 200; step++) {
      await breathe(step);
      const before = text;
      const changes: TextChange[] = [];
      for (let n = 1 + pick(3); n > 0; n--) {
        const after = typing[pick(typing.length)]!(text, pick);
        if (after === text) continue;
        changes.push(...splitChange(changeBetween(text, after), pick));
        text = after;
      }
      expect(applied(before, changes)).toBe(text);
      const result = linter.edit(path, changes, settings) ?? linter.lint(path, text, settings);
      found[linter.last.found]++;
      const whole = lintDocument(path, text, settings);
      expect(result.findings, `step ${step}: ${JSON.stringify({ last: linter.last, changes })}`).toEqual(whole);
      expect(result.converted, `step ${step}`).toEqual(whole.map(convert));
    }
    // most are placed by their ranges; the rest (a --- line made or broken, a whole document added or removed) by text
    expect(found['change ranges']).toBeGreaterThan(100);
    expect(found.text).toBeGreaterThan(10);
  }, 600_000);

  it('places changes by their ranges exactly as a cut of the new text, and gives up where unsure', () => {
    const text = 'a: 1\n---\nb: 2\n--- # c\nc: 3\n';
    const pieces = splitDocuments(text);
    const check = (changes: TextChange[]) => {
      const result = applyChanges(pieces, changes);
      if (result) expect(result.pieces).toEqual(splitDocuments(applied(text, changes)));
      return result?.changed;
    };
    // inside one piece; an insertion where a piece starts belongs to the piece before
    expect(check([{ rangeOffset: 13, rangeLength: 1, text: '22\n' }])).toEqual([1]);
    expect(check([{ rangeOffset: 5, rangeLength: 0, text: 'x: 0\n' }])).toEqual([0]);
    expect(check([{ rangeOffset: 24, rangeLength: 1, text: '4' }, { rangeOffset: 3, rangeLength: 1, text: '0' }])).toEqual([0, 2]);
    // a --- line made or broken, a change across two pieces, a piece left without its newline, a directive, a lone \r (a \r\n is fine)
    expect(check([{ rangeOffset: 5, rangeLength: 0, text: '---\n' }])).toBeUndefined();
    expect(check([{ rangeOffset: 15, rangeLength: 1, text: '' }])).toBeUndefined();
    expect(check([{ rangeOffset: 3, rangeLength: 5, text: '' }])).toBeUndefined();
    expect(check([{ rangeOffset: 4, rangeLength: 1, text: '' }])).toBeUndefined();
    expect(check([{ rangeOffset: 0, rangeLength: 0, text: '%YAML 1.2\n' }])).toBeUndefined();
    expect(check([{ rangeOffset: 4, rangeLength: 0, text: '\r' }])).toEqual([0]);
    expect(check([{ rangeOffset: 2, rangeLength: 0, text: '\r' }])).toBeUndefined();
    expect(check([{ rangeOffset: 99, rangeLength: 0, text: 'x' }])).toBeUndefined();
  });

  it('orders a syntax error at a piece\'s very end (on the next --- line) as a whole-file lint does', () => {
    let text = 'a: [1, 2\n---\nkind: PersistentVolumeClaim\n---\nb: {c\n---\nkind: pvc\n';
    const convert = converter(() => text);
    const linter = new IncrementalLinter(convert);
    expect(linter.lint(path, text, settings).findings).toEqual(lintDocument(path, text, settings));
    for (const change of [{ rangeOffset: 2, rangeLength: 0, text: ' ' }, { rangeOffset: 40, rangeLength: 0, text: '\n' }, { rangeOffset: 0, rangeLength: 0, text: '# top\n' }]) {
      text = applied(text, [change]);
      const result = linter.edit(path, [change], settings)!;
      expect(linter.last.found).toBe('change ranges');
      const whole = lintDocument(path, text, settings);
      expect(whole.some((finding) => finding.ruleId === 'yaml-syntax')).toBe(true);
      expect(result.findings).toEqual(whole);
      expect(result.converted).toEqual(whole.map(convert));
    }
  });

  it('re-checks only the documents that share a name with the edited one', () => {
    const linter = new IncrementalLinter();
    const text = generateBundle(1000);
    linter.lint(path, text, settings);
    expect(linter.last.mode).toBe('full');
    const edited = text.replace('kind: PersistentVolumeClaim\n    name: data-0\n', 'kind: pvc\n    name: data-0\n');
    const findings = linter.lint(path, edited, settings).findings;
    expect(linter.last).toEqual({ mode: 'incremental', found: 'text', pieces: 1000, relinted: 3, context: 0, converted: 1 });
    expect(findings).toEqual(lintDocument(path, edited, settings));
    // the same edit back, from its change range: the line count does not change, so only the edited piece is converted again
    const change = changeBetween(edited, text);
    expect(linter.edit(path, [change], settings)!.findings).toEqual(lintDocument(path, text, settings));
    expect(linter.last).toEqual({ mode: 'incremental', found: 'change ranges', pieces: 1000, relinted: 3, context: 0, converted: 1 });
    // new settings: everything again
    linter.lint(path, edited, { ...settings });
    expect(linter.last.mode).toBe('full');
  }, 120_000);
});
