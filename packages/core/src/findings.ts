/**
 * What every rule reports. Offsets are 0-based UTF-16 indices into the file's text (what
 * JavaScript strings and VS Code's `document.positionAt` use); line and column are filled in
 * by the linter from the file's line table, 1-based as editors and `file:line:col` show them.
 */
export type Severity = 'error' | 'warning' | 'info';

/** Replace text[start, end) with newText. An insertion has start === end. */
export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

export interface Fix {
  /** What the fix does, for a quick-fix title ("Use kind: PersistentVolumeClaim"). */
  readonly title: string;
  /** Non-overlapping edits on the original text, applied together. */
  readonly edits: readonly TextEdit[];
}

export interface SourceRange {
  readonly start: number;
  readonly end: number;
}

export interface Position {
  /** 1-based */
  readonly line: number;
  /** 1-based, in UTF-16 code units */
  readonly column: number;
}

export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  readonly file: string;
  readonly range: SourceRange;
  readonly start: Position;
  readonly end: Position;
  /** The layer of Kubernetes that acts on this: see RuleMeta.layer. */
  readonly layer: Layer;
  readonly fix?: Fix;
  /** Which claim the finding is about, e.g. "PersistentVolumeClaim app/data-clone". */
  readonly subject?: string;
}

export type Layer =
  | 'yaml'
  | 'apiserver'
  | 'controller-manager'
  | 'external-provisioner'
  | 'csi-driver'
  | 'nobody';

const severityRank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function compareFindings(a: Finding, b: Finding): number {
  return (
    a.file.localeCompare(b.file) ||
    a.range.start - b.range.start ||
    severityRank[a.severity] - severityRank[b.severity] ||
    a.ruleId.localeCompare(b.ruleId)
  );
}

export interface FindingCounts {
  errors: number;
  warnings: number;
  infos: number;
}

export function countFindings(findings: readonly Finding[]): FindingCounts {
  const counts: FindingCounts = { errors: 0, warnings: 0, infos: 0 };
  for (const finding of findings) {
    if (finding.severity === 'error') counts.errors++;
    else if (finding.severity === 'warning') counts.warnings++;
    else counts.infos++;
  }
  return counts;
}
