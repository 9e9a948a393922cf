import { isDns1123Subdomain } from '@kubectl-clone/core';
import { CliError } from './errors.js';

/**
 * The values of the clone flags the apiserver would refuse, checked before any request, by the
 * offline plan and the live commands alike (flags/pvc-flags.ts calls them for pvc, workload and check).
 */
export const accessModes = ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'] as const;

export function checkAccessModes(values: readonly string[]): string[] {
  for (const value of values) {
    if (!(accessModes as readonly string[]).includes(value)) {
      throw new CliError(`invalid --access-mode "${value}": use ${accessModes.slice(0, -1).join(', ')} or ${accessModes.at(-1)}`);
    }
  }
  return [...values];
}

// apimachinery's validation: a label value and a key's name part are at most 63 characters of
// [A-Za-z0-9-_.], starting and ending with a letter or digit; a key's prefix is a DNS subdomain
const labelPart = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/;

function labelKeyProblem(key: string): string | undefined {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && !isDns1123Subdomain(prefix)) return `the key's prefix "${prefix}" must be a DNS subdomain (lowercase letters, digits, '-' and '.')`;
  if (name === '' || name.length > 63 || !labelPart.test(name)) return `the key "${name}" must be 1-63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit`;
  return undefined;
}

/** `--label key=value` (repeatable) as a map, each key and value valid as the apiserver checks them. */
export function parseLabels(values: readonly string[], flag = '--label'): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const text of values) {
    const at = text.indexOf('=');
    if (at <= 0) throw new CliError(`invalid ${flag} "${text}": expected key=value`);
    const key = text.slice(0, at);
    const value = text.slice(at + 1);
    const problem = labelKeyProblem(key)
      ?? (value.length > 63 || !labelPart.test(value) ? `the value "${value}" must be at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit` : undefined);
    if (problem) throw new CliError(`invalid ${flag} "${text}": ${problem}`);
    labels[key] = value;
  }
  return labels;
}
