import { isMap, isPair, isScalar, isCollection, isNode, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import type { SourceRange, TextEdit } from '../findings.js';
import type { Locator } from './locator.js';

/** A path into a document, as yaml's getIn takes it: map keys and sequence indices. */
export type Path = readonly (string | number)[];

export function nodeAt(doc: Document, path: Path): Node | undefined {
  const found = path.length === 0 ? doc.contents : doc.getIn(path, true);
  return isNode(found) ? found : undefined;
}

/** The key/value pair at `path` (the last element names the key). Pairs have no range of their own. */
export function pairAt(doc: Document, path: Path): Pair<Node, Node | null> | undefined {
  const parent = nodeAt(doc, path.slice(0, -1));
  const key = path[path.length - 1];
  if (!isMap(parent)) return undefined;
  for (const item of parent.items) {
    if (isPair(item) && isScalar(item.key) && item.key.value === key) {
      return item as Pair<Node, Node | null>;
    }
  }
  return undefined;
}

/** The value's characters (without trailing comments). */
export function valueRange(node: Node): SourceRange {
  const [start, valueEnd] = node.range ?? [0, 0, 0];
  return { start, end: valueEnd };
}

export function keyRange(pair: Pair<Node, Node | null>): SourceRange {
  return valueRange(pair.key);
}

/** The best range for a path: the value if present, else the key, else the closest ancestor. */
export function rangeAt(doc: Document, path: Path): SourceRange {
  for (let depth = path.length; depth >= 0; depth--) {
    const sub = path.slice(0, depth);
    const node = nodeAt(doc, sub);
    if (node?.range) return valueRange(node);
    if (depth > 0) {
      const pair = pairAt(doc, sub);
      if (pair) return keyRange(pair);
    }
  }
  return { start: 0, end: 0 };
}

/** Characters safe to write as a plain scalar that YAML reads back as the same string. */
export function scalarText(value: string): string {
  const plain = /^[A-Za-z_/][A-Za-z0-9._/-]*$/.test(value) || /^[0-9][0-9.]*[A-Za-z][A-Za-z0-9]*$/.test(value);
  const special = /^(true|false|null|yes|no|on|off|y|n|~)$/i.test(value);
  return plain && !special ? value : JSON.stringify(value);
}

export function replaceValueEdit(node: Node, newValue: string): TextEdit {
  const { start, end } = valueRange(node);
  return { start, end, newText: scalarText(newValue) };
}

export function replaceKeyEdit(pair: Pair<Node, Node | null>, newKey: string): TextEdit {
  const { start, end } = keyRange(pair);
  return { start, end, newText: newKey };
}

function isFlow(map: Node): boolean {
  return isCollection(map) && Boolean(map.flow);
}

/**
 * Insert `key: value` as the first entry of `map`, matching its layout: a new line at the same
 * indentation in block style, `key: value, ` after the brace in flow style.
 */
export function insertPairEdit(map: YAMLMap, locator: Locator, key: string, value: string): TextEdit | undefined {
  const first = map.items[0];
  const entry = `${key}: ${scalarText(value)}`;
  if (!first || !isPair(first) || !isNode(first.key) || !first.key.range) {
    if (isFlow(map) && map.range) return { start: map.range[0] + 1, end: map.range[0] + 1, newText: ` ${entry} ` };
    return undefined;
  }
  const at = first.key.range[0];
  if (isFlow(map)) return { start: at, end: at, newText: `${entry}, ` };
  const column = at - locator.lineStart(at);
  return { start: at, end: at, newText: `${entry}${locator.newlineAt(at)}${' '.repeat(column)}` };
}

/**
 * Remove a pair from a block map, whole lines included, so no blank line or dangling comment
 * stays behind. Returns undefined where removing it would need a re-layout (flow maps, the
 * first key of a sequence item): callers then offer another edit or no fix.
 */
export function removePairEdit(map: YAMLMap, pair: Pair<Node, Node | null>, locator: Locator): TextEdit | undefined {
  if (isFlow(map) || !isNode(pair.key) || !pair.key.range) return undefined;
  const keyStart = pair.key.range[0];
  const lineStart = locator.lineStart(keyStart);
  if (locator.text.slice(lineStart, keyStart).trim() !== '') return undefined;
  const valueEnd = pair.value?.range ? pair.value.range[1] : pair.key.range[1];
  // a block value (nested map) ends at its last character; the line holding it goes too
  const end = locator.lineEnd(Math.max(valueEnd - 1, keyStart));
  return { start: lineStart, end, newText: '' };
}
