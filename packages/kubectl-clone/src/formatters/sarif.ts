import { allRules, docsUrl, type Severity } from '@kubectl-clone/core';
import type { Formatter } from './types.js';

const level: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/** SARIF 2.1.0, for GitHub code scanning and other SARIF viewers. */
export const formatSarif: Formatter = (report) => {
  const rules = allRules.map((meta) => ({
    id: meta.id,
    name: meta.title,
    shortDescription: { text: meta.title },
    helpUri: docsUrl(meta.id),
    defaultConfiguration: { level: level[meta.severity] },
    properties: { layer: meta.layer, reference: meta.reference },
  }));
  const index = new Map(rules.map((rule, i) => [rule.id, i]));
  const results = report.findings.map((finding) => ({
    ruleId: finding.ruleId,
    ...(index.has(finding.ruleId) ? { ruleIndex: index.get(finding.ruleId) } : {}),
    level: level[finding.severity],
    message: { text: finding.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: finding.file.split('\\').join('/') },
          region: {
            startLine: finding.start.line,
            startColumn: finding.start.column,
            endLine: finding.end.line,
            endColumn: finding.end.column,
          },
        },
      },
    ],
  }));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'kubectl-clone', informationUri: 'https://github.com/kubectl-clone/kubectl-clone', rules } }, results }],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
};
