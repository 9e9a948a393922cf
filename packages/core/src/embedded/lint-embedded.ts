import { compareFindings, countFindings, type Finding, type Fix, type SourceRange, type TextEdit } from '../findings.js';
import { applyFixes } from '../fix.js';
import { fixText, lint, type FixResult, type LintInput, type LintOptions, type LintResult } from '../lint.js';
import { defaultLimits } from '../manifest/limits.js';
import { Locator } from '../manifest/locator.js';
import { makeFinding } from '../manifest/parse.js';
import { inputTooLarge } from '../rules/parse-rules.js';
import { extractEmbedded, inputLanguageOf, type EmbeddedBlock, type EmbeddingLanguage, type InputLanguage } from './extract.js';

export interface EmbeddedLintResult extends LintResult {
  /** The YAML blocks found in the file, in order; `files` holds one parsed file per block. */
  readonly blocks: readonly EmbeddedBlock[];
}

/**
 * Lint the YAML embedded in one Markdown or shell file. The file's blocks are one bundle (a
 * source claim in one block, its clone in the next), and no other file is part of it: two
 * READMEs that both call their example claim `data` describe two different clusters. Findings
 * and fix edits come back in the file's own offsets, lines and columns; a finding on text the
 * shell rewrites ($VAR in an unquoted heredoc) is dropped, and a fix whose edit cannot be
 * written back exactly (see SourceMap.mapEdit) is dropped from its finding.
 */
export function lintEmbedded(input: LintInput, options: LintOptions = {}, language: EmbeddingLanguage = embeddingLanguageOf(input.path)): EmbeddedLintResult {
  const limits = options.limits ?? defaultLimits;
  const locator = new Locator(input.text);
  if (input.text.length > limits.maxFileLength) {
    const finding = makeFinding({ path: input.path, locator }, inputTooLarge, { start: 0, end: 0 },
      `input refused: ${input.text.length} characters is more than the limit of ${limits.maxFileLength}; split the file`);
    return { findings: [finding], files: [], documents: 0, counts: countFindings([finding]), blocks: [] };
  }
  const blocks = extractEmbedded(input.text, language);
  const byPath = new Map<string, EmbeddedBlock>();
  const inputs = blocks.map((block): LintInput => {
    // a name that stays readable should it ever show: the file and the block's first line
    const path = `${input.path}#L${locator.position(block.range.start).line}`;
    byPath.set(path, block);
    return {
      path, text: block.text, group: input.path,
      ...(language === 'markdown' ? { documentation: true } : {}),
      ...(block.literal ? { literal: true } : {}),
    };
  });
  const result = lint(inputs, options);
  const findings: Finding[] = [];
  for (const finding of result.findings) {
    const block = byPath.get(finding.file);
    if (!block) continue;
    const mapped = mapFinding(finding, block, input.path, locator);
    if (mapped) findings.push(mapped);
  }
  findings.sort(compareFindings);
  return { findings, files: result.files, documents: result.documents, counts: countFindings(findings), blocks };
}

function mapFinding(finding: Finding, block: EmbeddedBlock, path: string, locator: Locator): Finding | undefined {
  if (block.opaque.some((range) => touches(finding.range, range))) return undefined;
  const range = block.map.mapRange(finding.range);
  const { fix: _fix, ...rest } = finding;
  const fix = finding.fix ? mapFix(finding.fix, block) : undefined;
  return { ...rest, file: path, range, start: locator.position(range.start), end: locator.position(range.end), ...(fix ? { fix } : {}) };
}

function mapFix(fix: Fix, block: EmbeddedBlock): Fix | undefined {
  const edits: TextEdit[] = [];
  for (const edit of fix.edits) {
    if (block.opaque.some((range) => touches(edit, range))) return undefined;
    const mapped = block.map.mapEdit(edit);
    if (!mapped) return undefined;
    edits.push(mapped);
  }
  return { title: fix.title, edits };
}

function touches(a: SourceRange, b: SourceRange): boolean {
  if (a.start === a.end) return a.start > b.start && a.start < b.end;
  return a.start < b.end && b.start < a.end;
}

/**
 * Fix one Markdown or shell file until no fixable finding is left, re-extracting and re-linting
 * between passes. Only characters inside the blocks change; prose, fences and commands stay.
 */
export function fixEmbedded(input: LintInput, options: LintOptions = {}, language: EmbeddingLanguage = embeddingLanguageOf(input.path), maxPasses = 10): FixResult {
  let text = input.text;
  const fixed: Finding[] = [];
  let remaining: LintResult = lintEmbedded(input, options, language);
  for (let pass = 0; pass < maxPasses; pass++) {
    const fixable = remaining.findings.filter((finding) => finding.fix);
    if (fixable.length === 0) break;
    const outcome = applyFixes(text, fixable);
    if (outcome.text === text) break;
    text = outcome.text;
    fixed.push(...outcome.applied);
    remaining = lintEmbedded({ path: input.path, text }, options, language);
  }
  return { text, fixed, remaining };
}

function embeddingLanguageOf(path: string): EmbeddingLanguage {
  const language = inputLanguageOf(path);
  return language === 'yaml' ? 'markdown' : language;
}

/**
 * One file as an editor holds it: YAML is linted as its own bundle, Markdown and shell as their
 * embedded blocks. `language` overrides the extension (an editor knows the document's language).
 */
export function lintFile(input: LintInput, options: LintOptions = {}, language: InputLanguage = inputLanguageOf(input.path)): LintResult {
  return language === 'yaml' ? lint([input], options) : lintEmbedded(input, options, language);
}

/**
 * Files as the CLI collects them: the YAML files together are one bundle (as `kubectl apply -f
 * dir/` creates them), each Markdown or shell file is a bundle of its own. With only YAML
 * inputs this is exactly `lint(inputs)`.
 */
export function lintFiles(inputs: readonly LintInput[], options: LintOptions = {}, languageOf: (path: string) => InputLanguage = inputLanguageOf): LintResult {
  const yaml: LintInput[] = [];
  const embedded: { input: LintInput; language: EmbeddingLanguage }[] = [];
  for (const input of inputs) {
    const language = languageOf(input.path);
    if (language === 'yaml') yaml.push(input);
    else embedded.push({ input, language });
  }
  if (embedded.length === 0) return lint(yaml, options);
  const results = [...(yaml.length > 0 ? [lint(yaml, options)] : []), ...embedded.map(({ input, language }) => lintEmbedded(input, options, language))];
  const findings = results.flatMap((result) => result.findings).sort(compareFindings);
  return {
    findings,
    files: results.flatMap((result) => result.files),
    documents: results.reduce((sum, result) => sum + result.documents, 0),
    counts: countFindings(findings),
  };
}

/**
 * Fix one file of a `lintFiles` run. A YAML file sees the other YAML files (read, never
 * written) for cross-object rules; a Markdown or shell file sees only itself.
 */
export function fixFile(input: LintInput, options: LintOptions = {}, others: readonly LintInput[] = [], languageOf: (path: string) => InputLanguage = inputLanguageOf): FixResult {
  const language = languageOf(input.path);
  if (language !== 'yaml') return fixEmbedded(input, options, language);
  return fixText(input, options, others.filter((other) => languageOf(other.path) === 'yaml'));
}
