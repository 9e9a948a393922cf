import { Command, Option } from 'commander';
import { readFileSync } from 'node:fs';
import { factsFromManifests, planClone, PlanError, renderYaml, sourceFactsOf, SourceLookupError, type ClonePlan } from '@kubectl-clone/core';
import { CliError, exitCodes } from '../errors.js';
import { decodeUtf8, readInputs, stdinPath } from '../inputs.js';
import { addProfileFlags, profileFrom, type ProfileFlags } from '../profile-flags.js';
import type { Terminal } from '../terminal.js';
import { formatFindingsBrief } from '../formatters/brief.js';

interface PvcFlags extends ProfileFlags {
  filename?: string[];
  namespace?: string;
  storageClass?: string;
  size?: string;
  accessMode: string[];
  nameTemplate?: string;
  label: string[];
  output: string;
  dryRun: string;
  force?: boolean;
}

export function pvcCommand(terminal: Terminal): Command {
  const command = new Command('pvc')
    .description('plan a clone of a PersistentVolumeClaim and print its manifest')
    .argument('<source>', 'the claim to clone')
    .argument('[name]', 'the clone\'s name (default: --name-template)')
    .option('-f, --filename <file>', 'read the source claim (and its PersistentVolume, StorageClasses, Pods) from manifests instead of a cluster (repeatable; - for stdin)', collect, undefined)
    .option('-n, --namespace <ns>', 'the source\'s namespace (default: the manifest\'s, else "default")')
    .option('--storage-class <class>', 'the clone\'s StorageClass (default: the source\'s)')
    .option('--size <quantity>', 'the clone\'s size (default: the larger of the source\'s request and capacity)')
    .option('--access-mode <mode>', 'access mode (repeatable; default: the source\'s)', collect, [])
    .option('--name-template <template>', 'clone name from {source}, {namespace}, {timestamp}', '{source}-clone-{timestamp}')
    .option('-l, --label <key=value>', 'label for the clone (repeatable)', collect, [])
    .addOption(new Option('-o, --output <format>', 'what to print').choices(['yaml', 'json', 'name']).default('yaml'))
    .addOption(new Option('--dry-run <mode>', 'none, client or server').choices(['none', 'client', 'server']).default('client'))
    .option('--force', 'print the manifest even when the checks found warnings (never for errors)')
    .addHelpText('after', `
Examples:
  kubectl clone pvc data -f examples/source/data-pvc.yaml --dry-run=client -o yaml
  kubectl clone pvc data data-copy -f pvc.yaml --size 20Gi -l purpose=debug`);
  addProfileFlags(command);
  command.action((source: string, name: string | undefined, flags: PvcFlags) => {
    terminal.exitCode = runPvc(source, name, flags, terminal);
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
  if (!flags.filename?.length) {
    throw new CliError(
      'this build plans clones from manifests only: pass -f FILE with the source claim (reading it from a cluster is tracked as the live-cluster issue)',
    );
  }
  if (flags.dryRun !== 'client') {
    throw new CliError(`--dry-run=${flags.dryRun} needs a cluster; with -f only --dry-run=client is possible`);
  }
  const inputs = readInputs(flags.filename, () => decodeUtf8(readFileSync(0), stdinPath));
  let plan: ClonePlan;
  try {
    const facts = factsFromManifests(inputs);
    const namespace = flags.namespace ?? facts.persistentVolumeClaims?.find((c) => c.metadata?.name === sourceName)?.metadata?.namespace ?? 'default';
    const source = sourceFactsOf(facts, namespace, sourceName);
    plan = planClone(source, {
      ...(name ? { name } : {}),
      ...(flags.nameTemplate ? { nameTemplate: flags.nameTemplate } : {}),
      ...(flags.size ? { size: flags.size } : {}),
      ...(flags.storageClass ? { storageClassName: flags.storageClass } : {}),
      ...(flags.accessMode.length ? { accessModes: flags.accessMode } : {}),
      labels: parseLabels(flags.label),
      profile: profileFrom(flags, true),
    });
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
  if (flags.output === 'name') terminal.stdout(`persistentvolumeclaim/${plan.clone.name}\n`);
  else if (flags.output === 'json') {
    terminal.stdout(`${JSON.stringify(plan.manifests.length === 1 ? plan.manifests[0] : { apiVersion: 'v1', kind: 'List', items: plan.manifests }, null, 2)}\n`);
  } else terminal.stdout(renderYaml(plan.manifests));
  return exitCodes.ok;
}
