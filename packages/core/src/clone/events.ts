import type { ClonePlan } from '../plan.js';
import type { PhaseTimings } from '../lifecycle.js';
import type { Finding } from '../findings.js';
import type { PersistentVolumeClaimObject } from '../facts.js';
import type { CopyProgress } from './copy.js';

/**
 * What the engine reports while it works. Every event carries its text in the product's words;
 * front ends choose where to show it (a progress line, a notification), never what it says.
 */
export type CloneEvent =
  /** Something could not be read; the checks that need it did not run. */
  | { readonly kind: 'gap'; readonly text: string }
  /** The strategy is chosen: `text` says which and why. */
  | { readonly kind: 'planned'; readonly plan: ClonePlan; readonly text: string }
  /** The rules' findings on the planned objects (shown before a refusal or a question). */
  | { readonly kind: 'findings'; readonly findings: readonly Finding[] }
  /** A write happened or a waited-for state was reached: a line that stays. */
  | { readonly kind: 'step'; readonly text: string }
  /** The clone's current phase while waiting (redrawn in place on a terminal). */
  | { readonly kind: 'phase'; readonly text: string }
  /** An event of the clone (from the controller-manager, the provisioner), with our explanation. */
  | { readonly kind: 'claim-event'; readonly warning: boolean; readonly text: string }
  /** The copy strategy's bytes so far (redrawn in place on a terminal; a plain line now and then elsewhere). */
  | { readonly kind: 'progress'; readonly progress: CopyProgress; readonly text: string };

/** How a clone ended. `message` is the closing text; `leftBehind` the commands that remove what exists. */
export type CloneOutcome =
  /** Nothing was written: refused by the rules, the strategy, access, or the apiserver's dry run. */
  | { readonly result: 'refused'; readonly message: string; readonly plan?: ClonePlan }
  /** The user said no to the question (warnings to accept); nothing was written. */
  | { readonly result: 'cancelled'; readonly message: string; readonly plan: ClonePlan }
  /** --dry-run=client, -o plan: the planned objects; nothing was written. */
  | { readonly result: 'planned'; readonly message: string; readonly plan: ClonePlan; readonly objects: readonly Record<string, unknown>[] }
  /** --dry-run=server: the objects as the apiserver returned them; nothing was written. */
  | { readonly result: 'validated'; readonly message: string; readonly plan: ClonePlan; readonly objects: readonly Record<string, unknown>[] }
  /** --wait=false, or a WaitForFirstConsumer class: created, not waited for (exit 0). */
  | { readonly result: 'created' | 'handed-off'; readonly message: string; readonly plan: ClonePlan; readonly claim: PersistentVolumeClaimObject; readonly leftBehind: readonly string[] }
  | {
    readonly result: 'bound'; readonly message: string; readonly plan: ClonePlan; readonly claim: PersistentVolumeClaimObject;
    readonly seconds: number; readonly timings: PhaseTimings; readonly leftBehind: readonly string[];
    /** WaitForFirstConsumer with --wait-for-consumer: the pod whose scheduling provisioned it. */
    readonly consumer?: { readonly pod: string; readonly node: string };
    /** The copy strategy: what the pods copied. */
    readonly copied?: { readonly bytes: number; readonly seconds: number };
  }
  /** Written but not finished: the clone or its snapshot is left in place, `leftBehind` removes it. */
  | { readonly result: 'timeout' | 'lost' | 'deleted' | 'snapshot-failed' | 'failed'; readonly message: string; readonly plan: ClonePlan; readonly leftBehind: readonly string[] }
  /** Ctrl-C or a cancelled progress: `message` says what exists. */
  | { readonly result: 'interrupted'; readonly message: string; readonly plan?: ClonePlan; readonly leftBehind: readonly string[] };

/** Exit 0 outcomes: the clone exists as asked, or nothing was asked to be written. */
export function succeeded(outcome: CloneOutcome): boolean {
  return ['planned', 'validated', 'created', 'handed-off', 'bound'].includes(outcome.result);
}

/** The questions the engine asks; answered by a flag (--force) on a terminal, a modal in the editor. */
export interface CloneQuestions {
  /**
   * The last question before anything is written: go ahead with this plan? `warnings` is empty
   * when the rules found none; a terminal answers yes unless there are warnings and no --force.
   */
  approve(plan: ClonePlan, warnings: readonly Finding[]): Promise<boolean>;
}

export interface CloneIO extends CloneQuestions {
  readonly signal: AbortSignal;
  event(event: CloneEvent): void;
}
