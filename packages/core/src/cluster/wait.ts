import type { PersistentVolumeClaimObject } from '../facts.js';
import { toClaimEvent, type ClaimEvent, type ClusterClient } from './client.js';
import { explainEvent, type EventExplanation } from './explain.js';

export interface WaitOptions {
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  onPhase?(phase: string): void;
  onEvent?(event: ClaimEvent, explanation: EventExplanation | undefined): void;
  /** A watch ended unexpectedly (apiserver restart, network) and is being re-established. */
  onReconnect?(attempt: number, reason: string): void;
  /** End the wait early ('Stuck') on an event that says the claim will never bind this way. */
  giveUpOn?(explanation: EventExplanation, event: ClaimEvent): boolean;
  /** The claim as its create returned it: the first watch starts from it instead of from a read. */
  readonly initial?: PersistentVolumeClaimObject;
  /**
   * Watch the claim's events only if it is not Bound after this long (default: from the start).
   * A watch opened later loses nothing: it lists the events that already exist first.
   */
  readonly eventsAfterMs?: number;
}

export type WaitOutcome =
  | { readonly result: 'Bound'; readonly claim: PersistentVolumeClaimObject; readonly events: ClaimEvent[] }
  | { readonly result: 'Timeout' | 'Aborted' | 'Deleted' | 'Lost' | 'Stuck'; readonly claim?: PersistentVolumeClaimObject; readonly events: ClaimEvent[]; readonly stuck?: EventExplanation };

/**
 * Watch (not poll) a claim until it is Bound, streaming its events; the first watch starts from
 * the claim its create returned when given (`initial`: no read). A watch that ends (the
 * apiserver restarted, a proxy timed out) is re-established from a fresh read, with backoff, so a
 * restart during the wait delays the verdict instead of ending it.
 */
export function waitForBound(client: ClusterClient, namespace: string, name: string, options: WaitOptions): Promise<WaitOutcome> {
  return new Promise((resolve) => {
    const events: ClaimEvent[] = [];
    const seen = new Set<string>();
    const controllers: AbortController[] = [];
    let claim: PersistentVolumeClaimObject | undefined;
    let phase = '';
    let finished = false;
    let attempt = 0;
    let missingReads = 0;
    let retryTimer: NodeJS.Timeout | undefined;
    // the watches of the current attempt and how they end it; undefined while reconnecting
    let live: { onEnd: (error: unknown) => void } | undefined;
    let eventsWanted = !options.eventsAfterMs;
    let eventsTimer: NodeJS.Timeout | undefined;
    let initial = options.initial?.metadata?.resourceVersion ? options.initial : undefined;

    const finish = (outcome: WaitOutcome) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      clearTimeout(retryTimer);
      clearTimeout(eventsTimer);
      options.signal?.removeEventListener('abort', onAbort);
      for (const controller of controllers) controller.abort();
      resolve(outcome);
    };
    const lastStuck = () => [...events].reverse().map((event) => explainEvent(event)).find((explanation) => explanation?.stuck);
    const timer = setTimeout(() => finish({ result: 'Timeout', ...(claim ? { claim } : {}), events, ...(lastStuck() ? { stuck: lastStuck()! } : {}) }), options.timeoutMs);
    const onAbort = () => finish({ result: 'Aborted', ...(claim ? { claim } : {}), events });
    options.signal?.addEventListener('abort', onAbort);
    if (options.signal?.aborted) return onAbort();

    const observe = (next: PersistentVolumeClaimObject) => {
      claim = next;
      const nextPhase = next.status?.phase ?? 'Pending';
      if (nextPhase !== phase) {
        phase = nextPhase;
        options.onPhase?.(phase);
      }
      if (phase === 'Bound') finish({ result: 'Bound', claim: next, events });
      else if (phase === 'Lost') finish({ result: 'Lost', claim: next, events });
    };
    const record = (event: ClaimEvent) => {
      // an event the other watch delivers after the verdict is not news (a stale "waiting for the provisioner" after Bound)
      if (finished) return;
      // the same event again (its count went up) is not news: show each reason and message once
      const key = `${event.reason}\u0000${event.message}`;
      if (seen.has(key)) return;
      seen.add(key);
      events.push(event);
      const explanation = explainEvent(event);
      options.onEvent?.(event, explanation);
      if (explanation && options.giveUpOn?.(explanation, event)) finish({ result: 'Stuck', ...(claim ? { claim } : {}), events, stuck: explanation });
    };

    const watchEvents = async (): Promise<void> => {
      const at = live;
      if (!at) return; // between attempts: the next one opens it
      try {
        const controller = await client.watch(`/api/v1/namespaces/${namespace}/events`,
          { fieldSelector: `involvedObject.kind=PersistentVolumeClaim,involvedObject.name=${name}` },
          (type, object) => {
            if (type === 'ADDED' || type === 'MODIFIED') record(toClaimEvent(object as Parameters<typeof toClaimEvent>[0]));
          }, at.onEnd);
        if (finished || live !== at) controller.abort();
        else controllers.push(controller);
      } catch (error) {
        if (live === at) at.onEnd(error);
      }
    };

    const start = async (): Promise<void> => {
      if (finished) return;
      try {
        const current = initial ?? await client.readClaim(namespace, name);
        initial = undefined;
        if (!current) {
          // one 404 (a proxy, a cache, a just-restarted apiserver) is not proof: read again before the verdict
          if (++missingReads < 3) return reconnect('the clone was not found; reading it again');
          return finish({ result: 'Deleted', events });
        }
        missingReads = 0;
        observe(current);
        if (finished) return;
        let ended = 0;
        const onEnd = (error: unknown) => {
          if (finished || ++ended > 1) return;
          live = undefined;
          for (const controller of controllers.splice(0)) controller.abort();
          reconnect(error ? String((error as Error).message ?? error) : 'the watch closed');
        };
        controllers.push(
          await client.watch(`/api/v1/namespaces/${namespace}/persistentvolumeclaims`,
            { fieldSelector: `metadata.name=${name}`, resourceVersion: current.metadata?.resourceVersion, allowWatchBookmarks: true },
            (type, object) => {
              if (type === 'DELETED') finish({ result: 'Deleted', events });
              else if (type === 'ADDED' || type === 'MODIFIED') observe(object as PersistentVolumeClaimObject);
            }, onEnd),
        );
        if (finished) return;
        live = { onEnd };
        if (eventsWanted) await watchEvents();
        else eventsTimer ??= setTimeout(() => { eventsWanted = true; void watchEvents(); }, options.eventsAfterMs);
        attempt = 0;
      } catch (error) {
        reconnect((error as Error).message);
      }
    };
    const reconnect = (reason: string) => {
      if (finished) return;
      attempt++;
      options.onReconnect?.(attempt, reason);
      retryTimer = setTimeout(() => void start(), Math.min(5000, 250 * 2 ** Math.min(attempt, 5)));
    };
    void start();
  });
}
