import { describe, expect, it } from 'vitest';
import { claimNameProblem, cloneWorkload, DurationError, lint, parseDurationMs, isDns1123Subdomain } from '../src/index.js';

describe('the one duration parser', () => {
  it('takes Go units plus d and w, combined', () => {
    expect(parseDurationMs('90s')).toBe(90_000);
    expect(parseDurationMs('1h30m')).toBe(5_400_000);
    expect(parseDurationMs('2w')).toBe(14 * 86_400_000);
    expect(parseDurationMs('1.5h')).toBe(5_400_000);
  });
  for (const bad of ['-5s', 'abc', '', '5', '5 m', '2x']) {
    it(`refuses ${JSON.stringify(bad)}`, () => expect(() => parseDurationMs(bad)).toThrow(DurationError));
  }
});

describe('claim names', () => {
  it('a 254-character name is too long, and the suggestion is valid', () => {
    const problem = claimNameProblem('a'.repeat(254))!;
    expect(problem).toContain('(254 characters): a claim name is at most 253 characters');
    const suggestion = /e\.g\. "([^"]+)"/.exec(problem)![1]!;
    expect(isDns1123Subdomain(suggestion)).toBe(true);
  });
  it('a long name with dots and dashes at the cut still gets a valid suggestion', () => {
    const problem = claimNameProblem(`${'a'.repeat(250)}.-bcd`)!;
    const suggestion = /e\.g\. "([^"]+)"/.exec(problem)?.[1];
    expect(suggestion && isDns1123Subdomain(suggestion)).toBe(true);
  });
  for (const name of ['Data', 'x-.y', 'a..b', '-a', 'a_b']) {
    it(`${name}: the suggestion is valid`, () => {
      const suggestion = /e\.g\. "([^"]+)"/.exec(claimNameProblem(name)!)?.[1];
      expect(suggestion && isDns1123Subdomain(suggestion)).toBe(true);
    });
  }
  it('a valid name has no problem', () => expect(claimNameProblem('data-clone.v1')).toBeUndefined());
});

describe('generated objects', () => {
  it('a workload copy without labels gets no `labels: {}`', () => {
    const copy = cloneWorkload({
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' },
      spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'data' } }] } } },
    }, new Map([['data', 'data-copy']]), '-copy');
    expect(copy.metadata).not.toHaveProperty('labels');
  });
});

describe('documents', () => {
  it('a trailing --- or a comment-only document is not counted', () => {
    expect(lint([{ path: 'a.yaml', text: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n' }]).documents).toBe(1);
    expect(lint([{ path: 'a.yaml', text: '---\n# nothing\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n' }]).documents).toBe(1);
  });
});
