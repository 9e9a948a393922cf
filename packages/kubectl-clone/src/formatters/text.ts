import { createColors } from 'picocolors';
import type { Severity } from '@kubectl-clone/core';
import type { Formatter } from './types.js';

/** One line a finding, `file:line:col  severity  message  rule-id`, as ESLint's and markdownlint's CLIs print. */
export const formatText: Formatter = (report, { color }) => {
  const c = createColors(color);
  const paint: Record<Severity, (s: string) => string> = { error: c.red, warning: c.yellow, info: c.blue };
  const lines = report.findings.map(
    (finding) =>
      `${finding.file}:${finding.start.line}:${finding.start.column}  ${paint[finding.severity](finding.severity)}  ${finding.message}  ${c.dim(finding.ruleId)}`,
  );
  const { errors, warnings, infos } = report.counts;
  // info findings are notes, not problems: they neither count as one nor colour the summary
  const problems = errors + warnings;
  const scope = `${report.files} file${report.files === 1 ? '' : 's'}, ${report.documents} document${report.documents === 1 ? '' : 's'}`;
  const notes = infos > 0 ? `, ${infos} info` : '';
  if (report.fixed > 0) lines.push(c.green(`fixed ${report.fixed} finding${report.fixed === 1 ? '' : 's'}`));
  if (problems === 0) {
    if (lines.length > 0) lines.push('');
    lines.push(c.green(`no problems${notes} (${scope})`));
  } else {
    const summary = `${problems} problem${problems === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'})${notes} in ${scope}`;
    lines.push('', (errors > 0 ? c.red : c.yellow)(c.bold(summary)));
  }
  const fixable = report.findings.filter((finding) => finding.fix).length;
  if (fixable > 0) lines.push(c.dim(`${fixable} fixable with --fix`));
  return `${lines.join('\n')}\n`;
};
