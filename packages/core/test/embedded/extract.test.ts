import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractFromMarkdown, extractFromShell, inputLanguageOf, scanHeredocs, SourceMap } from '../../src/index.js';

const manifest = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n';

/** Every character of the embedded text but the "\n" between lines is the file's own. */
function expectExact(file: string, block: { text: string; map: SourceMap }): void {
  for (let i = 0; i < block.text.length; i++) {
    if (block.text[i] === '\n') continue;
    expect(file[block.map.toOriginal(i)]).toBe(block.text[i]);
  }
}

describe('Markdown extraction', () => {
  it('takes fences tagged yaml or yml (any info after the word), untagged manifests, and nothing else', () => {
    const markdown = [
      '```yaml title="pvc.yaml"', 'a: 1', '```',
      '~~~YML', 'b: 2', '~~~',
      '```{.yaml}', 'c: 3', '```',
      '```', manifest.trimEnd(), '```',
      '```', 'just: a map without apiVersion', '```',
      '```bash', manifest.trimEnd(), '```',
      '```bash', '$ kubectl get pvc x -o yaml', manifest.trimEnd(), '```',
      '```python', manifest.trimEnd(), '```',
      '```json', '{"apiVersion": "v1", "kind": "ConfigMap"}', '```',
      '',
      '    apiVersion: v1',
      '    kind: Secret',
      '',
    ].join('\n');
    const blocks = extractFromMarkdown(markdown);
    expect(blocks.map((block) => [block.label, block.text.split('\n')[0]])).toEqual([
      ['yaml', 'a: 1'], ['yml', 'b: 2'], ['yaml', 'c: 3'], ['', 'apiVersion: v1'], ['bash', 'apiVersion: v1'], ['', 'apiVersion: v1'],
    ]);
    for (const block of blocks) expectExact(markdown, block);
  });

  it('strips list and block-quote containers and the fence indentation, as CommonMark does', () => {
    const markdown = '1. one\n\n   > ```yaml\n   >   a: 1\n   >  b: 2\n   > ```\n\n  ```yaml\n   c: 3\n  d: 4\n ```\n';
    const [quoted, indented] = extractFromMarkdown(markdown);
    // the fence in the quote is not indented: the content keeps its spaces
    expect(quoted!.text).toBe('  a: 1\n b: 2\n');
    // a fence indented 2: up to 2 spaces go from each content line
    expect(indented!.text).toBe(' c: 3\nd: 4\n');
    expect(indented!.map.toOriginal(0)).toBe(markdown.indexOf(' c: 3'));
    expectExact(markdown, quoted!);
    expectExact(markdown, indented!);
  });

  it('an unterminated fence runs to the end of the file; an empty fence yields nothing', () => {
    const blocks = extractFromMarkdown('```yaml\n```\n\n```yaml\na: 1\nb: 2');
    expect(blocks.map((block) => block.text)).toEqual(['a: 1\nb: 2']);
  });

  it('reads heredocs in untagged, bash, sh and console blocks; the console prompt is stripped', () => {
    const markdown = '```console\n$ kubectl apply -f - <<EOF\n> a: 1\n>   b: 2\n> EOF\nconfigmap/x created\n```\n\n```\ncat <<EOF | kubectl create -f -\nc: 3\nEOF\n```\n';
    const blocks = extractFromMarkdown(markdown);
    expect(blocks.map((block) => block.text)).toEqual(['a: 1\n  b: 2\n', 'c: 3\n']);
    expect(blocks[0]!.map.toOriginal(0)).toBe(markdown.indexOf('a: 1'));
    for (const block of blocks) expectExact(markdown, block);
  });

  it('maps exactly for any list nesting and indentation (property)', () => {
    const line = fc.stringMatching(/^[a-z]{1,6}: [a-z0-9 ]{0,8}$/);
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 6 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 }), fc.boolean(),
        (lines, depth, fenceIndent, crlf) => {
          const container = '   '.repeat(depth);
          const bullets = Array.from({ length: depth }, (_, i) => `${'   '.repeat(i)}1. item`).join('\n\n');
          const fence = ' '.repeat(fenceIndent);
          let markdown = `${bullets}\n\n${container}${fence}\`\`\`yaml\n${lines.map((l) => `${container}${fence}${l}`).join('\n')}\n${container}${fence}\`\`\`\n`;
          if (crlf) markdown = markdown.replace(/\n/g, '\r\n');
          const [block] = extractFromMarkdown(markdown);
          expect(block!.text).toBe(`${lines.join('\n')}\n`);
          expectExact(markdown, block!);
        }),
      { numRuns: 200 },
    );
  });
});

describe('shell heredocs', () => {
  it('reads EOF, \'EOF\', "EOF", \\EOF and <<-EOF, and only those fed to kubectl or a .yaml file', () => {
    const script = [
      'kubectl apply -f - <<EOF', 'a: 1', 'EOF',
      "oc create -f- <<'EOF'", 'b: 2', 'EOF',
      'kubectl --context prod replace --filename=- <<"END"', 'c: 3', 'END',
      'cat <<\\EOF > pvc.yml', 'd: 4', 'EOF',
      'cat <<EOF | tee notes.txt', 'not: linted', 'EOF',
      'kubectl get -f - <<EOF', 'not: linted', 'EOF',
      'cat <<EOF |', 'e: 5', 'EOF', '  kubectl apply -f -',
      'cat <<EOF \\', '  | kubectl apply -f -', 'f: 6', 'EOF',
      '',
    ].join('\n');
    const heredocs = scanHeredocs(script);
    expect(heredocs.map((heredoc) => [heredoc.delimiter, heredoc.quoted, heredoc.target])).toEqual([
      ['EOF', false, 'kubectl'], ['EOF', true, 'kubectl'], ['END', true, 'kubectl'], ['EOF', true, 'yaml-file'],
      ['EOF', false, undefined], ['EOF', false, undefined], ['EOF', false, 'kubectl'], ['EOF', false, 'kubectl'],
    ]);
    expect(extractFromShell(script).map((block) => block.text)).toEqual(['a: 1\n', 'b: 2\n', 'c: 3\n', 'd: 4\n', 'e: 5\n', 'f: 6\n']);
  });

  it('<<-EOF: leading tabs are stripped from the body and the delimiter; offsets point past them', () => {
    const script = 'if true; then\n\tkubectl apply -f - <<-EOF\n\tkind: A\n\t\t  spec: 1\n\tEOF\nfi\n';
    const [block] = extractFromShell(script);
    expect(block!.text).toBe('kind: A\n  spec: 1\n');
    expect(block!.map.toOriginal(0)).toBe(script.indexOf('kind'));
    expect(block!.map.toOriginal(8)).toBe(script.indexOf('  spec'));
    // a new line written into the body gets the tabs of the line the edit starts on
    expect(block!.map.mapEdit({ start: 8, end: 8, newText: 'x: 1\n' })).toEqual({ start: script.indexOf('  spec'), end: script.indexOf('  spec'), newText: 'x: 1\n\t\t' });
    // removing a line whose tab count differs from the next one's is fine: tabs are all stripped
    expect(block!.map.mapEdit({ start: 0, end: 8, newText: '' })).toEqual({ start: script.indexOf('kind'), end: script.indexOf('  spec'), newText: '' });
  });

  it('ignores << in quotes, comments, here-strings and arithmetic; bodies of other heredocs are skipped', () => {
    const script = [
      'echo "kubectl apply -f - <<EOF"', "# kubectl apply -f - <<EOF", 'grep x <<< "$y"', 'echo $((1 << 2))',
      'cat <<NOTE', 'kubectl apply -f - <<EOF', 'NOTE',
      'kubectl apply -f - <<EOF', 'a: 1', 'EOF', '',
    ].join('\n');
    expect(scanHeredocs(script).map((heredoc) => heredoc.delimiter)).toEqual(['NOTE', 'EOF']);
    expect(extractFromShell(script).map((block) => block.text)).toEqual(['a: 1\n']);
  });

  it('two heredocs on one line are read in order; an unterminated body runs to the end', () => {
    const script = 'kubectl apply -f - <<A; kubectl create -f - <<B\na: 1\nA\nb: 2\nB\nkubectl apply -f - <<C\nc: 3\n';
    const heredocs = scanHeredocs(script);
    expect(heredocs.map((heredoc) => [heredoc.delimiter, heredoc.unterminated, heredoc.lines.length])).toEqual([['A', false, 1], ['B', false, 1], ['C', true, 1]]);
  });

  it('marks what the shell expands: everything in an unquoted body, variables only for envsubst', () => {
    const script = 'kubectl apply -f - <<EOF\nname: $NAME-${SUFFIX}\nns: $(ns) `ns` \\$HOME\nEOF\ncat <<\'EOF\' | envsubst | kubectl apply -f -\nname: $NAME $(x)\nEOF\n';
    const [unquoted, substituted] = extractFromShell(script);
    expect(unquoted!.opaque.map((range) => unquoted!.text.slice(range.start, range.end))).toEqual(['$NAME', '${SUFFIX}', '$(ns)', '`ns`', '\\$']);
    expect(substituted!.opaque.map((range) => substituted!.text.slice(range.start, range.end))).toEqual(['$NAME']);
  });
});

describe('SourceMap', () => {
  const file = '> ```\n> a: 1\n> b: 2\n>\n> ```\n';
  const lines = [
    { original: file.indexOf('a: 1'), length: 4, eol: true },
    { original: file.indexOf('b: 2'), length: 4, eol: true },
    { original: file.indexOf('>\n> ```') + 1, length: 0, eol: true },
  ];
  const { text, map } = SourceMap.fromLines(file, lines);

  it('maps offsets, the one past the last line ending onto the line after the block', () => {
    expect(text).toBe('a: 1\nb: 2\n\n');
    expect(map.toOriginal(5)).toBe(file.indexOf('b: 2'));
    // the last line's prefix is `>`: the line after it matches that much
    expect(map.toOriginal(text.length)).toBe(file.lastIndexOf('> ```') + 1);
  });

  it('writes the prefix back after every new line, and refuses edits across lines whose prefixes differ', () => {
    expect(map.mapEdit({ start: 5, end: 5, newText: 'x: 0\n' })).toEqual({ start: file.indexOf('b: 2'), end: file.indexOf('b: 2'), newText: 'x: 0\n> ' });
    expect(map.mapEdit({ start: 0, end: 5, newText: '' })).toEqual({ start: file.indexOf('a: 1'), end: file.indexOf('b: 2'), newText: '' });
    // the blank line is `>` without its space: removing "b: 2\n" would leave `> ` + `` behind
    expect(map.mapEdit({ start: 5, end: 10, newText: '' })).toBeUndefined();
    expect(map.mapRange({ start: 5, end: 10 })).toEqual({ start: file.indexOf('b: 2'), end: file.indexOf('>\n> ```') + 1 });
  });
});

describe('inputLanguageOf', () => {
  it('reads the extension', () => {
    expect(['README.md', 'a/b.MARKDOWN', 'run.sh', 'x.bash', 'pvc.yaml', 'pvc.yml', 'Makefile', 'dir.md/pvc', '-'].map(inputLanguageOf))
      .toEqual(['markdown', 'markdown', 'shell', 'shell', 'yaml', 'yaml', 'yaml', 'yaml', 'yaml']);
  });
});
