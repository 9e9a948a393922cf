import { readFileSync } from 'node:fs';
import { factsFromManifests, planClone, PlanError, renderYaml, sourceFactsOf, SourceLookupError, type ClonePlan } from '@kubectl-clone/core';
import { CliError, exitCodes } from '../errors.js';
import { decodeUtf8, readInputs, stdinPath } from '../inputs.js';
import { profileFrom } from '../profile.js';
import type { Terminal } from '../terminal.js';
import { formatFindingsBrief } from '../formatters/brief.js';
import { formatPlanJson } from '../formatters/plan.js';
import { assertNoLiveOnlyFlags } from '../commands/offline-flags.js';
import { cloneOptionsFrom } from '../clone-options.js';
import type { PvcFlags } from '../commands/pvc.js';

export function runPvc(sourceName: string, name: string | undefined, flags: PvcFlags, terminal: Terminal): number {
  assertNoLiveOnlyFlags({ ...flags, dryRun: flags.dryRun === 'none' ? 'client' : flags.dryRun });
  const inputs = readInputs(flags.filename ?? [], () => decodeUtf8(readFileSync(0), stdinPath));
  let plan: ClonePlan;
  try {
    const facts = factsFromManifests(inputs);
    const namespace = flags.namespace ?? facts.persistentVolumeClaims?.find((c) => c.metadata?.name === sourceName)?.metadata?.namespace ?? 'default';
    const source = sourceFactsOf(facts, namespace, sourceName);
    plan = planClone(source, cloneOptionsFrom(name, flags, profileFrom(flags, true)));
  } catch (error) {
    if (error instanceof PlanError || error instanceof SourceLookupError) throw new CliError(error.message);
    throw error;
  }
  const errors = plan.findings.filter((finding) => finding.severity === 'error');
  if (!plan.strategy && errors.length === 0) {
    terminal.stderr(`refusing to clone ${plan.source.namespace}/${plan.source.name}: ${plan.choice.reason}: ${plan.choice.message}\n`);
    return exitCodes.findings;
  }
  const warnings = plan.findings.filter((finding) => finding.severity === 'warning');
  if (plan.findings.length > 0) terminal.stderr(formatFindingsBrief(plan.findings, terminal.color));
  if (errors.length > 0) {
    terminal.stderr(`refusing to clone ${plan.source.namespace}/${plan.source.name}: ${errors.length} error${errors.length === 1 ? '' : 's'} above would leave the clone Pending or empty\n`);
    return exitCodes.findings;
  }
  if (warnings.length > 0 && !flags.force) {
    terminal.stderr(`refusing to clone ${plan.source.namespace}/${plan.source.name}: review the warning${warnings.length === 1 ? '' : 's'} above, then pass --force to go ahead\n`);
    return exitCodes.findings;
  }
  if (flags.output === 'plan') terminal.stdout(formatPlanJson(plan));
  else if (flags.output === 'name') terminal.stdout(`persistentvolumeclaim/${plan.clone.name}\n`);
  else if (flags.output === 'json') {
    terminal.stdout(`${JSON.stringify(plan.manifests.length === 1 ? plan.manifests[0] : { apiVersion: 'v1', kind: 'List', items: plan.manifests }, null, 2)}\n`);
  } else terminal.stdout(renderYaml(plan.manifests));
  return exitCodes.ok;
}

