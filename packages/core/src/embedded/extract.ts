import type { SourceRange } from '../findings.js';
import { codeBlocks, type CodeBlock } from './markdown.js';
import { expansionsIn, scanHeredocs, type Heredoc } from './shell.js';
import { SourceMap, type LineInFile } from './source-map.js';

/** How a file's text is read: as YAML manifests, or as a host of embedded YAML. */
export type InputLanguage = 'yaml' | 'markdown' | 'shell';
export type EmbeddingLanguage = Exclude<InputLanguage, 'yaml'>;

const languagesByExtension: Record<string, InputLanguage> = {
  '.md': 'markdown', '.markdown': 'markdown', '.mdown': 'markdown', '.mkd': 'markdown',
  '.sh': 'shell', '.bash': 'shell',
};

/** By file extension; anything not Markdown or shell is YAML, as `kubectl apply -f FILE` reads it. */
export function inputLanguageOf(path: string): InputLanguage {
  const dot = path.lastIndexOf('.');
  if (dot === -1 || dot < path.lastIndexOf('/')) return 'yaml';
  return languagesByExtension[path.slice(dot).toLowerCase()] ?? 'yaml';
}

/** YAML cut out of a Markdown or shell file, with the way back to the file's characters. */
export interface EmbeddedBlock {
  /** The YAML as kubectl would read it (what the host strips from each line removed). */
  readonly text: string;
  readonly map: SourceMap;
  /**
   * `fence`: a ```` ```yaml ```` block, or an untagged or shell block that holds a manifest;
   * `heredoc`: the body of a here-document fed to kubectl or written to a .yaml file.
   */
  readonly origin: 'fence' | 'heredoc';
  /** The fence's language ("" untagged) or the heredoc's delimiter. */
  readonly label: string;
  /** The file range of the YAML, first content character to last. */
  readonly range: SourceRange;
  /** Offsets in `text` the shell rewrites before kubectl reads them ($VAR, $(cmd), `cmd`, \$): nothing there is linted. */
  readonly opaque: readonly SourceRange[];
  /** A quoted heredoc nothing expands: its `$VAR` reaches kubectl as written. */
  readonly literal?: boolean;
}

const yamlLanguages = new Set(['yaml', 'yml']);
/** Tags of blocks that hold commands; untagged blocks are read the same way. */
const shellLanguages = new Set(['', 'bash', 'sh', 'shell', 'console', 'zsh', 'shell-session', 'shellsession', 'terminal', 'ksh']);

export function extractEmbedded(text: string, language: EmbeddingLanguage): EmbeddedBlock[] {
  return language === 'markdown' ? extractFromMarkdown(text) : extractFromShell(text);
}

/**
 * Fenced blocks tagged yaml/yml, whole. Untagged, indented and shell blocks: the bodies of
 * their kubectl heredocs; without any heredoc, the whole block when it reads as a manifest
 * (top-level apiVersion and kind, nothing before them but keys, comments and `---`).
 */
export function extractFromMarkdown(text: string): EmbeddedBlock[] {
  const blocks: EmbeddedBlock[] = [];
  for (const code of codeBlocks(text)) {
    if (code.lines.length === 0) continue;
    const language = code.kind === 'indented' ? '' : code.language;
    if (yamlLanguages.has(language)) {
      blocks.push(fenceBlock(text, code, language));
      continue;
    }
    if (!shellLanguages.has(language)) continue;
    const whole = SourceMap.fromLines(text, code.lines);
    const heredocs = scanHeredocs(whole.text, { console: true });
    if (heredocs.length === 0) {
      if (readsAsManifest(whole.text)) blocks.push(fenceBlock(text, code, language));
      else for (const lines of catTranscripts(whole.text, code.lines)) blocks.push(fenceBlock(text, { ...code, lines }, language));
      continue;
    }
    for (const heredoc of heredocs) {
      if (!heredoc.target || heredoc.lines.length === 0) continue;
      // heredoc lines are offsets in the block's text: each lies inside one block line
      const lines = heredoc.lines.map((line): LineInFile => ({ ...line, original: whole.map.toOriginal(line.original) }));
      blocks.push(heredocBlock(text, heredoc, lines));
    }
  }
  return blocks;
}

/** The bodies of here-documents fed to kubectl (apply/create/replace -f -) or written to a .yaml file. */
export function extractFromShell(text: string): EmbeddedBlock[] {
  return scanHeredocs(text)
    .filter((heredoc) => heredoc.target && heredoc.lines.length > 0)
    .map((heredoc) => heredocBlock(text, heredoc, heredoc.lines));
}

function fenceBlock(file: string, code: CodeBlock, label: string): EmbeddedBlock {
  const { text, map } = SourceMap.fromLines(file, code.lines);
  return { text, map, origin: 'fence', label, range: contentRange(code.lines), opaque: [] };
}

function heredocBlock(file: string, heredoc: Heredoc, lines: readonly LineInFile[]): EmbeddedBlock {
  const { text, map } = SourceMap.fromLines(file, lines, { tabPrefixes: heredoc.stripTabs });
  const opaque = !heredoc.quoted || heredoc.expanded ? expansionsIn(text, heredoc.quoted) : [];
  const literal = heredoc.quoted && !heredoc.expanded;
  return { text, map, origin: 'heredoc', label: heredoc.delimiter, range: contentRange(lines), opaque, ...(literal ? { literal } : {}) };
}

function contentRange(lines: readonly LineInFile[]): SourceRange {
  const first = lines[0]!;
  const last = lines[lines.length - 1]!;
  return { start: first.original, end: last.original + last.length };
}

const prompt = /^(?:[\w@.~:/-]*[$%]|PS [^>]*>)[ \t]+/;
const catCommand = /^(?:[\w@.~:/-]*[$%]|PS [^>]*>)[ \t]+(?:cat|type|bat|less|more|head\b.*|tail\b.*)[ \t]+\S+\.ya?ml[ \t]*$/;

/**
 * A terminal transcript that shows a manifest: `$ cat clone.yaml` and the file's text, up to
 * the next prompt. Each shown file that reads as a manifest is one block, as a heredoc would be.
 */
function catTranscripts(text: string, lines: readonly LineInFile[]): LineInFile[][] {
  const rows = text.split('\n');
  const found: LineInFile[][] = [];
  for (let i = 0; i < rows.length; i++) {
    if (!catCommand.test(rows[i]!)) continue;
    let end = i + 1;
    while (end < rows.length && !prompt.test(rows[end]!)) end++;
    const shown = rows.slice(i + 1, end).join('\n');
    if (end > i + 1 && readsAsManifest(shown)) found.push(lines.slice(i + 1, end));
    i = end - 1;
  }
  return found;
}

function readsAsManifest(text: string): boolean {
  if (!/^apiVersion:[ \t]*\S/m.test(text) || !/^kind:[ \t]*\S/m.test(text)) return false;
  for (const line of text.split('\n')) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    return /^(?:---|[A-Za-z_][\w./-]*:(?:\s|$))/.test(line);
  }
  return false;
}
