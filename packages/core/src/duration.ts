/**
 * The one duration parser of the project: every flag that takes a time (`--ttl`, `--timeout`,
 * `prune --older-than`, `--request-timeout`) and the ttl annotation read back by `list`/`prune`.
 * Go's time.ParseDuration units (what kubectl's flags take) plus d and w, which TTLs need.
 */
const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

export class DurationError extends Error {}

export const durationExamples = '30s, 5m, 1h30m, 12h, 7d or 2w';

/** Milliseconds of "90s", "5m", "1h30m", "7d", "2w"; a DurationError for anything else ("-5s", "abc", ""). */
export function parseDurationMs(text: string): number {
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/g)];
  if (parts.length === 0 || parts.map((part) => part[0]).join('') !== text) {
    throw new DurationError(`invalid duration "${text}": use e.g. ${durationExamples}`);
  }
  return parts.reduce((total, part) => total + Number(part[1]) * units[part[2]!]!, 0);
}
