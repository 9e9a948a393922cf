/**
 * Unrendered Helm (Go template) actions. A chart's templates/*.yaml is not YAML until
 * `helm template` renders it, so we report it and lint nothing in that document rather than
 * drown the user in syntax errors about `{{`. Only actions in the YAML's structure count: one in
 * a comment is a note to the reader, and one inside a quoted string is a value (a Helm values
 * file passes such strings to `tpl`; the placeholder check treats them as unknown values).
 */
const templateAction = /\{\{-?\s*(?:[.$]|include\b|template\b|if\b|else\b|end\b|range\b|with\b|define\b|toYaml\b|tpl\b|default\b|required\b|quote\b|printf\b|\/\*)/g;

export function findTemplateAction(text: string): number {
  templateAction.lastIndex = 0;
  for (let match = templateAction.exec(text); match; match = templateAction.exec(text)) {
    const at = match.index;
    const lineStart = text.lastIndexOf('\n', at - 1) + 1;
    const where = placeOnLine(text, lineStart, at);
    if (where === 'structure') return at;
    // the rest of a comment line cannot hold an action that counts
    if (where === 'comment') {
      const next = text.indexOf('\n', at);
      if (next === -1) return -1;
      templateAction.lastIndex = next;
    }
  }
  return -1;
}

/** Whether `at` lies in a comment, in a quoted scalar, or in the YAML's structure of its line. */
function placeOnLine(text: string, lineStart: number, at: number): 'comment' | 'quoted' | 'structure' {
  let quote: string | undefined;
  for (let i = lineStart; i < at; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === "'" && quote === "'" && text[i + 1] === "'") i++;
      else if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"') i++;
    } else if (c === '#' && (i === lineStart || text[i - 1] === ' ' || text[i - 1] === '\t')) {
      return 'comment';
    } else if ((c === '"' || c === "'") && (i === lineStart || /[\s:,[{-]/.test(text[i - 1]!))) {
      quote = c;
    }
  }
  return quote ? 'quoted' : 'structure';
}
