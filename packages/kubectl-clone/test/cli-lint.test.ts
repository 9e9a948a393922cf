import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { allRules } from '@kubectl-clone/core';
import { runCli } from './run-cli.js';

const examples = new URL('../../../examples/', import.meta.url).pathname;

const brokenClone = `# the clone of data, written by hand
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data-copy
  namespace: shop
spec:
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 10Gi   # same as the source
  dataSource:
    kind: pvc       # short name
    name: data
`;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kubectl-clone-cli-'));
});

describe('kubectl clone lint', () => {
  it('prints file:line:col  severity  message  rule-id and exits 1 on errors', () => {
    const file = join(dir, 'clone.yaml');
    writeFileSync(file, brokenClone);
    const run = runCli(['lint', file]);
    expect(run.status).toBe(1);
    const first = run.stdout.split('\n')[0]!;
    expect(first).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:13:11  error  the apiserver will silently drop this dataSource and provision an EMPTY volume: kind is case-sensitive and "pvc" is not a kind: use PersistentVolumeClaim  datasource-silently-dropped$`));
    expect(run.stdout).toContain('1 problem (1 error, 0 warnings) in 1 file, 1 document');
    expect(run.stdout).toContain('1 fixable with --fix');
    expect(run.stderr).toBe('');
  });

  it('exits 0 on a clean clone and says so', () => {
    const run = runCli(['lint', join(examples, 'clones'), join(examples, 'source')]);
    expect(run.stdout).toBe('no problems (3 files, 5 documents)\n');
    expect(run.status).toBe(0);
  });

  it('lints directories recursively, only .yaml and .yml, skipping node_modules', () => {
    mkdirSync(join(dir, 'a/b'), { recursive: true });
    mkdirSync(join(dir, 'node_modules'));
    writeFileSync(join(dir, 'a/b/clone.yml'), brokenClone);
    writeFileSync(join(dir, 'a/notes.txt'), brokenClone);
    writeFileSync(join(dir, 'node_modules/x.yaml'), brokenClone);
    const run = runCli(['lint', '-o', 'json', dir]);
    const report = JSON.parse(run.stdout);
    expect(report.summary).toEqual({ errors: 1, warnings: 0, infos: 0, files: 1, documents: 1 });
    expect(report.findings[0].file).toBe(join(dir, 'a/b/clone.yml'));
  });

  it('reads standard input with - and names it <stdin>', () => {
    const run = runCli(['lint', '-'], { input: brokenClone });
    expect(run.status).toBe(1);
    expect(run.stdout.startsWith('<stdin>:13:11  error  ')).toBe(true);
  });

  it('writes a large report to a pipe whole before exiting', () => {
    const doc = 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: c}\nspec:\n  accessModes: [ReadWriteOnce]\n' +
      '  resources: {requests: {storage: 1Gi}}\n  dataSource: {kind: pvc, name: s}\n---\n';
    const file = join(dir, 'many.yaml');
    writeFileSync(file, doc.repeat(5000));
    const run = runCli(['lint', '-o', 'json', file]);
    expect(run.stdout.length).toBeGreaterThan(1_000_000);
    expect(JSON.parse(run.stdout).findings).toHaveLength(5000);
    expect(run.status).toBe(1);
  });

  it('keeps the JSON contract', () => {
    const run = runCli(['lint', '-o', 'json', '-'], { input: brokenClone });
    const report = JSON.parse(run.stdout);
    expect(report.findings).toEqual([
      {
        file: '<stdin>', line: 13, column: 11, endLine: 13, endColumn: 14,
        ruleId: 'datasource-silently-dropped', severity: 'error',
        message: 'the apiserver will silently drop this dataSource and provision an EMPTY volume: kind is case-sensitive and "pvc" is not a kind: use PersistentVolumeClaim',
        fix: { title: 'Use kind: PersistentVolumeClaim', edits: [{ start: brokenClone.indexOf('pvc  '), end: brokenClone.indexOf('pvc  ') + 3, newText: 'PersistentVolumeClaim' }] },
      },
    ]);
    expect(report.summary).toEqual({ errors: 1, warnings: 0, infos: 0, files: 1, documents: 1 });
  });

  it('writes SARIF 2.1.0 with rules and regions', () => {
    const run = runCli(['lint', '-o', 'sarif', '-'], { input: brokenClone });
    const sarif = JSON.parse(run.stdout);
    expect(sarif.version).toBe('2.1.0');
    const [result] = sarif.runs[0].results;
    expect(result.ruleId).toBe('datasource-silently-dropped');
    expect(result.level).toBe('error');
    expect(result.locations[0].physicalLocation.region).toEqual({ startLine: 13, startColumn: 11, endLine: 13, endColumn: 14 });
    const rule = sarif.runs[0].tool.driver.rules[result.ruleIndex];
    expect(rule.id).toBe('datasource-silently-dropped');
    expect(rule.helpUri).toMatch(/docs\/rules\/datasource-silently-dropped\.md$/);
  });

  it('--fix rewrites the file in place, keeps comments and mode, and the result lints clean', () => {
    const file = join(dir, 'clone.yaml');
    writeFileSync(file, brokenClone);
    chmodSync(file, 0o640);
    const run = runCli(['lint', '--fix', file]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('fixed 1 finding');
    expect(readFileSync(file, 'utf8')).toBe(brokenClone.replace('kind: pvc       # short name', 'kind: PersistentVolumeClaim       # short name'));
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(runCli(['lint', file]).status).toBe(0);
  });

  it('--fix fixes the examples across files and leaves only what needs a human', () => {
    for (const name of ['empty-volume-kind-case.yaml', 'pending-forever.yaml', 'snapshot-restore.yaml']) {
      copyFileSync(join(examples, 'mistakes', name), join(dir, name));
    }
    copyFileSync(join(examples, 'source', 'data-pvc.yaml'), join(dir, 'source.yaml'));
    const run = runCli(['lint', '--fix', '-o', 'json', dir]);
    const report = JSON.parse(run.stdout);
    expect(report.summary.fixed).toBe(5);
    expect(report.findings).toEqual([]);
    expect(run.status).toBe(0);
    const pending = readFileSync(join(dir, 'pending-forever.yaml'), 'utf8');
    expect(pending).toContain('storage: 10Gi   # smaller than the source\'s 10Gi');
    expect(pending).toContain('volumeMode: Filesystem   # the source is a Filesystem volume');
    expect(pending).toContain('storageClassName: csi-hostpath   # "no class"');
  });

  it('--fix on standard input prints the fixed text to stdout and the report to stderr', () => {
    const run = runCli(['lint', '--fix', '-'], { input: brokenClone });
    expect(run.stdout).toContain('kind: PersistentVolumeClaim       # short name');
    expect(run.stderr).toContain('fixed 1 finding');
    expect(run.status).toBe(0);
  });

  it('--rule turns a rule off or changes its severity; --quiet keeps errors only', () => {
    expect(runCli(['lint', '--rule', 'datasource-silently-dropped=off', '-'], { input: brokenClone }).status).toBe(0);
    const warned = runCli(['lint', '--rule', 'datasource-silently-dropped=warning', '-'], { input: brokenClone });
    expect(warned.status).toBe(0);
    expect(warned.stdout).toContain('  warning  ');
    const info = `apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: c}
spec:
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 1Gi}}
  dataSource: {kind: PersistentVolumeClaim, name: elsewhere}
`;
    expect(runCli(['lint', '-'], { input: info }).stdout).toContain('  info  ');
    expect(runCli(['lint', '-q', '-'], { input: info }).stdout).not.toContain('  info  ');
  });

  it('honours the target profile flags', () => {
    const snapshot = `apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: r}
spec:
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 1Gi}}
  dataSourceRef: {apiGroup: snapshot.storage.k8s.io/v1, kind: VolumeSnapshot, name: s}
`;
    expect(runCli(['lint', '-o', 'json', '-'], { input: snapshot }).stdout).toContain('datasource-api-group-invalid');
    const old = runCli(['lint', '-o', 'json', '--kube-version', '1.28', '-'], { input: snapshot }).stdout;
    expect(old).not.toContain('datasource-api-group-invalid');
    expect(old).toContain('snapshot-api-group');
  });

  it('colours only on request: NO_COLOR wins, FORCE_COLOR forces', () => {
    expect(runCli(['lint', '-'], { input: brokenClone }).stdout).not.toContain('\u001b[');
    expect(runCli(['lint', '-'], { input: brokenClone, env: { NO_COLOR: '', FORCE_COLOR: '1' } }).stdout).toContain('\u001b[31merror');
  });
});

describe('kubectl clone lint failures exit 2 with one line and no stack trace', () => {
  it.each([
    [['lint', '/no/such/file.yaml'], 'kubectl-clone: cannot read /no/such/file.yaml: no such file or directory; check the path\n'],
    [['lint', '-o', 'xml', '-'], "error: option '-o, --output <format>' argument 'xml' is invalid. Allowed choices are text, json, sarif.\n"],
    [['lint', '--kube-version', 'latest', '-'], 'kubectl-clone: invalid version "latest": expected MAJOR.MINOR such as 1.34\n'],
    [['lint', '--feature-gates', 'VolumeSnapshotDataSource=true', '-'], 'kubectl-clone: unknown feature gate "VolumeSnapshotDataSource": kubectl-clone knows CrossNamespaceVolumeDataSource, AnyVolumeDataSource\n'],
    [['lint', '--rule', 'nope=off', '-'], 'kubectl-clone: unknown rule "nope" in --rule: see kubectl clone rules\n'],
    [['lint', '--bogus'], "error: unknown option '--bogus'\n"],
  ])('%j', (args, message) => {
    const run = runCli(args, { input: '' });
    expect(run.status).toBe(2);
    expect(run.stderr.split('\n')[0] + '\n').toBe(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses a file that is not UTF-8 and leaves it untouched', () => {
    const file = join(dir, 'latin1.yaml');
    const bytes = Buffer.from([0x6b, 0x69, 0x6e, 0x64, 0x3a, 0x20, 0xe9, 0x0a]);
    writeFileSync(file, bytes);
    const run = runCli(['lint', '--fix', file]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`kubectl-clone: cannot read ${file}: it is not valid UTF-8 text; save it as UTF-8\n`);
    expect(readFileSync(file)).toEqual(bytes);
  });

  it('reports a YAML syntax error as a finding and still lints the other documents', () => {
    const run = runCli(['lint', '-o', 'json', '-'], { input: `kind: [unclosed\n---\n${brokenClone}` });
    const ids = JSON.parse(run.stdout).findings.map((finding: { ruleId: string }) => finding.ruleId);
    expect(ids).toEqual(['yaml-syntax', 'datasource-silently-dropped']);
    expect(run.status).toBe(1);
  });
});

describe('kubectl clone --version, --help, rules', () => {
  it('prints the version', () => {
    const run = runCli(['--version']);
    expect(run.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    expect(run.status).toBe(0);
  });
  it('lists every rule with its layer', () => {
    const run = runCli(['rules', '-o', 'json']);
    const rules = JSON.parse(run.stdout) as { id: string; layer: string }[];
    expect(rules.map((rule) => rule.id)).toEqual(allRules.map((meta) => meta.id));
    expect(rules.find((rule) => rule.id === 'datasource-silently-dropped')?.layer).toBe('apiserver');
  });
  it('prints shell completion scripts for the kubectl-clone executable, and answers completion requests', () => {
    for (const shell of ['bash', 'zsh', 'fish']) {
      const script = runCli(['completion', shell]);
      expect(script.status).toBe(0);
      expect(script.stdout).toContain('kubectl-clone complete --');
    }
    const request = runCli(['complete', '--', 'pvc', '--dry']);
    expect(request.stdout).toBe('--dry-run\tclient: print the manifests, only reads; server: the apiserver validates and returns them, nothing is written\n:4\n');
    expect(runCli(['completion', 'tcsh']).status).toBe(2);
  });

  it('shows examples in help', () => {
    const run = runCli(['lint', '--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('kubectl clone lint --fix clone.yaml');
  });
});
