// Markdown and shell documents: the YAML in ```yaml fences and kubectl heredocs, with ranges and
// fix edits in the document's own offsets; the language comes from the editor (untitled works).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { codeActionsFor, fixAllTitle } from '../../src/code-actions.js';
import { fixAllEdit, languageOfDocument, lintDocument, toDiagnostic } from '../../src/diagnostics.js';
import { readSettings } from '../../src/settings.js';
import { applyEdit, fakeDocument, fakeVscode } from './fake-vscode.js';

const settings = readSettings(<T>(_key: string, fallback: T) => fallback);
const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
const markdown = fixture('embedded.md');
const shell = fixture('heredoc.sh');
const { Range } = fakeVscode;

describe('Markdown and shell documents', () => {
  it('maps VS Code language ids to the core\'s languages', () => {
    expect(['yaml', 'markdown', 'shellscript', 'plaintext', 'json'].map(languageOfDocument)).toEqual(['yaml', 'markdown', 'shell', undefined, undefined]);
  });

  it('finds the kind: pvc trap inside a ```yaml block of a list item, at its exact range in the file', () => {
    const findings = lintDocument('/work/embedded.md', markdown, settings, 'markdown');
    expect(findings.map((f) => [f.ruleId, f.severity])).toEqual([['datasource-silently-dropped', 'error']]);
    const diagnostic = toDiagnostic(fakeVscode, fakeDocument(markdown, 'file:///work/embedded.md'), findings[0]!) as unknown as { range: { start: object; end: object } };
    const line = markdown.split('\n').indexOf('       kind: pvc');
    expect(line).toBeGreaterThan(0);
    expect(diagnostic.range.start).toMatchObject({ line, character: 13 });
    expect(diagnostic.range.end).toMatchObject({ line, character: 16 });
  });

  it('takes the language from the editor: an untitled Markdown document is read as Markdown, not as YAML', () => {
    expect(lintDocument('untitled:Untitled-1', markdown, settings, 'markdown').map((f) => f.ruleId)).toEqual(['datasource-silently-dropped']);
    // the same text read as YAML is not a manifest at all (what the editor did before)
    expect(lintDocument('untitled:Untitled-1', markdown, settings, 'yaml').map((f) => f.ruleId)).not.toContain('datasource-silently-dropped');
  });

  it('finds the trap in a kubectl apply -f - <<EOF heredoc of a shell script', () => {
    const findings = lintDocument('untitled:Untitled-2', shell, settings, 'shell');
    const invalid = findings.find((f) => f.ruleId === 'volume-mode-invalid');
    expect(invalid?.severity).toBe('error');
    expect(shell.slice(invalid!.range.start, invalid!.range.end)).toBe('block');
  });

  it('the quick fix and fix-all change only the characters inside the block; the prose stays', () => {
    const document = fakeDocument(markdown, 'file:///work/embedded.md');
    const findings = lintDocument('/work/embedded.md', markdown, settings, 'markdown');
    const diagnostics = findings.map((finding) => toDiagnostic(fakeVscode, document, finding));
    const position = document.positionAt(markdown.indexOf('kind: pvc') + 7);
    const actions = codeActionsFor(fakeVscode, document, findings, new Range(position, position), { diagnostics }, settings, '/work/embedded.md', 'markdown');
    expect(actions.map((a) => [a.title, a.isPreferred ?? false])).toEqual([['Use kind: PersistentVolumeClaim', true], [fixAllTitle, false]]);
    const expected = markdown.replace('       kind: pvc\n', '       kind: PersistentVolumeClaim\n');
    expect(applyEdit(document, actions[0]!.edit)).toBe(expected);
    expect(applyEdit(document, actions[1]!.edit)).toBe(expected);
    expect(fixAllEdit('/work/embedded.md', markdown, settings, 'markdown')).toMatchObject({ newText: 'PersistentVolumeClaim', fixed: 1 });
  });

  it('fix-all in a shell script fixes the heredoc body only', () => {
    const edit = fixAllEdit('untitled:Untitled-2', shell, settings, 'shell')!;
    expect(shell.slice(0, edit.start) + edit.newText + shell.slice(edit.end)).toBe(shell.replace('volumeMode: block', 'volumeMode: Block'));
  });

  it('YAML documents lint as before (the language defaults to yaml)', () => {
    const trap = fixture('trap.yaml');
    expect(lintDocument('t.yaml', trap, settings)).toEqual(lintDocument('t.yaml', trap, settings, 'yaml'));
    expect(fixAllEdit('t.yaml', trap, settings)).toEqual({ start: trap.indexOf('pvc\n'), end: trap.indexOf('pvc\n') + 3, newText: 'PersistentVolumeClaim', fixed: 1 });
  });
});
