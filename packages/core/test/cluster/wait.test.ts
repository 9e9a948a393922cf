import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ClusterClient } from '../../src/cluster/client.js';
import { waitForBound } from '../../src/cluster/wait.js';
import type { PersistentVolumeClaimObject } from '../../src/facts.js';

/** A stand-in for the client's two calls the wait makes; the watches are driven by the test. */
function fakeClient() {
  const calls: string[] = [];
  const watches = new Map<string, (type: string, object: unknown) => void>();
  const client = {
    readClaim: vi.fn(async () => {
      calls.push('read');
      return claim('Pending', '7');
    }),
    watch: vi.fn(async (path: string, query: Record<string, unknown>, onEvent: (type: string, object: unknown) => void) => {
      const kind = path.endsWith('/events') ? 'events' : 'claim';
      calls.push(kind === 'claim' ? `watch claim from ${String(query.resourceVersion)}` : 'watch events');
      watches.set(kind, onEvent);
      return new AbortController();
    }),
  };
  return { client: client as unknown as ClusterClient, calls, watches };
}

const claim = (phase: string, resourceVersion: string): PersistentVolumeClaimObject => ({
  metadata: { name: 'copy', namespace: 'shop', resourceVersion }, status: { phase },
});

const event = (reason: string, message: string) => ({ type: 'Normal', reason, message, count: 1, lastTimestamp: '2026-11-30T09:00:00Z' });

describe('waitForBound', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('starts the watch from the created claim without reading it, and needs no events when it binds at once', async () => {
    const { client, calls, watches } = fakeClient();
    const waiting = waitForBound(client, 'shop', 'copy', { timeoutMs: 60_000, eventsAfterMs: 1000, initial: claim('Pending', '42') });
    await vi.waitFor(() => expect(watches.has('claim')).toBe(true));
    watches.get('claim')!('MODIFIED', claim('Bound', '43'));
    const outcome = await waiting;
    expect(outcome.result).toBe('Bound');
    await vi.advanceTimersByTimeAsync(5000);
    expect(calls).toEqual(['watch claim from 42']);
  });

  it('watches the events once the claim is not Bound after eventsAfterMs, and shows the ones already there', async () => {
    const { client, calls, watches } = fakeClient();
    const seen: string[] = [];
    const waiting = waitForBound(client, 'shop', 'copy', {
      timeoutMs: 60_000, eventsAfterMs: 1000, initial: claim('Pending', '42'),
      onEvent: (e) => seen.push(e.reason),
    });
    await vi.advanceTimersByTimeAsync(999);
    expect(calls).toEqual(['watch claim from 42']);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toEqual(['watch claim from 42', 'watch events']);
    // a watch without a resourceVersion first lists what exists: the event from before it opened
    watches.get('events')!('ADDED', event('Provisioning', 'External provisioner is provisioning volume for claim "shop/copy"'));
    watches.get('claim')!('MODIFIED', claim('Bound', '44'));
    expect((await waiting).result).toBe('Bound');
    expect(seen).toEqual(['Provisioning']);
  });

  it('reads the claim when no created claim is given, and watches events from the start by default', async () => {
    const { client, calls, watches } = fakeClient();
    const waiting = waitForBound(client, 'shop', 'copy', { timeoutMs: 60_000 });
    await vi.waitFor(() => expect(watches.has('events')).toBe(true));
    expect(calls).toEqual(['read', 'watch claim from 7', 'watch events']);
    watches.get('claim')!('MODIFIED', claim('Bound', '8'));
    expect((await waiting).result).toBe('Bound');
  });
});
