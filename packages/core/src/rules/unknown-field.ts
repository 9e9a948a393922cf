import { isRecord } from '../manifest/objects.js';
import { keyRange, pairAt, type Path } from '../manifest/nodes.js';
import { schemaOf } from '../manifest/claim-schema.js';
import { renameKeyEdit } from './edits.js';
import type { ClaimRule } from './types.js';

/**
 * Decode. `kubectl apply` asks the apiserver for strict field validation: a field the API
 * does not define rejects the whole object. The fields come from the API's own schema (see
 * manifest/claim-schema.ts). dataSource.namespace is left to datasource-namespace-field, which
 * says where the lookup goes instead.
 */
export const unknownField: ClaimRule = {
  meta: {
    id: 'unknown-field',
    reference: 'decode',
    title: 'A field the Kubernetes API does not define',
    severity: 'error',
    layer: 'apiserver',
    phase: 'decode',
    upstreamMessage:
      'PersistentVolumeClaim in version "v1" cannot be handled as a PersistentVolumeClaim: strict decoding error: unknown field "<path>"',
    versions: 'all',
    fixable: true,
  },
  check(context) {
    const { claim } = context;
    const root = claim.origin === 'ephemeral' ? 'V1PersistentVolumeClaimTemplate' : 'V1PersistentVolumeClaim';
    const value = objectAt(claim.doc.value, claim.path);
    if (!isRecord(value)) return;
    const stack: { value: Record<string, unknown>; model: string; path: Path }[] = [{ value, model: root, path: claim.path }];
    while (stack.length > 0) {
      const { value: current, model, path } = stack.pop()!;
      const schema = schemaOf(model);
      if (!schema) continue;
      for (const [key, child] of Object.entries(current)) {
        const field = schema.fields.get(key);
        const childPath = [...path, key];
        if (!field) {
          if (model === 'V1TypedLocalObjectReference' && key === 'namespace') continue;
          // a kustomize patch's strategic-merge directives ($patch, $setElementOrder/...) are not fields
          if (key.startsWith('$')) continue;
          report(context, childPath, key, [...schema.fields.keys()], current);
          continue;
        }
        if (!field.model) continue;
        if (field.list && Array.isArray(child)) {
          child.forEach((item, i) => {
            if (isRecord(item)) stack.push({ value: item, model: field.model!, path: [...childPath, i] });
          });
        } else if (isRecord(child)) {
          stack.push({ value: child, model: field.model, path: childPath });
        }
      }
    }
  },
};

function report(context: Parameters<ClaimRule['check']>[0], path: Path, key: string, known: string[], parent: Record<string, unknown>): void {
  const pair = pairAt(context.doc, path);
  if (!pair) return;
  const shown = fieldPath(path);
  const caseFix = known.find((name) => name.toLowerCase() === key.toLowerCase());
  const near = caseFix ?? closest(key, known);
  const rejection = `kubectl apply rejects this claim ("strict decoding error: unknown field \\"${shown}\\"")`;
  if (caseFix && !(caseFix in parent)) {
    const edit = renameKeyEdit(context, path, caseFix);
    context.report({
      range: keyRange(pair),
      message: `unknown field "${shown}": ${rejection}; field names are case-sensitive: did you mean "${caseFix}"?`,
      ...(edit ? { fix: { title: `Rename to ${caseFix}`, edits: [edit] } } : {}),
    });
    return;
  }
  context.report({
    range: keyRange(pair),
    message: `unknown field "${shown}": ${rejection}` + (near ? `; did you mean "${near}"?` : `; a ${parentName(path)} has ${known.join(', ')}`),
  });
}

function objectAt(value: unknown, path: Path): unknown {
  let current = value;
  for (const key of path) current = isRecord(current) || Array.isArray(current) ? (current as Record<string | number, unknown>)[key] : undefined;
  return current;
}

/** "spec.volumeClaimTemplates[0].spec.fsType", as the apiserver names a field; a List's items[n] prefix is left out. */
function fieldPath(path: Path): string {
  const rest = path[0] === 'items' && typeof path[1] === 'number' ? path.slice(2) : path;
  return rest.map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`)).join('');
}

function parentName(path: Path): string {
  const parent = [...path.slice(0, -1)].reverse().find((part) => typeof part === 'string');
  return parent ? `${parent}` : 'claim';
}

/** The known name within an edit distance of 2 (a third of the name for short ones), if exactly one is nearest. */
function closest(key: string, known: readonly string[]): string | undefined {
  const limit = Math.min(2, Math.floor(key.length / 3));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const name of known) {
    const distance = editDistance(key.toLowerCase(), name.toLowerCase());
    if (distance < bestDistance) {
      best = name;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
