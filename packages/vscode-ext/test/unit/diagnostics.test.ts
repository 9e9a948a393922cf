import { readFileSync } from 'node:fs';
import { docsUrl } from '@kubectl-clone/core';
import { describe, expect, it } from 'vitest';
import { fixAllEdit, lintDocument, toDiagnostic } from '../../src/diagnostics.js';
import { readSettings } from '../../src/settings.js';
import { fakeDocument, fakeVscode } from './fake-vscode.js';

const trap = readFileSync(new URL('../fixtures/trap.yaml', import.meta.url), 'utf8');
const settingsOf = (values: Record<string, unknown> = {}) =>
  readSettings(<T>(key: string, fallback: T) => (key in values ? values[key] as T : fallback));

describe('diagnostics', () => {
  it('maps the kind: pvc trap to an Error on exactly "pvc", linked to its docs page', () => {
    const document = fakeDocument(trap);
    const findings = lintDocument('/work/trap.yaml', trap, settingsOf());
    expect(findings.map((finding) => finding.ruleId)).toEqual(['datasource-silently-dropped']);
    const diagnostic = toDiagnostic(fakeVscode, document, findings[0]!) as unknown as {
      range: { start: { line: number; character: number }; end: { line: number; character: number } };
      severity: number; source: string; message: string; code: { value: string; target: { toString(): string } };
    };
    const line = trap.split('\n').findIndex((text) => text === '    kind: pvc');
    expect(diagnostic.range.start).toMatchObject({ line, character: 10 });
    expect(diagnostic.range.end).toMatchObject({ line, character: 13 });
    expect(diagnostic.severity).toBe(fakeVscode.DiagnosticSeverity.Error);
    expect(diagnostic.source).toBe('kubectl-clone');
    expect(diagnostic.message).toMatch(/silently drop this dataSource and provision an EMPTY volume/);
    expect(diagnostic.code.value).toBe('datasource-silently-dropped');
    expect(diagnostic.code.target.toString()).toBe(docsUrl('datasource-silently-dropped'));
  });

  it('takes severities from kubectlClone.rules, "off" removing the finding', () => {
    const asWarning = lintDocument('t.yaml', trap, settingsOf({ rules: { 'datasource-silently-dropped': 'warning' } }));
    expect(asWarning.map((f) => [f.ruleId, f.severity])).toEqual([['datasource-silently-dropped', 'warning']]);
    expect(toDiagnostic(fakeVscode, fakeDocument(trap), asWarning[0]!).severity).toBe(fakeVscode.DiagnosticSeverity.Warning);
    const asInfo = lintDocument('t.yaml', trap, settingsOf({ rules: { 'datasource-silently-dropped': 'info' } }));
    expect(toDiagnostic(fakeVscode, fakeDocument(trap), asInfo[0]!).severity).toBe(fakeVscode.DiagnosticSeverity.Information);
    expect(lintDocument('t.yaml', trap, settingsOf({ rules: { 'datasource-silently-dropped': 'off' } }))).toEqual([]);
  });

  it('reports bad settings instead of failing, and keeps linting with the defaults', () => {
    const settings = settingsOf({ rules: { 'no-such-rule': 'error', 'datasource-silently-dropped': 'loud' }, kubernetesVersion: 'latest' });
    expect(settings.problems).toEqual([
      'kubectlClone.rules: unknown rule id "no-such-rule"',
      'kubectlClone.rules["datasource-silently-dropped"]: "loud" is not one of error, warning, info, off',
      expect.stringMatching(/^kubectlClone.kubernetesVersion\/featureGates: invalid version "latest"/),
    ]);
    expect(lintDocument('t.yaml', trap, settings).map((f) => f.severity)).toEqual(['error']);
  });

  it('judges by the target profile: dataSourceRef is dropped below 1.24, cross-namespace needs the gate', () => {
    const ref = trap.replace('  dataSource:\n    kind: pvc\n    name: data\n', '  dataSourceRef:\n    kind: PersistentVolumeClaim\n    name: data\n');
    const ids = (values: Record<string, unknown>) => lintDocument('t.yaml', ref, settingsOf(values)).map((f) => f.ruleId);
    expect(ids({ kubernetesVersion: '1.34' })).not.toContain('datasource-ref-unsupported');
    expect(ids({ kubernetesVersion: '1.23' })).toContain('datasource-ref-unsupported');
    const crossNamespace = ref.replace('    name: data\n', '    name: data\n    namespace: prod\n');
    const dropped = lintDocument('t.yaml', crossNamespace, settingsOf()).find((f) => f.ruleId === 'cross-namespace-ref-dropped');
    expect(dropped?.severity).toBe('error');
    const gated = lintDocument('t.yaml', crossNamespace, settingsOf({ featureGates: 'CrossNamespaceVolumeDataSource=true' }));
    expect(gated.find((f) => f.ruleId === 'cross-namespace-ref-dropped')?.severity ?? 'none').not.toBe('error');
  });

  it('lints untitled text and YAML syntax errors with a range', () => {
    const broken = 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: x\n';
    const findings = lintDocument('untitled:Untitled-1', broken, settingsOf());
    expect(findings.length).toBeGreaterThan(0);
    expect(findings[0]!.severity).toBe('error');
    expect(findings[0]!.range.end).toBeGreaterThanOrEqual(findings[0]!.range.start);
  });

  it('fix-all is one minimal edit covering only the changed middle', () => {
    const edit = fixAllEdit('t.yaml', trap, settingsOf())!;
    expect(edit).toEqual({ start: trap.indexOf('pvc\n'), end: trap.indexOf('pvc\n') + 3, newText: 'PersistentVolumeClaim', fixed: 1 });
    expect(fixAllEdit('t.yaml', trap.replace('kind: pvc', 'kind: PersistentVolumeClaim'), settingsOf())).toBeUndefined();
  });
});
