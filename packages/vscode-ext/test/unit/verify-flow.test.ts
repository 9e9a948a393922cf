// "Verify clone": the flow's request and words with a session whose runVerify is scripted (the
// verify itself runs on the sandbox: test/e2e/node/verify.test.ts), and the menu entry showing on
// bound clones only (the package.json `when` against the tree's contextValue).
import { readFileSync } from 'node:fs';
import type { VerifyOutcome, VerifyRequest } from '@kubectl-clone/core/verify';
import { VerifyError } from '@kubectl-clone/core/verify';
import { describe, expect, it } from 'vitest';
import type { ClusterSession } from '../../src/cluster-session.js';
import { toTreeItem } from '../../src/tree-items.js';
import type { ClaimNode } from '../../src/tree-model.js';
import { verifyClone } from '../../src/verify-flow.js';
import { fakeVscode } from './fake-vscode.js';

const outcome = (over: Partial<VerifyOutcome> = {}): VerifyOutcome => ({
  identical: true, files: 3, bytes: 14, entries: 7, differences: [], volumeMode: 'Filesystem',
  source: { namespace: 'shop', name: 'data', context: 'sandbox' }, clone: { namespace: 'shop', name: 'data-clone', context: 'sandbox' },
  sourceInUse: [], warnings: [], seconds: 2.5, ...over,
});

function session(answer: (request: VerifyRequest) => Promise<VerifyOutcome>) {
  const requests: VerifyRequest[] = [];
  const fake = {
    context: 'sandbox', namespace: 'shop', server: 'https://127.0.0.1:1', source: 'test',
    runVerify: async (request: VerifyRequest, io: { note(text: string): void }) => {
      requests.push(request);
      io.note('started verify pod shop/verify-data-clone-both-abcde');
      return answer(request);
    },
  } as unknown as ClusterSession;
  return { fake, requests };
}

function ui() {
  const progress: string[] = [];
  const log: string[] = [];
  return { progress, log, ui: { progress: (text: string) => progress.push(text), log: (text: string) => log.push(text) } };
}

const node = { namespace: 'shop', name: 'data-clone', source: 'shop/data' };
const options = { image: 'busybox:1.37.0', podTimeoutMs: 120_000 };

describe('verifyClone', () => {
  it('asks the core to compare the clone with the source its tree node names, and says identical with the counts', async () => {
    const { fake, requests } = session(async () => outcome());
    const { ui: recorder, progress, log } = ui();
    const result = await verifyClone(fake, node, options, recorder);
    expect(requests).toEqual([{ source: { namespace: 'shop', name: 'data' }, clone: { namespace: 'shop', name: 'data-clone' }, image: 'busybox:1.37.0', podTimeoutMs: 120_000 }]);
    expect(result).toMatchObject({ result: 'identical', message: 'shop/data-clone is identical to shop/data (3 files, 14 bytes)' });
    expect(progress).toEqual(['starting a verify pod for shop/data-clone…', 'comparing shop/data and shop/data-clone…']);
    expect(log).toContain('verify: started verify pod shop/verify-data-clone-both-abcde');
  });

  it('a different clone: the count and the first three paths in the message, every path in the log, the source in use named', async () => {
    const differences = ['a', 'b', 'c', 'd'].map((path) => ({ path, what: 'content' as const, source: 'sha256 aaaaaaaaaaaa', clone: 'sha256 bbbbbbbbbbbb' }));
    const { fake } = session(async () => outcome({ identical: false, differences, sourceInUse: ['shop/writer'] }));
    const { ui: recorder, log } = ui();
    const result = await verifyClone(fake, { namespace: 'other', name: 'copy', source: 'shop/data' }, options, recorder);
    expect(result.result).toBe('different');
    expect(result.message).toBe('other/copy differs from shop/data: 4 differences in 4 paths: a: content (source sha256 aaaaaaaaaaaa, clone sha256 bbbbbbbbbbbb); b: content (source sha256 aaaaaaaaaaaa, clone sha256 bbbbbbbbbbbb); c: content (source sha256 aaaaaaaaaaaa, clone sha256 bbbbbbbbbbbb); and 1 more (see the log) (source is in use by pod shop/writer: differences may be writes after the clone)');
    expect(log.filter((line) => line.startsWith('verify:   '))).toHaveLength(4);
  });

  it('a failure is the core\'s one line; a cancel is a cancel; a clone without a source is refused before any pod', async () => {
    const failing = session(async () => { throw new VerifyError('namespace shop enforces Pod Security "restricted", which forbids the verify pod'); });
    expect(await verifyClone(failing.fake, node, options, ui().ui)).toEqual({ result: 'failed', message: 'kubectl-clone: verify of shop/data-clone failed: namespace shop enforces Pod Security "restricted", which forbids the verify pod' });

    const abort = new AbortController();
    const cancelled = session(async (request) => { abort.abort(); expect(request.signal).toBe(abort.signal); throw new VerifyError('interrupted while walking the source'); });
    expect((await verifyClone(cancelled.fake, node, { ...options, signal: abort.signal }, ui().ui)).result).toBe('cancelled');

    const unused = session(async () => outcome());
    expect(await verifyClone(unused.fake, { namespace: 'shop', name: 'plain' }, options, ui().ui)).toMatchObject({ result: 'failed' });
    expect(unused.requests).toEqual([]);
  });
});

describe('the "Verify Clone" menu entry', () => {
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    contributes: { menus: Record<string, { command: string; when?: string }[]>; commands: { command: string; enablement?: string }[] };
  };
  const when = manifest.contributes.menus['view/item/context']!.find((entry) => entry.command === 'kubectlClone.verifyClone')!.when!;
  const viewItem = new RegExp(/viewItem =~ \/(.+?)\/ /.exec(when)![1]!);
  const claim = (status: string, source?: string): ClaimNode => ({ kind: 'claim', namespace: 'shop', name: 'x', status, size: '1Gi', storageClass: 'csi-hostpath', age: '1m', children: [], ...(source ? { source } : {}) }) as unknown as ClaimNode;

  it('shows on a Bound clone only, in a trusted workspace', () => {
    const context = (node: ClaimNode) => (toTreeItem(fakeVscode, node) as unknown as { contextValue: string }).contextValue;
    expect(viewItem.test(context(claim('Bound', 'shop/data')))).toBe(true);
    expect(viewItem.test(context(claim('Bound')))).toBe(false);
    expect(viewItem.test(context(claim('Pending', 'shop/data')))).toBe(false);
    expect(when).toContain('view == kubectlClone.claims');
    expect(when).toContain('isWorkspaceTrusted');
    expect(manifest.contributes.commands.find((c) => c.command === 'kubectlClone.verifyClone')?.enablement).toBe('isWorkspaceTrusted');
  });
});
