// "Verify clone" on a clone in the tree: the core's runVerify (through the session), its outcome
// said as one message. No `vscode` here: the command (verify-command.ts) gives the UI, the unit
// tests a recording one.
import type { VerifyOutcome } from '@kubectl-clone/core/verify';
// the texts alone: the runner (and the Kubernetes client) belong to live.js, loaded on the first cluster call
import { countedText, differenceCount, differencesByPath, inUseText } from '@kubectl-clone/core/verify/texts';
import type { ClusterSession } from './cluster-session.js';

export interface VerifyTarget {
  readonly namespace: string;
  readonly name: string;
  /** "namespace/name" of the claim it was cloned from (the tree's ClaimNode.source). */
  readonly source?: string;
}

export interface VerifyUi {
  /** The progress notification's line. */
  progress(text: string): void;
  log(text: string): void;
}

export interface VerifyResult {
  readonly result: 'identical' | 'different' | 'failed' | 'cancelled';
  /** What the message says. */
  readonly message: string;
  readonly outcome?: VerifyOutcome;
}

/** How many differing paths the message names; the log has them all. */
const named = 3;

export async function verifyClone(session: ClusterSession, target: VerifyTarget, options: { image: string; podTimeoutMs: number; signal?: AbortSignal }, ui: VerifyUi): Promise<VerifyResult> {
  const clone = `${target.namespace}/${target.name}`;
  const [sourceNamespace, sourceName] = target.source?.includes('/') ? target.source.split('/', 2) as [string, string] : [target.namespace, target.source];
  if (!sourceName) return { result: 'failed', message: `kubectl-clone: ${clone} names no source claim (no dataSource, no kubectl-clone.io/source annotation): nothing to verify it against` };
  if (!session.runVerify) return { result: 'failed', message: 'kubectl-clone: this session cannot run a verify' };
  const source = `${sourceNamespace}/${sourceName}`;
  ui.log(`verify: ${source} against ${clone} in context ${session.context} (image ${options.image})`);
  ui.progress(`starting a verify pod for ${clone}…`);
  let outcome: VerifyOutcome;
  try {
    outcome = await session.runVerify({
      source: { namespace: sourceNamespace, name: sourceName },
      clone: { namespace: target.namespace, name: target.name },
      image: options.image,
      podTimeoutMs: options.podTimeoutMs,
      ...(options.signal ? { signal: options.signal } : {}),
    }, { note: (text) => { ui.log(`verify: ${text}`); if (text.startsWith('started')) ui.progress(`comparing ${source} and ${clone}…`); } });
  } catch (error) {
    const message = (error as Error).message;
    ui.log(`verify: failed: ${message}`);
    if (options.signal?.aborted) return { result: 'cancelled', message: `kubectl-clone: verify of ${clone} cancelled (${message})` };
    return { result: 'failed', message: `kubectl-clone: verify of ${clone} failed: ${message}` };
  }
  const inUse = outcome.sourceInUse.map((pod) => ` (${inUseText(pod)})`).join('');
  for (const warning of outcome.warnings) ui.log(`verify: warning: ${warning}`);
  if (outcome.identical) {
    ui.log(`verify: identical (${countedText(outcome)}) in ${outcome.seconds.toFixed(1)} s`);
    return { result: 'identical', message: `${clone} is identical to ${source} (${countedText(outcome)})${inUse}`, outcome };
  }
  const paths = differencesByPath(outcome.differences);
  for (const line of paths) ui.log(`verify:   ${line}`);
  const more = paths.length > named ? `; and ${paths.length - named} more (see the log)` : '';
  return { result: 'different', message: `${clone} differs from ${source}: ${differenceCount(outcome.differences)}: ${paths.slice(0, named).join('; ')}${more}${inUse}`, outcome };
}
