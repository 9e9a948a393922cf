import { Command } from 'commander';
import { makeProfile, ProfileError, type TargetProfile } from '@kubectl-clone/core';
import { CliError } from './errors.js';

export interface ProfileFlags {
  kubeVersion?: string;
  featureGates?: string;
  provisionerVersion?: string;
}

/** The target cluster flags, shared by every command that runs the rules. */
export function addProfileFlags(command: Command): Command {
  return command
    .option('--kube-version <X.Y>', 'Kubernetes version the manifests target (default 1.34)')
    .option('--feature-gates <Name=bool,...>', 'feature gates of the target cluster, e.g. CrossNamespaceVolumeDataSource=true')
    .option('--provisioner-version <X.Y.Z>', 'external-provisioner version of the target cluster (default 5.3.0)');
}

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
