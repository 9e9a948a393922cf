import { parseManifests, defaultLimits } from '@kubectl-clone/core';
import { isMap, isScalar, type Document } from 'yaml';

/** A PersistentVolumeClaim written in a YAML file: where it starts, for a CodeLens above it. */
export interface ClaimInText {
  readonly name: string;
  /** metadata.namespace; undefined: the namespace it is applied into (the context's). */
  readonly namespace: string | undefined;
  /** Offset of the object's first key. */
  readonly start: number;
}

/** A `spec.dataSource(Ref).name` value: the source claim it names, for a hover over it. */
export interface SourceNameInText {
  readonly name: string;
  readonly namespace: string | undefined;
  readonly field: 'dataSource' | 'dataSourceRef';
  readonly start: number;
  readonly end: number;
}

interface ObjectAt {
  readonly node: Document.Parsed;
  readonly path: (string | number)[];
  readonly value: Record<string, unknown>;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value as Record<string, unknown> : undefined;
}

/** Claims of every document, the items of a `kind: List` included (the core's objectsOf rule). */
function claimObjects(path: string, text: string): ObjectAt[] {
  const objects: ObjectAt[] = [];
  for (const doc of parseManifests(path, text, defaultLimits).file.documents) {
    const top = record(doc.value);
    if (!top) continue;
    const items = top.kind !== undefined && String(top.kind).endsWith('List') && Array.isArray(top.items)
      ? (top.items as unknown[]).map((item, i) => ({ value: record(item), path: ['items', i] as (string | number)[] }))
      : [{ value: top, path: [] as (string | number)[] }];
    for (const item of items) {
      if (item.value?.kind === 'PersistentVolumeClaim') objects.push({ node: doc.node, path: item.path, value: item.value });
    }
  }
  return objects;
}

function metadataOf(value: Record<string, unknown>): { name?: string; namespace?: string } {
  const metadata = record(value.metadata) ?? {};
  return {
    ...(typeof metadata.name === 'string' ? { name: metadata.name } : {}),
    ...(typeof metadata.namespace === 'string' && metadata.namespace ? { namespace: metadata.namespace } : {}),
  };
}

export function claimsInText(path: string, text: string): ClaimInText[] {
  const claims: ClaimInText[] = [];
  for (const object of claimObjects(path, text)) {
    const { name, namespace } = metadataOf(object.value);
    if (!name) continue;
    const node = object.path.length ? object.node.getIn(object.path, true) : object.node.contents;
    const start = isMap(node) ? (node.items[0]?.key as { range?: [number, number, number] } | undefined)?.range?.[0] ?? node.range?.[0] : undefined;
    if (start === undefined) continue;
    claims.push({ name, namespace, start });
  }
  return claims;
}

export function sourceNameAt(path: string, text: string, offset: number): SourceNameInText | undefined {
  for (const object of claimObjects(path, text)) {
    for (const field of ['dataSourceRef', 'dataSource'] as const) {
      const node = object.node.getIn([...object.path, 'spec', field, 'name'], true);
      if (!isScalar(node) || !node.range || typeof node.value !== 'string') continue;
      const [start, end] = node.range;
      if (offset < start || offset > end) continue;
      const ref = record(record(object.value.spec)?.[field]);
      const refNamespace = field === 'dataSourceRef' && typeof ref?.namespace === 'string' && ref.namespace ? ref.namespace : undefined;
      return { name: node.value, namespace: refNamespace ?? metadataOf(object.value).namespace, field, start, end };
    }
  }
  return undefined;
}
