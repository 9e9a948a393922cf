// `kubectl clone verify`: every flag is checked before the first request (a silent "cluster"
// counts connections), and the text output's shape. The verify itself runs on the sandbox
// (test/e2e/node/verify.test.ts).
import { createColors } from 'picocolors';
import { describe, expect, it } from 'vitest';
import { textOf } from '../src/live/verify.js';
import { silentCluster } from './silent-cluster.js';

const cluster = silentCluster('shop');
const run = (args: string[]) => cluster.run(['verify', ...args]);

describe('kubectl clone verify: flags before requests', () => {
  it.each([
    [['data', 'Data_Copy'], 'kubectl-clone: invalid clone claim name "Data_Copy": a claim name is lowercase letters, digits, \'-\' and \'.\', each dot-separated part starting and ending with a letter or digit, at most 253 characters (e.g. "data-copy")'],
    [['data', 'copy', '--to-namespace', 'Staging'], 'kubectl-clone: invalid --to-namespace "Staging": a namespace is at most 63 lowercase letters, digits and \'-\''],
    [['data', 'copy', '--timeout', 'soon'], 'kubectl-clone: invalid --timeout "soon": use a duration such as 30s, 5m, 1h30m, 12h, 7d or 2w'],
    [['data', 'copy', '--snapshot', 'Snap_1'], 'kubectl-clone: invalid --snapshot "Snap_1": name a VolumeSnapshot in the source\'s namespace (kubectl get volumesnapshot)'],
    [['data', 'copy', '--image', ''], 'kubectl-clone: invalid --image "": name an image, e.g. busybox:1.37.0'],
    [['data', 'data'], 'kubectl-clone: source and clone are the same claim (shop/data): name the clone as the second argument (or its --to-namespace / --to-context)'],
    [['data', 'copy', '--to-context', 'nowhere'], 'kubectl-clone: context "nowhere" does not exist in '],
  ])('%j: one line, exit 2, no connection', async (args, line) => {
    const before = cluster.connections();
    const result = await run(args);
    expect(result.stderr.split('\n')[0]).toContain(line);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(cluster.connections()).toBe(before);
  });

  it('a missing argument is commander\'s usage error, exit 2', async () => {
    const result = await run(['data']);
    expect(result.stderr).toContain("error: missing required argument 'clone'");
    expect(result.status).toBe(2);
  });
});

describe('the text output', () => {
  const c = createColors(false);
  const base = { volumeMode: 'Filesystem' as const, source: { namespace: 'a', name: 's', context: 'x' }, clone: { namespace: 'a', name: 'c', context: 'x' }, sourceInUse: [], warnings: [], seconds: 1, entries: 4 };
  it('identical: the count of files and bytes', () => {
    expect(textOf({ ...base, identical: true, files: 3, bytes: 14, differences: [] }, c)).toBe('identical (3 files, 14 bytes)\n');
    expect(textOf({ ...base, volumeMode: 'Block', identical: true, files: 1, bytes: 4194304, differences: [] }, c)).toBe('identical (1 device, 4194304 bytes)\n');
  });
  it('different: the count, then the first paths (escaped onto one line) with what differs', () => {
    const differences = [
      { path: 'a\nb', what: 'content' as const, source: 'sha256 aaaaaaaaaaaa', clone: 'sha256 bbbbbbbbbbbb' },
      { path: 'a\nb', what: 'mode' as const, source: '0644', clone: '0600' },
      ...Array.from({ length: 11 }, (_, i) => ({ path: `m${String(i).padStart(2, '0')}`, what: 'missing in clone' as const, source: 'file', clone: 'missing' })),
    ];
    expect(textOf({ ...base, identical: false, files: 12, bytes: 1, differences }, c)).toBe([
      '13 differences in 12 paths (source: 12 files, 1 bytes)',
      '  a\\nb: content (source sha256 aaaaaaaaaaaa, clone sha256 bbbbbbbbbbbb), mode (source 0644, clone 0600)',
      ...Array.from({ length: 9 }, (_, i) => `  m0${i}: missing in clone`),
      '  ... and 2 more paths (-o json lists them all)',
      '',
    ].join('\n'));
  });
});
