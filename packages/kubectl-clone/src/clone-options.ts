import type { CloneOptions, StrategyRequest, TargetProfile } from '@kubectl-clone/core';
import { CliError } from './errors.js';
import type { PvcFlags } from './commands/pvc.js';

function parseLabels(values: readonly string[]): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const value of values) {
    const at = value.indexOf('=');
    if (at <= 0) throw new CliError(`invalid label "${value}": expected key=value`);
    labels[value.slice(0, at)] = value.slice(at + 1);
  }
  return labels;
}

export function cloneOptionsFrom(name: string | undefined, flags: PvcFlags, profile: TargetProfile): CloneOptions {
  return {
    ...(name ? { name } : {}),
    ...(flags.nameTemplate ? { nameTemplate: flags.nameTemplate } : {}),
    ...(flags.size ? { size: flags.size } : {}),
    ...(flags.storageClass ? { storageClassName: flags.storageClass } : {}),
    ...(flags.accessMode.length ? { accessModes: flags.accessMode } : {}),
    ...(flags.volumeMode ? { volumeMode: flags.volumeMode } : {}),
    labels: parseLabels(flags.label),
    profile,
    ...(flags.strategy ? { strategy: flags.strategy as StrategyRequest } : {}),
    ...(flags.ttl !== undefined ? { ttl: flags.ttl } : {}),
    ...(flags.toNamespace ? { namespace: flags.toNamespace } : {}),
    ...(flags.grant === false ? { createGrant: false } : {}),
  };
}
