import { makeProfile, ProfileError, type ProfileOptions, type TargetProfile } from '@kubectl-clone/core';
import { CliError } from './errors.js';
import type { ProfileFlags } from './profile-flags.js';

/** What the profile flags set, nothing more (a cluster's version fills the rest: clusterProfile). */
export function profileOptions(flags: ProfileFlags): ProfileOptions {
  return {
    ...(flags.kubeVersion ? { kubernetesVersion: flags.kubeVersion } : {}),
    ...(flags.featureGates ? { featureGates: flags.featureGates } : {}),
    ...(flags.provisionerVersion ? { provisionerVersion: flags.provisionerVersion } : {}),
  };
}

export function profileFrom(flags: ProfileFlags, complete = false): TargetProfile {
  try {
    return makeProfile({ ...profileOptions(flags), complete });
  } catch (error) {
    if (error instanceof ProfileError) throw new CliError(error.message);
    throw error;
  }
}
