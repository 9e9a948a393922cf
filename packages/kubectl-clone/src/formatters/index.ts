import { CliError } from '../errors.js';
import { formatJson } from './json.js';
import { formatSarif } from './sarif.js';
import { formatText } from './text.js';
import type { Formatter } from './types.js';

const formatters: Record<string, Formatter> = { text: formatText, json: formatJson, sarif: formatSarif };

export function formatterFor(name: string): Formatter {
  const formatter = formatters[name];
  if (!formatter) throw new CliError(`unknown output format "${name}": use ${Object.keys(formatters).join(', ')}`);
  return formatter;
}

export type { LintReport, Formatter } from './types.js';
