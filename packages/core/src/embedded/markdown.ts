import { parse, postprocess, preprocess } from 'micromark';
import type { LineInFile } from './source-map.js';

/**
 * A code block of a Markdown file as CommonMark reads it. micromark reports each content
 * line's value after the container prefixes (list item indentation, `> `) and the fence's own
 * indentation are stripped, with exact offsets: those values are the block's lines.
 */
export interface CodeBlock {
  readonly kind: 'fenced' | 'indented';
  /** The info string's first word, lowercased ("yaml" for ```` ```yaml title="pvc.yaml" ````); "" when untagged. */
  readonly language: string;
  readonly lines: readonly LineInFile[];
}

/** Every fenced and indented code block of a Markdown text, in order. */
export function codeBlocks(text: string): CodeBlock[] {
  const events = postprocess(parse().document().write(preprocess()(text, undefined, true)));
  const blocks: CodeBlock[] = [];
  for (let i = 0; i < events.length; i++) {
    const [kind, token] = events[i]!;
    if (kind !== 'enter' || (token.type !== 'codeFenced' && token.type !== 'codeIndented')) continue;
    const fenced = token.type === 'codeFenced';
    let language = '';
    const lines: LineInFile[] = [];
    // the line being read: for a fenced block it starts after the opening fence's line ending
    let current: { original: number | undefined; length: number } | undefined = fenced ? undefined : { original: undefined, length: 0 };
    let fences = 0;
    for (i++; i < events.length; i++) {
      const [eventKind, inner] = events[i]!;
      if (eventKind === 'exit' && inner === token) break;
      if (eventKind !== 'enter') continue;
      if (inner.type === 'codeFencedFenceInfo' && fences === 1) {
        language = text.slice(inner.start.offset, inner.end.offset).toLowerCase();
      } else if (inner.type === 'codeFencedFence') {
        fences++;
        // the closing fence's line is not content
        if (fences === 2) current = undefined;
      } else if (inner.type === 'lineEnding') {
        if (current) {
          lines.push({ original: current.original ?? inner.start.offset, length: current.length, eol: true });
        }
        current = { original: undefined, length: 0 };
      } else if (inner.type === 'codeFlowValue') {
        if (current) {
          current.original = inner.start.offset;
          current.length = inner.end.offset - inner.start.offset;
        }
      }
    }
    // a block that runs to the end of the file: its last line has no line ending
    if (current && current.original !== undefined) lines.push({ original: current.original, length: current.length, eol: false });
    blocks.push({ kind: fenced ? 'fenced' : 'indented', language: languageOf(language), lines });
  }
  return blocks;
}

/** `yaml`, `{.yaml}`, `yaml{3,5}`, `yaml:pvc.yaml` all name YAML. */
function languageOf(info: string): string {
  return /^[{.]*([a-z0-9_+-]*)/.exec(info)?.[1] ?? '';
}
