import { allRules, defaultProfile, makeProfile, type RuleSetting, type TargetProfile } from '@kubectl-clone/core';

export interface ExtensionSettings {
  readonly rules: Readonly<Record<string, RuleSetting>>;
  readonly kubernetesVersion: string;
  readonly featureGates: string;
  readonly kubeconfig: string;
  readonly context: string;
  readonly refreshIntervalSeconds: number;
  readonly cloneTimeoutSeconds: number;
  readonly debounceMilliseconds: number;
  /** Add live facts to the diagnostics (trusted workspaces only). */
  readonly clusterDiagnostics: boolean;
  /** The image of "Verify clone"'s pods. */
  /** The copy and verify pods' image (the CLI's --image). */
  readonly podImage: string;
}

/** `get` is WorkspaceConfiguration.get of the `kubectlClone` section. */
export type SettingsReader = <T>(key: string, fallback: T) => T;

export interface Settings extends ExtensionSettings {
  readonly profile: TargetProfile;
  /** Problems with the settings themselves, said once in the log and a warning. */
  readonly problems: readonly string[];
}

const ruleIds = new Set(allRules.map((meta) => meta.id));
const ruleValues = new Set<string>(['error', 'warning', 'info', 'off']);

export function readSettings(get: SettingsReader): Settings {
  const problems: string[] = [];
  const rules: Record<string, RuleSetting> = {};
  const raw = get<unknown>('rules', {});
  if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
    for (const [id, value] of Object.entries(raw as Record<string, unknown>)) {
      if (!ruleIds.has(id)) problems.push(`kubectlClone.rules: unknown rule id "${id}"`);
      else if (typeof value !== 'string' || !ruleValues.has(value)) problems.push(`kubectlClone.rules["${id}"]: "${String(value)}" is not one of error, warning, info, off`);
      else rules[id] = value as RuleSetting;
    }
  }
  const kubernetesVersion = get('kubernetesVersion', defaultProfile.kubernetesVersion) || defaultProfile.kubernetesVersion;
  const featureGates = get('featureGates', '');
  let profile: TargetProfile = defaultProfile;
  try {
    profile = makeProfile({ kubernetesVersion, featureGates });
  } catch (error) {
    problems.push(`kubectlClone.kubernetesVersion/featureGates: ${(error as Error).message}; using Kubernetes ${defaultProfile.kubernetesVersion} defaults`);
  }
  return {
    rules, kubernetesVersion, featureGates, profile, problems,
    kubeconfig: get('kubeconfig', ''),
    context: get('context', ''),
    refreshIntervalSeconds: Math.max(0, get('refreshIntervalSeconds', 30)),
    cloneTimeoutSeconds: Math.max(5, get('cloneTimeoutSeconds', 300)),
    debounceMilliseconds: Math.max(0, get('debounceMilliseconds', 250)),
    clusterDiagnostics: get<unknown>('clusterDiagnostics', false) === true,
    podImage: get('podImage', 'busybox:1.37.0') || 'busybox:1.37.0',
  };
}
