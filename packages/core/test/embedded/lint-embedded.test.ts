import { readFileSync } from 'node:fs';
import { makeProfile } from '../../src/profile.js';
import { describe, expect, it } from 'vitest';
import { fixEmbedded, fixFile, lint, lintEmbedded, lintFile, lintFiles, type Finding } from '../../src/index.js';
import { defaultLimits } from '../../src/manifest/limits.js';

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/embedded/${name}`, import.meta.url), 'utf8');

/** What a reader checks: where, which rule, the characters under the range, whether a fix is offered. */
function summary(text: string, findings: readonly Finding[]): string[] {
  return findings.map((finding) =>
    `${finding.start.line}:${finding.start.column}-${finding.end.line}:${finding.end.column} ${finding.ruleId} ` +
      `${JSON.stringify(text.slice(finding.range.start, finding.range.end))}${finding.fix ? ' fix' : ''}`);
}

const claim = (name: string, source = ''): string => `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: ${name}
spec:
  accessModes: [ReadWriteOnce]
  storageClassName: csi
  resources:
    requests:
      storage: 10Gi
${source}`;

describe('lintEmbedded on a Markdown runbook', () => {
  const text = fixture('runbook.md');
  // the runbook's claims name no class; that advice is another rule's business, not this file's.
  // Its block-quote example is a cross-namespace clone: the profile enables the gate, so the
  // dataSource.namespace fix (dataSourceRef + ReferenceGrant) is offered and can be checked.
  const options = { rules: { 'default-storage-class': 'off' }, profile: makeProfile({ featureGates: 'CrossNamespaceVolumeDataSource=true' }) } as const;
  const result = lintEmbedded({ path: 'docs/runbook.md', text }, options);

  it('finds the mistakes in fences, heredocs, block quotes and console sessions, at their characters in the file', () => {
    expect(summary(text, result.findings)).toEqual([
      // `cat <<EOF | kubectl apply -f -` in a ```bash block of list item 2 (fence indented 3)
      '34:6-34:16 datasource-silently-dropped "dataSource" fix',
      // `kubectl apply -f - <<'EOF'` in a ```sh block
      '54:18-54:44 datasource-silently-dropped "snapshot.storage.k8s.io/v1" fix',
      // the broken block ends before its `]`: reported where the block ends, its closing fence
      '69:1-69:1 yaml-syntax ""',
      // inside `> ` of a block quote
      '102:18-102:24 datasource-namespace-field "team-a" fix',
      // inside a ```console block, after the `> ` continuation prompt
      '125:13-125:27 datasource-kind-core-group "VolumeSnapshot" fix',
    ]);
    expect(result.findings.every((finding) => finding.file === 'docs/runbook.md')).toBe(true);
    // the broken block's document is reported, not counted
    expect(result.documents).toBe(6);
    expect(result.blocks.map((block) => `${block.origin}:${block.label}`)).toEqual([
      'fence:yaml', 'heredoc:EOF', 'heredoc:EOF', 'fence:yaml', 'fence:yaml', 'fence:yaml', 'heredoc:EOF',
    ]);
  });

  it('treats the file\'s blocks as one bundle: the clone in one block finds its source in another', () => {
    // data-copy (block 5) clones `data` (block 1): no source-not-found, and the sizes were compared
    expect(result.findings.some((finding) => finding.ruleId === 'source-not-found')).toBe(false);
    const alone = lintEmbedded({ path: 'alone.md', text: text.slice(text.indexOf('A broken block')) });
    expect(alone.findings.map((finding) => finding.ruleId)).toContain('source-not-found');
  });

  it('maps fix edits into the file: container prefixes are written back on every new line', () => {
    const [insert] = result.findings[0]!.fix!.edits;
    expect(insert).toEqual({ start: text.indexOf('kind: VolumeSnapshot'), end: text.indexOf('kind: VolumeSnapshot'), newText: 'apiGroup: snapshot.storage.k8s.io\n       ' });
    const grant = result.findings.find((finding) => finding.ruleId === 'datasource-namespace-field')!.fix!.edits[1]!;
    expect(grant.newText.split('\n').slice(1).every((line) => line.startsWith('> '))).toBe(true);
  });

  it('--fix output: byte for byte, the prose, fences and commands around the blocks unchanged', () => {
    const fixed = fixEmbedded({ path: 'docs/runbook.md', text }, options);
    expect(fixed.text).toBe(fixture('runbook.fixed.md'));
    expect(fixed.fixed.map((finding) => finding.ruleId)).toEqual([
      'datasource-silently-dropped', 'datasource-silently-dropped', 'datasource-namespace-field', 'datasource-kind-core-group',
    ]);
    // left for a human: the broken block (an illustration in prose: skipped, info) and the cross-namespace
    // clone's notes; its alpha-gate warning is gone, the gate is on and the fix added the grant it needs
    expect(fixed.remaining.findings.map((finding) => `${finding.ruleId}:${finding.severity}`)).toEqual([
      'yaml-syntax:info', 'cross-namespace-clone-protection:info', 'source-not-found:info',
    ]);
    // everything outside the blocks is as it was
    const outside = (markdown: string): string => markdown.replace(/```[a-z]*\n[\s\S]*?```/g, '```').replace(/^> .*$/gm, '>');
    expect(outside(fixed.text)).toBe(outside(text));
  });
});

describe('lintEmbedded on a shell script', () => {
  const text = fixture('restore.sh');
  const result = lintEmbedded({ path: 'scripts/restore.sh', text });

  it('lints heredocs fed to kubectl or written to .yaml, with <<EOF, <<\'EOF\' and <<-EOF', () => {
    expect(summary(text, result.findings)).toEqual([
      // <<EOF: `namespace: $NS` is the shell's to fill in and is not linted
      '23:3-23:13 datasource-silently-dropped "dataSource" fix',
      // <<-EOF: the tab is stripped by the shell and counted as one column in the file
      '40:16-40:42 datasource-silently-dropped "snapshot.storage.k8s.io/v1" fix',
      // <<'EOF' writes `$NS` as is: a namespace of "$NS" really is set
      '59:16-59:19 cross-namespace-ref-dropped "$NS"',
    ]);
    expect(result.blocks.map((block) => block.text.split('\n')[3])).toEqual(['  name: restored', '  name: tabbed', '  name: clone']);
  });

  it('--fix keeps the tabs of a <<-EOF body and the script around it', () => {
    const fixed = fixEmbedded({ path: 'scripts/restore.sh', text });
    expect(fixed.text).toBe(fixture('restore.fixed.sh'));
    expect(fixed.text).toContain('\t    apiGroup: snapshot.storage.k8s.io\n\t    kind: VolumeSnapshot');
    expect(fixed.fixed).toHaveLength(2);
  });
});

describe('edge cases of mapping', () => {
  it('a block with CRLF line endings: ranges and fixes keep the \\r\\n', () => {
    const markdown = ['# t', '', '```yaml', claim('c', '  dataSource:\n    kind: VolumeSnapshot\n    name: s\n').trimEnd(), '```', ''].join('\n').replace(/\n/g, '\r\n');
    const result = lintEmbedded({ path: 'crlf.md', text: markdown });
    expect(summary(markdown, result.findings)).toEqual(['14:3-14:13 datasource-silently-dropped "dataSource" fix']);
    const fixed = fixEmbedded({ path: 'crlf.md', text: markdown }).text;
    expect(fixed).toBe(markdown.replace('    kind: VolumeSnapshot', '    apiGroup: snapshot.storage.k8s.io\r\n    kind: VolumeSnapshot'));
  });

  it('a fenced block in a list item with a blank line inside: each line keeps its own prefix', () => {
    const body = claim('c', '  dataSource:\n    kind: VolumeSnapshot\n    name: s\n').replace('spec:\n', '\nspec:\n');
    const markdown = `- Restore:\n\n  \`\`\`yaml\n${body.split('\n').map((line) => (line === '' ? '' : `  ${line}`)).join('\n')}\`\`\`\n`;
    const result = lintEmbedded({ path: 'list.md', text: markdown });
    expect(summary(markdown, result.findings)).toEqual(['15:5-15:15 datasource-silently-dropped "dataSource" fix']);
    expect(fixEmbedded({ path: 'list.md', text: markdown }).text)
      .toBe(markdown.replace('      kind: VolumeSnapshot', '      apiGroup: snapshot.storage.k8s.io\n      kind: VolumeSnapshot'));
  });

  it('drops findings on shell expansions of an unquoted heredoc, and on envsubst variables', () => {
    const script = `kubectl apply -f - <<EOF\n${claim('c', '  dataSourceRef:\n    kind: PersistentVolumeClaim\n    name: d\n    namespace: $SOURCE_NS\n')}EOF\n` +
      `cat <<'EOF' | envsubst | kubectl apply -f -\n${claim('e', '  dataSourceRef:\n    kind: PersistentVolumeClaim\n    name: d\n    namespace: ${SOURCE_NS}\n')}EOF\n`;
    expect(lintEmbedded({ path: 'x.sh', text: script }).findings.filter((finding) => finding.ruleId === 'cross-namespace-ref-dropped')).toEqual([]);
    const literal = script.replace('| envsubst ', '');
    expect(summary(literal, lintEmbedded({ path: 'x.sh', text: literal }).findings.filter((finding) => finding.severity === 'error'))).toEqual([
      '31:16-31:28 cross-namespace-ref-dropped "${SOURCE_NS}"',
    ]);
  });

  it('a file too large is refused before any block is read', () => {
    const result = lintEmbedded({ path: 'big.md', text: '```yaml\na: 1\n```\n' }, { limits: { ...defaultLimits, maxFileLength: 5 } });
    expect(result.findings.map((finding) => finding.ruleId)).toEqual(['input-too-large']);
  });
});

describe('lintFile, lintFiles and fixFile', () => {
  const source = claim('data');
  const clone = claim('data-copy', '  dataSource:\n    kind: PersistentVolumeClaim\n    name: data\n');

  it('lintFiles with only YAML inputs is lint()', () => {
    const inputs = [{ path: 'a.yaml', text: source }, { path: 'b.yaml', text: clone }];
    const viaFiles = lintFiles(inputs);
    const direct = lint(inputs);
    expect(viaFiles.findings).toEqual(direct.findings);
    expect([viaFiles.documents, viaFiles.counts, viaFiles.files.map((file) => file.path)]).toEqual([direct.documents, direct.counts, ['a.yaml', 'b.yaml']]);
  });

  it('each Markdown file is a bundle of its own; the YAML files are one bundle', () => {
    const readme = { path: 'README.md', text: `\`\`\`yaml\n${source}\`\`\`\n` };
    const guide = { path: 'guide.md', text: `Clone it:\n\n\`\`\`yaml\n${clone}\`\`\`\n` };
    const notFound = (inputs: { path: string; text: string }[]): string[] =>
      lintFiles(inputs).findings.filter((finding) => finding.ruleId === 'source-not-found').map((finding) => `${finding.file}:${finding.start.line}`);
    expect(notFound([readme, guide])).toEqual(['guide.md:16']);
    expect(notFound([{ path: 'a.yaml', text: source }, { path: 'b.yaml', text: clone }, guide])).toEqual(['guide.md:16']);
    expect(notFound([{ path: 'a.yaml', text: source }, { path: 'b.yml', text: clone }])).toEqual([]);
    expect(lintFiles([readme, guide]).documents).toBe(2);
  });

  it('lintFile dispatches on the extension, or on the language an editor names', () => {
    const markdown = `\`\`\`yaml\n${clone}\`\`\`\n`;
    const lines = (result: { findings: readonly Finding[] }): string[] => result.findings.map((finding) => `${finding.start.line} ${finding.ruleId}`);
    expect(lines(lintFile({ path: 'clone.yaml', text: clone }))).toEqual(['13 source-not-found']);
    expect(lines(lintFile({ path: 'notes.md', text: markdown }))).toEqual(['14 source-not-found']);
    expect(lines(lintFile({ path: 'untitled-1', text: markdown }, {}, 'markdown'))).toEqual(['14 source-not-found']);
    // without a language, a file with no known extension is YAML, as kubectl reads it
    expect(new Set(lintFile({ path: 'untitled-1', text: markdown }).findings.map((finding) => finding.ruleId))).toEqual(new Set(['yaml-syntax']));
  });

  it('fixFile fixes Markdown inside its blocks and YAML as fixText does', () => {
    const broken = clone.replace('kind: PersistentVolumeClaim\n    name: data', 'kind: pvc\n    name: data');
    const markdown = `Intro.\n\n\`\`\`yaml\n${broken}\`\`\`\n\nOutro.\n`;
    expect(fixFile({ path: 'a.md', text: markdown }).text).toBe(markdown.replace('kind: pvc', 'kind: PersistentVolumeClaim'));
    expect(fixFile({ path: 'a.yaml', text: broken }, {}, [{ path: 'a.md', text: markdown }]).text).toBe(clone);
  });
});

describe('issue 14: documentation as people write it', () => {
  it('an untagged fence with a terminal transcript (`$ cat clone.yaml` and the file) is linted like a heredoc', () => {
    const markdown = [
      '# Clone the volume', '', '```', '$ cat clone.yaml',
      'apiVersion: v1', 'kind: PersistentVolumeClaim', 'metadata:', '  name: clone', 'spec:', '  accessModes: [ReadWriteOnce]',
      '  resources:', '    requests:', '      storage: 1Gi', '  dataSource:', '    kind: persistentvolumeclaim', '    name: data',
      '$ kubectl apply -f clone.yaml', 'persistentvolumeclaim/clone created', '```', '',
    ].join('\n');
    const result = lintEmbedded({ path: 'docs/clone.md', text: markdown });
    expect(summary(markdown, result.findings)).toEqual([
      '15:11-15:32 datasource-silently-dropped "persistentvolumeclaim" fix',
    ]);
    expect(result.blocks.map((block) => block.text.split('\n')[0])).toEqual(['apiVersion: v1']);
    expect(fixEmbedded({ path: 'docs/clone.md', text: markdown }).text).toBe(markdown.replace('kind: persistentvolumeclaim', 'kind: PersistentVolumeClaim'));
  });

  it('a transcript that shows no manifest yields no block', () => {
    const markdown = '```\n$ cat notes.yaml\nfoo: bar\n$ echo done\n```\n';
    expect(lintEmbedded({ path: 'x.md', text: markdown }).blocks).toEqual([]);
  });

  it('a fenced example cut short (`...`) is checked for its data source only; the same text in a .yaml file is not', () => {
    const body = 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: clone\nspec:\n  # other fields ...\n  dataSource:\n    kind: persistentvolumeclaim\n    name: data\n';
    const markdown = '```yaml\n' + body + '```\n';
    expect(lintEmbedded({ path: 'x.md', text: markdown }).findings.map((finding) => finding.ruleId)).toEqual(['datasource-silently-dropped']);
    expect(lint([{ path: 'x.yaml', text: body }]).findings.map((finding) => `${finding.ruleId}:${finding.severity}`)).toEqual([
      'access-modes-required:error', 'storage-request-required:error', 'datasource-silently-dropped:error',
    ]);
  });

  it('an example that does not parse (an indented `...` after the fields) is skipped with a note, once', () => {
    const markdown = '```yaml\napiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: clone\nspec:\n  dataSource: {kind: PersistentVolumeClaim, name: data}\n  ...\n```\n';
    expect(lintEmbedded({ path: 'x.md', text: markdown }).findings.map((finding) => `${finding.ruleId}:${finding.severity}`)).toEqual(['yaml-syntax:info']);
  });

  it('a shell script is not prose: an example that does not parse is still an error there', () => {
    const script = "kubectl apply -f - <<'EOF'\napiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: a\n  name: b\nEOF\n";
    expect(lintEmbedded({ path: 'x.sh', text: script }).findings.map((finding) => `${finding.ruleId}:${finding.severity}`)).toEqual(['yaml-syntax:error']);
  });
});
