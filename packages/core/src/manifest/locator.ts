import { LineCounter } from 'yaml';
import type { Position } from '../findings.js';

/** Offset <-> line/column for one text, built once per file. */
export class Locator {
  readonly lineCounter = new LineCounter();
  private built = false;

  constructor(readonly text: string) {}

  /** Line starts are normally collected by the parser; this fills them for texts it never saw. */
  ensureLines(): void {
    if (this.built || this.lineCounter.lineStarts.length > 0) {
      this.built = true;
      return;
    }
    this.lineCounter.addNewLine(0);
    for (let i = this.text.indexOf('\n'); i !== -1; i = this.text.indexOf('\n', i + 1)) {
      this.lineCounter.addNewLine(i + 1);
    }
    this.built = true;
  }

  position(offset: number): Position {
    this.ensureLines();
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const { line, col } = this.lineCounter.linePos(clamped);
    return { line, column: col };
  }

  lineStart(offset: number): number {
    const nl = this.text.lastIndexOf('\n', offset - 1);
    return nl + 1;
  }

  /** The line break of the line holding `offset`, so inserted lines match a CRLF file. */
  newlineAt(offset: number): string {
    const nl = this.text.indexOf('\n', offset);
    return nl > 0 && this.text[nl - 1] === '\r' ? '\r\n' : '\n';
  }

  /** Index just after the newline that ends the line holding `offset` (or the text's end). */
  lineEnd(offset: number): number {
    const nl = this.text.indexOf('\n', offset);
    return nl === -1 ? this.text.length : nl + 1;
  }
}
