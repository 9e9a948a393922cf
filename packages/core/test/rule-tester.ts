/**
 * An ESLint RuleTester for kubectl-clone rules, on vitest.
 *
 * A case is YAML text. In invalid cases every expected finding's range is written into the text
 * between `«` and `»` (`«»` for an empty range); the markers are stripped before linting, and the
 * n-th marked range belongs to the n-th expected finding in the linter's order (by position).
 * Fixes are applied with `fixText` with every other rule turned off, so the expected output shows
 * this rule's fix alone; the fixed text must then lint clean of the rule and fix to itself.
 */
import { describe, expect, it } from 'vitest';
import { fixText, lint, type LintInput, type LintOptions } from '../src/lint.js';
import type { ClusterFacts } from '../src/facts.js';
import type { Finding, Severity } from '../src/findings.js';
import type { TargetProfile } from '../src/profile.js';
import type { ManifestLimits } from '../src/manifest/limits.js';
import { allRules } from '../src/rules/index.js';

export const open = '«';
export const close = '»';

interface CaseBase {
  /** Shown as the test name; defaults to the first line that says something. */
  readonly name?: string;
  readonly text: string;
  readonly profile?: TargetProfile;
  readonly facts?: ClusterFacts;
  readonly limits?: ManifestLimits;
  /** Other files of the bundle (read, never fixed). */
  readonly files?: readonly LintInput[];
  /** The text is an example in a Markdown file (LintInput.documentation), not a file anyone applies. */
  readonly documentation?: boolean;
  /** Convert the text (and the expected output) to CRLF line endings before linting. */
  readonly crlf?: boolean;
  readonly only?: boolean;
}

export type ValidCase = CaseBase | string;

export interface ExpectedFinding {
  /** The exact message, or `{ contains }` where it embeds long upstream text. */
  readonly message: string | { readonly contains: string };
  readonly severity: Severity;
}

export interface InvalidCase extends CaseBase {
  readonly findings: readonly ExpectedFinding[];
  /** The text after this rule's fixes (markers excluded), or null when no finding offers a fix. */
  readonly output: string | null;
}

export interface Stripped {
  readonly text: string;
  readonly ranges: { start: number; end: number }[];
}

/** Remove « » markers and return the ranges they enclosed, in order of their opening marker. */
export function stripMarkers(marked: string): Stripped {
  let text = '';
  const ranges: { start: number; end: number }[] = [];
  const stack: number[] = [];
  for (const char of marked) {
    if (char === open) {
      ranges.push({ start: text.length, end: -1 });
      stack.push(ranges.length - 1);
    } else if (char === close) {
      const index = stack.pop();
      if (index === undefined) throw new Error(`unbalanced ${close} in fixture`);
      ranges[index]!.end = text.length;
    } else {
      text += char;
    }
  }
  if (stack.length > 0) throw new Error(`unbalanced ${open} in fixture`);
  return { text, ranges };
}

export function toCrlf(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

/** Options that keep only `ruleId` on. */
export function onlyRule(ruleId: string, options: LintOptions): LintOptions {
  const rules: Record<string, 'off'> = {};
  for (const meta of allRules) if (meta.id !== ruleId) rules[meta.id] = 'off';
  return { ...options, rules };
}

const file = 'test.yaml';

function optionsOf(test: CaseBase): LintOptions {
  return {
    ...(test.profile ? { profile: test.profile } : {}),
    ...(test.facts ? { facts: test.facts } : {}),
    ...(test.limits ? { limits: test.limits } : {}),
  };
}

export function findingsOf(ruleId: string, text: string, test: CaseBase = { text }): Finding[] {
  const result = lint([{ path: file, text, ...(test.documentation ? { documentation: true } : {}) }, ...(test.files ?? [])], optionsOf(test));
  return result.findings.filter((finding) => finding.ruleId === ruleId && finding.file === file);
}

/** 1-based line and column, counted independently of the linter (CR is an ordinary character). */
function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
}

function caseName(test: CaseBase | string): string {
  if (typeof test !== 'string' && test.name) return test.name;
  // the claim's spec says what a case is about; the header is the same everywhere
  const text = typeof test === 'string' ? test : test.text;
  const spec = text.lastIndexOf('spec:');
  return text.slice(spec === -1 ? 0 : spec).replace(/\s+/g, ' ').trim().slice(0, 120);
}

function render(findings: readonly Finding[]): string {
  return findings.map((f) => `${f.severity} ${f.range.start}-${f.range.end}: ${f.message}`).join('\n');
}

export function runRuleTests(ruleId: string, tests: { valid: readonly ValidCase[]; invalid: readonly InvalidCase[] }): void {
  if (!allRules.some((meta) => meta.id === ruleId)) throw new Error(`no rule ${ruleId}`);
  describe(ruleId, () => {
    if (tests.valid.length > 0) describe('valid', () => {
      for (const test of tests.valid) {
        const base: CaseBase = typeof test === 'string' ? { text: test } : test;
        const run = base.only ? it.only : it;
        run(caseName(test), () => {
          const text = base.crlf ? toCrlf(base.text) : base.text;
          expect(text.includes(open) || text.includes(close), 'valid cases have no markers').toBe(false);
          const found = findingsOf(ruleId, text, base);
          expect(found, render(found)).toEqual([]);
        });
      }
    });
    if (tests.invalid.length > 0) describe('invalid', () => {
      for (const test of tests.invalid) {
        const run = test.only ? it.only : it;
        run(caseName(test), () => checkInvalid(ruleId, test));
      }
    });
  });
}

function checkInvalid(ruleId: string, test: InvalidCase): void {
  const marked = test.crlf ? toCrlf(test.text) : test.text;
  const { text, ranges } = stripMarkers(marked);
  expect(test.findings.length, 'an invalid case expects at least one finding').toBeGreaterThan(0);
  expect(ranges.length, 'one « » range per expected finding').toBe(test.findings.length);
  const found = findingsOf(ruleId, text, test);
  expect(found.length, `findings of ${ruleId}:\n${render(found)}`).toBe(test.findings.length);
  found.forEach((finding, i) => {
    const expected = test.findings[i]!;
    if (typeof expected.message === 'string') expect(finding.message).toBe(expected.message);
    else expect(finding.message).toContain(expected.message.contains);
    expect(finding.severity).toBe(expected.severity);
    expect(finding.ruleId).toBe(ruleId);
    const range = ranges[i]!;
    expect(
      { range: finding.range, text: text.slice(finding.range.start, finding.range.end) },
      `range of finding ${i}`,
    ).toEqual({ range, text: text.slice(range.start, range.end) });
    expect(finding.start).toEqual(position(text, finding.range.start));
    expect(finding.end).toEqual(position(text, finding.range.end));
  });

  const options = onlyRule(ruleId, optionsOf(test));
  const others = test.files ?? [];
  const fixable = found.filter((finding) => finding.fix);
  if (test.output === null) {
    expect(fixable.map((finding) => finding.fix!.title), 'no finding offers a fix').toEqual([]);
    return;
  }
  expect(fixable.length, 'a case with an output has a fix').toBeGreaterThan(0);
  const expectedOutput = test.crlf ? toCrlf(test.output) : test.output;
  const fixed = fixText({ path: file, text }, options, others);
  expect(fixed.text).toBe(expectedOutput);
  // the fixed text lints clean of this rule (under every rule's eyes, not just its own)
  const after = findingsOf(ruleId, fixed.text, test);
  expect(after, render(after)).toEqual([]);
  // no other rule is left with a syntax error to report
  const all = lint([{ path: file, text: fixed.text }, ...others], optionsOf(test)).findings;
  expect(all.filter((finding) => finding.ruleId === 'yaml-syntax')).toEqual([]);
  // fixing again changes nothing
  expect(fixText({ path: file, text: fixed.text }, options, others).text).toBe(fixed.text);
}
