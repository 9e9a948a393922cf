import { dnsName } from './generate.js';

// apimachinery's validation.IsDNS1123Subdomain and IsDNS1123Label: the one home of these shapes
export const dns1123Subdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const dns1123Label = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Names of most objects (claims, classes) and API groups: at most 253 characters. */
export function isDns1123Subdomain(value: string): boolean {
  return value.length <= 253 && dns1123Subdomain.test(value);
}

/** Namespaces and label-like names: at most 63 characters, no dots. */
export function isDns1123Label(value: string): boolean {
  return value.length <= 63 && dns1123Label.test(value);
}

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
