import { Document } from 'yaml';
import { compareFindings, type Finding } from './findings.js';
import { checkDocuments, type LintOptions } from './lint.js';
import { Locator } from './manifest/locator.js';
import type { ManifestDocument, ManifestFile } from './manifest/objects.js';

/**
 * The rules over objects made in memory (a clone plan): each object becomes a YAML document
 * without source text, so nothing is rendered and parsed back. Findings have no useful range;
 * their messages name the field.
 */
export function lintObjects(path: string, objects: readonly Record<string, unknown>[], options: LintOptions = {}): Finding[] {
  const documents: ManifestDocument[] = [];
  const file: ManifestFile = { path, text: '', locator: new Locator(''), documents };
  objects.forEach((object, index) => {
    documents.push({ file, index, range: { start: 0, end: 0 }, node: new Document(object) as Document.Parsed, value: object });
  });
  const findings: Finding[] = [];
  checkDocuments({ documents, groupOf: new Map(), documentation: new Set(), partialFiles: new Set(), literal: new Set() }, options, findings);
  return findings.sort(compareFindings);
}
