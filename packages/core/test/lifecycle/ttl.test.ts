import { describe, expect, it } from 'vitest';
import { expiryOf, formatExpiry, isExpired, parseDurationMs, timingsAnnotation, timingsOf, ttlAnnotations } from '../../src/lifecycle.js';

const created = new Date('2026-11-22T00:00:00Z');

describe('TTL and expiry', () => {
  it('parses kubectl-style durations and rejects anything else', () => {
    expect(parseDurationMs('7d')).toBe(7 * 86_400_000);
    expect(parseDurationMs('1h30m')).toBe(5_400_000);
    expect(parseDurationMs('2w')).toBe(14 * 86_400_000);
    expect(() => parseDurationMs('7 days')).toThrow('invalid duration "7 days"');
    expect(() => parseDurationMs('')).toThrow();
  });
  it('records the TTL and the instant it runs out', () => {
    expect(ttlAnnotations('7d', created)).toEqual({ 'kubectl-clone.io/ttl': '7d', 'kubectl-clone.io/expires-at': '2026-11-29T00:00:00.000Z' });
    expect(() => ttlAnnotations('0s', created)).toThrow('longer than zero');
  });
  it('reads expiry from expires-at, else created-at + ttl (a ttl added by hand), else none', () => {
    expect(expiryOf({ metadata: { annotations: { 'kubectl-clone.io/expires-at': '2026-12-01T00:00:00Z' } } })?.toISOString()).toBe('2026-12-01T00:00:00.000Z');
    expect(expiryOf({ metadata: { creationTimestamp: '2026-11-22T00:00:00Z', annotations: { 'kubectl-clone.io/ttl': '1d' } } })?.toISOString()).toBe('2026-11-23T00:00:00.000Z');
    expect(expiryOf({ metadata: { annotations: { 'kubectl-clone.io/ttl': 'soon' }, creationTimestamp: '2026-11-22T00:00:00Z' } })).toBeUndefined();
    expect(expiryOf({ metadata: {} })).toBeUndefined();
  });
  it('is expired at and after the instant, not before', () => {
    const claim = { metadata: { annotations: { 'kubectl-clone.io/expires-at': '2026-11-23T00:00:00Z' } } };
    expect(isExpired(claim, new Date('2026-11-22T23:59:59Z'))).toBe(false);
    expect(isExpired(claim, new Date('2026-11-23T00:00:00Z'))).toBe(true);
    expect(isExpired({ metadata: {} }, new Date('2100-01-01T00:00:00Z'))).toBe(false);
  });
  it('formats expiry for list', () => {
    const now = new Date('2026-11-22T00:00:00Z');
    expect(formatExpiry(new Date('2026-11-29T00:00:00Z'), now)).toBe('in 7d');
    expect(formatExpiry(new Date('2026-11-21T22:00:00Z'), now)).toBe('expired 2h ago');
    expect(formatExpiry(undefined, now)).toBe('-');
  });
  it('round-trips phase timings in milliseconds precision', () => {
    const note = timingsAnnotation({ preflight: 0.41234, create: 0.05, bound: 1.2 });
    expect(note).toEqual({ 'kubectl-clone.io/timings': '{"preflight":0.412,"create":0.05,"bound":1.2}' });
    expect(timingsOf({ metadata: { annotations: note } })).toEqual({ preflight: 0.412, create: 0.05, bound: 1.2 });
    expect(timingsOf({ metadata: { annotations: { 'kubectl-clone.io/timings': '{' } } })).toBeUndefined();
  });
});
