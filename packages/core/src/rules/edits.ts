import { isMap } from 'yaml';
import type { SourceRange, TextEdit } from '../findings.js';
import type { DataSourceValue } from '../apiserver/data-sources.js';
import { insertPairEdit, keyRange, nodeAt, pairAt, rangeAt, removePairEdit, replaceKeyEdit, replaceValueEdit, type Path } from '../manifest/nodes.js';
import type { ClaimContext } from './types.js';

/**
 * Text edits and ranges on a claim's fields. Every fix is an edit of exact characters, so the
 * rest of the file (comments, quoting, indentation) stays as the user wrote it.
 */
export type SourceKey = 'apiGroup' | 'kind' | 'name' | 'namespace';

/** The field's value, or the data source's key (`dataSource:`) where the field is missing. */
export function sourceRange(context: ClaimContext, source: DataSourceValue, key?: SourceKey): SourceRange {
  if (key) {
    const node = nodeAt(context.doc, [...source.path, key]);
    if (node?.range) return rangeAt(context.doc, [...source.path, key]);
    const pair = pairAt(context.doc, [...source.path, key]);
    if (pair) return keyRange(pair);
  }
  const pair = pairAt(context.doc, source.path);
  return pair ? keyRange(pair) : rangeAt(context.doc, source.path);
}

/**
 * A field of the claim's spec: its value where written, else the key of its closest written
 * ancestor (`spec:`, `requests:`). A missing field has no characters of its own, and the whole
 * value of the ancestor map would underline half the document in an editor.
 */
export function specRange(context: ClaimContext, ...rest: string[]): SourceRange {
  const path = [...context.claim.specPath, ...rest];
  if (rest.length > 0) {
    const node = nodeAt(context.doc, path);
    if (node?.range) return rangeAt(context.doc, path);
  }
  for (let depth = path.length; depth > 0; depth--) {
    const pair = pairAt(context.doc, path.slice(0, depth));
    if (pair) return keyRange(pair);
  }
  return rangeAt(context.doc, path);
}

/** Set `key: value` in the map at `mapPath`: replace the value where present, else insert the pair. */
export function setFieldEdit(context: ClaimContext, mapPath: Path, key: string, value: string): TextEdit | undefined {
  const existing = nodeAt(context.doc, [...mapPath, key]);
  if (existing?.range) return replaceValueEdit(existing, value);
  const map = nodeAt(context.doc, mapPath);
  if (!isMap(map)) return undefined;
  const pair = pairAt(context.doc, [...mapPath, key]);
  if (pair) {
    // `key:` with no value: put the value after the colon
    const { end } = keyRange(pair);
    return { start: end, end: end + 1, newText: `: ${value}` };
  }
  return insertPairEdit(map, context.locator, key, value);
}

/** Remove `key` from the map at `mapPath`; where that needs a re-layout, write `""` instead if allowed. */
export function removeFieldEdit(context: ClaimContext, mapPath: Path, key: string, emptyInstead = false): TextEdit | undefined {
  const map = nodeAt(context.doc, mapPath);
  const pair = pairAt(context.doc, [...mapPath, key]);
  if (!isMap(map) || !pair) return undefined;
  const removal = removePairEdit(map, pair, context.locator);
  if (removal) return removal;
  if (emptyInstead && pair.value?.range) return { ...replaceValueEdit(pair.value, ''), newText: '""' };
  return undefined;
}

/** Rename the key at `path`; undefined when the map already has `newKey` (even as `newKey:` with no value). */
export function renameKeyEdit(context: ClaimContext, path: Path, newKey: string): TextEdit | undefined {
  const pair = pairAt(context.doc, path);
  if (!pair || pairAt(context.doc, [...path.slice(0, -1), newKey])) return undefined;
  return replaceKeyEdit(pair, newKey);
}

/** Drop undefined edits; a fix whose edits could not all be built is no fix. */
export function allEdits(edits: (TextEdit | undefined)[]): TextEdit[] | undefined {
  return edits.every((edit): edit is TextEdit => edit !== undefined) ? edits : undefined;
}
