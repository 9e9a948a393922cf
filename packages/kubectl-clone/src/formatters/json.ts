import type { Formatter } from './types.js';

/**
 * The stable contract (`-o json`): 1-based lines and columns; a fix's edits are 0-based UTF-16
 * offsets into the file as read, the same offsets JavaScript strings and VS Code use.
 */
export const formatJson: Formatter = (report) =>
  `${JSON.stringify(
    {
      findings: report.findings.map((finding) => ({
        file: finding.file,
        line: finding.start.line,
        column: finding.start.column,
        endLine: finding.end.line,
        endColumn: finding.end.column,
        ruleId: finding.ruleId,
        severity: finding.severity,
        message: finding.message,
        ...(finding.fix ? { fix: { title: finding.fix.title, edits: finding.fix.edits } } : {}),
      })),
      summary: {
        errors: report.counts.errors,
        warnings: report.counts.warnings,
        infos: report.counts.infos,
        files: report.files,
        documents: report.documents,
        ...(report.fixed > 0 ? { fixed: report.fixed } : {}),
      },
    },
    null,
    2,
  )}\n`;
