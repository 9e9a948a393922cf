import { planClone, renderYaml, type ClonePlan, type PersistentVolumeClaimObject, minorVersion } from '@kubectl-clone/core';
import {
  checkAccess, ClusterClient, describeDenial, readSourceFacts, waitForBound, type WaitOutcome,
} from '@kubectl-clone/core/cluster';
import { exitCodes } from '../errors.js';
import { withClusterErrors } from '../cluster-errors.js';
import { formatFindingsBrief } from '../formatters/brief.js';
import { Progress } from '../progress.js';
import { connectionOptions } from '../connection-flags.js';
import { parseDuration } from '../durations.js';
import { profileFrom } from '../profile.js';
import type { Terminal } from '../terminal.js';
import type { PvcFlags } from '../commands/pvc.js';
import { cloneOptionsFrom } from '../clone-options.js';

/**
 * The live clone: read facts, plan with the core rules, refuse on errors, check access, ask the
 * apiserver (server dry run), create, and watch to Bound. Every exit says what exists.
 */
export async function runPvcLive(sourceName: string, name: string | undefined, flags: PvcFlags, terminal: Terminal): Promise<number> {
  const client = ClusterClient.connect(connectionOptions(flags));
  const namespace = client.namespace;
  const facts = await readSourceFacts(client, namespace, sourceName);
  const kubernetesVersion = facts.serverVersion ? minorVersion(facts.serverVersion) : undefined;
  const plan = planClone(facts, cloneOptionsFrom(name, flags, profileFrom({ ...flags, ...(flags.kubeVersion ? {} : kubernetesVersion ? { kubeVersion: kubernetesVersion } : {}) }, true)));
  for (const gap of facts.gaps ?? []) terminal.stderr(`note: could not read ${gap}; the checks that need it were skipped\n`);
  const refusal = refuse(plan, flags, terminal);
  if (refusal !== undefined) return refusal;
  const claim = plan.manifests[plan.manifests.length - 1] as PersistentVolumeClaimObject;
  const target = `${plan.clone.namespace}/${plan.clone.name}`;

  if (flags.dryRun === 'client') {
    printObject(plan, claim, flags.output, terminal);
    return exitCodes.ok;
  }
  const denials = await checkAccess(client, [{ verb: 'create', resource: 'persistentvolumeclaims', namespace: plan.clone.namespace }]);
  if (denials.length > 0) {
    terminal.stderr(`refusing to clone ${plan.source.namespace}/${plan.source.name}: ${denials.map(describeDenial).join('; ')}; nothing was created\n`);
    return exitCodes.findings;
  }
  if (terminal.signal.aborted) return interrupted(terminal, 'nothing was created');
  // The apiserver's own validation and admission (the default class, quotas) before the real write.
  const checked = await client.createClaim(claim, 'server');
  if (flags.dryRun === 'server') {
    printObject(plan, checked, flags.output, terminal);
    return exitCodes.ok;
  }
  if (terminal.signal.aborted) return interrupted(terminal, 'nothing was created');
  const progress = new Progress(terminal);
  const created = await client.createClaim(claim, 'none');
  progress.note(`persistentvolumeclaim/${plan.clone.name} created in ${plan.clone.namespace} (clone of ${plan.source.name})`);
  if (terminal.signal.aborted) {
    return interrupted(terminal, `clone ${target} was created and is Pending; delete it with: kubectl delete pvc -n ${plan.clone.namespace} ${plan.clone.name}`);
  }
  if (!flags.wait) {
    printObject(plan, created, flags.output, terminal);
    return exitCodes.ok;
  }
  const outcome = await waitForBound(client, plan.clone.namespace, plan.clone.name, {
    timeoutMs: parseDuration(flags.timeout, '--timeout'),
    signal: terminal.signal,
    onPhase: (phase) => progress.update(`${target} ${phase}`),
    onEvent: (event, explanation) =>
      progress.note(`${event.type === 'Warning' ? 'warning' : 'event'} ${event.reason}: ${event.message}${explanation && explanation.explanation !== event.message ? `\n           -> ${explanation.explanation}` : ''}`),
    onReconnect: (attempt, reason) => progress.note(`lost the watch (${reason}); reconnecting (attempt ${attempt})`),
  });
  progress.stop();
  return report(outcome, plan, flags, terminal, progress.seconds());
}

function refuse(plan: ClonePlan, flags: PvcFlags, terminal: Terminal): number | undefined {
  if (plan.findings.length > 0) terminal.stderr(formatFindingsBrief(plan.findings, terminal.color));
  const errors = plan.findings.filter((finding) => finding.severity === 'error').length;
  const warnings = plan.findings.filter((finding) => finding.severity === 'warning').length;
  const what = `${plan.source.namespace}/${plan.source.name}`;
  if (errors > 0) {
    terminal.stderr(`refusing to clone ${what}: ${errors} error${errors === 1 ? '' : 's'} above would leave the clone Pending or empty; nothing was created\n`);
    return exitCodes.findings;
  }
  if (warnings > 0 && !flags.force) {
    terminal.stderr(`refusing to clone ${what}: review the warning${warnings === 1 ? '' : 's'} above, then pass --force; nothing was created\n`);
    return exitCodes.findings;
  }
  return undefined;
}

function interrupted(terminal: Terminal, state: string): number {
  terminal.stderr(`interrupted: ${state}\n`);
  return 130;
}

function printObject(plan: ClonePlan, claim: PersistentVolumeClaimObject, output: string, terminal: Terminal): void {
  if (output === 'name') terminal.stdout(`persistentvolumeclaim/${claim.metadata?.name}\n`);
  else if (output === 'json') terminal.stdout(`${JSON.stringify(claim, null, 2)}\n`);
  else if (output === 'yaml') terminal.stdout(renderYaml([claim]));
  else if (output === 'plan') terminal.stdout(`${JSON.stringify({ ...plan, findings: plan.findings.map(({ ruleId, severity, message }) => ({ ruleId, severity, message })) }, null, 2)}\n`);
}

function report(outcome: WaitOutcome, plan: ClonePlan, flags: PvcFlags, terminal: Terminal, seconds: number): number {
  const target = `${plan.clone.namespace}/${plan.clone.name}`;
  const cleanup = `kubectl delete pvc -n ${plan.clone.namespace} ${plan.clone.name}`;
  switch (outcome.result) {
    case 'Bound': {
      const spec = outcome.claim.spec;
      if (flags.output === 'wide' || flags.output === 'text') {
        terminal.stdout(
          `clone ${target} is Bound in ${seconds.toFixed(1)}s\n` +
            `  source:  ${plan.source.namespace}/${plan.source.name}\n` +
            `  volume:  ${spec?.volumeName ?? ''}\n` +
            `  size:    ${outcome.claim.status?.capacity?.storage ?? spec?.resources?.requests?.storage ?? ''}\n` +
            `  class:   ${spec?.storageClassName ?? ''}\n`,
        );
      } else {
        printObject(plan, outcome.claim, flags.output, terminal);
        terminal.stderr(`clone ${target} is Bound (${spec?.volumeName}) in ${seconds.toFixed(1)}s\n`);
      }
      return exitCodes.ok;
    }
    case 'Aborted':
      return interrupted(terminal, `clone ${target} was created and is still ${outcome.claim?.status?.phase ?? 'Pending'}; it goes on binding without us. Delete it with: ${cleanup}`);
    case 'Deleted':
      terminal.stderr(`clone ${target} was deleted while we waited\n`);
      return exitCodes.findings;
    case 'Lost':
      terminal.stderr(`clone ${target} is Lost: its volume is gone. Delete it with: ${cleanup}\n`);
      return exitCodes.findings;
    case 'Timeout':
      terminal.stderr(
        `timed out after ${flags.timeout}: clone ${target} is still ${outcome.claim?.status?.phase ?? 'Pending'}` +
          (outcome.stuck
            ? `, and will stay so: ${outcome.stuck.explanation}${outcome.stuck.ruleId ? ` (${outcome.stuck.ruleId})` : ''}`
            : outcome.events.length ? `; last event: ${outcome.events[outcome.events.length - 1]!.message}` : '; no event explains it yet (is a provisioner running for its class?)') +
          `. It was left in place: delete it with: ${cleanup}\n`,
      );
      return exitCodes.findings;
  }
}

/** Loaded on demand: the Kubernetes client stays out of the start-up of offline commands. */
export function runPvcLiveCommand(sourceName: string, name: string | undefined, flags: PvcFlags, terminal: Terminal): Promise<number> {
  return withClusterErrors(() => runPvcLive(sourceName, name, flags, terminal));
}
