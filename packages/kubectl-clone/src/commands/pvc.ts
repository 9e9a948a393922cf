import { Command, Option } from 'commander';
import { readFileSync } from 'node:fs';
import { factsFromManifests, planClone, PlanError, renderYaml, sourceFactsOf, SourceLookupError, type ClonePlan } from '@kubectl-clone/core';
import { CliError, exitCodes } from '../errors.js';
import { decodeUtf8, readInputs, stdinPath } from '../inputs.js';
import { addProfileFlags, profileFrom, type ProfileFlags } from '../profile-flags.js';
import type { Terminal } from '../terminal.js';
import { formatFindingsBrief } from '../formatters/brief.js';
import { addConnectionFlags, type ConnectionFlags } from '../connection-flags.js';
import { assertNoLiveOnlyFlags } from './offline-flags.js';
import { loadLive } from '../load-live.js';
import type { CloneOptions, TargetProfile } from '@kubectl-clone/core';

export interface PvcFlags extends ProfileFlags, ConnectionFlags {
  filename?: string[];
  storageClass?: string;
  size?: string;
  accessMode: string[];
  nameTemplate?: string;
  label: string[];
  output: string;
  dryRun: string;
  force?: boolean;
  wait: boolean;
  timeout: string;
}

export function pvcCommand(terminal: Terminal): Command {
  const command = new Command('pvc')
    .description('clone a PersistentVolumeClaim: check, create, wait until Bound (or plan it from manifests with -f)')
    .argument('<source>', 'the claim to clone')
    .argument('[name]', 'the clone\'s name (default: --name-template)')
    .option('-f, --filename <file>', 'read the source claim (and its PersistentVolume, StorageClasses, Pods) from manifests instead of a cluster (repeatable; - for stdin)', collect, undefined)
    .option('--storage-class <class>', 'the clone\'s StorageClass (default: the source\'s)')
    .option('--size <quantity>', 'the clone\'s size (default: the larger of the source\'s request and capacity)')
    .option('--access-mode <mode>', 'access mode (repeatable; default: the source\'s)', collect, [])
    .option('--name-template <template>', 'clone name from {source}, {namespace}, {timestamp}', '{source}-clone-{timestamp}')
    .option('-l, --label <key=value>', 'label for the clone (repeatable)', collect, [])
    .addOption(new Option('-o, --output <format>', 'what to print: the clone (yaml, json, name), a summary (wide) or the plan with its reasons (plan)').choices(['yaml', 'json', 'name', 'wide', 'plan']))
    .addOption(new Option('--dry-run <mode>', 'client: print the manifest, only reads; server: the apiserver validates, nothing is written').choices(['none', 'client', 'server']).default('none'))
    .option('--force', 'go ahead although the checks found warnings (never for errors)')
    .option('--no-wait', 'return once the clone is created')
    .option('--timeout <duration>', 'how long to wait for Bound', '5m')
    .addHelpText('after', `
Examples:
  kubectl clone pvc data -n shop                       # clone, wait until Bound, print a summary
  kubectl clone pvc data data-debug -n shop --size 20Gi -l purpose=debug
  kubectl clone pvc data -n shop --dry-run=server -o yaml
  kubectl clone pvc data -f examples/source/data-pvc.yaml --dry-run=client -o yaml   # offline`);
  addConnectionFlags(command);
  addProfileFlags(command);
  command.action(async (source: string, name: string | undefined, flags: PvcFlags) => {
    terminal.exitCode = flags.filename?.length
      ? runPvc(source, name, flags, terminal)
      : await (await loadLive()).runPvcLiveCommand(source, name, { ...flags, output: flags.output ?? 'wide' }, terminal);
  });
  return command;
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function parseLabels(values: readonly string[]): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const value of values) {
    const at = value.indexOf('=');
    if (at <= 0) throw new CliError(`invalid label "${value}": expected key=value`);
    labels[value.slice(0, at)] = value.slice(at + 1);
  }
  return labels;
}

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
  if (flags.output === 'plan') terminal.stdout(`${JSON.stringify({ ...plan, findings: plan.findings.map(({ ruleId, severity, message }) => ({ ruleId, severity, message })) }, null, 2)}\n`);
  else if (flags.output === 'name') terminal.stdout(`persistentvolumeclaim/${plan.clone.name}\n`);
  else if (flags.output === 'json') {
    terminal.stdout(`${JSON.stringify(plan.manifests.length === 1 ? plan.manifests[0] : { apiVersion: 'v1', kind: 'List', items: plan.manifests }, null, 2)}\n`);
  } else terminal.stdout(renderYaml(plan.manifests));
  return exitCodes.ok;
}

export function cloneOptionsFrom(name: string | undefined, flags: PvcFlags, profile: TargetProfile): CloneOptions {
  return {
    ...(name ? { name } : {}),
    ...(flags.nameTemplate ? { nameTemplate: flags.nameTemplate } : {}),
    ...(flags.size ? { size: flags.size } : {}),
    ...(flags.storageClass ? { storageClassName: flags.storageClass } : {}),
    ...(flags.accessMode.length ? { accessModes: flags.accessMode } : {}),
    labels: parseLabels(flags.label),
    profile,
  };
}
