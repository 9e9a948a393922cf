/**
 * What the manifest reader reports before any Kubernetes rule: syntax errors (one broken document
 * hides nothing else), unrendered Helm templates, and inputs refused to keep lint bounded.
 */
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/lint.js';
import { defaultLimits } from '../../src/manifest/limits.js';
import { runRuleTests } from '../rule-tester.js';

const claim =
  'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: c}\nspec:\n  accessModes: [ReadWriteOnce]\n' +
  '  resources: {requests: {storage: 1Gi}}\n  dataSource: {kind: pvc, name: x}\n';

runRuleTests('yaml-syntax', {
  valid: [claim, 'a: [1, 2]\n---\n' + claim, '# only a comment\n', ''],
  invalid: [
    {
      name: 'an unclosed flow sequence is reported where the parser gives up',
      text: 'a: [1, 2\n«-»--\n' + claim,
      findings: [{ message: 'YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]', severity: 'error' }],
      output: null,
    },
    {
      name: 'a tab-indented key',
      text: claim + '---\nkind: PersistentVolumeClaim\nmetadata:\n«\t»name: x\n',
      findings: [{ message: { contains: 'YAML syntax error: ' }, severity: 'error' }],
      output: null,
    },
  ],
});

describe('a syntax error hides nothing else', () => {
  it('the next document is still linted', () => {
    const text = 'a: [1, 2\n---\n' + claim;
    const ids = lint([{ path: 'f.yaml', text }]).findings.map((finding) => finding.ruleId);
    expect(ids).toContain('yaml-syntax');
    expect(ids).toContain('datasource-silently-dropped');
  });
  it('and another file of the bundle too', () => {
    const result = lint([{ path: 'broken.yaml', text: 'a: [' }, { path: 'ok.yaml', text: claim }]);
    expect(result.findings.filter((f) => f.file === 'ok.yaml').map((f) => f.ruleId)).toContain('datasource-silently-dropped');
  });
});

const helmMessage = 'this document is an unrendered Helm template and was not linted; render it first (helm template . | kubectl clone lint -)';
runRuleTests('unrendered-template', {
  valid: [claim, { name: 'braces in a quoted value are not template actions', text: claim.replace('name: c}', 'name: c, annotations: {note: "{not a template}"}}') }],
  invalid: [
    {
      name: 'a chart template: reported, not linted, not crashing',
      text: 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: «{{ include "app.fullname" . }}-clone»\nspec:\n' +
        '  dataSource: {kind: pvc, name: x}\n{{- if .Values.x }}\n  storageClassName: {{ .Values.x }}\n{{- end }}\n',
      findings: [{ message: helmMessage, severity: 'info' }],
      output: null,
    },
    {
      name: 'only the templated document is skipped',
      text: claim.replace('{kind: pvc, name: x}', '{kind: PersistentVolumeClaim, name: x}') + '---\nkind: PersistentVolumeClaim\nmetadata:\n  name: «{{ .Values.name }}»\n',
      findings: [{ message: helmMessage, severity: 'info' }],
      output: null,
    },
  ],
});

runRuleTests('input-too-large', {
  valid: [claim],
  invalid: [
    {
      name: 'over maxFileLength',
      limits: { ...defaultLimits, maxFileLength: 100 },
      text: '«»' + claim,
      findings: [{ message: `input refused: ${claim.length} characters is more than the limit of 100; split the file (a single Kubernetes object is at most a few MiB)`, severity: 'error' }],
      output: null,
    },
  ],
});

describe('input-too-large: pathological nesting', () => {
  it('is refused or parsed, never thrown', () => {
    const text = '['.repeat(20000) + ']'.repeat(20000);
    expect(() => lint([{ path: 'deep.yaml', text }])).not.toThrow();
  });
});

const bomb =
  'a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\n' +
  'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]\n' +
  'g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f,*f]\nh: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g,*g]\ni: [*h,*h,*h,*h,*h,*h,*h,*h,*h,*h]\n';
runRuleTests('alias-limit', {
  valid: [claim, { name: 'a few aliases are fine', text: 'x: &x {a: 1}\ny: *x\nz: *x\n' }],
  invalid: [
    {
      name: 'a billion laughs',
      text: '«a: &a [x,x,x,x,x,x,x,x,x,x]»' + bomb.slice(bomb.indexOf('\n')) + '---\n' + claim,
      findings: [{ message: 'input refused: this document expands YAML aliases more than 100 times (a "billion laughs" pattern); write the values out instead of aliasing them', severity: 'error' }],
      output: null,
    },
  ],
});

describe('alias-limit: bounded time', () => {
  it('refuses a 10^9 expansion quickly and still lints the next document', () => {
    const started = performance.now();
    const result = lint([{ path: 'bomb.yaml', text: bomb + '---\n' + claim }]);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(result.findings.map((f) => f.ruleId)).toEqual(['alias-limit', 'datasource-silently-dropped']);
  });
});
