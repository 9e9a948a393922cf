import type { SourceRange, TextEdit } from '../findings.js';

/**
 * One line of an embedded YAML text and where its characters sit in the file. The embedded
 * text is the lines' characters joined with "\n"; what the host format strips from each line
 * (a list item's or block quote's container prefix, a fence's indentation, a `<<-` heredoc's
 * leading tabs, a console's `> ` prompt) is the line's prefix: file text between the physical
 * line start and `original`.
 */
export interface MappedLine {
  /** Offset of the line's first character in the embedded text. */
  readonly embedded: number;
  /** Offset of the same character in the file. */
  readonly original: number;
  /** Characters of content, without the line ending. */
  readonly length: number;
}

/** A line as an extractor finds it in the file: content start and length, and whether a line ending follows. */
export interface LineInFile {
  readonly original: number;
  readonly length: number;
  readonly eol: boolean;
}

export interface SourceMapOptions {
  /**
   * The prefixes are runs of tabs a `<<-` heredoc strips, so any run of tabs is as good as
   * another: an edit may span lines whose tab counts differ.
   */
  readonly tabPrefixes?: boolean;
}

/**
 * Offsets of an embedded text -> offsets of the file it was cut from. Every character of the
 * embedded text except the "\n" between lines is the file's own character, so a range maps
 * exactly. A "\n" stands for the file's line ending plus the next line's prefix (the mapping
 * gap): an edit may span it, or insert one, only where every line involved has the same prefix,
 * so the edit can write that prefix back; otherwise the edit is refused.
 */
export class SourceMap {
  private constructor(
    readonly file: string,
    readonly lines: readonly MappedLine[],
    readonly embeddedLength: number,
    private readonly options: SourceMapOptions,
  ) {}

  /** The embedded text and its map, from the lines an extractor found (in file order). */
  static fromLines(file: string, lines: readonly LineInFile[], options: SourceMapOptions = {}): { text: string; map: SourceMap } {
    const mapped: MappedLine[] = [];
    const parts: string[] = [];
    let offset = 0;
    for (const line of lines) {
      mapped.push({ embedded: offset, original: line.original, length: line.length });
      parts.push(file.slice(line.original, line.original + line.length));
      offset += line.length;
      if (line.eol) {
        parts.push('\n');
        offset += 1;
      }
    }
    return { text: parts.join(''), map: new SourceMap(file, mapped, offset, options) };
  }

  /** The file offset of an embedded offset; where that lies past the last line ending, the best point there. */
  toOriginal(offset: number): number {
    const at = this.locate(offset);
    return at?.original ?? this.lineEndOf(this.lines.length - 1).end;
  }

  /** A range of the embedded text as a range of the file (always possible). */
  mapRange(range: SourceRange): SourceRange {
    const start = this.toOriginal(range.start);
    return { start, end: Math.max(start, this.toOriginal(range.end)) };
  }

  /**
   * An edit of the embedded text as an edit of the file: the replaced range maps exactly, each
   * "\n" of the new text becomes the file's line ending plus the prefix of the line the edit
   * starts on. Undefined where that would not reproduce the edit (see the class comment).
   */
  mapEdit(edit: TextEdit): TextEdit | undefined {
    const from = this.locate(edit.start);
    const to = this.locate(edit.end);
    if (from?.original === undefined || to?.original === undefined) return undefined;
    const prefix = this.prefixOf(from.line);
    for (let line = from.line + 1; line <= to.line; line++) {
      if (!this.samePrefix(this.prefixOf(line), prefix)) return undefined;
    }
    let newText = edit.newText;
    if (newText.includes('\n')) {
      const first = this.lines[from.line];
      // a blank line may carry no container prefix at all: take the next line's, if it agrees
      if (first && first.length === 0 && from.line + 1 <= this.lines.length && !this.samePrefix(prefix, this.prefixOf(from.line + 1))) {
        return undefined;
      }
      const eol = this.lineEndOf(Math.min(from.line, this.lines.length - 1)).text || '\n';
      newText = newText.replace(/\n/g, eol + prefix);
    }
    return { start: from.original, end: to.original, newText };
  }

  /**
   * Line index and file offset of an embedded offset. An offset just past the last line's
   * ending belongs to a virtual line (index lines.length): the line after the block (a closing
   * fence, a heredoc delimiter), when it starts with the same prefix; else it has no place.
   */
  private locate(offset: number): { line: number; original: number | undefined } | undefined {
    const lines = this.lines;
    if (lines.length === 0 || offset < 0 || offset > this.embeddedLength) return undefined;
    let low = 0;
    let high = lines.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (lines[middle]!.embedded <= offset) low = middle;
      else high = middle - 1;
    }
    const line = lines[low]!;
    const within = offset - line.embedded;
    if (within <= line.length) return { line: low, original: line.original + within };
    // past the last line's "\n"
    const next = this.lineEndOf(low).end;
    const prefix = this.prefixOf(low);
    const matched = this.matchPrefix(next, prefix);
    return { line: lines.length, original: matched === undefined ? undefined : next + matched };
  }

  /** The characters a host strips before `line` (the virtual line after the block included). */
  private prefixOf(line: number): string {
    if (line >= this.lines.length) {
      const last = this.lines.length - 1;
      const next = this.lineEndOf(last).end;
      const matched = this.matchPrefix(next, this.prefixOf(last));
      return this.file.slice(next, next + (matched ?? 0));
    }
    const original = this.lines[line]!.original;
    const physical = this.file.lastIndexOf('\n', original - 1) + 1;
    return this.file.slice(physical, original);
  }

  private matchPrefix(at: number, prefix: string): number | undefined {
    if (!this.options.tabPrefixes) return this.file.startsWith(prefix, at) ? prefix.length : undefined;
    const outer = prefix.replace(/\t+$/, '');
    if (!this.file.startsWith(outer, at)) return undefined;
    let end = at + outer.length;
    while (this.file[end] === '\t') end++;
    return end - at;
  }

  private samePrefix(a: string, b: string): boolean {
    return a === b || (Boolean(this.options.tabPrefixes) && a.replace(/\t+$/, '') === b.replace(/\t+$/, ''));
  }

  /** The file's line ending after a line's content ("" at the end of the file) and the offset after it. */
  private lineEndOf(line: number): { text: string; end: number } {
    const mapped = this.lines[line];
    if (!mapped) return { text: '', end: 0 };
    const at = mapped.original + mapped.length;
    const text = this.file.startsWith('\r\n', at) ? '\r\n' : this.file[at] === '\n' || this.file[at] === '\r' ? this.file[at] : '';
    return { text, end: at + text.length };
  }
}
