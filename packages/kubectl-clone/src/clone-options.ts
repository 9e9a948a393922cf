import type { CloneOptions, StrategyRequest, TargetProfile } from '@kubectl-clone/core';
import { checkAccessModes, parseLabels } from './clone-flag-values.js';
import type { PvcFlags } from './commands/pvc.js';

export function cloneOptionsFrom(name: string | undefined, flags: PvcFlags, profile: TargetProfile): CloneOptions {
  return {
    ...(name ? { name } : {}),
    ...(flags.nameTemplate ? { nameTemplate: flags.nameTemplate } : {}),
    ...(flags.size ? { size: flags.size } : {}),
    ...(flags.storageClass ? { storageClassName: flags.storageClass } : {}),
    ...(flags.accessMode.length ? { accessModes: checkAccessModes(flags.accessMode) } : {}),
    ...(flags.volumeMode ? { volumeMode: flags.volumeMode } : {}),
    labels: parseLabels(flags.label),
    profile,
    ...(flags.strategy ? { strategy: flags.strategy as StrategyRequest } : {}),
    ...(flags.ttl !== undefined ? { ttl: flags.ttl } : {}),
    ...(flags.toNamespace ? { namespace: flags.toNamespace } : {}),
    ...(flags.grant === false ? { createGrant: false } : {}),
    ...(flags.keepSnapshot ? { keepSnapshot: true } : {}),
  };
}
