import { readFileSync } from 'node:fs';
import { decide, factsFromManifests, planClone, PlanError, renderYaml, sourceFactsOf, SourceLookupError, type ClonePlan } from '@kubectl-clone/core';
import { CliError, exitCodes } from '../errors.js';
import { decodeUtf8, readInputs, stdinPath } from '../inputs.js';
import type { Terminal } from '../terminal.js';
import { formatFindingsBrief } from '../formatters/brief.js';
import { formatPlanJson } from '../formatters/plan.js';
import { assertNoLiveOnlyFlags } from '../commands/offline-flags.js';
import { validatePvcFlags } from '../flags/pvc-flags.js';
import { profileFrom } from '../profile.js';
import type { PvcFlags } from '../flags/pvc-types.js';

/** `kubectl clone pvc -f`: the plan from manifests, decided by the same core decision as a live clone. */
export function runPvc(sourceName: string, name: string | undefined, flags: PvcFlags, terminal: Terminal): number {
  assertNoLiveOnlyFlags({ ...flags, dryRun: flags.dryRun === 'none' ? 'client' : flags.dryRun });
  const valid = validatePvcFlags(name, flags);
  const inputs = readInputs(flags.filename ?? [], () => decodeUtf8(readFileSync(0), stdinPath));
  let plan: ClonePlan;
  try {
    const facts = factsFromManifests(inputs);
    const namespace = flags.namespace ?? facts.persistentVolumeClaims?.find((c) => c.metadata?.name === sourceName)?.metadata?.namespace ?? 'default';
    const source = sourceFactsOf(facts, namespace, sourceName);
    plan = planClone(source, { ...valid.options, profile: profileFrom(flags, true) });
  } catch (error) {
    if (error instanceof PlanError || error instanceof SourceLookupError) throw new CliError(error.message);
    throw error;
  }
  if (plan.findings.length > 0) terminal.stderr(formatFindingsBrief(plan.findings, terminal.color));
  const decision = decide(plan);
  if (decision.verdict === 'refuse' || (decision.verdict === 'confirm' && !valid.force)) {
    if (flags.output === 'plan') terminal.stdout(formatPlanJson(plan));
    terminal.stderr(`${decision.verdict === 'refuse' ? decision.message : decision.refusal}\n`);
    return exitCodes.findings;
  }
  if (flags.output === 'plan') terminal.stdout(formatPlanJson(plan));
  else if (flags.output === 'name') terminal.stdout(`persistentvolumeclaim/${plan.clone.name}\n`);
  else if (flags.output === 'json') {
    terminal.stdout(`${JSON.stringify(plan.manifests.length === 1 ? plan.manifests[0] : { apiVersion: 'v1', kind: 'List', items: plan.manifests }, null, 2)}\n`);
  } else terminal.stdout(renderYaml(plan.manifests));
  return exitCodes.ok;
}
