import { parseAllDocuments } from 'yaml';
import { lint } from '@kubectl-clone/core';
import { generateBundle } from './generate-bundle.js';
import { pairedMedians } from './measure.js';

export interface ThroughputResult {
  documents: number;
  megabytes: number;
  parseMs: number;
  lintMs: number;
  ratio: number;
  findings: number;
}

/** lint() (parse + rules + ranges) against a bare `yaml` parse of the same text, in one process. */
export function lintThroughput(documents: number, runs: number): ThroughputResult {
  const text = generateBundle(documents);
  let findings = 0;
  const { baseline, subject } = pairedMedians(
    runs,
    () => void parseAllDocuments(text),
    () => {
      findings = lint([{ path: 'bench.yaml', text }]).findings.length;
    },
  );
  return { documents, megabytes: text.length / 1e6, parseMs: baseline, lintMs: subject, ratio: subject / baseline, findings };
}
