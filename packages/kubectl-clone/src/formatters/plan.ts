import type { ClonePlan } from '@kubectl-clone/core';

/** `-o plan`: the decisions and their reasons, findings without their ranges (they point into the generated manifest). */
export function formatPlanJson(plan: ClonePlan): string {
  return `${JSON.stringify({ ...plan, findings: plan.findings.map(({ ruleId, severity, message }) => ({ ruleId, severity, message })) }, null, 2)}\n`;
}
