import { readFileSync } from 'node:fs';
import type * as vscode from 'vscode';
import { describe, expect, it } from 'vitest';
import { codeActionsFor, fixAllTitle } from '../../src/code-actions.js';
import { lintDocument, toDiagnostic } from '../../src/diagnostics.js';
import { readSettings } from '../../src/settings.js';
import { applyEdit, fakeDocument, fakeVscode } from './fake-vscode.js';

const settings = readSettings(<T>(_key: string, fallback: T) => fallback);
const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
const { Range, CodeActionKind } = fakeVscode;

function actionsAt(text: string, offset: number, only?: vscode.CodeActionKind) {
  const document = fakeDocument(text);
  const findings = lintDocument('t.yaml', text, settings);
  const diagnostics = findings.map((finding) => toDiagnostic(fakeVscode, document, finding));
  const position = document.positionAt(offset);
  const actions = codeActionsFor(fakeVscode, document, findings, new Range(position, position), { diagnostics, ...(only ? { only } : {}) }, settings, 't.yaml');
  return { document, actions, diagnostics };
}

describe('code actions', () => {
  it('offers the preferred quick fix of the finding under the cursor, then fix-all', () => {
    const text = fixture('trap.yaml');
    const { document, actions, diagnostics } = actionsAt(text, text.indexOf('pvc\n') + 1);
    expect(actions.map((a) => [a.title, a.kind?.value, a.isPreferred ?? false])).toEqual([
      ['Use kind: PersistentVolumeClaim', 'quickfix', true],
      [fixAllTitle, 'quickfix', false],
    ]);
    expect(actions[0]!.diagnostics).toEqual([diagnostics[0]]);
    expect(applyEdit(document, actions[0]!.edit)).toBe(text.replace('kind: pvc', 'kind: PersistentVolumeClaim'));
  });

  it('offers nothing away from a fixable finding', () => {
    const text = fixture('trap.yaml');
    expect(actionsAt(text, text.indexOf('metadata')).actions).toEqual([]);
    const clean = text.replace('kind: pvc', 'kind: PersistentVolumeClaim');
    expect(actionsAt(clean, clean.indexOf('PersistentVolumeClaim\n    name')).actions).toEqual([]);
  });

  it('fix-all fixes every document of the file, exactly', () => {
    const text = fixture('two-traps.yaml');
    const { document, actions } = actionsAt(text, text.indexOf('block'));
    expect(actions.map((a) => a.title)).toEqual(['Use Block', fixAllTitle]);
    expect(applyEdit(document, actions[1]!.edit)).toBe(text.replace('kind: pvc', 'kind: PersistentVolumeClaim').replace('volumeMode: block', 'volumeMode: Block'));
  });

  it('answers source.fixAll (on save) with only the file-wide fix, of kind source.fixAll.kubectlClone', () => {
    const text = fixture('two-traps.yaml');
    const { actions } = actionsAt(text, 0, CodeActionKind.SourceFixAll);
    expect(actions.map((a) => [a.title, a.kind?.value])).toEqual([[fixAllTitle, 'source.fixAll.kubectlClone']]);
    expect(actionsAt(text, 0, CodeActionKind.Source).actions).toHaveLength(1);
    expect(actionsAt(text, 0, CodeActionKind.Source.append('organizeImports')).actions).toEqual([]);
  });
});
