import type { Document } from 'yaml';
import type { Locator } from './locator.js';
import type { SourceRange } from '../findings.js';
import type { Path } from './nodes.js';

export interface ManifestFile {
  readonly path: string;
  readonly text: string;
  readonly locator: Locator;
  readonly documents: readonly ManifestDocument[];
}

export interface ManifestDocument {
  readonly file: ManifestFile;
  /** 0-based position in the file's stream. */
  readonly index: number;
  /** The document's characters in the file's text. */
  readonly range: SourceRange;
  /** Its syntax tree, with source ranges (in a large file, parsed again when first asked for). */
  readonly node: Document.Parsed;
  /** Plain value (yaml's toJS with the alias limit). */
  readonly value: unknown;
}

/** A Kubernetes object in a document: the document itself, or an item of a `kind: List`. */
export interface ManifestObject {
  readonly doc: ManifestDocument;
  readonly path: Path;
  readonly value: Record<string, unknown>;
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string | undefined;
  /** metadata.namespace; undefined means "the namespace it is applied into". */
  readonly namespace: string | undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function stringField(value: unknown, key: string): string | undefined {
  if (!isRecord(value)) return undefined;
  const field = value[key];
  return typeof field === 'string' ? field : undefined;
}

export function recordField(value: unknown, key: string): Record<string, unknown> | undefined {
  if (!isRecord(value)) return undefined;
  const field = value[key];
  return isRecord(field) ? field : undefined;
}

export function arrayField(value: unknown, key: string): unknown[] {
  if (!isRecord(value)) return [];
  const field = value[key];
  return Array.isArray(field) ? field : [];
}

function toObject(doc: ManifestDocument, path: Path, value: unknown): ManifestObject | undefined {
  if (!isRecord(value)) return undefined;
  const kind = stringField(value, 'kind');
  if (!kind) return undefined;
  const metadata = recordField(value, 'metadata');
  return {
    doc,
    path,
    value,
    apiVersion: stringField(value, 'apiVersion') ?? '',
    kind,
    name: stringField(metadata, 'name'),
    namespace: stringField(metadata, 'namespace') || undefined,
  };
}

const objectsCache = new WeakMap<ManifestDocument, ManifestObject[]>();

/** Every object of a document, with `kind: List` (and `*List`) items flattened; read once per document. */
export function objectsOf(doc: ManifestDocument): ManifestObject[] {
  // most documents of a pathological stream are empty: only objects are worth remembering
  if (!isRecord(doc.value) || typeof doc.value.kind !== 'string') return [];
  let objects = objectsCache.get(doc);
  if (!objects) objectsCache.set(doc, (objects = readObjects(doc)));
  return objects;
}

function readObjects(doc: ManifestDocument): ManifestObject[] {
  const top = toObject(doc, [], doc.value);
  if (!top) return [];
  if (top.kind === 'List' || (top.kind.endsWith('List') && Array.isArray(top.value.items))) {
    const objects: ManifestObject[] = [];
    arrayField(top.value, 'items').forEach((item, i) => {
      const object = toObject(doc, ['items', i], item);
      if (object) objects.push(object);
    });
    return objects;
  }
  return [top];
}
