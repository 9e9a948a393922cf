import type { RuleMeta } from './types.js';

/** Findings the manifest reader itself reports, before any Kubernetes rule runs. */
export const yamlSyntax: RuleMeta = {
  id: 'yaml-syntax',
  reference: 'decode',
  title: 'YAML syntax error',
  severity: 'error',
  layer: 'yaml',
  phase: 'parse',
  upstreamMessage: 'error converting YAML to JSON: yaml: line <n>: <reason>',
  versions: 'all',
  fixable: false,
};

export const helmTemplate: RuleMeta = {
  id: 'unrendered-template',
  reference: 'decode',
  title: 'Unrendered Helm template',
  severity: 'info',
  layer: 'yaml',
  phase: 'parse',
  versions: 'all',
  fixable: false,
};

export const inputTooLarge: RuleMeta = {
  id: 'input-too-large',
  reference: 'decode',
  title: 'Input refused: too large or too deeply nested',
  severity: 'error',
  layer: 'yaml',
  phase: 'parse',
  versions: 'all',
  fixable: false,
};

export const aliasLimit: RuleMeta = {
  id: 'alias-limit',
  reference: 'decode',
  title: 'Input refused: too many YAML aliases',
  severity: 'error',
  layer: 'yaml',
  phase: 'parse',
  upstreamMessage: 'yaml: document contains excessive aliasing',
  versions: 'all',
  fixable: false,
};

export const placeholderValue: RuleMeta = {
  id: 'placeholder-value',
  reference: 'decode',
  title: 'A placeholder stands where a value is checked',
  severity: 'info',
  layer: 'nobody',
  phase: 'parse',
  versions: 'all',
  fixable: false,
};

export const parseRules: readonly RuleMeta[] = [yamlSyntax, helmTemplate, inputTooLarge, aliasLimit, placeholderValue];
