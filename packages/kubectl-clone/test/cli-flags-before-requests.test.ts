// Every flag value is checked before the first request: the silent cluster sees no connection.
import { describe, expect, it } from 'vitest';
import { silentCluster } from './silent-cluster.js';

const cluster = silentCluster('walk');
const { run } = cluster;

const longName = 'a'.repeat(254);
const cases: [string[], string][] = [
  [['pvc', 'data', 'x4', '--timeout', '-5s'], 'kubectl-clone: invalid --timeout "-5s": use a duration such as 30s, 5m, 1h30m, 12h, 7d or 2w\n'],
  [['pvc', 'data', 'x4', '--timeout', '0s'], 'kubectl-clone: invalid --timeout "0s": it must be longer than zero (e.g. 5m)\n'],
  [['pvc', 'data', 'x4', '--timeout', 'abc'], 'kubectl-clone: invalid --timeout "abc": use a duration such as 30s, 5m, 1h30m, 12h, 7d or 2w\n'],
  [['pvc', 'data', '--wait-for-consumer', '0s'], 'kubectl-clone: invalid --wait-for-consumer "0s": it must be longer than zero (e.g. 5m)\n'],
  [['pvc', 'data', '--label', 'a=b=c'], `kubectl-clone: invalid --label "a=b=c": the value "b=c" must be at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit\n`],
  [['pvc', 'data', '--access-mode', 'Foo'], 'kubectl-clone: invalid --access-mode "Foo": use ReadWriteOnce, ReadOnlyMany, ReadWriteMany or ReadWriteOncePod\n'],
  [['pvc', 'data', longName], `kubectl-clone: invalid clone name "${'a'.repeat(40)}..." (254 characters): a claim name is at most 253 characters (e.g. "${'a'.repeat(253)}")\n`],
  [['pvc', 'data', '-l', 'app=web'], 'kubectl-clone: -l/--selector selects claims (kubectl clone list, prune); to label the clone use --label key=value\n'],
  [['pvc', 'data', '--wait=maybe'], 'kubectl-clone: invalid --wait=maybe: use --wait=true or --wait=false\n'],
  [['workload', 'deploy/web', '--timeout', 'abc'], 'kubectl-clone: invalid --timeout "abc": use a duration such as 30s, 5m, 1h30m, 12h, 7d or 2w\n'],
  [['check', 'data', '--label', 'bad key=v'], `kubectl-clone: invalid --label "bad key=v": the key "bad key" must be 1-63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit\n`],
];

describe('every flag value is checked before the first request', () => {
  it.each(cases)('%j', async (args, message) => {
    const before = cluster.connections();
    const result = await run(args);
    expect({ status: result.status, stderr: result.stderr, stdout: result.stdout, connections: cluster.connections() - before }).toEqual({ status: 2, stderr: message, stdout: '', connections: 0 });
  }, 30_000);

  it('the same flags reach the cluster when they are valid (the test server sees the connection)', async () => {
    const before = cluster.connections();
    const result = await run(['pvc', 'data', '--timeout', '5s']);
    expect(cluster.connections() - before).toBeGreaterThan(0);
    expect(result.status).not.toBe(0);
  }, 30_000);
});
