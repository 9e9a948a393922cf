/**
 * Issue 14 item 13: past limits.retainSyntaxTrees a document's syntax tree is let go once its
 * value is read and parsed again where a finding needs it. Findings, ranges and fixes must be
 * exactly those of a lint that kept every tree.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixText, lint, type LintOptions } from '../src/lint.js';
import { defaultLimits } from '../src/manifest/limits.js';
import { parseManifests } from '../src/manifest/parse.js';
import { ruleExamples } from '../src/rules/examples.js';
import { exampleOptions } from '../scripts/generate-rule-docs.js';

const corpus = new URL('./fixtures/corpus/', import.meta.url);
const texts: [string, string, LintOptions][] = [
  ...readdirSync(corpus).filter((name) => name.endsWith('.yaml')).map((name): [string, string, LintOptions] => [name, readFileSync(new URL(name, corpus), 'utf8'), {}]),
  ...Object.entries(ruleExamples)
    .filter(([id]) => !['input-too-large', 'alias-limit'].includes(id))
    .map(([id, example]): [string, string, LintOptions] => [`example ${id}`, example.invalid, exampleOptions(example)]),
];
const letGo = (options: LintOptions): LintOptions => ({ ...options, limits: { ...(options.limits ?? defaultLimits), retainSyntaxTrees: 0 } });

describe('a file past retainSyntaxTrees', () => {
  for (const [name, text, options] of texts) {
    it(`${name}: the same findings, ranges and fixes as with every tree kept`, () => {
      const kept = lint([{ path: 'f.yaml', text }], options);
      const reparsed = lint([{ path: 'f.yaml', text }], letGo(options));
      expect(reparsed.findings).toEqual(kept.findings);
      expect(fixText({ path: 'f.yaml', text }, letGo(options)).text).toBe(fixText({ path: 'f.yaml', text }, options).text);
    });
  }

  it('keeps no tree until one is asked for, and the one it parses again has the file\'s offsets', () => {
    const text = '# lead\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n';
    const { file } = parseManifests('f.yaml', text, { ...defaultLimits, retainSyntaxTrees: 0 });
    const second = file.documents[1]!;
    expect((second as unknown as { tree: unknown }).tree).toBeUndefined();
    const name = second.node.getIn(['metadata', 'name'], true) as { range: [number, number, number] };
    expect(text.slice(name.range[0], name.range[1])).toBe('b');
  });
});
