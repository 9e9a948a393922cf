/**
 * The cluster a manifest is meant for. Rules depend on it: A8 exists from 1.29, A14 only
 * below 1.24, cross-namespace sources only with the alpha gate (on the apiserver and, separately,
 * on the external-provisioner), and same-StorageClass was required before external-provisioner v3.2.
 */
export interface TargetProfile {
  /** Kubernetes minor version, e.g. "1.34". */
  readonly kubernetesVersion: string;
  /** CrossNamespaceVolumeDataSource on kube-apiserver (and kube-controller-manager). */
  readonly apiserverCrossNamespace: boolean;
  /** CrossNamespaceVolumeDataSource on csi-provisioner (external-provisioner >= v3.4.0). */
  readonly provisionerCrossNamespace: boolean;
  /** AnyVolumeDataSource: on by default from 1.24, locked on from 1.33. */
  readonly anyVolumeDataSource: boolean;
  /** external-provisioner version, e.g. "5.3.0". */
  readonly provisionerVersion: string;
  /**
   * True when the bundle holds every object the claims refer to (or live facts were added):
   * a source that is not found is then an error rather than an info.
   */
  readonly complete: boolean;
}

/** The versions our sandbox cluster runs (test/sandbox). */
export const defaultProfile: TargetProfile = {
  kubernetesVersion: '1.34',
  apiserverCrossNamespace: false,
  provisionerCrossNamespace: false,
  anyVolumeDataSource: true,
  provisionerVersion: '5.3.0',
  complete: false,
};

export class ProfileError extends Error {}

export interface ProfileOptions {
  kubernetesVersion?: string;
  /** "Name=true,Other=false", as kube components take them. */
  featureGates?: string;
  provisionerVersion?: string;
  complete?: boolean;
}

const knownGates = ['CrossNamespaceVolumeDataSource', 'AnyVolumeDataSource'] as const;

export function parseVersion(text: string): [number, number] {
  const match = /^v?(\d+)\.(\d+)(?:\.\d+)?(?:[-+].*)?$/.exec(text.trim());
  if (!match) throw new ProfileError(`invalid version "${text}": expected MAJOR.MINOR such as 1.34`);
  return [Number(match[1]), Number(match[2])];
}

export function versionAtLeast(version: string, major: number, minor: number): boolean {
  const [ma, mi] = parseVersion(version);
  return ma > major || (ma === major && mi >= minor);
}

export function makeProfile(options: ProfileOptions = {}): TargetProfile {
  const kubernetesVersion = options.kubernetesVersion ?? defaultProfile.kubernetesVersion;
  parseVersion(kubernetesVersion);
  const provisionerVersion = options.provisionerVersion ?? defaultProfile.provisionerVersion;
  parseVersion(provisionerVersion);
  const gates = parseFeatureGates(options.featureGates ?? '');
  // AnyVolumeDataSource is beta (on) from 1.24 and locked on from 1.33; before 1.24 it is off.
  const anyDefault = versionAtLeast(kubernetesVersion, 1, 24);
  const anyVolumeDataSource = versionAtLeast(kubernetesVersion, 1, 33)
    ? true
    : (gates.get('AnyVolumeDataSource') ?? anyDefault);
  const crossNamespace = gates.get('CrossNamespaceVolumeDataSource') ?? false;
  if (crossNamespace && !versionAtLeast(kubernetesVersion, 1, 26)) {
    throw new ProfileError(
      `CrossNamespaceVolumeDataSource does not exist before Kubernetes 1.26 (profile is ${kubernetesVersion})`,
    );
  }
  return {
    kubernetesVersion,
    apiserverCrossNamespace: crossNamespace,
    provisionerCrossNamespace: crossNamespace,
    anyVolumeDataSource,
    provisionerVersion,
    complete: options.complete ?? false,
  };
}

export function parseFeatureGates(text: string): Map<string, boolean> {
  const gates = new Map<string, boolean>();
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const match = /^([A-Za-z0-9]+)=(true|false)$/.exec(part);
    if (!match) {
      throw new ProfileError(`invalid feature gate "${part}": expected Name=true or Name=false`);
    }
    const name = match[1]!;
    if (!(knownGates as readonly string[]).includes(name)) {
      throw new ProfileError(
        `unknown feature gate "${name}": kubectl-clone knows ${knownGates.join(', ')}`,
      );
    }
    gates.set(name, match[2] === 'true');
  }
  return gates;
}

/** "v1.34.2" (a server's gitVersion) -> "1.34", so rules judge by the cluster's own version. */
export function minorVersion(gitVersion: string): string | undefined {
  const match = /^v?(\d+)\.(\d+)/.exec(gitVersion);
  return match ? `${match[1]}.${match[2]}` : undefined;
}

/**
 * The profile for a cluster we talk to: the version the server reports unless one was asked for
 * explicitly, and `complete` (the cluster's facts are all there is). One rule for `pvc`, `check`,
 * `lint --cluster` and the editor's live diagnostics and clones.
 */
export function clusterProfile(options: ProfileOptions, serverVersion: string | undefined): TargetProfile {
  const served = serverVersion ? minorVersion(serverVersion) : undefined;
  return makeProfile({ ...options, ...(options.kubernetesVersion ? {} : served ? { kubernetesVersion: served } : {}), complete: true });
}
