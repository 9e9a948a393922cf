import type { PersistentVolumeClaimObject, PodObject } from '../facts.js';
import type { ClusterClient } from '../cluster/client.js';
import { ClusterError } from '../cluster/errors.js';
import { execToString } from '../cluster/exec.js';
import { helperLabel, helperPodManifest, podSecurityLevel, waitForPodRunning, type HelperVolume } from '../cluster/pods.js';
import { compareDevices, compareManifests, type Comparison } from './compare.js';
import { readySnapshot, restoreClaim } from './snapshot.js';
import { blockScript, blockSizeScript, ManifestParseError, parseBlockLine, parseManifest, walkScript } from './manifest.js';

export interface ClaimRef {
  readonly namespace: string;
  readonly name: string;
}

export interface VerifyRequest {
  readonly source: ClaimRef;
  readonly clone: ClaimRef;
  readonly image: string;
  /** How long the verify pods may take to start (scheduling, attach, image). */
  readonly podTimeoutMs: number;
  /** A VolumeSnapshot of the source (its namespace): compare the clone with it instead of the live source. */
  readonly snapshot?: string;
  readonly signal?: AbortSignal;
}

/** The clusters of both sides: one client when the clone lives in the source's context. */
export interface VerifyClients {
  readonly source: ClusterClient;
  readonly clone: ClusterClient;
}

export interface VerifyOutcome extends Comparison {
  readonly volumeMode: 'Filesystem' | 'Block';
  readonly source: ClaimRef & { readonly context: string };
  readonly clone: ClaimRef & { readonly context: string };
  /** Pods other than ours that mount the source read-write: differences may be later writes (none reported when compared with a snapshot). */
  readonly sourceInUse: readonly string[];
  /** The VolumeSnapshot compared instead of the live source (--snapshot). */
  readonly snapshot?: string;
  /** What the walks wrote to stderr (a file gone while walking) and facts we could not read. */
  readonly warnings: readonly string[];
  readonly seconds: number;
}

/** Progress lines ("starting verify pod ns/name") and the fate of the pods at the end. */
export interface VerifyIO {
  note(text: string): void;
}

/** A failure of the verify itself (exit 2): one line, naming the object and what to do. */
export class VerifyError extends Error {
  override readonly name = 'VerifyError';
}

interface Side {
  readonly client: ClusterClient;
  readonly namespace: string;
  /** The pod's name, and the claims it mounts with where. */
  readonly pod: string;
  readonly mounts: { readonly role: 'source' | 'clone'; readonly claim: string; readonly path: string }[];
}

const mountRoot = { source: '/verify/source', clone: '/verify/clone' } as const;

/**
 * `kubectl clone verify`: short-lived pods mount both claims read-only, walk both trees and the
 * trees are compared here. The pods are deleted at the end whatever happens (error, Ctrl-C);
 * a pod that could not be deleted is named with the command that deletes it.
 */
export async function runVerify(clients: VerifyClients, request: VerifyRequest, io: VerifyIO): Promise<VerifyOutcome> {
  const started = Date.now();
  const sameCluster = clients.source === clients.clone;
  if (sameCluster && request.source.namespace === request.clone.namespace && request.source.name === request.clone.name) {
    throw new VerifyError(`source and clone are the same claim (${request.source.namespace}/${request.source.name}): name the clone as the second argument (or its --to-namespace / --to-context)`);
  }
  const [source, clone] = await Promise.all([
    boundClaim(clients.source, request.source, 'source'),
    boundClaim(clients.clone, request.clone, 'clone'),
  ]);
  const volumeMode = source.spec?.volumeMode === 'Block' ? 'Block' : 'Filesystem';
  const cloneMode = clone.spec?.volumeMode === 'Block' ? 'Block' : 'Filesystem';
  if (volumeMode !== cloneMode) {
    throw new VerifyError(`the source ${request.source.namespace}/${request.source.name} is a ${volumeMode} volume and the clone ${request.clone.namespace}/${request.clone.name} a ${cloneMode} volume: they cannot be compared`);
  }
  const warnings: string[] = [];
  const [sourceUsers, cloneUsers] = await Promise.all([
    claimUsers(clients.source, request.source, warnings),
    claimUsers(clients.clone, request.clone, warnings),
  ]);
  const sourceInUse = request.snapshot ? [] : sourceUsers.filter((user) => user.writes).map((user) => `${request.source.namespace}/${user.pod}`);
  const snapshot = request.snapshot ? await readySnapshot(clients.source, request.source.namespace, request.snapshot) : undefined;
  if (typeof snapshot === 'string') throw new VerifyError(snapshot);

  const suffix = Math.random().toString(36).slice(2, 7);
  // with --snapshot the source side mounts a claim restored from it, made just below
  const restored = snapshot ? `${`verify-${snapshot.name}`.slice(0, 63 - 6).replace(/[.-]+$/, '')}-${suffix}` : undefined;
  const sourceClaim = restored ?? request.source.name;
  const podName = (role: string) => `${`verify-${request.clone.name}`.slice(0, 63 - role.length - 7)}-${role}-${suffix}`.replace(/\.+/g, '-').replace(/-+/g, '-');
  // one pod mounting both when it can; a pod per side across namespaces or clusters, since a pod
  // mounts claims of its own namespace only
  const sides: Side[] = sameCluster && request.source.namespace === request.clone.namespace
    ? [{ client: clients.source, namespace: request.source.namespace, pod: podName('both'), mounts: [{ role: 'source', claim: sourceClaim, path: mountRoot.source }, { role: 'clone', claim: request.clone.name, path: mountRoot.clone }] }]
    : [
        { client: clients.source, namespace: request.source.namespace, pod: podName('source'), mounts: [{ role: 'source', claim: sourceClaim, path: mountRoot.source }] },
        { client: clients.clone, namespace: request.clone.namespace, pod: podName('clone'), mounts: [{ role: 'clone', claim: request.clone.name, path: mountRoot.clone }] },
      ];

  const created: Side[] = [];
  let restoredMade = false;
  try {
    if (snapshot && restored) {
      if (request.signal?.aborted) throw new VerifyError('interrupted before the snapshot was restored');
      await clients.source.createClaim(restoreClaim(source, snapshot, restored, request.source.namespace), 'none');
      restoredMade = true;
      io.note(`restoring volumesnapshot ${request.source.namespace}/${snapshot.name} into temporary claim ${request.source.namespace}/${restored}`);
    }
    // allSettled: a pod whose create is still in flight when the other's fails must be known to
    // the finally below, or it would be left behind
    const creations = await Promise.allSettled(sides.map(async (side) => {
      // a ReadWriteOnce volume already attached to a node can only be mounted there
      const node = side.mounts.map((m) => (m.role === 'source' ? (restored ? [] : sourceUsers) : cloneUsers).find((u) => u.node)?.node).find(Boolean);
      const volumes: HelperVolume[] = side.mounts.map((m) => (volumeMode === 'Block' ? { claimName: m.claim, devicePath: devicePath(m.role), readOnly: true } : { claimName: m.claim, mountPath: m.path, readOnly: true }));
      const manifest = helperPodManifest({
        namespace: side.namespace, name: side.pod, image: request.image, purpose: 'verify',
        madeFor: `${request.clone.namespace}/${request.clone.name}`, volumes, capabilities: ['DAC_OVERRIDE'],
        ...(node ? { node } : {}),
      });
      if (request.signal?.aborted) throw new VerifyError('interrupted before the verify pods were created');
      try {
        await side.client.createPod(manifest, 'none');
      } catch (error) {
        throw podSecurityError(error, side.namespace) ?? error;
      }
      created.push(side);
      io.note(`started verify pod ${side.namespace}/${side.pod}`);
    }));
    const refused = creations.find((c): c is PromiseRejectedResult => c.status === 'rejected');
    if (refused) throw refused.reason;
    await Promise.all(created.map(async (side) => {
      const waited = await waitForPodRunning(side.client, side.namespace, side.pod, { timeoutMs: request.podTimeoutMs, ...(request.signal ? { signal: request.signal } : {}) });
      if (waited.result !== 'Running') throw new VerifyError(waited.result === 'Aborted' ? 'interrupted while the verify pods started' : waited.message);
    }));
    const comparison = volumeMode === 'Block' ? await compareBlock(sides, request) : await compareTrees(sides, request, warnings);
    return {
      ...comparison, volumeMode, sourceInUse, warnings, ...(snapshot ? { snapshot: snapshot.name } : {}),
      source: { ...request.source, context: clients.source.config.context },
      clone: { ...request.clone, context: clients.clone.config.context },
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    await removePods(created, io, Boolean(request.signal?.aborted));
    if (restoredMade && restored) await removeClaim(clients.source, request.source.namespace, restored, io);
  }
}

/** The temporary claim restored for --snapshot: deleted (it goes once the pod has); a failure names the command. */
async function removeClaim(client: ClusterClient, namespace: string, name: string, io: VerifyIO): Promise<void> {
  try {
    await client.deleteClaim(namespace, name);
  } catch (error) {
    io.note(`could not delete the temporary claim ${namespace}/${name} (${(error as Error).message}): delete it with kubectl delete pvc ${name} -n ${namespace} --context ${client.config.context}`);
  }
}

async function boundClaim(client: ClusterClient, ref: ClaimRef, role: 'source' | 'clone'): Promise<PersistentVolumeClaimObject> {
  const claim = await client.readClaim(ref.namespace, ref.name);
  if (!claim) throw new VerifyError(`${role} persistentvolumeclaim "${ref.name}" not found in namespace ${ref.namespace} (context ${client.config.context})`);
  const phase = claim.status?.phase;
  if (phase !== 'Bound') throw new VerifyError(`${role} persistentvolumeclaim ${ref.namespace}/${ref.name} is ${phase ?? 'not Bound'}: there is no volume to verify yet (wait until it is Bound)`);
  return claim;
}

interface ClaimUser {
  readonly pod: string;
  readonly node?: string;
  /** Mounted writable by some container (a Block device always is). */
  readonly writes: boolean;
}

type PodWithMounts = PodObject & { spec?: { containers?: { volumeMounts?: { name?: string; readOnly?: boolean }[]; volumeDevices?: { name?: string }[] }[] } };

/** Live pods (not ours) that mount the claim; the pods of a namespace we may not list are a warning, not a stop. */
async function claimUsers(client: ClusterClient, ref: ClaimRef, warnings: string[]): Promise<ClaimUser[]> {
  let pods: PodObject[];
  try {
    pods = await client.listPods(ref.namespace);
  } catch (error) {
    if (error instanceof ClusterError && error.status === 403) {
      warnings.push(`could not list pods in ${ref.namespace} (forbidden): whether ${ref.name} is in use is unknown`);
      return [];
    }
    throw error;
  }
  return (pods as PodWithMounts[]).flatMap((pod) => {
    if (pod.metadata?.labels?.[helperLabel] === 'verify') return [];
    if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') return [];
    const volume = pod.spec?.volumes?.find((v) => v.persistentVolumeClaim?.claimName === ref.name);
    if (!volume) return [];
    const containers = pod.spec?.containers ?? [];
    const writes = !volume.persistentVolumeClaim?.readOnly && containers.some((c) =>
      (c.volumeMounts ?? []).some((m) => m.name === volume.name && !m.readOnly) || (c.volumeDevices ?? []).some((d) => d.name === volume.name));
    return [{ pod: pod.metadata?.name ?? '', writes, ...(pod.spec?.nodeName ? { node: pod.spec.nodeName } : {}) }];
  });
}

/** Pod Security admission's refusal as one line: which namespace, why, what to do. */
function podSecurityError(error: unknown, namespace: string): VerifyError | undefined {
  const level = podSecurityLevel(error);
  if (!level) return undefined;
  return new VerifyError(`namespace ${namespace} enforces Pod Security "${level}", which forbids the verify pod (it reads every file as root with capability DAC_OVERRIDE, allowed by "baseline"): label the namespace pod-security.kubernetes.io/enforce=baseline, or ask its admin to`);
}

const devicePath = (role: 'source' | 'clone') => `/dev/verify-${role}`;

function sideOf(sides: readonly Side[], role: 'source' | 'clone'): { side: Side; path: string } {
  const side = sides.find((s) => s.mounts.some((m) => m.role === role))!;
  return { side, path: side.mounts.find((m) => m.role === role)!.path };
}

async function run(side: Side, script: string, args: readonly string[], what: string, signal: AbortSignal | undefined): Promise<string> {
  const result = await execToString(side.client, side.namespace, side.pod, ['sh', '-c', script, 'sh', ...args], signal);
  if (signal?.aborted) throw new VerifyError(`interrupted while ${what}`);
  if (result.exitCode !== 0) throw new VerifyError(`${what} in pod ${side.namespace}/${side.pod} failed (exit ${result.exitCode})${result.stderr ? `: ${result.stderr.split('\n').slice(-3).join('; ')}` : ''}`);
  return result.stdout;
}

async function compareTrees(sides: readonly Side[], request: VerifyRequest, warnings: string[]): Promise<Comparison> {
  // both walks at once: each reads its own volume
  const [source, clone] = await Promise.all((['source', 'clone'] as const).map(async (role) => {
    const { side, path } = sideOf(sides, role);
    const result = await execToString(side.client, side.namespace, side.pod, ['sh', '-c', walkScript, 'sh', path], request.signal);
    if (request.signal?.aborted) throw new VerifyError(`interrupted while walking the ${role}`);
    if (result.exitCode !== 0) throw new VerifyError(`walking the ${role} in pod ${side.namespace}/${side.pod} failed (exit ${result.exitCode})${result.stderr ? `: ${result.stderr.split('\n').slice(-3).join('; ')}` : ''}`);
    // find's complaints (a file gone while walking) do not stop the walk: they are warnings
    for (const line of result.stderr.split('\n').filter(Boolean).slice(0, 5)) warnings.push(`${role}: ${line.replaceAll(path, '')}`);
    return parsed(() => parseManifest(result.stdout), `the ${role} walk in pod ${side.namespace}/${side.pod}`);
  })) as [ReturnType<typeof parseManifest>, ReturnType<typeof parseManifest>];
  return compareManifests(source, clone);
}

async function compareBlock(sides: readonly Side[], request: VerifyRequest): Promise<Comparison> {
  const s = sideOf(sides, 'source');
  const c = sideOf(sides, 'clone');
  const sourcePath = devicePath('source');
  const clonePath = devicePath('clone');
  // the source's size first: a larger clone is hashed over the source's length only
  const sourceSize = Number((await run(s.side, blockSizeScript, [sourcePath], 'reading the source device size', request.signal)).trim());
  const [source, clone] = await Promise.all([
    run(s.side, blockScript, [sourcePath], 'hashing the source device', request.signal),
    run(c.side, blockScript, [clonePath, String(sourceSize)], 'hashing the clone device', request.signal),
  ]);
  return compareDevices(parsed(() => parseBlockLine(source), 'the source device hash'), parsed(() => parseBlockLine(clone), 'the clone device hash'));
}

/** An output we cannot read is a failed verify (exit 2), said as such, never an internal error. */
function parsed<T>(parse: () => T, what: string): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof ManifestParseError) throw new VerifyError(`${what}: ${error.message}`);
    throw error;
  }
}

/** Delete every pod we made; what could not be deleted is named with the command that deletes it. */
async function removePods(sides: readonly Side[], io: VerifyIO, interrupted: boolean): Promise<void> {
  await Promise.all(sides.map(async (side) => {
    try {
      await side.client.deletePod(side.namespace, side.pod);
      if (interrupted) io.note(`interrupted: deleted verify pod ${side.namespace}/${side.pod}`);
    } catch (error) {
      io.note(`could not delete verify pod ${side.namespace}/${side.pod} (${(error as Error).message}): delete it with kubectl delete pod ${side.pod} -n ${side.namespace} --context ${side.client.config.context}`);
    }
  }));
}
