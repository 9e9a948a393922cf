import { createColors } from 'picocolors';
import type { Finding } from '@kubectl-clone/core';

/** Findings about a plan (no file of the user's to point into): severity, message, rule id. */
export function formatFindingsBrief(findings: readonly Finding[], color: boolean): string {
  const c = createColors(color);
  const paint = { error: c.red, warning: c.yellow, info: c.blue };
  return findings
    .map((finding) => `${paint[finding.severity](finding.severity)}: ${finding.message}  ${c.dim(finding.ruleId)}\n`)
    .join('');
}
