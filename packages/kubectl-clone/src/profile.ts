import { makeProfile, ProfileError, type TargetProfile } from '@kubectl-clone/core';
import { CliError } from './errors.js';
import type { ProfileFlags } from './profile-flags.js';

export function profileFrom(flags: ProfileFlags, complete = false): TargetProfile {
  try {
    return makeProfile({
      ...(flags.kubeVersion ? { kubernetesVersion: flags.kubeVersion } : {}),
      ...(flags.featureGates ? { featureGates: flags.featureGates } : {}),
      ...(flags.provisionerVersion ? { provisionerVersion: flags.provisionerVersion } : {}),
      complete,
    });
  } catch (error) {
    if (error instanceof ProfileError) throw new CliError(error.message);
    throw error;
  }
}
