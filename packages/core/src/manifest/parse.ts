import { Composer, Parser, parseDocument, visit, type CST, type Document } from 'yaml';
import type { Finding, SourceRange } from '../findings.js';
import { aliasLimit, helmTemplate, inputTooLarge, yamlSyntax } from '../rules/parse-rules.js';
import type { RuleMeta } from '../rules/types.js';
import { findTemplateAction } from './helm.js';
import { defaultLimits, type ManifestLimits } from './limits.js';
import { Locator } from './locator.js';
import { isRecord, type ManifestDocument, type ManifestFile } from './objects.js';

export interface ParsedManifests {
  readonly file: ManifestFile;
  /** Syntax errors, refused inputs and skipped templates. */
  readonly findings: Finding[];
}

export function makeFinding(
  file: { path: string; locator: Locator },
  meta: RuleMeta,
  range: SourceRange,
  message: string,
  extra: Partial<Pick<Finding, 'fix' | 'severity' | 'subject'>> = {},
): Finding {
  return {
    ruleId: meta.id,
    severity: extra.severity ?? meta.severity,
    message,
    file: file.path,
    range,
    start: file.locator.position(range.start),
    end: file.locator.position(range.end),
    layer: meta.layer,
    ...(extra.fix ? { fix: extra.fix } : {}),
    ...(extra.subject ? { subject: extra.subject } : {}),
  };
}

/**
 * Read a multi-document YAML text. Every document keeps its nodes' source ranges; one
 * broken document is reported and skipped without hiding the others.
 */
export interface ParseOptions {
  /**
   * The text is an example in prose (a Markdown code block): one that does not parse is an
   * illustration, reported once as skipped (info) rather than as a syntax error.
   */
  readonly documentation?: boolean;
}

export function parseManifests(path: string, text: string, limits: ManifestLimits = defaultLimits, options: ParseOptions = {}): ParsedManifests {
  const locator = new Locator(text);
  const documents: ManifestDocument[] = [];
  const file: ManifestFile = { path, text, locator, documents };
  const findings: Finding[] = [];

  if (text.length > limits.maxFileLength) {
    locator.ensureLines();
    findings.push(
      makeFinding(file, inputTooLarge, { start: 0, end: 0 },
        `input refused: ${text.length} characters is more than the limit of ${limits.maxFileLength}; ` +
          'split the file (a single Kubernetes object is at most a few MiB)'),
    );
    return { file, findings };
  }

  // the syntax trees of a large file are not all kept: see limits.retainSyntaxTrees
  const retain = text.length <= limits.retainSyntaxTrees;
  const onDocument = (node: Document.Parsed, index: number, tooDeep: boolean): void => {
    const [docStart, , docEnd] = node.range;
    if (tooDeep) {
      findings.push(
        makeFinding(file, inputTooLarge, { start: docStart, end: Math.max(docStart, locator.lineEnd(docStart) - 1) },
          `input refused: this document nests collections more than ${limits.maxNestingDepth} levels deep; ` +
            'no Kubernetes object nests this deep'),
      );
      return;
    }
    const templateAt = findTemplateAction(text.slice(docStart, docEnd));
    if (templateAt !== -1) {
      const at = docStart + templateAt;
      findings.push(
        makeFinding(file, helmTemplate, { start: at, end: locator.lineEnd(at) - 1 },
          'this document is an unrendered Helm template and was not linted; render it first ' +
            '(helm template . | kubectl clone lint -)'),
      );
      return;
    }
    if (node.errors.length > 0) {
      if (options.documentation) {
        const error = node.errors[0]!;
        const start = Math.min(error.pos[0], text.length);
        findings.push(
          makeFinding(file, yamlSyntax, { start, end: Math.min(Math.max(error.pos[1], start), text.length) },
            `this example does not parse as YAML and was skipped (${firstLine(error.message)}); ` +
              'an illustration in prose is fine, but it cannot be applied as written',
            { severity: 'info' }),
        );
        return;
      }
      for (const error of node.errors) {
        // an error at the end of input (a quote never closed) is reported one past the last character
        const start = Math.min(error.pos[0], text.length);
        const end = Math.min(Math.max(error.pos[1], start), text.length);
        findings.push(makeFinding(file, yamlSyntax, { start, end }, `YAML syntax error: ${firstLine(error.message)}`));
      }
      return;
    }
    let value: unknown;
    try {
      value = node.toJS({ maxAliasCount: limits.maxAliasCount });
    } catch {
      findings.push(
        makeFinding(file, aliasLimit, { start: docStart, end: locator.lineEnd(docStart) - 1 },
          `input refused: this document expands YAML aliases more than ${limits.maxAliasCount} times ` +
            '(a "billion laughs" pattern); write the values out instead of aliasing them'),
      );
      return;
    }
    // a document without a kind holds no object: no rule will ask for its tree
    const holdsObject = isRecord(value) && typeof value.kind === 'string';
    documents.push(new ParsedDocument(file, index, value, { start: docStart, end: docEnd }, retain && holdsObject ? node : undefined));
  };
  try {
    composeDocuments(text, locator, limits, onDocument);
  } catch (error) {
    // a guard: the depth limit keeps yaml's recursive composer within the stack
    locator.ensureLines();
    findings.length = 0;
    documents.length = 0;
    findings.push(
      makeFinding(file, inputTooLarge, { start: 0, end: 0 },
        `input refused: the YAML could not be read (${error instanceof RangeError ? 'nesting too deep' : String(error)}); ` +
          'no Kubernetes object nests this deep'),
    );
    return { file, findings };
  }
  locator.ensureLines();
  return { file, findings };
}

// logLevel 'error': yaml would otherwise print Node warnings (a map key that is itself a map) on our stderr
const composeOptions = { prettyErrors: false, logLevel: 'error' } as const;

/**
 * A document whose syntax tree may have been let go (a large file): its value stays, and the
 * tree is parsed again from the document's own characters when a finding needs a range or an
 * edit, with every node's offsets moved back to the file's. The few trees parsed last are kept
 * (a rule reads the tree several times while it reports), never all of them.
 */
class ParsedDocument implements ManifestDocument {
  constructor(
    readonly file: ManifestFile,
    readonly index: number,
    readonly value: unknown,
    readonly range: SourceRange,
    private readonly tree: Document.Parsed | undefined,
  ) {}

  get node(): Document.Parsed {
    if (this.tree) return this.tree;
    const recent = recentTrees.findIndex((entry) => entry.doc === this);
    if (recent !== -1) return recentTrees[recent]!.tree;
    const tree = reparse(this.file.text, this.range);
    recentTrees.unshift({ doc: this, tree });
    if (recentTrees.length > 4) recentTrees.pop();
    return tree;
  }
}

const recentTrees: { doc: ParsedDocument; tree: Document.Parsed }[] = [];

function reparse(text: string, range: SourceRange): Document.Parsed {
  const doc = parseDocument(text.slice(range.start, range.end), composeOptions) as Document.Parsed;
  const shift = (r: [number, number, number]): [number, number, number] => [r[0] + range.start, r[1] + range.start, r[2] + range.start];
  visit(doc, {
    Node(_key, node) {
      if (node.range) node.range = shift(node.range);
    },
  });
  doc.range = shift(doc.range);
  return doc;
}

/**
 * parseAllDocuments, one document at a time (so a large file's trees can be let go as it is
 * read), with each document's nesting measured on the parser's tokens (built with an explicit
 * stack, so any depth is safe) before yaml's recursive composer sees it. A document deeper than
 * the limit is composed as an empty document and reported as too deep.
 */
function composeDocuments(
  text: string, locator: Locator, limits: ManifestLimits,
  onDocument: (doc: Document.Parsed, index: number, tooDeep: boolean) => void,
): void {
  const composer = new Composer(composeOptions);
  const tooDeep = new Set<number>();
  // each document token becomes exactly one document, in order
  let tokens = 0;
  let index = 0;
  const take = (doc: Document.Parsed) => onDocument(doc, index, tooDeep.has(index++));
  for (const token of new Parser(locator.lineCounter.addNewLine).parse(text)) {
    let next = token;
    if (token.type === 'document') {
      if (nestingDepth(token, limits.maxNestingDepth) > limits.maxNestingDepth) {
        tooDeep.add(tokens);
        const { value: _value, ...empty } = token;
        next = empty;
      }
      tokens++;
    }
    for (const doc of composer.next(next)) take(doc);
  }
  for (const doc of composer.end(false, text.length)) take(doc);
}

/** Collections nested in a document token, counted without recursion; stops counting past `limit`. */
function nestingDepth(token: CST.Document, limit: number): number {
  let deepest = 0;
  const stack: { token: CST.Token | undefined; depth: number }[] = [{ token: token.value, depth: 0 }];
  while (stack.length > 0) {
    const { token: current, depth } = stack.pop()!;
    if (!current) continue;
    if (current.type === 'block-map' || current.type === 'block-seq' || current.type === 'flow-collection') {
      const inner = depth + 1;
      if (inner > deepest) deepest = inner;
      if (deepest > limit) return deepest;
      for (const item of current.items) {
        const entry = item as { key?: CST.Token | null; value?: CST.Token };
        if (entry.key) stack.push({ token: entry.key, depth: inner });
        if (entry.value) stack.push({ token: entry.value, depth: inner });
      }
    }
  }
  return deepest;
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
