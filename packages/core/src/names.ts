import { dnsName } from './generate.js';
import { isDns1123Subdomain } from './rules/datasource-api-group-invalid.js';

/**
 * Why `name` cannot name a claim, in one line with a suggestion that is itself valid; undefined
 * when it can. Too long and badly formed are different mistakes and are said differently.
 */
export function claimNameProblem(name: string): string | undefined {
  if (isDns1123Subdomain(name)) return undefined;
  const suggestion = validSuggestion(name);
  const instead = suggestion ? `e.g. "${suggestion}"` : 'choose another';
  if (name.length > 253 && isDns1123Subdomain(name.slice(0, 253).replace(/[^a-z0-9]+$/, ''))) {
    return `invalid clone name "${name.slice(0, 40)}..." (${name.length} characters): a claim name is at most 253 characters (${instead})`;
  }
  return `invalid clone name "${name}": a claim name is lowercase letters, digits, '-' and '.', each dot-separated part starting and ending with a letter or digit, at most 253 characters (${instead})`;
}

function validSuggestion(name: string): string | undefined {
  // "-." and ".-" and ".." make invalid parts: collapse them to one dot, then cut and trim
  const candidate = dnsName(dnsName(name).replace(/[.-]*\.[.-]*/g, '.'));
  return candidate && isDns1123Subdomain(candidate) ? candidate : undefined;
}
