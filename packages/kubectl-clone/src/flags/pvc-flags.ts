import {
  claimNameProblem, cloneName, DurationError, isDns1123Label, PlanError, tryParseQuantity, QuantityParseError, ttlAnnotations,
  type StrategyRequest,
} from '@kubectl-clone/core';
import type { CloneRequest } from '@kubectl-clone/core/clone';
import { checkAccessModes, parseLabels } from '../clone-flag-values.js';
import { parseDuration } from '../durations.js';
import { CliError } from '../errors.js';
import { profileFrom, profileOptions } from '../profile.js';
import type { PvcFlags } from './pvc-types.js';

export type { PvcFlags } from './pvc-types.js';

/** Every flag value checked and converted, before the first request: the engine's request but its source. */
export interface ValidPvcFlags extends Omit<CloneRequest, 'source'> {
  readonly force: boolean;
  /** name, yaml, json, plan, wide, or undefined: the summary. */
  readonly output?: string;
}

/** A duration flag (the core's one parser), longer than zero. */
export function positiveDuration(text: string, flag: string): number {
  const ms = parseDuration(text, flag);
  if (ms <= 0) throw new CliError(`invalid ${flag} "${text}": it must be longer than zero (e.g. 5m)`);
  return ms;
}

/** The checks of the values a clone is planned from; the live and offline commands both call it. */
export function validatePvcFlags(name: string | undefined, flags: PvcFlags): ValidPvcFlags {
  if (name !== undefined) {
    const problem = claimNameProblem(name);
    if (problem) throw new CliError(problem);
  }
  const template = flags.nameTemplate;
  if (template !== undefined) {
    try {
      cloneName(template, 'source', 'namespace', new Date(0));
    } catch (error) {
      if (error instanceof PlanError) throw new CliError(`--name-template: ${error.message}`);
      throw error;
    }
  }
  if (flags.size !== undefined) {
    const parsed = tryParseQuantity(flags.size);
    if (parsed instanceof QuantityParseError) throw new CliError(`invalid --size "${flags.size}": ${parsed.message} (e.g. 10Gi)`);
  }
  const accessModes = checkAccessModes(flags.accessMode);
  if (flags.ttl !== undefined) {
    try {
      ttlAnnotations(flags.ttl, new Date(0));
    } catch (error) {
      if (error instanceof DurationError) throw new CliError(`invalid --ttl: ${error.message}`);
      throw error;
    }
  }
  if (flags.toNamespace !== undefined && !isDns1123Label(flags.toNamespace)) {
    throw new CliError(`invalid --to-namespace "${flags.toNamespace}": a namespace is at most 63 lowercase letters, digits and '-'`);
  }
  if (flags.storageClass === '') throw new CliError('invalid --storage-class "": name a StorageClass (kubectl get storageclass)');
  checkCopyFlags(flags);
  const labels = parseLabels(flags.label);
  const timeoutMs = positiveDuration(flags.timeout, '--timeout');
  const waitForConsumerMs = flags.waitForConsumer === undefined || flags.waitForConsumer === false ? undefined
    : flags.waitForConsumer === true ? timeoutMs : positiveDuration(flags.waitForConsumer, '--wait-for-consumer');
  if (waitForConsumerMs !== undefined && !flags.wait) throw new CliError('--wait-for-consumer waits, --wait=false does not: pass one of them');
  // an output format never writes: -o plan is the plan, as --dry-run=client prints it
  const dryRun = flags.output === 'plan' && flags.dryRun === 'none' ? 'client' : flags.dryRun as ValidPvcFlags['dryRun'];
  profileFrom(flags, true);
  return {
    options: {
      ...(name ? { name } : {}),
      ...(template ? { nameTemplate: template } : {}),
      ...(flags.size ? { size: flags.size } : {}),
      ...(flags.storageClass ? { storageClassName: flags.storageClass } : {}),
      ...(accessModes.length ? { accessModes } : {}),
      ...(flags.volumeMode ? { volumeMode: flags.volumeMode } : {}),
      labels,
      ...(flags.strategy ? { strategy: flags.strategy as StrategyRequest } : {}),
      ...(flags.ttl !== undefined ? { ttl: flags.ttl } : {}),
      ...(flags.toNamespace ? { namespace: flags.toNamespace } : {}),
      ...(flags.grant === false ? { createGrant: false } : {}),
    },
    ...(flags.image ? { image: flags.image } : {}),
    ...(flags.toContext ? { targetContext: flags.toContext } : {}),
    profile: profileOptions(flags),
    dryRun, wait: flags.wait, timeoutMs,
    ...(waitForConsumerMs !== undefined ? { waitForConsumerMs } : {}),
    keepSnapshot: Boolean(flags.keepSnapshot),
    quiesce: flags.quiesce === 'scale' ? 'scale' : 'none',
    force: Boolean(flags.force),
    ...(flags.output ? { output: flags.output } : {}),
  };
}


/** The apiserver only refuses blank and space-padded images; the runtime judges the rest (and the pod's start says so). */
const imageReference = /^\S+$/;

/** --image, --to-context and the strategies they go with. */
function checkCopyFlags(flags: PvcFlags): void {
  const strategy = flags.strategy ?? 'auto';
  if (flags.image !== undefined && !imageReference.test(flags.image)) {
    throw new CliError(`invalid --image "${flags.image}": expected an image reference such as busybox:1.37.0 or registry.example.com/tools/busybox@sha256:...`);
  }
  if (flags.image !== undefined && (strategy === 'clone' || strategy === 'snapshot')) {
    throw new CliError(`--image is the copy strategy's pod image; --strategy ${strategy} starts no pod: drop --image or use --strategy copy (or auto)`);
  }
  if (flags.toContext === '') throw new CliError('invalid --to-context "": name a context of the kubeconfig (kubectl config get-contexts)');
  if (flags.toContext !== undefined && (strategy === 'clone' || strategy === 'snapshot')) {
    throw new CliError(`--to-context makes the clone in another cluster, which only a copy reaches: use --strategy copy (or auto), not ${strategy}`);
  }
  if ((strategy === 'copy' || flags.toContext !== undefined) && !flags.wait) {
    throw new CliError('--wait=false cannot be used with a copy: its pods are driven from this command until the copy is done');
  }
  if (strategy === 'copy' && flags.keepSnapshot) throw new CliError('--keep-snapshot is for the snapshot strategy; a copy takes no snapshot');
}
