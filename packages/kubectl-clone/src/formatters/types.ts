import type { Finding, FindingCounts } from '@kubectl-clone/core';

export interface LintReport {
  readonly findings: readonly Finding[];
  readonly counts: FindingCounts;
  readonly files: number;
  readonly documents: number;
  /** Findings fixed by --fix (already applied to the files). */
  readonly fixed: number;
}

export type Formatter = (report: LintReport, options: { color: boolean }) => string;
