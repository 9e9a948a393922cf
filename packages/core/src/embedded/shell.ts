import type { SourceRange } from '../findings.js';
import type { LineInFile } from './source-map.js';

/**
 * Here-documents in shell text, found by a scanner rather than a shell parser: the only syntax
 * that matters is where a command line ends, where `<<` starts a here-document (not inside
 * quotes, a comment, `<<<` or arithmetic) and which line ends its body. A full parser
 * (mvdan/sh compiled to JavaScript) was considered: its npm build is deprecated and the WASM
 * successor is a large asynchronous module, too much for reading a delimiter.
 */
export interface Heredoc {
  /** Offset of `<<` in the scanned text. */
  readonly operator: number;
  readonly delimiter: string;
  /** `<<'EOF'`, `<<"EOF"`, `<<\EOF`: the body is passed as written, no expansion. */
  readonly quoted: boolean;
  /** `<<-EOF`: the shell strips leading tabs from every body line and the delimiter line. */
  readonly stripTabs: boolean;
  /** Body lines in the scanned text, without what the shell (or a console's `> ` prompt) strips. */
  readonly lines: readonly LineInFile[];
  /** The body ran to the end of the text without its delimiter line. */
  readonly unterminated: boolean;
  /** Where the body's YAML goes: kubectl (apply/create/replace -f -), a .yaml file, or elsewhere. */
  readonly target: 'kubectl' | 'yaml-file' | undefined;
  /** A shell (unquoted delimiter) or envsubst in the pipeline rewrites `$NAME` and friends. */
  readonly expanded: boolean;
  /** The command line the operator is on (continuation lines joined), for messages and tests. */
  readonly command: string;
}

export interface ScanOptions {
  /**
   * A copied terminal session: body lines may start with the shell's `> ` continuation prompt,
   * and a stray quote in command output must not swallow the lines after it.
   */
  readonly console?: boolean;
}

interface PendingHeredoc {
  readonly operator: number;
  readonly delimiter: string;
  readonly quoted: boolean;
  readonly stripTabs: boolean;
}

const wordEnd = /[\s;&|<>()]/;

/** Every here-document of a shell text, with its body lines and what it feeds. */
export function scanHeredocs(text: string, options: ScanOptions = {}): Heredoc[] {
  const heredocs: Heredoc[] = [];
  let pending: PendingHeredoc[] = [];
  let quote: "'" | '"' | undefined;
  let arithmetic = 0;
  let lineStart = 0;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else if (c === '\n' && options.console) quote = undefined;
      i++;
      continue;
    }
    if (quote === '"') {
      if (c === '\\') i++;
      else if (c === '"') quote = undefined;
      else if (c === '\n' && options.console) quote = undefined;
      i++;
      continue;
    }
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === "'" || c === '"') {
      quote = c;
      i++;
      continue;
    }
    if (c === '#' && (i === 0 || /[\s;&|(]/.test(text[i - 1]!))) {
      const newline = text.indexOf('\n', i);
      i = newline === -1 ? text.length : newline;
      continue;
    }
    if (c === '(' && text[i + 1] === '(') {
      arithmetic++;
      i += 2;
      continue;
    }
    if (c === ')' && text[i + 1] === ')' && arithmetic > 0) {
      arithmetic--;
      i += 2;
      continue;
    }
    if (c === '<' && text[i + 1] === '<') {
      if (text[i + 2] === '<') {
        i += 3;
        continue;
      }
      if (arithmetic === 0) {
        const operator = readOperator(text, i);
        if (operator) {
          pending.push(operator.heredoc);
          i = operator.end;
          continue;
        }
      }
      i += 2;
      continue;
    }
    if (c === '\n') {
      const command = text.slice(lineStart, i);
      let at = i + 1;
      for (const heredoc of pending) {
        const body = readBody(text, at, heredoc, Boolean(options.console));
        at = body.next;
        heredocs.push({
          ...heredoc,
          lines: body.lines,
          unterminated: body.unterminated,
          ...classify(command, heredoc.operator - lineStart, () => lineAt(text, at)),
          command: command.replace(/\\\r?\n/g, ' '),
        });
      }
      pending = [];
      if (options.console) arithmetic = 0;
      i = at;
      lineStart = at;
      continue;
    }
    i++;
  }
  // an operator on the last line, with no line after it: an empty body
  for (const heredoc of pending) {
    heredocs.push({
      ...heredoc, lines: [], unterminated: true, ...classify(text.slice(lineStart), heredoc.operator - lineStart, () => ''),
      command: text.slice(lineStart),
    });
  }
  return heredocs;
}

function readOperator(text: string, at: number): { heredoc: PendingHeredoc; end: number } | undefined {
  let i = at + 2;
  const stripTabs = text[i] === '-';
  if (stripTabs) i++;
  while (text[i] === ' ' || text[i] === '\t') i++;
  let delimiter = '';
  let quoted = false;
  while (i < text.length && !wordEnd.test(text[i]!)) {
    const c = text[i]!;
    if (c === "'" || c === '"') {
      const close = text.indexOf(c, i + 1);
      if (close === -1 || text.slice(i + 1, close).includes('\n')) return undefined;
      delimiter += text.slice(i + 1, close);
      quoted = true;
      i = close + 1;
    } else if (c === '\\') {
      delimiter += text[i + 1] ?? '';
      quoted = true;
      i += 2;
    } else {
      delimiter += c;
      i++;
    }
  }
  if (delimiter === '') return undefined;
  return { heredoc: { operator: at, delimiter, quoted, stripTabs }, end: i };
}

function readBody(text: string, from: number, heredoc: PendingHeredoc, console: boolean): { lines: LineInFile[]; next: number; unterminated: boolean } {
  const lines: LineInFile[] = [];
  let at = from;
  // a copied terminal shows the continuation prompt before every body line
  const prompted = console && text[from] === '>';
  while (at < text.length) {
    const newline = text.indexOf('\n', at);
    const end = newline === -1 ? text.length : newline;
    const contentEnd = end > at && text[end - 1] === '\r' ? end - 1 : end;
    let start = at;
    if (prompted && text[start] === '>') start += text[start + 1] === ' ' ? 2 : 1;
    if (heredoc.stripTabs) while (text[start] === '\t' && start < contentEnd) start++;
    const next = newline === -1 ? text.length : newline + 1;
    if (text.slice(start, contentEnd) === heredoc.delimiter) return { lines, next, unterminated: false };
    lines.push({ original: start, length: contentEnd - start, eol: newline !== -1 });
    at = next;
  }
  return { lines, next: text.length, unterminated: true };
}

function lineAt(text: string, at: number): string {
  const newline = text.indexOf('\n', at);
  return text.slice(at, newline === -1 ? text.length : newline);
}

interface Segment {
  readonly start: number;
  readonly words: string[];
  /** The operator that ends the segment: `|`, `||`, `&&`, `;`, `&`, or "" at the end. */
  readonly separator: string;
}

/**
 * What the here-document at `operator` (an offset in `command`) feeds. `cat <<EOF |` with the
 * rest of the pipeline after the body is read on from the line after the delimiter.
 */
function classify(command: string, operator: number, lineAfterBody: () => string): Pick<Heredoc, 'target' | 'expanded'> {
  let segments = splitCommand(command);
  const last = segments[segments.length - 1];
  if (last && last.words.length === 0 && segments.length > 1 && segments[segments.length - 2]!.separator === '|') {
    segments = [...segments.slice(0, -1), ...splitCommand(lineAfterBody()).map((segment) => ({ ...segment, start: segment.start + command.length }))];
  }
  let index = segments.findIndex((segment, i) => segment.start <= operator && (segments[i + 1]?.start ?? Infinity) > operator);
  if (index === -1) index = 0;
  let target: Heredoc['target'];
  let expanded = false;
  for (let i = index; i < segments.length; i++) {
    const segment = segments[i]!;
    if (segment.words.some((word) => basename(word) === 'envsubst')) expanded = true;
    if (readsManifestsFromStdin(segment.words)) {
      target = 'kubectl';
      break;
    }
    if (writesYamlFile(segment.words)) {
      target = 'yaml-file';
      break;
    }
    if (segment.separator !== '|') break;
  }
  return { target, expanded };
}

const kubectlCommands = new Set(['kubectl', 'oc', 'k', 'microk8s.kubectl', 'kubectl.exe', 'oc.exe']);
const manifestVerbs = new Set(['apply', 'create', 'replace']);
const stdinFiles = new Set(['-', '/dev/stdin']);

/** `kubectl [flags] apply|create|replace ... -f -` (also `--filename=-`, `-f-`, oc, microk8s kubectl). */
export function readsManifestsFromStdin(words: readonly string[]): boolean {
  const command = words.findIndex((word) => kubectlCommands.has(basename(word)));
  if (command === -1) return false;
  const rest = words.slice(command + 1);
  if (!rest.some((word) => manifestVerbs.has(word))) return false;
  return rest.some((word, i) => {
    if (word === '-f' || word === '--filename') return stdinFiles.has(rest[i + 1] ?? '');
    const attached = /^(?:-f=?|--filename=)(.*)$/.exec(word);
    return attached !== null && stdinFiles.has(attached[1]!);
  });
}

/** `cat > x.yaml`, `cat >x.yml`, `tee x.yaml`: the body becomes a manifest file. */
function writesYamlFile(words: readonly string[]): boolean {
  const yamlFile = /\.ya?ml$/i;
  const tee = words.findIndex((word) => basename(word) === 'tee');
  if (tee !== -1 && words.slice(tee + 1).some((word) => !word.startsWith('-') && yamlFile.test(word))) return true;
  return words.some((word, i) => {
    const redirect = /^[12]?>>?(.*)$/.exec(word);
    if (!redirect) return false;
    const target = redirect[1] === '' ? words[i + 1] ?? '' : redirect[1]!;
    return yamlFile.test(target);
  });
}

function basename(word: string): string {
  return word.slice(word.lastIndexOf('/') + 1);
}

/** Split a command line into pipeline and list segments of words (quotes removed, redirections kept as words). */
function splitCommand(command: string): Segment[] {
  const segments: Segment[] = [];
  let words: string[] = [];
  let word: string | undefined;
  let start = 0;
  const flush = (): void => {
    if (word !== undefined) words.push(word);
    word = undefined;
  };
  const end = (separator: string, next: number): void => {
    flush();
    segments.push({ start, words, separator });
    words = [];
    start = next;
  };
  let i = 0;
  while (i < command.length) {
    const c = command[i]!;
    if (c === "'" || c === '"') {
      const close = command.indexOf(c, i + 1);
      const stop = close === -1 ? command.length : close;
      word = (word ?? '') + command.slice(i + 1, stop);
      i = stop + 1;
      continue;
    }
    if (c === '\\') {
      if (command[i + 1] === '\n' || (command[i + 1] === '\r' && command[i + 2] === '\n')) {
        i += command[i + 1] === '\n' ? 2 : 3;
        continue;
      }
      word = (word ?? '') + (command[i + 1] ?? '');
      i += 2;
      continue;
    }
    if (c === '#' && word === undefined) break;
    const two = command.slice(i, i + 2);
    if (two === '||' || two === '&&') {
      end(two, i + 2);
      i += 2;
      continue;
    }
    if (c === '|' || c === ';' || c === '&') {
      if (c === '&' && (command[i + 1] === '>' || word?.endsWith('>'))) {
        word = (word ?? '') + c;
        i++;
        continue;
      }
      end(c, i + 1);
      i++;
      continue;
    }
    if (c === '<' && command[i + 1] === '<') {
      // the here-document operator and its delimiter word are not arguments
      flush();
      i += command[i + 2] === '-' ? 3 : 2;
      while (command[i] === ' ' || command[i] === '\t') i++;
      while (i < command.length && !wordEnd.test(command[i]!)) i++;
      continue;
    }
    if (c === '>' && word !== undefined && !/^[12&]?$/.test(word)) flush();
    if (/\s/.test(c)) {
      flush();
      i++;
      continue;
    }
    word = (word ?? '') + c;
    i++;
  }
  end('', command.length);
  return segments;
}

/**
 * What the shell replaces in a body before the command reads it: `$NAME`, `${...}`, `$(...)`,
 * backquotes and backslash escapes (all of them in an unquoted here-document; only variables
 * when the body is quoted and envsubst does the replacing). Offsets are in `body`.
 */
export function expansionsIn(body: string, quoted: boolean): SourceRange[] {
  const pattern = quoted
    ? /\$\{[^}\n]*\}|\$[A-Za-z_][A-Za-z0-9_]*/g
    : /\$\{[^}\n]*\}|\$\(\([^\n]*?\)\)|\$\([^)\n]*\)|\$[A-Za-z_][A-Za-z0-9_]*|\$[0-9@*#?$!-]|`[^`\n]*`|\\[$`\\]/g;
  const ranges: SourceRange[] = [];
  for (const match of body.matchAll(pattern)) ranges.push({ start: match.index, end: match.index + match[0].length });
  return ranges;
}
