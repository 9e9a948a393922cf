import { annotations, renderYaml, type ClonePlan, type PersistentVolumeClaimObject } from '@kubectl-clone/core';
import { formatBytes, type CloneEvent, type CloneIO, type CloneOutcome } from '@kubectl-clone/core/clone';
import { exitCodes } from '../errors.js';
import { formatFindingsBrief } from '../formatters/brief.js';
import { formatPlanJson } from '../formatters/plan.js';
import { Progress } from '../progress.js';
import type { Terminal } from '../terminal.js';

/** The engine's events on stderr: lines that stay, and the phase redrawn in place on a terminal. */
export function terminalIO(terminal: Terminal, force: boolean): CloneIO & { progress: Progress } {
  const progress = new Progress(terminal);
  // a copy's bytes: redrawn on a terminal; elsewhere (CI logs) a line every 10 s and the last one
  let lastLine = 0;
  const copyProgress = (text: string, done: boolean) => {
    if (terminal.progressTTY) return progress.update(text);
    if (!done && Date.now() - lastLine < 10_000) return;
    lastLine = Date.now();
    progress.note(text);
  };
  return {
    progress,
    signal: terminal.signal,
    event(event: CloneEvent) {
      switch (event.kind) {
        case 'gap': terminal.stderr(`note: ${event.text}\n`); break;
        case 'findings': terminal.stderr(formatFindingsBrief(event.findings, terminal.color)); break;
        case 'planned': terminal.stderr(`${event.text}\n`); break;
        case 'phase': progress.update(event.text); break;
        case 'step': case 'claim-event': progress.note(event.text); break;
        case 'progress': copyProgress(event.text, event.progress.final === true); break;
      }
    },
    // a terminal command does not ask: --force is the yes to warnings
    approve: async (_plan, warnings) => warnings.length === 0 || force,
  };
}

/** kubectl's exit codes for an outcome: 0 done as asked, 1 refused or not finished, 130 interrupted. */
export function exitCodeOf(outcome: CloneOutcome): number {
  switch (outcome.result) {
    case 'planned': case 'validated': case 'created': case 'handed-off': case 'bound': return exitCodes.ok;
    case 'interrupted': return 130;
    default: return exitCodes.findings;
  }
}

/** What a clone prints: objects on stdout in the asked format, the closing words on stderr (or stdout for the summaries). */
export function printOutcome(outcome: CloneOutcome, output: string | undefined, terminal: Terminal): number {
  switch (outcome.result) {
    case 'refused': case 'cancelled':
      if (output === 'plan' && outcome.plan) terminal.stdout(formatPlanJson(outcome.plan));
      terminal.stderr(`${outcome.message}\n`);
      break;
    case 'planned': case 'validated':
      printObjects(outcome.plan, outcome.objects, output, terminal);
      break;
    case 'created': case 'handed-off':
      if (output === undefined || output === 'wide') terminal.stdout(`${outcome.message}\n`);
      else {
        printClaim(outcome.claim, output, terminal);
        terminal.stderr(`${outcome.message}\n`);
      }
      break;
    case 'bound':
      if (output === undefined || output === 'wide') terminal.stdout(summary(outcome, output === 'wide'));
      else {
        printClaim(outcome.claim, output, terminal);
        terminal.stderr(`${outcome.message}\n`);
      }
      break;
    default:
      terminal.stderr(`${outcome.message}\n`);
  }
  return exitCodeOf(outcome);
}

function printObjects(plan: ClonePlan, objects: readonly Record<string, unknown>[], output: string | undefined, terminal: Terminal): void {
  const claim = objects.find((o) => o.kind === 'PersistentVolumeClaim') as PersistentVolumeClaimObject;
  if (output === 'plan') terminal.stdout(formatPlanJson(plan));
  else if (output === 'json') terminal.stdout(`${JSON.stringify(objects.length === 1 ? objects[0] : { apiVersion: 'v1', kind: 'List', items: objects }, null, 2)}\n`);
  else if (output === 'name') terminal.stdout(objects.map((o) => `${String(o.kind).toLowerCase()}/${(o.metadata as { name?: string } | undefined)?.name}\n`).join(''));
  else if (output === 'yaml' || output === undefined || output === 'wide') terminal.stdout(renderYaml(objects));
  else printClaim(claim, output, terminal);
}

function printClaim(claim: PersistentVolumeClaimObject, output: string, terminal: Terminal): void {
  if (output === 'name') terminal.stdout(`persistentvolumeclaim/${claim.metadata?.name}\n`);
  else if (output === 'json') terminal.stdout(`${JSON.stringify(claim, null, 2)}\n`);
  else if (output === 'yaml') terminal.stdout(renderYaml([claim]));
}

/** The default summary; wide adds why, each phase's time, the consumer and the expiry. */
function summary(outcome: Extract<CloneOutcome, { result: 'bound' }>, wide: boolean): string {
  const { plan, claim, timings } = outcome;
  const spec = claim.spec;
  return `clone ${plan.clone.namespace}/${plan.clone.name} is Bound in ${outcome.seconds.toFixed(1)}s\n` +
    `  source:  ${plan.source.namespace}/${plan.source.name}\n` +
    `  volume:  ${spec?.volumeName ?? ''}\n` +
    `  size:    ${claim.status?.capacity?.storage ?? spec?.resources?.requests?.storage ?? ''}\n` +
    `  class:   ${spec?.storageClassName ?? ''}\n` +
    `  via:     ${plan.strategy} (${plan.choice.reason})\n` +
    (outcome.consumer ? `  pod:     ${outcome.consumer.pod} on node ${outcome.consumer.node}\n` : '') +
    (outcome.copied ? `  copied:  ${formatBytes(outcome.copied.bytes)} in ${outcome.copied.seconds.toFixed(1)}s (${formatBytes(outcome.copied.bytes / Math.max(outcome.copied.seconds, 0.001))}/s)\n` : '') +
    (claim.metadata?.annotations?.[annotations.expiresAt] ? `  expires: ${claim.metadata.annotations[annotations.expiresAt]}\n` : '') +
    (wide
      ? `  why:     ${plan.choice.message}\n` +
        `  phases:  ${Object.entries(timings).map(([phase, secs]) => `${phase} ${(secs as number).toFixed(2)}s`).join(', ')}\n` +
        `  labels:  ${Object.entries(claim.metadata?.labels ?? {}).map(([k, v]) => `${k}=${v}`).join(',')}\n`
      : '');
}
