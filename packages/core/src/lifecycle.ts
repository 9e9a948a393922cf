import type { PersistentVolumeClaimObject } from './facts.js';
import { annotations } from './generate.js';
import { DurationError, parseDurationMs } from './duration.js';

export { DurationError, parseDurationMs };

/** The TTL annotations of a new clone: what was asked and the instant it runs out. */
export function ttlAnnotations(ttl: string, createdAt: Date): Record<string, string> {
  const ms = parseDurationMs(ttl);
  if (ms <= 0) throw new DurationError(`invalid TTL "${ttl}": it must be longer than zero`);
  return { [annotations.ttl]: ttl, [annotations.expiresAt]: new Date(createdAt.getTime() + ms).toISOString() };
}

/**
 * When a clone expires: its expires-at annotation, else created-at (or creation time) plus its ttl
 * annotation (someone may have added a ttl by hand with kubectl annotate). undefined: no TTL.
 */
export function expiryOf(claim: PersistentVolumeClaimObject): Date | undefined {
  const notes = claim.metadata?.annotations ?? {};
  const explicit = Date.parse(notes[annotations.expiresAt] ?? '');
  if (Number.isFinite(explicit)) return new Date(explicit);
  const ttl = notes[annotations.ttl];
  const created = Date.parse(notes[annotations.createdAt] ?? claim.metadata?.creationTimestamp ?? '');
  if (!ttl || !Number.isFinite(created)) return undefined;
  try {
    return new Date(created + parseDurationMs(ttl));
  } catch {
    return undefined;
  }
}

export function isExpired(claim: PersistentVolumeClaimObject, now: Date): boolean {
  const expiry = expiryOf(claim);
  return expiry !== undefined && expiry.getTime() <= now.getTime();
}

/** `list`'s EXPIRES column: "in 6d", "expired 2h ago", "-" without a TTL. */
export function formatExpiry(expiry: Date | undefined, now: Date): string {
  if (!expiry) return '-';
  const delta = expiry.getTime() - now.getTime();
  return delta > 0 ? `in ${formatSpan(delta)}` : `expired ${formatSpan(-delta)} ago`;
}

function formatSpan(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 120) return `${seconds}s`;
  if (seconds < 7200) return `${Math.floor(seconds / 60)}m`;
  if (seconds < 172800) return `${Math.floor(seconds / 3600)}h`;
  return `${Math.floor(seconds / 86400)}d`;
}

/** Seconds each phase of a clone took; recorded on the clone once it is Bound. */
export interface PhaseTimings {
  preflight: number;
  snapshot?: number;
  create: number;
  bound: number;
}

export function timingsAnnotation(timings: PhaseTimings): Record<string, string> {
  const rounded = Object.fromEntries(Object.entries(timings).map(([phase, seconds]) => [phase, Math.round(seconds * 1000) / 1000]));
  return { [annotations.timings]: JSON.stringify(rounded) };
}

export function timingsOf(claim: PersistentVolumeClaimObject): PhaseTimings | undefined {
  const text = claim.metadata?.annotations?.[annotations.timings];
  if (!text) return undefined;
  try {
    return JSON.parse(text) as PhaseTimings;
  } catch {
    return undefined;
  }
}
