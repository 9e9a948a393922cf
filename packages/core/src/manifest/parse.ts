import { parseAllDocuments, type Document } from 'yaml';
import type { Finding, SourceRange } from '../findings.js';
import { aliasLimit, helmTemplate, inputTooLarge, yamlSyntax } from '../rules/parse-rules.js';
import type { RuleMeta } from '../rules/types.js';
import { findTemplateAction } from './helm.js';
import { defaultLimits, type ManifestLimits } from './limits.js';
import { Locator } from './locator.js';
import type { ManifestDocument, ManifestFile } from './objects.js';

export interface ParsedManifests {
  readonly file: ManifestFile;
  /** Syntax errors, refused inputs and skipped templates. */
  readonly findings: Finding[];
}

export function makeFinding(
  file: { path: string; locator: Locator },
  meta: RuleMeta,
  range: SourceRange,
  message: string,
  extra: Partial<Pick<Finding, 'fix' | 'severity' | 'subject'>> = {},
): Finding {
  return {
    ruleId: meta.id,
    severity: extra.severity ?? meta.severity,
    message,
    file: file.path,
    range,
    start: file.locator.position(range.start),
    end: file.locator.position(range.end),
    layer: meta.layer,
    ...(extra.fix ? { fix: extra.fix } : {}),
    ...(extra.subject ? { subject: extra.subject } : {}),
  };
}

/**
 * Read a multi-document YAML text. Every document keeps its nodes' source ranges; one
 * broken document is reported and skipped without hiding the others.
 */
export function parseManifests(path: string, text: string, limits: ManifestLimits = defaultLimits): ParsedManifests {
  const locator = new Locator(text);
  const documents: ManifestDocument[] = [];
  const file: ManifestFile = { path, text, locator, documents };
  const findings: Finding[] = [];

  if (text.length > limits.maxFileLength) {
    locator.ensureLines();
    findings.push(
      makeFinding(file, inputTooLarge, { start: 0, end: 0 },
        `input refused: ${text.length} characters is more than the limit of ${limits.maxFileLength}; ` +
          'split the file (a single Kubernetes object is at most a few MiB)'),
    );
    return { file, findings };
  }

  let parsed: Document.Parsed[];
  try {
    // logLevel 'error': yaml would otherwise print Node warnings (a map key that is itself a map) on our stderr
    const stream = parseAllDocuments(text, { lineCounter: locator.lineCounter, prettyErrors: false, logLevel: 'error' });
    parsed = Array.isArray(stream) ? stream : [];
  } catch (error) {
    // the parser recurses per nesting level: a pathological depth ends in a RangeError
    locator.ensureLines();
    findings.push(
      makeFinding(file, inputTooLarge, { start: 0, end: 0 },
        `input refused: the YAML could not be read (${error instanceof RangeError ? 'nesting too deep' : String(error)}); ` +
          'no Kubernetes object nests this deep'),
    );
    return { file, findings };
  }
  locator.ensureLines();

  parsed.forEach((node, index) => {
    const [docStart, , docEnd] = node.range;
    const templateAt = findTemplateAction(text.slice(docStart, docEnd));
    if (templateAt !== -1) {
      const at = docStart + templateAt;
      findings.push(
        makeFinding(file, helmTemplate, { start: at, end: locator.lineEnd(at) - 1 },
          'this document is an unrendered Helm template and was not linted; render it first ' +
            '(helm template . | kubectl clone lint -)'),
      );
      return;
    }
    if (node.errors.length > 0) {
      for (const error of node.errors) {
        // an error at the end of input (a quote never closed) is reported one past the last character
        const start = Math.min(error.pos[0], text.length);
        const end = Math.min(Math.max(error.pos[1], start), text.length);
        findings.push(makeFinding(file, yamlSyntax, { start, end }, `YAML syntax error: ${firstLine(error.message)}`));
      }
      return;
    }
    let value: unknown;
    try {
      value = node.toJS({ maxAliasCount: limits.maxAliasCount });
    } catch (error) {
      findings.push(
        makeFinding(file, aliasLimit, { start: docStart, end: locator.lineEnd(docStart) - 1 },
          `input refused: this document expands YAML aliases more than ${limits.maxAliasCount} times ` +
            '(a "billion laughs" pattern); write the values out instead of aliasing them'),
      );
      void error;
      return;
    }
    documents.push({ file, index, node, value });
  });
  return { file, findings };
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
