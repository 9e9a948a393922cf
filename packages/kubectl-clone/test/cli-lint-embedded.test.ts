import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const fixtures = new URL('../../core/test/fixtures/embedded/', import.meta.url).pathname;
// the runbook's claims name no class on purpose; that advice is not what these tests are about
const quietClass = ['--rule', 'default-storage-class=off'];

const readme = `# Cloning

Clone \`data\` first:

\`\`\`yaml
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data-copy
spec:
  accessModes: [ReadWriteOnce]
  storageClassName: csi
  resources:
    requests:
      storage: 10Gi
  dataSource:
    kind: pvc
    name: data
\`\`\`

That is all.
`;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kubectl-clone-embedded-'));
});

describe('kubectl clone lint on Markdown and shell', () => {
  it('lints docs/ README.md scripts/ together and names lines and columns of the original files', () => {
    mkdirSync(join(dir, 'docs/ops'), { recursive: true });
    mkdirSync(join(dir, 'scripts'));
    copyFileSync(join(fixtures, 'runbook.md'), join(dir, 'docs/ops/runbook.markdown'));
    copyFileSync(join(fixtures, 'restore.sh'), join(dir, 'scripts/restore.sh'));
    writeFileSync(join(dir, 'README.md'), readme);
    writeFileSync(join(dir, 'docs/notes.txt'), readme);
    const run = runCli(['lint', ...quietClass, 'docs/', 'README.md', 'scripts/'], { cwd: dir });
    expect(run.status).toBe(1);
    const lines = run.stdout.split('\n').filter((line) => /^\S+:\d+:\d+ /.test(line)).map((line) => line.replace(/ {2}.* {2}/, '  '));
    expect(lines).toEqual([
      'docs/ops/runbook.markdown:34:6  datasource-silently-dropped',
      'docs/ops/runbook.markdown:54:18  datasource-silently-dropped',
      'docs/ops/runbook.markdown:69:1  yaml-syntax',
      'docs/ops/runbook.markdown:102:18  datasource-namespace-field',
      'docs/ops/runbook.markdown:125:13  datasource-kind-core-group',
      'README.md:17:11  datasource-silently-dropped',
      'scripts/restore.sh:23:3  datasource-silently-dropped',
      'scripts/restore.sh:40:16  datasource-silently-dropped',
      'scripts/restore.sh:59:16  cross-namespace-ref-dropped',
    ]);
    expect(run.stdout).toContain('in 3 files, 10 documents');
  });

  it('--ext chooses what a directory walk picks up; files named on the command line are always read', () => {
    writeFileSync(join(dir, 'README.md'), readme);
    copyFileSync(join(fixtures, 'restore.sh'), join(dir, 'restore.sh'));
    const summary = (args: string[]): unknown => JSON.parse(runCli(['lint', '-o', 'json', ...args], { cwd: dir }).stdout).summary.files;
    expect(summary(['.'])).toBe(2);
    expect(summary(['--ext', 'md', '.'])).toBe(1);
    expect(summary(['--ext', '.yaml,.yml', '.'])).toBe(0);
    expect(summary(['--ext', 'yaml', 'README.md'])).toBe(1);
    const invalid = runCli(['lint', '--ext', 'y*ml', '.'], { cwd: dir });
    expect(invalid.status).toBe(2);
    expect(invalid.stderr).toContain('invalid --ext "y*ml"');
  });

  it('-o json: fix edits are offsets into the Markdown file as read', () => {
    writeFileSync(join(dir, 'README.md'), readme);
    const report = JSON.parse(runCli(['lint', '-o', 'json', 'README.md'], { cwd: dir }).stdout);
    expect(report.findings).toHaveLength(1);
    const [finding] = report.findings;
    expect([finding.line, finding.column, finding.endLine, finding.endColumn]).toEqual([17, 11, 17, 14]);
    const [edit] = finding.fix.edits;
    expect(readme.slice(edit.start, edit.end)).toBe('pvc');
    expect(edit.newText).toBe('PersistentVolumeClaim');
  });

  it('--fix edits inside the blocks only: Markdown and shell byte for byte', () => {
    copyFileSync(join(fixtures, 'runbook.md'), join(dir, 'runbook.md'));
    copyFileSync(join(fixtures, 'restore.sh'), join(dir, 'restore.sh'));
    writeFileSync(join(dir, 'README.md'), readme);
    const run = runCli(['lint', ...quietClass, '--feature-gates', 'CrossNamespaceVolumeDataSource=true', '--fix', '.'], { cwd: dir });
    expect(run.stdout).toContain('fixed 7 findings');
    expect(readFileSync(join(dir, 'runbook.md'), 'utf8')).toBe(readFileSync(join(fixtures, 'runbook.fixed.md'), 'utf8'));
    expect(readFileSync(join(dir, 'restore.sh'), 'utf8')).toBe(readFileSync(join(fixtures, 'restore.fixed.sh'), 'utf8'));
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toBe(readme.replace('kind: pvc', 'kind: PersistentVolumeClaim'));
    // what is left needs a human (the lines moved down by the inserted apiGroup lines): the README's
    // source is in no block of it, the $NS literal (not a namespace name once the gate keeps it),
    // the broken block (skipped, an illustration in prose), the restore script's alpha cross-namespace
    // gate and the notes; the runbook's gate warning is gone: the fix added the grant it needs
    expect(run.stdout.split('\n').filter((line) => /^\S+:\d+:\d+ /.test(line)).map((line) => line.replace(/ {2}.* {2}/, '  '))).toEqual([
      'README.md:18:11  source-not-found',
      'restore.sh:59:11  cross-namespace-clone-protection',
      'restore.sh:60:16  datasource-ref-namespace-invalid',
      'restore.sh:60:16  cross-namespace-ref-dropped',
      'runbook.md:70:1  yaml-syntax',
      'runbook.md:102:13  cross-namespace-clone-protection',
      'runbook.md:102:13  source-not-found',
    ]);
  });

  it('a Markdown file is a bundle of its own: it does not see the YAML files beside it', () => {
    writeFileSync(join(dir, 'data.yaml'), 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\nspec:\n  accessModes: [ReadWriteOnce]\n  storageClassName: csi\n  resources:\n    requests:\n      storage: 10Gi\n');
    writeFileSync(join(dir, 'clone.yaml'), readme.slice(readme.indexOf('apiVersion'), readme.lastIndexOf('```')).replace('kind: pvc', 'kind: PersistentVolumeClaim'));
    writeFileSync(join(dir, 'README.md'), readme.replace('kind: pvc', 'kind: PersistentVolumeClaim'));
    const report = JSON.parse(runCli(['lint', '-o', 'json', '.'], { cwd: dir }).stdout);
    expect(report.findings.map((finding: { file: string; ruleId: string }) => `${finding.file} ${finding.ruleId}`)).toEqual(['README.md source-not-found']);
  });
});
