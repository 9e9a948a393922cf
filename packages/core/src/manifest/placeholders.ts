import { visit } from 'yaml';
import type { ManifestDocument } from './objects.js';
import type { SourceRange } from '../findings.js';

/**
 * Values that stand for a value someone else fills in before the cluster sees it: Flux
 * post-build substitution and envsubst (`${VAR}`, `${VAR:=default}`, `$VAR`), shell command
 * substitution (`$(...)`), a Go template in a string (`"{{ .Values.size }}"`), and a
 * documentation placeholder (`<size>`). Such a field is unknown, never wrong.
 */
const placeholder = /\$\{[^}\s]*\}|\$\([^)]*\)|\{\{.*?\}\}|\$[A-Z_][A-Z0-9_]*|^<[^<>\n]+>$/;
/** A cheap look at the document's text first: most documents hold none of these characters. */
const maybe = /\$[{(A-Z_]|\{\{|:[ \t]+["']?</;

export interface Placeholder {
  readonly range: SourceRange;
  readonly text: string;
}

export function placeholdersOf(doc: ManifestDocument): Placeholder[] {
  if (!maybe.test(doc.file.text.slice(doc.range.start, doc.range.end))) return [];
  const found: Placeholder[] = [];
  visit(doc.node, {
    Scalar(key, node) {
      if (key === 'key' || typeof node.value !== 'string' || !node.range) return;
      if (placeholder.test(node.value)) found.push({ range: { start: node.range[0], end: node.range[1] }, text: node.value });
    },
  });
  return found;
}

export function isPlaceholder(value: unknown): boolean {
  return typeof value === 'string' && placeholder.test(value);
}

export function overlaps(a: SourceRange, b: SourceRange): boolean {
  if (a.start === a.end) return a.start >= b.start && a.start <= b.end;
  return a.start < b.end && b.start < a.end;
}

