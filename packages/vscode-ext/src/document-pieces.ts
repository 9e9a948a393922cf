/**
 * A YAML stream cut into its documents at `---` lines (a `---` at column 0 ends any scalar, so the cut is exact),
 * and kept cut while the editor changes it: an edit inside one document moves the others, it does not re-cut them.
 */

export interface Piece {
  readonly text: string;
  /** Offset of the piece in the file. */
  readonly start: number;
  /** 0-based line of the piece's first character. */
  readonly line: number;
}

/** One of an editor change event's `contentChanges`: they apply one after the other, each to the text the previous left. */
export interface TextChange {
  readonly rangeOffset: number;
  readonly rangeLength: number;
  readonly text: string;
}

const documentStart = /^---(?=[ \t\r\n]|$)/gm;
const startsDocument = /^---(?=[ \t\r\n]|$)/;
const directive = /^%/m;
/** A line break VS Code counts and we do not (lone \r), or one we cut at and VS Code does not count (\u2028, \u2029). */
const oddBreak = /\r(?!\n)|[\u2028\u2029]/;

export function splitDocuments(text: string): Piece[] {
  if (directive.test(text)) return [{ text, start: 0, line: 0 }];
  const starts = [0];
  for (const match of text.matchAll(documentStart)) if (match.index > 0) starts.push(match.index);
  const pieces: Piece[] = [];
  let line = 0;
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i]!;
    const end = starts[i + 1] ?? text.length;
    const piece = text.slice(start, end);
    pieces.push({ text: piece, start, line });
    line += newlines(piece);
  }
  return pieces;
}

function newlines(text: string): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count++;
  return count;
}

/** The last piece starting at or before `offset`. */
function pieceAt(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle]! <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}

/**
 * The pieces after the editor's changes, found from the changes alone, and the indexes of those whose text
 * changed: exactly what splitDocuments of the new text gives. Undefined when that is not sure: a change across a
 * piece's end, a `---` line made or broken, a directive, a piece left without its final newline, odd line breaks.
 */
export function applyChanges(pieces: readonly Piece[], changes: readonly TextChange[]): { pieces: Piece[]; changed: number[] } | undefined {
  if (pieces.length === 0) return undefined;
  const starts = pieces.map((piece) => piece.start);
  const texts = new Map<number, string>();
  const last = pieces[pieces.length - 1]!;
  let length = last.start + last.text.length;
  for (const change of changes) {
    const from = change.rangeOffset;
    const to = from + change.rangeLength;
    if (from < 0 || to > length) return undefined;
    let i = pieceAt(starts, from);
    // an insertion where a piece starts extends the piece before it: the `---` line stays the first of its piece
    if (i > 0 && from === starts[i] && to === from) i--;
    const end = starts[i + 1] ?? length;
    if (to > end) return undefined;
    const text = texts.get(i) ?? pieces[i]!.text;
    texts.set(i, text.slice(0, from - starts[i]!) + change.text + text.slice(to - starts[i]!));
    const delta = change.text.length - change.rangeLength;
    for (let j = i + 1; j < starts.length; j++) starts[j]! += delta;
    length += delta;
  }
  const changed = [...texts.keys()].sort((a, b) => a - b);
  const lineDelta = new Map<number, number>();
  for (const i of changed) {
    const text = texts.get(i)!;
    const old = pieces[i]!.text;
    if (oddBreak.test(text) || oddBreak.test(old) || directive.test(text)) return undefined;
    if (i > 0 ? !startsDocument.test(text) : text === '' && pieces.length > 1) return undefined;
    if (i < pieces.length - 1 && !text.endsWith('\n')) return undefined;
    for (const match of text.matchAll(documentStart)) if (match.index > 0) return undefined;
    lineDelta.set(i, newlines(text) - newlines(old));
  }
  const next: Piece[] = new Array<Piece>(pieces.length);
  let lines = 0;
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i]!;
    const text = texts.get(i) ?? piece.text;
    next[i] = text === piece.text && starts[i] === piece.start && lines === 0 ? piece : { text, start: starts[i]!, line: piece.line + lines };
    lines += lineDelta.get(i) ?? 0;
  }
  return { pieces: next, changed };
}
