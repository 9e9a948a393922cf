import type { Finding, TextEdit } from './findings.js';

export interface FixOutcome {
  readonly text: string;
  /** Findings whose fix was applied in this pass. */
  readonly applied: readonly Finding[];
}

/**
 * Apply the fixes of `findings` to `text` in one pass, ESLint style: fixes are taken in order of
 * position and one whose edits overlap an already taken fix waits for the next pass (re-lint,
 * then fix again), so every applied edit lands on the characters it was computed for.
 */
export function applyFixes(text: string, findings: readonly Finding[]): FixOutcome {
  const candidates = findings
    .filter((finding) => finding.fix && finding.fix.edits.length > 0)
    .sort((a, b) => firstStart(a) - firstStart(b));
  const taken: TextEdit[] = [];
  const applied: Finding[] = [];
  const seen = new Set<string>();
  for (const finding of candidates) {
    const edits = finding.fix!.edits;
    const key = edits.map((edit) => `${edit.start}:${edit.end}:${edit.newText}`).join('|');
    if (seen.has(key)) {
      applied.push(finding);
      continue;
    }
    if (edits.some((edit) => taken.some((other) => overlaps(edit, other)))) continue;
    seen.add(key);
    taken.push(...edits);
    applied.push(finding);
  }
  let result = text;
  for (const edit of [...taken].sort((a, b) => b.start - a.start || b.end - a.end)) {
    result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
  }
  return { text: result, applied };
}

function firstStart(finding: Finding): number {
  return Math.min(...finding.fix!.edits.map((edit) => edit.start));
}

function overlaps(a: TextEdit, b: TextEdit): boolean {
  // two insertions at one point would interleave unpredictably: treat them as overlapping
  if (a.start === a.end && b.start === b.end) return a.start === b.start;
  return a.start < b.end && b.start < a.end || (a.start === a.end && a.start > b.start && a.start < b.end) ||
    (b.start === b.end && b.start > a.start && b.start < a.end);
}
