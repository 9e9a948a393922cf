import { Command } from 'commander';

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

