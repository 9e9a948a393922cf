import { CliError } from './errors.js';

const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** kubectl-style durations: 90s, 5m, 1h30m, 7d. */
export function parseDuration(text: string, flag: string): number {
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d)/g)];
  if (parts.length === 0 || parts.map((part) => part[0]).join('') !== text) {
    throw new CliError(`invalid ${flag} "${text}": use a duration such as 30s, 5m, 1h or 7d`);
  }
  return parts.reduce((total, part) => total + Number(part[1]) * units[part[2]!]!, 0);
}

