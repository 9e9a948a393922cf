import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { claimsInText, sourceNameAt } from '../../src/yaml-claims.js';

const twoTraps = readFileSync(new URL('../fixtures/two-traps.yaml', import.meta.url), 'utf8');

describe('claims in YAML text', () => {
  it('finds each PVC with its name, namespace and first key (for the CodeLens)', () => {
    const claims = claimsInText('t.yaml', twoTraps);
    expect(claims).toEqual([
      { name: 'data-clone', namespace: undefined, start: 0 },
      { name: 'raw-clone', namespace: undefined, start: twoTraps.indexOf('apiVersion', 10) },
    ]);
    const list = 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: PersistentVolumeClaim\n  metadata: {name: a, namespace: shop}\n- kind: ConfigMap\n  metadata: {name: b}\n';
    expect(claimsInText('l.yaml', list)).toEqual([{ name: 'a', namespace: 'shop', start: list.indexOf('apiVersion: v1\n  kind') }]);
  });

  it('finds the data source name under the cursor, with the namespace it resolves in', () => {
    const offset = twoTraps.indexOf('name: raw\n') + 7;
    expect(sourceNameAt('t.yaml', twoTraps, offset)).toEqual({ name: 'raw', namespace: undefined, field: 'dataSource', start: offset - 1, end: offset + 2 });
    expect(sourceNameAt('t.yaml', twoTraps, twoTraps.indexOf('raw-clone'))).toBeUndefined();
    const ref = 'kind: PersistentVolumeClaim\nmetadata: {name: c, namespace: dev}\nspec:\n  dataSourceRef: {kind: PersistentVolumeClaim, name: src, namespace: prod}\n';
    expect(sourceNameAt('r.yaml', ref, ref.indexOf('src'))).toMatchObject({ name: 'src', namespace: 'prod', field: 'dataSourceRef' });
    const same = ref.replace(', namespace: prod', '');
    expect(sourceNameAt('r.yaml', same, same.indexOf('src'))).toMatchObject({ name: 'src', namespace: 'dev' });
  });
});
