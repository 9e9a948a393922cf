import type { PersistentVolumeClaimObject, PersistentVolumeObject } from '../facts.js';
import type { EventExplanation } from '../cluster/explain.js';
import type { ClaimEvent } from '../cluster/client.js';
import type { StrategyChoice } from '../strategy.js';

/** The closing words of a clone, one home for the CLI and the editor. */
export const outcomeText = {
  bound: (target: string, volume: string, seconds: number) => `clone ${target} is Bound (${volume}) in ${seconds.toFixed(1)}s`,
  created: (target: string) => `clone ${target} was created; not waiting for it to bind (--wait=false)`,
  interrupted: (state: string) => `interrupted: ${state}`,
  stillBinding: (target: string, phase: string | undefined, cleanup: string) =>
    `clone ${target} was created and is still ${phase ?? 'Pending'}; it goes on binding without us. Delete it with: ${cleanup}`,
  deleted: (target: string) => `clone ${target} was deleted while we waited`,
  lost: (target: string, cleanup: string) => `clone ${target} is Lost: its volume is gone. Delete it with: ${cleanup}`,
  timeout: (timeout: string, target: string, claim: PersistentVolumeClaimObject | undefined, stuck: EventExplanation | undefined, events: readonly ClaimEvent[], cleanup: string) =>
    `timed out after ${timeout}: clone ${target} is still ${claim?.status?.phase ?? 'Pending'}` +
    (stuck
      ? `, and will stay so: ${stuck.explanation}${stuck.ruleId ? ` (${stuck.ruleId})` : ''}`
      : events.length ? `; last event: ${events[events.length - 1]!.message}` : '; no event explains it yet (is a provisioner running for its class?)') +
    `. It was left in place: delete it with: ${cleanup}`,
  handedOff: (target: string, className: string, topology: string | undefined, snapshot: string | undefined) =>
    `clone ${target} is created and will be provisioned when the first pod that mounts it is scheduled (StorageClass ${className} is WaitForFirstConsumer)` +
    (topology ? `; the pod must run where the source's volume is: ${topology}` : '') +
    (snapshot ? `; the temporary volumesnapshot ${snapshot} stays until the clone is Bound (kubectl clone prune removes it then)` : '') +
    '. Wait for it with --wait-for-consumer',
  consumer: (pod: string, node: string) => `provisioned for pod ${pod} on node ${node}`,
  copied: (target: string, volume: string, source: string, bytes: string, seconds: number, rate: string, leftPods: readonly string[]) =>
    `clone ${target} is Bound (${volume}) and holds a copy of ${source}: ${bytes} in ${seconds.toFixed(1)}s (${rate}/s); ` +
    (leftPods.length ? `the copy pods could not all be deleted: ${leftPods.join(' && ')}` : 'the copy pods were removed'),
  progress: (bytes: string, total: string | undefined, rate: string, eta: number | undefined) =>
    `copied ${bytes}${total ? ` of ${total}` : ''} at ${rate}/s${eta !== undefined ? `, about ${Math.ceil(eta)}s left` : ''}`,
};

/** A PV's node affinity in the words of `kubectl describe pv`: "key in (a, b)". */
export function topologyOf(volume: PersistentVolumeObject | undefined): string | undefined {
  const terms = volume?.spec?.nodeAffinity?.required?.nodeSelectorTerms ?? [];
  const text = terms
    .map((term) => (term.matchExpressions ?? []).map((e) => `${e.key} ${e.operator === 'In' ? 'in' : e.operator} (${(e.values ?? []).join(', ')})`).join(' and '))
    .filter(Boolean);
  return text.length ? text.join(' or ') : undefined;
}

/** An event of the clone as one line, with our explanation when we have one. */
export function claimEventText(event: ClaimEvent, explanation: EventExplanation | undefined): string {
  return `${event.type === 'Warning' ? 'warning' : 'event'} ${event.reason}: ${event.message}` +
    (explanation && explanation.explanation !== event.message ? `\n           -> ${explanation.explanation}` : '');
}

/** "strategy: copy (CopyAcrossDrivers: ...); skipped: clone (...); snapshot (...)" */
export function strategyText(choice: StrategyChoice): string {
  const skipped = (choice.skipped ?? []).map((s) => `${s.strategy} (${s.reason}: ${s.message})`);
  return `strategy: ${choice.strategy} (${choice.reason}: ${choice.message})${skipped.length ? `; skipped: ${skipped.join('; ')}` : ''}`;
}
