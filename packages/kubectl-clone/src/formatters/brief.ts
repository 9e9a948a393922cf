import pc from 'picocolors';
import type { Finding } from '@kubectl-clone/core';

/** Findings about a plan (no file of the user's to point into): severity, message, rule id. */
export function formatFindingsBrief(findings: readonly Finding[], color: boolean): string {
  const paint = { error: pc.red, warning: pc.yellow, info: pc.blue };
  return findings
    .map((finding) => `${color ? paint[finding.severity](finding.severity) : finding.severity}: ${finding.message}  ${color ? pc.dim(finding.ruleId) : finding.ruleId}\n`)
    .join('');
}
