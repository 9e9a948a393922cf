import type { ClusterClient } from './client.js';
import { ClusterError } from './errors.js';
import type { ObjectMeta, PodObject } from '../facts.js';
import { annotations, managedByLabel, managedByValue } from '../generate.js';

/**
 * Short-lived helper pods (copy, verify): what they mount, what they may do, and the one
 * container they run. They sleep until the engine execs the work into them, so the work's bytes
 * and exit status come back over the apiserver (no Service, no port exposed).
 */
export interface HelperPodSpec {
  readonly namespace: string;
  readonly name: string;
  readonly image: string;
  /** What the pod is for, as the `kubectl-clone.io/helper` label (prune and Ctrl-C find them by it). */
  readonly purpose: 'copy' | 'verify';
  /** The clone this pod works for (`namespace/name`), so a leftover names its clone. */
  readonly madeFor: string;
  readonly volumes: readonly HelperVolume[];
  /**
   * Linux capabilities beyond none: a copy needs CHOWN, DAC_OVERRIDE, FOWNER, FSETID to read every
   * file and restore owners, modes and times as root; a verify only DAC_OVERRIDE (read). All are
   * in Pod Security's baseline level.
   */
  readonly capabilities: readonly string[];
  /**
   * Run on this node (where a ReadWriteOnce source is attached now). Node affinity, not nodeName:
   * the scheduler must still see the pod, or a WaitForFirstConsumer clone is never provisioned.
   */
  readonly node?: string;
}

export interface HelperVolume {
  readonly claimName: string;
  /** Filesystem volumes: mounted here. */
  readonly mountPath?: string;
  /** Block volumes: the device appears here. */
  readonly devicePath?: string;
  readonly readOnly: boolean;
}

export const helperLabel = 'kubectl-clone.io/helper';
export const helperContainer = 'work';
/** The container's only process until work is exec'ed; it ends on its own after a day if we never come back. */
const idleCommand = ['sleep', '86400'];

/** The pod manifest: no privilege, no service account token, read-only root, baseline capabilities only. */
export interface HelperPodManifest {
  readonly apiVersion: 'v1';
  readonly kind: 'Pod';
  readonly metadata: ObjectMeta;
  readonly spec: Record<string, unknown>;
}

export function helperPodManifest(spec: HelperPodSpec): HelperPodManifest {
  const mounts = spec.volumes.flatMap((v, i) => (v.mountPath ? [{ name: `v${i}`, mountPath: v.mountPath, readOnly: v.readOnly }] : []));
  const devices = spec.volumes.flatMap((v, i) => (v.devicePath ? [{ name: `v${i}`, devicePath: v.devicePath }] : []));
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: spec.name,
      namespace: spec.namespace,
      labels: { [managedByLabel]: managedByValue, [helperLabel]: spec.purpose },
      annotations: { [annotations.madeFor]: spec.madeFor },
    },
    spec: {
      restartPolicy: 'Never',
      automountServiceAccountToken: false,
      terminationGracePeriodSeconds: 1,
      enableServiceLinks: false,
      ...(spec.node
        ? { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [spec.node] }] }] } } } }
        : {}),
      securityContext: { runAsUser: 0, runAsGroup: 0, seccompProfile: { type: 'RuntimeDefault' } },
      containers: [{
        name: helperContainer,
        image: spec.image,
        imagePullPolicy: 'IfNotPresent',
        command: idleCommand,
        resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { memory: '512Mi' } },
        securityContext: {
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          capabilities: { drop: ['ALL'], ...(spec.capabilities.length ? { add: [...spec.capabilities] } : {}) },
        },
        ...(mounts.length ? { volumeMounts: mounts } : {}),
        ...(devices.length ? { volumeDevices: devices } : {}),
      }],
      volumes: spec.volumes.map((v, i) => ({ name: `v${i}`, persistentVolumeClaim: { claimName: v.claimName, ...(v.readOnly ? { readOnly: true } : {}) } })),
    },
  };
}

export type PodWaitOutcome =
  | { readonly result: 'Running'; readonly pod: PodObject }
  | { readonly result: 'Failed' | 'Timeout' | 'Aborted' | 'Deleted'; readonly message: string };

/**
 * Poll the pod (twice a second) until its container runs. A pod that cannot start says why in
 * its events (FailedScheduling, FailedMount, ErrImagePull): the newest warning is the message.
 */
export async function waitForPodRunning(client: ClusterClient, namespace: string, name: string, options: { timeoutMs: number; signal?: AbortSignal }): Promise<PodWaitOutcome> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    if (options.signal?.aborted) return { result: 'Aborted', message: `stopped waiting for pod ${namespace}/${name}` };
    const pod = await client.readPod(namespace, name);
    if (!pod) return { result: 'Deleted', message: `pod ${namespace}/${name} was deleted` };
    const phase = pod.status?.phase;
    const waiting = pod.status?.containerStatuses?.[0]?.state?.waiting;
    if (phase === 'Running') return { result: 'Running', pod };
    if (phase === 'Failed' || phase === 'Succeeded') return { result: 'Failed', message: `pod ${namespace}/${name} ended (${phase})` };
    if (waiting && /ErrImagePull|ImagePullBackOff|InvalidImageName|CreateContainerConfigError|CreateContainerError/.test(waiting.reason ?? '')) {
      return { result: 'Failed', message: `pod ${namespace}/${name} cannot start: ${waiting.reason}${waiting.message ? `: ${waiting.message}` : ''}` };
    }
    if (Date.now() >= deadline) {
      const why = await client.latestPodWarning(namespace, name).catch(() => undefined);
      return { result: 'Timeout', message: `pod ${namespace}/${name} did not start within ${Math.round(options.timeoutMs / 1000)}s (${why ?? `phase ${phase ?? 'Pending'}`})` };
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** The level Pod Security admission enforced when it refused a pod (403 "violates PodSecurity"), else undefined. */
export function podSecurityLevel(error: unknown): string | undefined {
  if (!(error instanceof ClusterError) || error.status !== 403 || !/violates PodSecurity/.test(error.message)) return undefined;
  return /violates PodSecurity "([a-z]+)/.exec(error.message)?.[1] ?? 'restricted';
}
