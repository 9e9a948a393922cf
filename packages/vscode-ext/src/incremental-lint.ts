import { compareFindings, lint, oncePerFileRuleIds, type Finding, type LintResult, type ManifestFile } from '@kubectl-clone/core';
import type { LintSettings } from './diagnostics.js';

/**
 * Linting a YAML file as you type. The file is cut into its documents at `---` lines (a `---` at
 * column 0 ends any scalar, so the cut is exact); each piece is linted by the core as one input of a
 * single bundle, so ranges come back per piece and are shifted into the file. After an edit only the
 * pieces whose text changed are parsed again, and the cross-object rules run over the claims that can
 * see the change: every piece sharing a name (claim, volume, claimName, dataSource) with a changed
 * piece, plus, read-only, the pieces those names point to. A change to a StorageClass or a
 * ReferenceGrant (every claim may see those), new settings, or a file with YAML directives lints the
 * whole file again. The result equals `lint` of the whole text (test/unit/incremental-lint.test.ts
 * checks that after random edits).
 */

interface Piece {
  readonly text: string;
  /** Offset of the piece in the file. */
  readonly start: number;
  /** 0-based line of the piece's first character. */
  readonly line: number;
}

/** What a piece's documents name: anything another document could look up, and whether everything depends on it. */
interface Names {
  readonly names: ReadonlySet<string>;
  readonly global: boolean;
}

interface Linted extends Names {
  readonly text: string;
  /** In the piece's own offsets. */
  readonly findings: readonly Finding[];
}

export interface IncrementalStats {
  readonly mode: 'full' | 'incremental';
  readonly pieces: number;
  /** Pieces whose claims were checked again. */
  readonly relinted: number;
  /** Pieces read only for what they define. */
  readonly context: number;
}

const documentStart = /^---(?=[ \t\r\n]|$)/gm;
const globalKinds = new Set(['StorageClass', 'ReferenceGrant']);
/** Where a document names an object another document may look up (over-approximated: that only widens a re-check). */
const nameKeys = new Set(['claimName', 'volumeName']);
const namedBy = new Set(['metadata', 'dataSource', 'dataSourceRef', 'claimRef']);

export function splitDocuments(text: string): Piece[] {
  if (/^%/m.test(text)) return [{ text, start: 0, line: 0 }];
  const starts = [0];
  for (const match of text.matchAll(documentStart)) if (match.index > 0) starts.push(match.index);
  const pieces: Piece[] = [];
  let line = 0;
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i]!;
    const end = starts[i + 1] ?? text.length;
    const piece = text.slice(start, end);
    pieces.push({ text: piece, start, line });
    for (let at = piece.indexOf('\n'); at !== -1; at = piece.indexOf('\n', at + 1)) line++;
  }
  return pieces;
}

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
  return { names, global };
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

export class IncrementalLinter {
  private pieces: Linted[] = [];
  private settings: LintSettings | undefined;
  private path = '';
  last: IncrementalStats = { mode: 'full', pieces: 0, relinted: 0, context: 0 };

  lint(path: string, text: string, settings: LintSettings): Finding[] {
    const fresh = settings !== this.settings || path !== this.path;
    this.settings = settings;
    this.path = path;
    const pieces = splitDocuments(text);
    // unchanged pieces are found by their text (a multiset: identical documents are common)
    const unused = new Map<string, Linted[]>();
    for (const old of fresh ? [] : this.pieces) {
      const same = unused.get(old.text);
      if (same) same.push(old);
      else unused.set(old.text, [old]);
    }
    const kept: (Linted | undefined)[] = pieces.map((piece) => unused.get(piece.text)?.shift());
    const removed = [...unused.values()].flat();
    const changed = pieces.flatMap((_, i) => (kept[i] ? [] : [i]));
    const all = pieces.map((_, i) => i);
    const full = () => this.commit(pieces, kept, this.run(pieces, all), text.length, { mode: 'full', pieces: pieces.length, relinted: pieces.length, context: 0 });
    if (fresh || removed.some((old) => old.global) || changed.length * 4 > pieces.length) return full();

    // the changed pieces are parsed first, alone: what they name now decides what else is checked again
    const alone = this.run(pieces, changed);
    if ([...alone.values()].some((linted) => linted.global)) return full();
    const touched = new Set<string>();
    for (const linted of [...removed, ...alone.values()]) for (const name of linted.names) touched.add(name);
    const shares = (i: number, names: ReadonlySet<string>) => [...kept[i]!.names].some((name) => names.has(name));
    const dependents = all.filter((i) => kept[i] && shares(i, touched));
    const relint = [...changed, ...dependents];
    const needed = new Set<string>();
    for (const i of relint) for (const name of (alone.get(i) ?? kept[i]!).names) needed.add(name);
    const checked = new Set(relint);
    // StorageClasses and ReferenceGrants are read by every claim (the default class, grants per namespace)
    const context = all.filter((i) => !checked.has(i) && (kept[i]!.global || shares(i, needed)));
    const stats = { mode: 'incremental' as const, pieces: pieces.length, relinted: relint.length, context: context.length };
    if (dependents.length === 0 && context.length === 0) return this.commit(pieces, kept, alone, text.length, stats);
    const linted = this.run(pieces, [...relint, ...context]);
    for (const i of context) linted.delete(i);
    return this.commit(pieces, kept, linted, text.length, stats);
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
    indexes.forEach((i, k) => linted.set(i, { text: pieces[i]!.text, findings: byPath.get(inputs[k]!.path)!.findings, ...namesOf(result.files[k]) }));
    return linted;
  }

  private commit(pieces: readonly Piece[], kept: readonly (Linted | undefined)[], linted: ReadonlyMap<number, Linted>, fileLength: number, stats: IncrementalStats): Finding[] {
    this.pieces = pieces.map((_, i) => linted.get(i) ?? kept[i]!);
    this.last = stats;
    const findings = this.pieces.flatMap((piece, i) => piece.findings.map((finding) => shift(finding, pieces[i]!, this.path, fileLength)));
    // each piece says its once-per-file notes (so a kept piece has its own when an earlier one stops
    // needing it); the file shows the first, as a whole-file lint does
    const said = new Set<string>();
    return findings.sort(compareFindings).filter((finding) => {
      if (finding.severity !== 'info' || !oncePerFileRuleIds.has(finding.ruleId)) return true;
      if (said.has(finding.ruleId)) return false;
      said.add(finding.ruleId);
      return true;
    });
  }
}
