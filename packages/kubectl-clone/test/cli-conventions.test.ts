// kubectl's conventions and the noise a new user met (issue 15): a closed stdout ends quietly,
// `lint` on a terminal prints its usage, info is not a problem, offline plans refuse what the
// apiserver refuses, one duration parser, completion safe to source twice. No cluster needed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundle, runCli } from './run-cli.js';
import { runCliAsync } from './run-cli-async.js';

const root = new URL('../../../', import.meta.url).pathname;
const source = join(root, 'examples/source/data-pvc.yaml');
const dir = mkdtempSync(join(tmpdir(), 'kubectl-clone-conv-'));

describe('a closed stdout (`| head`) ends every command quietly', () => {
  const commands: string[][] = [
    ['check', '--help'], ['pvc', '--help'], ['workload', '--help'], ['resume', '--help'], ['list', '--help'], ['prune', '--help'], ['verify', '--help'],
    ['lint', '--help'], ['rules'], ['rules', '-o', 'json'], ['lint', join(root, 'examples')], ['completion', 'bash'], ['--help'],
    ['pvc', 'data', '-f', source, '--dry-run=client', '-o', 'yaml'],
  ];
  for (const args of commands) {
    it(`kubectl clone ${args.join(' ')}`, async () => {
      const run = await runCliAsync(args, { closeStdout: true });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(141); // as kubectl, killed by SIGPIPE: 128 + 13
    });
  }
});

describe('lint with nothing to read', () => {
  it('prints its usage when standard input is a terminal, instead of waiting for it', () => {
    // script(1) gives the command a pseudo-terminal as stdin
    const run = spawnSync('script', ['-qec', `${process.execPath} ${bundle} lint; echo "exit=$?"`, '/dev/null'], { encoding: 'utf8', timeout: 15_000, env: { ...process.env, NO_COLOR: '1' } });
    expect(run.signal).toBeNull(); // did not hang until the timeout
    expect(run.stdout).toContain('Usage: kubectl clone lint [options] [paths...]');
    expect(run.stdout).toMatch(/exit=2\s*$/);
  });

  it('still reads a pipe', () => {
    const run = runCli(['lint'], { input: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n' });
    expect(run.stdout).toBe('no problems (1 file, 1 document)\n');
  });
});

describe('lint summary', () => {
  const infoOnly = `apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: copy, namespace: shop}
spec:
  accessModes: [ReadWriteOnce]
  storageClassName: csi-hostpath
  resources: {requests: {storage: 1Gi}}
  dataSource: {kind: PersistentVolumeClaim, name: data}
`;
  it('info findings are not counted as problems', () => {
    const run = runCli(['lint', '-'], { input: infoOnly });
    expect(run.stdout).toMatch(/ {2}info {2}source data is not in these files/);
    expect(run.stdout.trim().split('\n').at(-1)).toBe('no problems, 1 info (1 file, 1 document)');
    expect(run.status).toBe(0);
  });

  it('-q hides info (and warnings) and counts what it shows', () => {
    const run = runCli(['lint', '-q', '-'], { input: infoOnly });
    expect(run.stdout).toBe('no problems (1 file, 1 document)\n');
  });

  it('a trailing --- is not a document', () => {
    const run = runCli(['lint', '-q', '-'], { input: `${infoOnly}---\n` });
    expect(run.stdout).toBe('no problems (1 file, 1 document)\n');
  });
});

describe('offline pvc -f refuses what the live command refuses, before anything else', () => {
  const plan = (...extra: string[]) => runCli(['pvc', 'data', '-f', source, '--dry-run=client', '-o', 'name', ...extra]);
  it('--access-mode Foo', () => {
    const run = plan('--access-mode', 'Foo');
    expect(run.stderr).toBe('kubectl-clone: invalid --access-mode "Foo": use ReadWriteOnce, ReadOnlyMany, ReadWriteMany or ReadWriteOncePod\n');
    expect(run.stdout).toBe('');
    expect(run.status).toBe(2);
  });
  it('a label value the apiserver would refuse (a=b=c)', () => {
    const run = plan('--label', 'a=b=c');
    expect(run.stderr).toBe(`kubectl-clone: invalid --label "a=b=c": the value "b=c" must be at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit\n`);
    expect(run.status).toBe(2);
  });
  it('a label key the apiserver would refuse', () => {
    const run = plan('--label', 'Bad_Prefix/x=y');
    expect(run.stderr).toBe(`kubectl-clone: invalid --label "Bad_Prefix/x=y": the key's prefix "Bad_Prefix" must be a DNS subdomain (lowercase letters, digits, '-' and '.')\n`);
    expect(run.status).toBe(2);
  });
  it('valid values still plan', () => {
    const run = plan('--label', 'purpose=debug', '--access-mode', 'ReadWriteMany');
    expect(run.stdout).toMatch(/^persistentvolumeclaim\/data-clone-\d{14}-[b-z2-9]{5}\n$/);
    expect(run.status).toBe(0);
  });
  it('a 254-character name gets the 253 limit and a suggestion that is valid', () => {
    const run = plan('a'.repeat(254));
    expect(run.stderr).toBe(`kubectl-clone: invalid clone name "${'a'.repeat(40)}..." (254 characters): a claim name is at most 253 characters (e.g. "${'a'.repeat(253)}")\n`);
    expect(run.status).toBe(2);
  });
  it('a name with an invalid part gets a suggestion that is itself valid', () => {
    const run = plan('web-.Data');
    expect(run.stderr).toBe(`kubectl-clone: invalid clone name "web-.Data": a claim name is lowercase letters, digits, '-' and '.', each dot-separated part starting and ending with a letter or digit, at most 253 characters (e.g. "web.data")\n`);
  });
});

describe('one duration parser', () => {
  const empty = join(dir, 'empty-kubeconfig');
  writeFileSync(empty, '');
  it('prune --older-than 2w is a duration, as --ttl 2w is (the next failure is the kubeconfig)', () => {
    const run = runCli(['prune', '--older-than', '2w', '--kubeconfig', empty]);
    expect(run.stderr).toBe(`kubectl-clone: kubeconfig ${empty} is empty: point --kubeconfig or KUBECONFIG at a kubeconfig file\n`);
  });
  it('prune --older-than 2x is refused with the same examples as every duration flag', () => {
    const run = runCli(['prune', '--older-than', '2x', '--kubeconfig', empty]);
    expect(run.stderr).toBe('kubectl-clone: invalid --older-than "2x": use a duration such as 30s, 5m, 1h30m, 12h, 7d or 2w\n');
    expect(run.status).toBe(2);
  });
  it('prune --dry-run takes none, client or server only', () => {
    const run = runCli(['prune', '--dry-run=maybe', '--kubeconfig', empty]);
    expect(run.stderr).toContain(`error: option '--dry-run [mode]' argument 'maybe' is invalid. Allowed choices are none, client, server.`);
    expect(run.status).toBe(2);
  });
});

describe('completion', () => {
  it('the bash script can be sourced twice without errors', () => {
    const script = join(dir, 'completion.bash');
    writeFileSync(script, runCli(['completion', 'bash']).stdout);
    const run = spawnSync('bash', ['-c', `source ${script} && source ${script} && echo sourced`], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('sourced\n');
  });

  it('--context completes from the kubeconfig', () => {
    const config = join(dir, 'contexts');
    writeFileSync(config, `apiVersion: v1
clusters: [{name: c, cluster: {server: "https://127.0.0.1:1"}}]
users: [{name: u, user: {token: t}}]
contexts: [{name: prod, context: {cluster: c, user: u}}, {name: dev, context: {cluster: c, user: u}}, {name: stage, context: {cluster: c, user: u}}]
current-context: dev
`);
    expect(runCli(['complete', '--', 'pvc', '--kubeconfig', config, '--context', '']).stdout).toBe('dev\nprod\nstage\n:4\n');
    expect(runCli(['complete', '--', 'list', '--kubeconfig', config, '--context=p']).stdout).toBe('--context=prod\n:4\n');
  });

  it('a cluster that does not answer gives no completions within seconds, not a hang', async () => {
    const config = join(dir, 'refused');
    // port 1 on 127.0.0.1: nothing listens, the connection is refused at once
    writeFileSync(config, 'apiVersion: v1\nclusters: [{name: c, cluster: {server: "https://127.0.0.1:1"}}]\nusers: [{name: u, user: {token: t}}]\ncontexts: [{name: c, context: {cluster: c, user: u}}]\ncurrent-context: c\n');
    const run = await runCliAsync(['complete', '--', 'pvc', '--kubeconfig', config, '']);
    expect(run.stdout).toBe(':4\n');
    expect(run.ms).toBeLessThan(6_000);
  });

  it('commands and flag choices still come from the command definitions', () => {
    expect(runCli(['complete', '--', 'lint', '-o', '']).stdout).toBe('text\t\njson\t\nsarif\t\n:4\n');
  });
});

describe('noise', () => {
  it('npm reads the project config without "Unknown project config" warnings', () => {
    expect(existsSync(join(root, '.npmrc'))).toBe(false);
    const run = spawnSync('npm', ['config', 'list'], { cwd: root, encoding: 'utf8' });
    expect(run.stderr).not.toContain('Unknown project config');
  });

  it('the demo prints no ANSI codes into a pipe', () => {
    const run = spawnSync('bash', [join(root, 'scripts/demo.sh'), '--offline'], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '' } });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('$ kubectl clone lint examples/');
    expect(`${run.stdout}${run.stderr}`).not.toMatch(/\u001b\[/);
  });
});
