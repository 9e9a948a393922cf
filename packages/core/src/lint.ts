import { computeStages } from './apiserver/data-sources.js';
import { ObjectIndex } from './bundle.js';
import type { ClusterFacts } from './facts.js';
import { compareFindings, countFindings, type Finding, type FindingCounts, type Severity } from './findings.js';
import { applyFixes } from './fix.js';
import { claimsOfDocument } from './manifest/claims.js';
import { defaultLimits, type ManifestLimits } from './manifest/limits.js';
import type { ManifestDocument, ManifestFile } from './manifest/objects.js';
import { makeFinding, parseManifests } from './manifest/parse.js';
import { defaultProfile, type TargetProfile } from './profile.js';
import { claimRules } from './rules/index.js';
import type { ClaimContext } from './rules/types.js';

export interface LintInput {
  /** How findings name the file ("-" or "<stdin>" for standard input). */
  readonly path: string;
  readonly text: string;
}

export type RuleSetting = Severity | 'off';

export interface LintOptions {
  readonly profile?: TargetProfile;
  /** Live facts: the cluster's claims, volumes, classes, grants and pods. */
  readonly facts?: ClusterFacts;
  readonly limits?: ManifestLimits;
  /** Per-rule severity overrides by rule id. */
  readonly rules?: Readonly<Record<string, RuleSetting>>;
}

export interface LintResult {
  readonly findings: Finding[];
  readonly files: ManifestFile[];
  readonly documents: number;
  readonly counts: FindingCounts;
}

/**
 * Lint a bundle: every input is parsed on its own (a broken file hides nothing else), then every
 * claim of every document is checked in the apiserver's order against the whole bundle plus facts.
 */
export function lint(inputs: readonly LintInput[], options: LintOptions = {}): LintResult {
  const profile = options.profile ?? defaultProfile;
  const findings: Finding[] = [];
  const files: ManifestFile[] = [];
  const documents: ManifestDocument[] = [];
  for (const input of inputs) {
    const parsed = parseManifests(input.path, input.text, options.limits ?? defaultLimits);
    files.push(parsed.file);
    // no push(...spread): a stream of a million documents would overflow the call stack
    for (const doc of parsed.file.documents) documents.push(doc);
    for (const finding of parsed.findings) findings.push(finding);
  }
  const bundle = new ObjectIndex(documents, options.facts);
  for (const doc of documents) {
    for (const claim of claimsOfDocument(doc)) {
      const stages = computeStages(claim, profile);
      for (const rule of claimRules) {
        const context: ClaimContext = {
          claim, doc: doc.node, locator: doc.file.locator, stages, profile, bundle,
          report(report) {
            findings.push(
              makeFinding(doc.file, rule.meta, report.range, report.message, {
                severity: report.severity ?? rule.meta.severity,
                ...(report.fix ? { fix: report.fix } : {}),
                subject: claim.label,
              }),
            );
          },
        };
        rule.check(context);
      }
    }
  }
  const configured = applySettings(findings, options.rules);
  configured.sort(compareFindings);
  // an empty document (a trailing `---`, comments only) is nothing kubectl would create
  let nonEmpty = 0;
  for (const doc of documents) if (doc.value !== null && doc.value !== undefined) nonEmpty++;
  return { findings: configured, files, documents: nonEmpty, counts: countFindings(configured) };
}

function applySettings(findings: Finding[], settings: LintOptions['rules']): Finding[] {
  if (!settings) return findings;
  const result: Finding[] = [];
  for (const finding of findings) {
    const setting = settings[finding.ruleId];
    if (setting === 'off') continue;
    result.push(setting ? { ...finding, severity: setting } : finding);
  }
  return result;
}

export interface FixResult {
  readonly text: string;
  /** Findings fixed over all passes. */
  readonly fixed: Finding[];
  /** What is left after the last pass. */
  readonly remaining: LintResult;
}

/**
 * Fix one file until no fixable finding is left (at most `maxPasses`), re-linting between passes
 * so later fixes see the text the earlier ones produced. `others` are the rest of the bundle,
 * read but never written.
 */
export function fixText(input: LintInput, options: LintOptions = {}, others: readonly LintInput[] = [], maxPasses = 10): FixResult {
  let text = input.text;
  const fixed: Finding[] = [];
  let remaining = lint([{ path: input.path, text }, ...others], options);
  for (let pass = 0; pass < maxPasses; pass++) {
    const own = remaining.findings.filter((finding) => finding.file === input.path && finding.fix);
    if (own.length === 0) break;
    const outcome = applyFixes(text, own);
    if (outcome.text === text) break;
    text = outcome.text;
    fixed.push(...outcome.applied);
    remaining = lint([{ path: input.path, text }, ...others], options);
  }
  return { text, fixed, remaining };
}
