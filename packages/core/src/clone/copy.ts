import { PassThrough, Writable } from 'node:stream';
import type { ClusterClient } from '../cluster/client.js';
import { execToString, startExec, type ExecResult, type ExecSession } from '../cluster/exec.js';
import { helperPodManifest, podSecurityLevel, waitForPodRunning, type HelperPodManifest, type HelperPodSpec } from '../cluster/pods.js';
import { dnsName } from '../generate.js';

/**
 * The copy strategy's data path. Files go through busybox tar (in the image users already pull
 * for debugging): it keeps owners, modes, times, symlinks and hard links, runs as a single static
 * binary in a 4 MB image, and reads its own stream on the other side, so two pods in different
 * namespaces or clusters need nothing but two execs joined by this process. rsync would add
 * resumability but needs a bigger image on both sides and a protocol over the stream; a copy
 * that fails is started again from an empty claim, which tar does as fast. Block volumes are
 * copied as devices with dd.
 */
export const copyCapabilities = ['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID'] as const;
export const defaultCopyImage = 'busybox:1.37.0';

export interface CopySide {
  readonly client: ClusterClient;
  readonly namespace: string;
  readonly claim: string;
  /** Where the source is attached now (a pod on that node mounts it ReadWriteOnce): run there too. */
  readonly node?: string;
}

export interface CopyJob {
  readonly source: CopySide;
  readonly target: CopySide;
  readonly block: boolean;
  readonly image: string;
  /** The clone's name: the helper pods are named after it. */
  readonly clone: string;
  readonly podTimeoutMs: number;
  readonly signal: AbortSignal;
  say(text: string): void;
  progress(progress: CopyProgress): void;
}

export interface CopyProgress {
  readonly bytes: number;
  /** The source's used bytes (du's apparent size, or the device's size); undefined if unreadable. */
  readonly total?: number;
  readonly bytesPerSecond: number;
  readonly etaSeconds?: number;
  /** The last report: the copy is done. */
  readonly final?: boolean;
}

export interface CopyResult {
  readonly bytes: number;
  readonly seconds: number;
  /** The helper pods that could not be deleted, as delete commands (normally none). */
  readonly leftPods: readonly string[];
}

/** A copy that could not finish; `leftPods` names helper pods that could not be removed. */
export class CopyError extends Error {
  constructor(message: string, readonly leftPods: readonly string[] = [], readonly interrupted = false) {
    super(message);
  }
}

const sourceDir = '/source';
const targetDir = '/target';
const sourceDevice = '/dev/kubectl-clone-source';
const targetDevice = '/dev/kubectl-clone-target';

/** The helper pods one copy needs: one mounting both claims, or one per side. */
export function copyPods(job: Pick<CopyJob, 'source' | 'target' | 'block' | 'image' | 'clone'>): { source: HelperPodManifest; target?: HelperPodManifest } {
  const madeFor = `${job.target.namespace}/${job.clone}`;
  const sourceVolume = job.block
    ? { claimName: job.source.claim, devicePath: sourceDevice, readOnly: true }
    : { claimName: job.source.claim, mountPath: sourceDir, readOnly: true };
  const targetVolume = job.block
    ? { claimName: job.target.claim, devicePath: targetDevice, readOnly: false }
    : { claimName: job.target.claim, mountPath: targetDir, readOnly: false };
  const base: Omit<HelperPodSpec, 'namespace' | 'name' | 'volumes'> = { image: job.image, purpose: 'copy', madeFor, capabilities: copyCapabilities };
  if (sameSide(job)) {
    return { source: helperPodManifest({ ...base, namespace: job.source.namespace, name: dnsName(`${job.clone}-copy`, 63), volumes: [sourceVolume, targetVolume], ...(job.source.node ? { node: job.source.node } : {}) }) };
  }
  return {
    source: helperPodManifest({ ...base, namespace: job.source.namespace, name: dnsName(`${job.clone}-copy-from`, 63), volumes: [sourceVolume], ...(job.source.node ? { node: job.source.node } : {}) }),
    target: helperPodManifest({ ...base, namespace: job.target.namespace, name: dnsName(`${job.clone}-copy-to`, 63), volumes: [targetVolume] }),
  };
}

function sameSide(job: Pick<CopyJob, 'source' | 'target'>): boolean {
  return job.source.client === job.target.client && job.source.namespace === job.target.namespace;
}

/** Turn Pod Security admission's refusal into what to do about it. */
export function podRefusal(error: unknown, namespace: string): Error {
  const message = (error as Error).message ?? String(error);
  const level = podSecurityLevel(error);
  if (level) {
    return new CopyError(
      `namespace ${namespace} enforces Pod Security "${level}", which forbids the copy pod: it runs as root with the capabilities ${copyCapabilities.join(', ')} to read every file and keep owners and modes (Pod Security "baseline" allows that). ` +
      `Allow it in this namespace (kubectl label namespace ${namespace} pod-security.kubernetes.io/enforce=baseline --overwrite) or use a strategy without pods`);
  }
  return error instanceof Error ? error : new Error(message);
}

/** Create the helper pods, copy, and always remove the pods again. */
export async function copyVolume(job: CopyJob): Promise<CopyResult> {
  const pods = copyPods(job);
  const made: { client: ClusterClient; namespace: string; name: string }[] = [];
  let copyStarted = performance.now();
  let result: { bytes: number } | undefined;
  let failure: unknown;
  try {
    const sides: [ClusterClient, HelperPodManifest][] = [[job.source.client, pods.source], ...(pods.target ? [[job.target.client, pods.target] as [ClusterClient, HelperPodManifest]] : [])];
    for (const [client, pod] of sides) {
      if (job.signal.aborted) throw new CopyError('interrupted before the copy started', [], true);
      const namespace = pod.metadata.namespace!;
      await client.createPod(pod, 'none').catch((error: unknown) => { throw podRefusal(error, namespace); });
      made.push({ client, namespace, name: pod.metadata.name! });
      job.say(`pod/${pod.metadata.name} created in ${namespace} (${job.image}, to copy ${pods.target ? (client === job.source.client && namespace === job.source.namespace ? 'from the source' : 'into the clone') : 'from the source into the clone'})`);
    }
    for (const pod of made) {
      const running = await waitForPodRunning(pod.client, pod.namespace, pod.name, { timeoutMs: job.podTimeoutMs, signal: job.signal });
      if (running.result === 'Aborted') throw new CopyError('interrupted while the copy pods started', [], true);
      if (running.result !== 'Running') throw new CopyError(running.message);
    }
    const from = made[0]!;
    const to = made[1] ?? from;
    const total = await usedBytes(from.client, from.namespace, from.name, job.block, job.signal);
    job.say(`copying ${total === undefined ? 'the source' : `${formatBytes(total)} (the source's used bytes)`} with ${job.block ? 'dd (a Block volume is copied as a device)' : 'tar (owners, modes, times, symlinks and hard links kept)'}${made.length > 1 ? ', streamed through the apiserver' + (job.source.client === job.target.client ? '' : 's') : ''}`);
    const meter = progressMeter(total, job.progress);
    copyStarted = performance.now();
    result = made.length === 1
      ? await copyInOnePod(from, job, meter, total)
      : await copyBetweenPods(from, to, job, meter, total);
    meter.finish(result.bytes);
  } catch (error) {
    failure = error;
  }
  const leftPods = await removePods(made);
  if (failure !== undefined) {
    if (failure instanceof CopyError) throw new CopyError(failure.message, leftPods, failure.interrupted);
    throw new CopyError((failure as Error).message ?? String(failure), leftPods, job.signal.aborted);
  }
  // the rate is the data's: pod start-up is not copying
  return { bytes: result!.bytes, seconds: (performance.now() - copyStarted) / 1000, leftPods };
}

async function removePods(pods: readonly { client: ClusterClient; namespace: string; name: string }[]): Promise<string[]> {
  const left: string[] = [];
  for (const pod of pods) {
    try {
      await pod.client.deletePod(pod.namespace, pod.name);
    } catch {
      left.push(`kubectl delete pod -n ${pod.namespace} ${pod.name}`);
    }
  }
  return left;
}

/** du's apparent size (what tar reads), or a device's size. */
async function usedBytes(client: ClusterClient, namespace: string, pod: string, block: boolean, signal: AbortSignal): Promise<number | undefined> {
  const command = block ? ['blockdev', '--getsize64', sourceDevice] : ['du', '-sb', sourceDir];
  try {
    const out = await execToString(client, namespace, pod, command, signal);
    const bytes = Number.parseInt(out.stdout.trim().split(/\s+/)[0] ?? '', 10);
    return out.exitCode === 0 && Number.isFinite(bytes) ? bytes : undefined;
  } catch {
    return undefined;
  }
}

interface Meter {
  add(bytes: number): void;
  set(bytes: number): void;
  finish(bytes: number): void;
}

/** Progress at most twice a second: bytes, rate over the whole copy, time left. */
function progressMeter(total: number | undefined, report: (p: CopyProgress) => void): Meter {
  const started = performance.now();
  let bytes = 0;
  let last = 0;
  const emit = (force: boolean) => {
    const now = performance.now();
    if (!force && now - last < 500) return;
    last = now;
    const seconds = Math.max((now - started) / 1000, 0.001);
    const bytesPerSecond = bytes / seconds;
    const etaSeconds = total !== undefined && bytesPerSecond > 0 ? Math.max(0, (total - bytes) / bytesPerSecond) : undefined;
    report({ bytes, ...(total !== undefined ? { total } : {}), bytesPerSecond, ...(etaSeconds !== undefined ? { etaSeconds } : {}), ...(force ? { final: true } : {}) });
  };
  return {
    add(n) { bytes += n; emit(false); },
    set(n) { bytes = Math.max(bytes, n); emit(false); },
    finish(n) { bytes = n; emit(true); },
  };
}

function failed(what: string, result: ExecResult): CopyError {
  return new CopyError(`${what} failed (exit ${result.exitCode})${result.stderr ? `: ${result.stderr.split('\n').slice(-3).join(' | ')}` : ''}`);
}

/** One pod mounts both: the bytes never leave the node; progress is the target's size, polled. */
async function copyInOnePod(pod: { client: ClusterClient; namespace: string; name: string }, job: CopyJob, meter: Meter, total: number | undefined): Promise<{ bytes: number }> {
  const command = job.block
    ? ['dd', `if=${sourceDevice}`, `of=${targetDevice}`, 'bs=4M', 'conv=fsync']
    // busybox tar sets a directory's time before filling it: put the source's back afterwards
    : ['sh', '-c', `set -o pipefail; tar -C ${sourceDir} -cf - . | tar -C ${targetDir} -xpf - && cd ${sourceDir} && find . -type d -exec touch -c -r ${sourceDir}/{} ${targetDir}/{} \\;`];
  const work = await startExec(pod.client, pod.namespace, pod.name, command, { signal: job.signal });
  let polling = true;
  const poll = (async () => {
    while (polling && !job.signal.aborted) {
      await sleepUnless(1000, () => !polling);
      if (!polling || job.block) continue;
      const out = await execToString(pod.client, pod.namespace, pod.name, ['du', '-sb', targetDir]).catch(() => undefined);
      const bytes = Number.parseInt(out?.stdout.trim().split(/\s+/)[0] ?? '', 10);
      if (polling && Number.isFinite(bytes)) meter.set(bytes);
    }
  })();
  const result = await work.done.finally(() => { polling = false; });
  await poll;
  if (job.signal.aborted) throw new CopyError('interrupted during the copy', [], true);
  if (result.exitCode !== 0) throw failed(job.block ? 'dd' : 'tar', result);
  // a finished copy holds what was measured before it: one exec round trip (0.1-0.5 s) saved
  if (total !== undefined) return { bytes: total };
  const out = await execToString(pod.client, pod.namespace, pod.name, job.block ? ['blockdev', '--getsize64', sourceDevice] : ['du', '-sb', targetDir]);
  return { bytes: Number.parseInt(out.stdout.trim().split(/\s+/)[0] ?? '0', 10) || 0 };
}

/**
 * A pod on each side: the source's tar (or dd) writes to stdout, this process forwards every
 * chunk to the target's stdin. The receiving WebSocket is paused while the sending one has more
 * than `highWater` bytes queued, so memory stays bounded however fast the source reads.
 *
 * Two races of exec's stdin decide how the receiver ends. A close can overtake the last bytes on
 * their way through the apiserver and kubelet (kubernetes/kubernetes#112834: seen here as a dd
 * that wrote part of a device), and a command that exits while bytes are still arriving can lose
 * its exit status with the stream. So the receiver says on stderr when its work has ended. dd
 * stops on its own after the device's size (count_bytes), its stdin is closed only after that
 * line, and its record counts are checked; busybox tar reads to the end of its input, so it gets
 * the close when the sender is done, and the bytes that reached it are counted and compared with
 * the bytes sent (a cut between two files would leave tar content). Never a partial copy
 * reported as done.
 */
async function copyBetweenPods(from: PodRef, to: PodRef, job: CopyJob, meter: Meter, total: number | undefined): Promise<{ bytes: number }> {
  const highWater = 8 * 1024 * 1024;
  const stdin = new PassThrough({ highWaterMark: highWater });
  if (job.block && total === undefined) throw new CopyError(`cannot read the size of the source's device in pod ${from.namespace}/${from.name} (blockdev --getsize64): without it a short copy could not be told from a whole one`);
  // dd: stops after the device's size, says so, drains stdin until we close it. tar: reads to the end
  // of its input (our close), and the bytes it received are counted beside it (tee to wc -c) and
  // compared with the bytes sent, so a close that overtook bytes fails even between two files.
  const script = receiverScript(job.block ? { device: targetDevice, bytes: total! } : { dir: targetDir });
  let said = false;
  let stderrSoFar = '';
  const receiver = await startExec(to.client, to.namespace, to.name, ['sh', '-c', script], {
    stdin, signal: job.signal,
    // matched on all of stderr so far: the line may arrive in two chunks
    onStderr: (text) => { stderrSoFar = (stderrSoFar + text).slice(-4096); if (stderrSoFar.includes(doneMark)) said = true; },
  });
  // a receiver that ended early (an error) takes no more bytes: stop waiting for its buffer to drain
  let receiverEnded = false;
  void receiver.done.finally(() => { receiverEnded = true; }).catch(() => undefined);
  let bytes = 0;
  const forward = new Writable({
    highWaterMark: highWater,
    write(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      meter.add(chunk.length);
      stdin.write(chunk);
      if (receiver.socket.bufferedAmount + stdin.readableLength <= highWater) return callback();
      sender.socket.pause();
      const drained = () => {
        if (job.signal.aborted || receiverEnded || receiver.socket.bufferedAmount + stdin.readableLength <= highWater / 4) {
          sender.socket.resume();
          callback();
        } else setTimeout(drained, 5);
      };
      setTimeout(drained, 5);
    },
  });
  // the writable above only runs once this exec delivers data, so `sender` is set by then
  const sender: ExecSession = await startExec(from.client, from.namespace, from.name,
    job.block ? ['dd', `if=${sourceDevice}`, 'bs=4M'] : ['tar', '-C', sourceDir, '-cf', '-', '.'], { stdout: forward, signal: job.signal });
  const sent = await sender.done;
  if (!job.block) stdin.end();
  await sleepUnless(60_000, () => said || receiverEnded || job.signal.aborted);
  stdin.end();
  const received = await receiver.done;
  if (job.signal.aborted) throw new CopyError('interrupted during the copy', [], true);
  if (sent.exitCode !== 0) throw failed(`reading the source (${job.block ? 'dd' : 'tar -c'} in pod ${from.namespace}/${from.name})`, sent);
  if (received.exitCode !== 0) throw failed(`writing the clone (${job.block ? 'dd' : 'tar -x'} in pod ${to.namespace}/${to.name})`, received);
  if (!said) throw failed(`writing the clone (${job.block ? 'dd' : 'tar -x'} in pod ${to.namespace}/${to.name} never finished reading)`, received);
  if (job.block && !wroteAll(received.stderr, total!)) throw failed(`writing the clone (dd in pod ${to.namespace}/${to.name} stopped short of ${total} bytes)`, received);
  const short = job.block ? undefined : tarShortfall(received.stderr, bytes);
  if (short) throw failed(`writing the clone (tar -x in pod ${to.namespace}/${to.name} ${short})`, received);
  return { bytes };
}

/** The receiver's line on stderr once its tar or dd has ended. */
const doneMark = 'kubectl-clone: receiver done';
/** The receiver's count of the bytes that reached it (tar). */
const countMark = 'kubectl-clone: receiver got';

/** The receiving pod's shell script: dd of a device of `bytes`, or tar into `dir` with its input counted. */
export function receiverScript(target: { device: string; bytes: number } | { dir: string }): string {
  return 'device' in target
    ? `dd of=${target.device} bs=4M conv=fsync iflag=fullblock,count_bytes count=${target.bytes}; rc=$?; echo "${doneMark} $rc" >&2; cat >/dev/null; exit $rc`
    : `{ { tee /dev/fd/3 | tar -C ${target.dir} -xpf -; echo "${doneMark} $?" >&2; } 3>&1 1>&4 | wc -c | sed "s/^/${countMark} /" >&2; } 4>&1`;
}

/** What went wrong on the tar receiver's side (its stderr), or undefined when it took all `sent` bytes and exited 0. */
export function tarShortfall(stderr: string, sent: number): string | undefined {
  const rc = new RegExp(`${doneMark} (\\d+)`).exec(stderr)?.[1];
  if (rc !== '0') return `exited ${rc ?? 'without saying how'}`;
  const got = new RegExp(`${countMark} (\\d+)`).exec(stderr)?.[1];
  return Number(got) === sent ? undefined : `received ${got ?? 'an unknown number'} of the ${sent} bytes sent`;
}

interface PodRef {
  readonly client: ClusterClient;
  readonly namespace: string;
  readonly name: string;
}

/** dd's "F+P records out" for `total` bytes in 4 MiB blocks: every full block, and one partial if any. */
function wroteAll(stderr: string, total: number): boolean {
  const out = /(\d+)\+(\d+) records out/.exec(stderr);
  const block = 4 * 1024 * 1024;
  return out !== null && Number(out[1]) === Math.floor(total / block) && Number(out[2]) === (total % block ? 1 : 0);
}

function sleepUnless(ms: number, stop: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const started = Date.now();
    const tick = () => (stop() || Date.now() - started >= ms ? resolve() : setTimeout(tick, 50));
    setTimeout(tick, 50);
  });
}

const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit++; }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}
