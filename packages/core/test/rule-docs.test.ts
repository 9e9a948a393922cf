/**
 * The rule pages are generated (scripts/generate-rule-docs.ts): this fails when the committed
 * pages differ from what the generator writes, and checks the examples they are built from.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { docsDirectory, exampleOptions, renderRuleDocs, runExample } from '../scripts/generate-rule-docs.js';
import { lint } from '../src/lint.js';
import { ruleExamples } from '../src/rules/examples.js';
import { allRules } from '../src/rules/index.js';

describe('rule docs', () => {
  const pages = renderRuleDocs();

  it('are up to date (run `pnpm --filter @kubectl-clone/core docs:rules`)', () => {
    for (const [name, text] of pages) {
      const path = join(docsDirectory, name);
      expect(existsSync(path), `${name} is missing`).toBe(true);
      expect(readFileSync(path, 'utf8'), `${name} is stale`).toBe(text);
    }
    const stray = readdirSync(docsDirectory).filter((name) => name.endsWith('.md') && !pages.has(name));
    expect(stray, 'pages of rules that no longer exist').toEqual([]);
  });

  it('have a page and an example for every rule, and no example without a rule', () => {
    expect(Object.keys(ruleExamples).sort()).toEqual(allRules.map((meta) => meta.id).sort());
    expect(pages.size).toBe(allRules.length + 1);
  });

  for (const meta of allRules) {
    it(`${meta.id}: the invalid example triggers it, the valid one and the --fix output do not`, () => {
      const example = ruleExamples[meta.id]!;
      const { findings, fixed } = runExample(meta.id, example);
      expect(findings.length).toBeGreaterThan(0);
      // a rule that says it is not fixable never offers a fix
      if (!meta.fixable) expect(findings.filter((f) => f.fix)).toEqual([]);
      const options = exampleOptions(example);
      const ids = (text: string) => lint([{ path: 'clone.yaml', text }], options).findings.map((f) => f.ruleId);
      expect(ids(example.valid)).not.toContain(meta.id);
      if (fixed !== undefined) expect(ids(fixed)).not.toContain(meta.id);
    });
  }
});

describe('test coverage', () => {
  it('every rule has RuleTester cases under test/rules', () => {
    const directory = new URL('./rules/', import.meta.url);
    const sources = readdirSync(directory).map((name) => readFileSync(new URL(name, directory), 'utf8')).join('\n');
    const tested = new Set([...sources.matchAll(/runRuleTests\('([^']+)'/g)].map((m) => m[1]));
    expect(allRules.map((meta) => meta.id).filter((id) => !tested.has(id))).toEqual([]);
  });
});
