import { parseAllDocuments } from 'yaml';
import { lint } from '@kubectl-clone/core';
import { generateSharedNames } from './generate-shared-names.js';
import { pairedMedians } from './measure.js';

export interface SharedNamesRow {
  documents: number;
  parseMs: number;
  lintMs: number;
  ratio: number;
}

export interface SharedNamesResult {
  rows: SharedNamesRow[];
  /** µs per document at the largest size over µs per document at 1,000 (target <= 1.5). */
  growth: number;
  /** lint over a bare parse at the largest size (target <= 1.5). */
  ratio: number;
}

/**
 * Issue 14 item 12: the same claim names in every tenant's namespace (generate-shared-names.ts).
 * lint and a bare `yaml` parse of the same text, interleaved in one process; the per-document
 * cost must stay flat from 1,000 documents up.
 */
export function sharedNames(sizes: readonly number[], runsFor: (documents: number) => number, log: (line: string) => void): SharedNamesResult {
  log('lint on shared claim names (one `data` claim per tenant namespace) vs a bare yaml parse');
  log('documents   parse ms    lint ms   ratio   µs/doc');
  const rows = sizes.map((documents): SharedNamesRow => {
    const text = generateSharedNames(documents);
    const { baseline, subject } = pairedMedians(
      runsFor(documents),
      () => void parseAllDocuments(text),
      () => void lint([{ path: 'tenants.yaml', text }]),
    );
    const row = { documents, parseMs: baseline, lintMs: subject, ratio: subject / baseline };
    log(`${String(documents).padStart(9)}  ${baseline.toFixed(1).padStart(9)}  ${subject.toFixed(1).padStart(9)}  ${row.ratio.toFixed(2).padStart(5)}x  ${((subject * 1000) / documents).toFixed(1).padStart(7)}`);
    return row;
  });
  const first = rows.find((row) => row.documents === 1000) ?? rows[0]!;
  const largest = rows[rows.length - 1]!;
  const growth = largest.lintMs / largest.documents / (first.lintMs / first.documents);
  log(`shared names: lint/parse at ${largest.documents} is ${largest.ratio.toFixed(2)}x; target <= 1.5x: ${largest.ratio <= 1.5 ? 'met' : 'MISSED'}`);
  log(`shared names: µs/doc at ${largest.documents} is ${growth.toFixed(2)}x that at ${first.documents}; linear (<= 1.5x): ${growth <= 1.5 ? 'met' : 'MISSED'}\n`);
  return { rows, growth, ratio: largest.ratio };
}
