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
import { claimRules, dataSourceRuleIds, objectRules } from './rules/index.js';
import { placeholderValue } from './rules/parse-rules.js';
import type { ClaimContext, Report, RuleMeta } from './rules/types.js';
import { overlaps, placeholdersOf, type Placeholder } from './manifest/placeholders.js';
import { objectsOf } from './manifest/objects.js';

export interface LintInput {
  /** How findings name the file ("-" or "<stdin>" for standard input). */
  readonly path: string;
  readonly text: string;
  /**
   * The text is an example in prose (a Markdown code block), not a file anyone applies: a block
   * that does not parse is skipped with a note, and an elided block (`...`, `# other fields ...`)
   * or a claim shown in part (no accessModes, no resources) is checked for its data source only.
   */
  readonly documentation?: boolean;
  /**
   * The text is exactly what kubectl receives (a quoted heredoc no envsubst rewrites): `${VAR}`
   * there is a literal value, not a placeholder someone fills in.
   */
  readonly literal?: boolean;
  /** Notes said once per file are said once per group: the host file of blocks cut out of Markdown or shell. */
  readonly group?: string;
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

/** `...` or `…` on a line of its own, or in a comment (`# other fields ...`): the example leaves something out. */
const elision = /^[ \t]*(?:-[ \t]+)?(?:\.\.\.|\u2026)[ \t]*$|#[^\n]*(?:\.\.\.|\u2026)/m;

/**
 * Lint a bundle: every input is parsed on its own (a broken file hides nothing else), then every
 * claim of every document is checked in the apiserver's order against the whole bundle plus facts.
 */
export function lint(inputs: readonly LintInput[], options: LintOptions = {}): LintResult {
  const findings: Finding[] = [];
  const files: ManifestFile[] = [];
  const documents: ManifestDocument[] = [];
  const partialFiles = new Set<ManifestFile>();
  const documentation = new Set<ManifestFile>();
  const literal = new Set<ManifestFile>();
  for (const input of inputs) {
    const parsed = parseManifests(input.path, input.text, options.limits ?? defaultLimits, { documentation: input.documentation });
    files.push(parsed.file);
    if (input.literal) literal.add(parsed.file);
    if (input.documentation) {
      documentation.add(parsed.file);
      if (elision.test(input.text)) partialFiles.add(parsed.file);
    }
    // no push(...spread): a stream of a million documents would overflow the call stack
    for (const doc of parsed.file.documents) documents.push(doc);
    for (const finding of parsed.findings) findings.push(finding);
  }
  const groupOf = new Map<ManifestFile, string>();
  inputs.forEach((input, i) => groupOf.set(files[i]!, input.group ?? input.path));
  checkDocuments({ documents, groupOf, documentation, partialFiles, literal }, options, findings);
  const configured = applySettings(findings, options.rules);
  configured.sort(compareFindings);
  const unique = withoutRepeats(configured);
  // an empty document (a trailing `---`, comments only) is nothing kubectl would create
  let nonEmpty = 0;
  for (const doc of documents) if (doc.value !== null && doc.value !== undefined) nonEmpty++;
  return { findings: unique, files, documents: nonEmpty, counts: countFindings(unique) };
}

/** Parsed (or built) documents and what is known of the files they came from. */
export interface CheckedDocuments {
  readonly documents: readonly ManifestDocument[];
  /** Notes said once per file are said once per group (see LintInput.group). */
  readonly groupOf: ReadonlyMap<ManifestFile, string>;
  readonly documentation: ReadonlySet<ManifestFile>;
  readonly partialFiles: ReadonlySet<ManifestFile>;
  readonly literal: ReadonlySet<ManifestFile>;
}

/** The object and claim rules over documents, with the whole set as the bundle; appends to `findings`. */
export function checkDocuments(input: CheckedDocuments, options: LintOptions, findings: Finding[]): void {
  const { documents, groupOf, documentation, partialFiles, literal } = input;
  const profile = options.profile ?? defaultProfile;
  const bundle = new ObjectIndex(documents, options.facts);
  const seenInGroup = new Map<string, Set<string>>();
  for (const doc of documents) {
    const placeholders = literal.has(doc.file) ? [] : placeholdersOf(doc);
    // the first placeholder a rule would have judged: one note per document says the field is unknown
    let unknownBecause: Placeholder | undefined;
    const report = (file: ManifestFile, metaOf: () => RuleMeta, subject: string | undefined, onError?: () => void) => (item: Report) => {
      const meta = metaOf();
      const held = placeholders.find((placeholder) => overlaps(item.range, placeholder.range));
      if (held) {
        unknownBecause ??= held;
        return;
      }
      const severity = item.severity ?? meta.severity;
      if (severity === 'error') onError?.();
      findings.push(
        makeFinding(file, meta, item.range, item.message, {
          severity,
          ...(item.fix ? { fix: item.fix } : {}),
          ...(subject ? { subject } : {}),
        }),
      );
    };
    for (const object of objectsOf(doc)) {
      for (const rule of objectRules) {
        rule.check({
          object, locator: doc.file.locator, report: report(doc.file, () => rule.meta, undefined),
          // the tree is read only where a finding needs its ranges (see ManifestDocument.node)
          get doc() { return doc.node; },
        });
      }
    }
    for (const claim of claimsOfDocument(doc)) {
      const stages = computeStages(claim, profile);
      const partial = documentation.has(doc.file) && (partialFiles.has(doc.file) || isFragment(claim.spec));
      let rejected = false;
      // one context per claim; `report` answers for the rule that is running
      let current = claimRules[0]!.meta;
      const send = report(doc.file, () => current, claim.label, () => (rejected = true));
      const context: ClaimContext = {
        claim, locator: doc.file.locator, stages, profile, bundle,
        get doc() { return doc.node; },
        report: send,
        rejected: () => rejected,
        firstInFile(key) {
          const group = groupOf.get(doc.file) ?? doc.file.path;
          let seen = seenInGroup.get(group);
          if (!seen) seenInGroup.set(group, (seen = new Set()));
          if (seen.has(key)) return false;
          seen.add(key);
          return true;
        },
      };
      for (const rule of claimRules) {
        if (partial && !dataSourceRuleIds.has(rule.meta.id)) continue;
        current = rule.meta;
        rule.check(context);
      }
    }
    if (unknownBecause) {
      findings.push(
        makeFinding(doc.file, placeholderValue, unknownBecause.range,
          `${JSON.stringify(unknownBecause.text)} is a placeholder, filled in before the cluster sees this document: ` +
            'the checks that need its value are skipped; lint the substituted output to check them'),
      );
    }
  }
}

/** A claim in prose that shows neither access modes nor a size is a fragment (usually its dataSource alone). */
function isFragment(spec: Record<string, unknown>): boolean {
  return spec.accessModes === undefined && spec.resources === undefined;
}

/** The same finding twice (one template note reached by two paths) is said once; input is sorted. */
function withoutRepeats(findings: Finding[]): Finding[] {
  return findings.filter((finding, i) => {
    const previous = findings[i - 1];
    return !previous || previous.ruleId !== finding.ruleId || previous.file !== finding.file ||
      previous.range.start !== finding.range.start || previous.range.end !== finding.range.end || previous.message !== finding.message;
  });
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
