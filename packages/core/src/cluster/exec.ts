import { Writable, type Readable } from 'node:stream';
import { Exec, type V1Status } from '@kubernetes/client-node';
import type { ClusterClient } from './client.js';
import { clusterError } from './errors.js';
import { helperContainer } from './pods.js';

/** How an exec'ed command ended: its exit code and the tail of what it wrote to stderr. */
export interface ExecResult {
  readonly exitCode: number;
  readonly stderr: string;
}

/** The socket of one exec, as far as flow control needs it (ws's WebSocket). */
export interface ExecSocket {
  readonly bufferedAmount: number;
  pause(): void;
  resume(): void;
  close(): void;
}

export interface ExecSession {
  readonly socket: ExecSocket;
  /** Resolves when the command has ended; rejects when the stream broke before it could say how. */
  readonly done: Promise<ExecResult>;
}

export interface ExecOptions {
  /** Fed to the command's stdin; its end closes stdin (the v5.channel.k8s.io protocol can say so). */
  readonly stdin?: Readable;
  /** Receives the command's stdout; without one, stdout is not requested. */
  readonly stdout?: Writable;
  readonly signal?: AbortSignal;
  /** Each chunk of stderr as it arrives (a receiver's "done" line). */
  readonly onStderr?: (text: string) => void;
}

const stderrKeep = 16 * 1024;

/**
 * Run a command in a helper pod through the apiserver (pods/exec over a WebSocket): nothing is
 * exposed and only the rights `kubectl exec` needs are used.
 */
export async function startExec(client: ClusterClient, namespace: string, pod: string, command: readonly string[], options: ExecOptions = {}): Promise<ExecSession> {
  let stderr = '';
  const stderrSink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      const text = chunk.toString('utf8');
      stderr = (stderr + text).slice(-stderrKeep);
      options.onStderr?.(text);
      callback();
    },
  });
  let status: V1Status | undefined;
  client.requests++;
  let socket: ExecSocket & { on(event: 'close' | 'error', listener: (arg?: unknown) => void): void };
  try {
    socket = await new Exec(client.config.kubeConfig).exec(
      namespace, pod, helperContainer, [...command], options.stdout ?? null, stderrSink, options.stdin ?? null, false,
      (s) => { status = s; },
    );
  } catch (error) {
    throw clusterError(`exec into pod ${namespace}/${pod}`, error, client.config.server);
  }
  const onAbort = () => socket.close();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  // Ctrl-C during the handshake: the listener came too late for it
  if (options.signal?.aborted) socket.close();
  const done = new Promise<ExecResult>((resolve, reject) => {
    let failure: unknown;
    socket.on('error', (error) => { failure = error; });
    socket.on('close', () => {
      options.signal?.removeEventListener('abort', onAbort);
      if (status) return resolve({ exitCode: exitCodeOf(status), stderr: stderr.trim() });
      if (options.signal?.aborted) return resolve({ exitCode: -1, stderr: 'interrupted' });
      reject(clusterError(`exec into pod ${namespace}/${pod}`, failure ?? new Error('the stream closed before the command ended'), client.config.server));
    });
  });
  return { socket, done };
}

/** Run a command to its end and collect its stdout (small outputs: listings, hashes). */
export async function execToString(client: ClusterClient, namespace: string, pod: string, command: readonly string[], signal?: AbortSignal): Promise<ExecResult & { stdout: string }> {
  const chunks: Buffer[] = [];
  const stdout = new Writable({ write(chunk: Buffer, _encoding, callback) { chunks.push(chunk); callback(); } });
  const session = await startExec(client, namespace, pod, command, { stdout, ...(signal ? { signal } : {}) });
  const result = await session.done;
  return { ...result, stdout: Buffer.concat(chunks).toString('utf8') };
}

/** 0 for Success; the ExitCode cause of a NonZeroExitCode failure; -1 when the status names none. */
export function exitCodeOf(status: V1Status): number {
  if (status.status === 'Success') return 0;
  const cause = status.details?.causes?.find((c) => c.reason === 'ExitCode');
  const code = cause?.message === undefined ? Number.NaN : Number.parseInt(cause.message, 10);
  return Number.isFinite(code) ? code : -1;
}
