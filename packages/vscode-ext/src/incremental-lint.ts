import { compareFindings, lint, oncePerFileRuleIds, type Finding, type LintResult, type ManifestFile } from '@kubectl-clone/core';
import type { LintSettings } from './diagnostics.js';
import { applyChanges, splitDocuments, type Piece, type TextChange } from './document-pieces.js';

export { splitDocuments, type TextChange } from './document-pieces.js';

/**
 * Linting a YAML file as you type. The file is cut into its documents (document-pieces.ts); each piece is linted
 * by the core as one input of a single bundle, so ranges come back per piece and are shifted into the file. After an
 * edit only the pieces whose text changed are parsed again, and the cross-object rules run over the claims that can
 * see the change: every piece sharing a name (claim, volume, claimName, dataSource) with a changed piece, plus,
 * read-only, the pieces those names point to. A change to a StorageClass or a ReferenceGrant (every claim may see
 * those), new settings, or a file with YAML directives lints the whole file again.
 *
 * The edited pieces are found from the editor's change ranges when it gives them (`edit`), else by matching the
 * pieces of the new text with the old ones (`lint`). Each piece keeps its findings converted for the editor
 * (vscode.Diagnostic) and reuses them while its text and first line stay the same, so an edit that does not move
 * lines converts only what it re-checked. The result equals `lint` of the whole text, in the same order
 * (test/unit/incremental-lint.test.ts checks that after random edits).
 */

/** What a piece's documents name: anything another document could look up, and whether everything depends on it. */
interface Names {
  /** An array, not a set: every edit walks the names of every piece (a set's iterator costs more than the look-up). */
  readonly names: readonly string[];
  readonly global: boolean;
}

interface Linted extends Names {
  readonly text: string;
  /** In the piece's own offsets, sorted as a whole-file lint sorts them. */
  readonly findings: readonly Finding[];
  /** A finding starts where the piece ends (on the next `---` line): it may sort after the next piece's first. */
  readonly atEnd: boolean;
}

export interface IncrementalStats {
  readonly mode: 'full' | 'incremental';
  /** How the changed pieces were found: from the editor's change ranges, or by matching the new text's pieces. */
  readonly found: 'change ranges' | 'text';
  readonly pieces: number;
  /** Pieces whose claims were checked again. */
  readonly relinted: number;
  /** Pieces read only for what they define. */
  readonly context: number;
  /** Pieces whose findings were converted again (the rest reused theirs). */
  readonly converted: number;
}

/** One lint's outcome: the findings (shifted into the file when first read) and their conversions, in the same order. */
export interface IncrementalResult<T> {
  readonly findings: readonly Finding[];
  readonly converted: readonly T[];
}

const globalKinds = new Set(['StorageClass', 'ReferenceGrant']);
/** Where a document names an object another document may look up (over-approximated: that only widens a re-check). */
const nameKeys = new Set(['claimName', 'volumeName']);
const namedBy = new Set(['metadata', 'dataSource', 'dataSourceRef', 'claimRef']);
/** A line break VS Code counts and a count of \n does not: conversions cannot be reused by line. */
const loneReturn = /\r(?!\n)/;

function firstLine(piece: Piece | undefined): string {
  if (!piece) return '';
  const end = piece.text.indexOf('\n');
  return end === -1 ? piece.text : piece.text.slice(0, end + 1);
}

function namesOf(file: ManifestFile | undefined): Names {
  const names = new Set<string>();
  let global = false;
  const walk = (value: unknown, parent: string | undefined) => {
    if (Array.isArray(value)) {
      for (const item of value) walk(item, undefined);
    } else if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      if (typeof record.kind === 'string' && globalKinds.has(record.kind)) global = true;
      for (const [key, child] of Object.entries(record)) {
        if (typeof child === 'string') {
          if (nameKeys.has(key) || (key === 'name' && parent !== undefined && namedBy.has(parent))) names.add(child);
        } else {
          walk(child, key);
        }
      }
    }
  };
  for (const document of file?.documents ?? []) walk(document.value, undefined);
  return { names: [...names], global };
}

function shift(finding: Finding, piece: Piece, path: string, fileLength: number): Finding {
  const at = (offset: number) => offset + piece.start;
  const fix = finding.fix && {
    ...finding.fix,
    // an insertion at the very end of a piece appends a document: it goes to the end of the file, as a whole-file lint puts it
    edits: finding.fix.edits.map((edit) => (edit.start === piece.text.length && edit.end === edit.start
      ? { ...edit, start: fileLength, end: fileLength }
      : { ...edit, start: at(edit.start), end: at(edit.end) })),
  };
  return {
    ...finding,
    file: path,
    range: { start: at(finding.range.start), end: at(finding.range.end) },
    start: { ...finding.start, line: finding.start.line + piece.line },
    end: { ...finding.end, line: finding.end.line + piece.line },
    ...(fix ? { fix } : {}),
  };
}

/** A finding of the file: its piece, and its place among the piece's findings. */
interface Entry {
  readonly piece: number;
  readonly finding: number;
}

/**
 * The whole file's order: pieces in order, each sorted; only a finding at a piece's very end can tie with the next
 * piece's first (same offset), and then the file is sorted as a whole. Once-per-file notes: the first is kept (each
 * piece says its own, so a kept piece has its note when an earlier one stops needing it).
 */
function order(pieces: readonly Piece[], linted: readonly Linted[], path: string, fileLength: number): Entry[] {
  let entries: Entry[] = [];
  let atEnd = false;
  for (let i = 0; i < linted.length; i++) {
    const piece = linted[i]!;
    atEnd ||= piece.atEnd;
    for (let k = 0; k < piece.findings.length; k++) entries.push({ piece: i, finding: k });
  }
  if (atEnd) {
    const shifted = (entry: Entry) => shift(linted[entry.piece]!.findings[entry.finding]!, pieces[entry.piece]!, path, fileLength);
    entries = entries.map((entry) => ({ entry, finding: shifted(entry) })).sort((a, b) => compareFindings(a.finding, b.finding)).map(({ entry }) => entry);
  }
  const said = new Set<string>();
  return entries.filter((entry) => {
    const finding = linted[entry.piece]!.findings[entry.finding]!;
    if (finding.severity !== 'info' || !oncePerFileRuleIds.has(finding.ruleId)) return true;
    if (said.has(finding.ruleId)) return false;
    said.add(finding.ruleId);
    return true;
  });
}

export class IncrementalLinter<T = Finding> {
  private pieces: readonly Piece[] = [];
  private linted: readonly Linted[] = [];
  private settings: LintSettings | undefined;
  private path = '';
  /** Each piece's findings converted, valid while the piece starts on the same line. */
  private readonly conversions = new WeakMap<Linted, { line: number; items: readonly T[] }>();
  last: IncrementalStats = { mode: 'full', found: 'text', pieces: 0, relinted: 0, context: 0, converted: 0 };

  /** `convert` turns a finding (in file offsets) into what the editor shows; it reads the text being linted. */
  constructor(private readonly convert: (finding: Finding) => T = (finding) => finding as T) {}

  /** Lint the new text: its pieces are matched with the last lint's by text. */
  lint(path: string, text: string, settings: LintSettings): IncrementalResult<T> {
    const fresh = settings !== this.settings || path !== this.path;
    this.settings = settings;
    this.path = path;
    const pieces = splitDocuments(text);
    // unchanged pieces are found by their text (a multiset: identical documents are common)
    const unused = new Map<string, Linted[]>();
    for (const old of fresh ? [] : this.linted) {
      const same = unused.get(old.text);
      if (same) same.push(old);
      else unused.set(old.text, [old]);
    }
    const kept: (Linted | undefined)[] = pieces.map((piece) => unused.get(piece.text)?.shift());
    const removed = [...unused.values()].flat();
    // a lone \r moves VS Code's lines and not ours: nothing converted is reused then
    const reuse = !removed.some((old) => loneReturn.test(old.text)) && !pieces.some((piece, i) => !kept[i] && loneReturn.test(piece.text));
    return this.update(pieces, kept, removed, fresh, 'text', reuse);
  }

  /**
   * Apply the editor's changes (of one or more change events, in order) to the last lint's pieces and lint the
   * changed ones; undefined when the changes cannot be placed for sure (then `lint` the whole text).
   */
  edit(path: string, changes: readonly TextChange[], settings: LintSettings): IncrementalResult<T> | undefined {
    if (settings !== this.settings || path !== this.path) return undefined;
    const applied = applyChanges(this.pieces, changes);
    if (!applied) return undefined;
    const changed = new Set(applied.changed);
    const kept = this.linted.map((linted, i) => (changed.has(i) ? undefined : linted));
    return this.update(applied.pieces, kept, applied.changed.map((i) => this.linted[i]!), false, 'change ranges', true);
  }

  private update(pieces: readonly Piece[], kept: readonly (Linted | undefined)[], removed: readonly Linted[], fresh: boolean, found: IncrementalStats['found'], reuse: boolean): IncrementalResult<T> {
    const changed: number[] = [];
    const all: number[] = [];
    for (let i = 0; i < pieces.length; i++) {
      all.push(i);
      if (!kept[i]) changed.push(i);
    }
    const commit = (linted: ReadonlyMap<number, Linted>, stats: Omit<IncrementalStats, 'found' | 'converted'>) => this.commit(pieces, kept, linted, { ...stats, found }, reuse);
    const full = () => commit(this.run(pieces, all), { mode: 'full', pieces: pieces.length, relinted: pieces.length, context: 0 });
    if (fresh || removed.some((old) => old.global) || changed.length * 4 > pieces.length) return full();

    // the changed pieces are parsed first, alone: what they name now decides what else is checked again
    const alone = this.run(pieces, changed);
    if ([...alone.values()].some((linted) => linted.global)) return full();
    const touched = new Set<string>();
    for (const linted of [...removed, ...alone.values()]) for (const name of linted.names) touched.add(name);
    const shares = (i: number, names: ReadonlySet<string>) => {
      const own = kept[i]!.names;
      for (let n = 0; n < own.length; n++) if (names.has(own[n]!)) return true;
      return false;
    };
    const dependents = all.filter((i) => kept[i] && shares(i, touched));
    const relint = [...changed, ...dependents];
    const needed = new Set<string>();
    for (const i of relint) for (const name of (alone.get(i) ?? kept[i]!).names) needed.add(name);
    const checked = new Set(relint);
    // StorageClasses and ReferenceGrants are read by every claim (the default class, grants per namespace)
    const context = all.filter((i) => !checked.has(i) && (kept[i]!.global || shares(i, needed)));
    const stats = { mode: 'incremental' as const, pieces: pieces.length, relinted: relint.length, context: context.length };
    if (dependents.length === 0 && context.length === 0) return commit(alone, stats);
    const linted = this.run(pieces, [...relint, ...context]);
    for (const i of context) linted.delete(i);
    return commit(linted, stats);
  }

  /** Lint the given pieces together as one bundle; findings by piece, in the piece's own offsets. */
  private run(pieces: readonly Piece[], indexes: readonly number[]): Map<number, Linted> {
    const linted = new Map<number, Linted>();
    if (indexes.length === 0) return linted;
    const settings = this.settings!;
    // each piece is followed by the next one's `---` line, as in the file: a syntax error running to the end of a
    // piece is then marked where the whole file's parse marks it (up to the `---`); findings after it are the next piece's
    const inputs = indexes.map((i) => ({ path: `${this.path}\u0000${i}`, text: pieces[i]!.text + firstLine(pieces[i + 1]) }));
    const result: LintResult = lint(inputs, { profile: settings.profile, rules: settings.rules, ...(settings.facts ? { facts: settings.facts } : {}) });
    const byPath = new Map<string, { length: number; findings: Finding[] }>(indexes.map((i, k) => [inputs[k]!.path, { length: pieces[i]!.text.length, findings: [] }]));
    for (const finding of result.findings) {
      const own = byPath.get(finding.file);
      if (own && finding.range.start <= own.length) own.findings.push(finding);
    }
    indexes.forEach((i, k) => {
      const { length, findings } = byPath.get(inputs[k]!.path)!;
      findings.sort(compareFindings);
      linted.set(i, { text: pieces[i]!.text, findings, atEnd: findings.some((finding) => finding.range.start >= length), ...namesOf(result.files[k]) });
    });
    return linted;
  }

  private commit(pieces: readonly Piece[], kept: readonly (Linted | undefined)[], fresh: ReadonlyMap<number, Linted>, stats: Omit<IncrementalStats, 'converted'>, reuse: boolean): IncrementalResult<T> {
    const linted = pieces.map((_, i) => fresh.get(i) ?? kept[i]!);
    this.pieces = pieces;
    this.linted = linted;
    const path = this.path;
    const last = pieces[pieces.length - 1];
    const fileLength = last ? last.start + last.text.length : 0;
    const entries = order(pieces, linted, path, fileLength);
    // a piece's conversions hold lines and columns: reused while it starts on the same line, at column 0
    let converted = 0;
    const items = linted.map((piece, i) => {
      if (piece.findings.length === 0) return [];
      const at = pieces[i]!;
      const cached = this.conversions.get(piece);
      if (reuse && cached && cached.line === at.line && (i === 0 || pieces[i - 1]!.text.endsWith('\n'))) return cached.items;
      converted++;
      const fresh = piece.findings.map((finding) => this.convert(shift(finding, at, path, fileLength)));
      this.conversions.set(piece, { line: at.line, items: fresh });
      return fresh;
    });
    this.last = { ...stats, converted };
    let findings: Finding[] | undefined;
    return {
      // shifted when first read (code actions, fix-all): publishing needs only the conversions
      get findings() {
        return (findings ??= entries.map((entry) => shift(linted[entry.piece]!.findings[entry.finding]!, pieces[entry.piece]!, path, fileLength)));
      },
      converted: entries.map((entry) => items[entry.piece]![entry.finding]!),
    };
  }
}
