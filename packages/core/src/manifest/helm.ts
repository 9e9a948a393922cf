/**
 * Unrendered Helm (Go template) actions. A chart's templates/*.yaml is not YAML until
 * `helm template` renders it, so we report it and lint nothing in that document rather than
 * drown the user in syntax errors about `{{`.
 */
const templateAction = /\{\{-?\s*(?:[.$]|include\b|template\b|if\b|else\b|end\b|range\b|with\b|define\b|toYaml\b|tpl\b|default\b|required\b|quote\b|printf\b|\/\*)/;

export function findTemplateAction(text: string): number {
  const match = templateAction.exec(text);
  return match ? match.index : -1;
}
