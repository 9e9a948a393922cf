import { runClone } from '@kubectl-clone/core/clone';
import { ClusterClient } from '@kubectl-clone/core/cluster';
import { withClusterErrors } from '../cluster-errors.js';
import { connectionOptions } from '../connection-flags.js';
import { validatePvcFlags } from '../flags/pvc-flags.js';
import type { PvcFlags } from '../flags/pvc-types.js';
import type { Terminal } from '../terminal.js';
import { printOutcome, terminalIO } from './render-clone.js';

/** `kubectl clone pvc` against a cluster: flags checked, then the core's clone engine, its events rendered. */
export async function runPvcLive(sourceName: string, name: string | undefined, flags: PvcFlags, terminal: Terminal): Promise<number> {
  const valid = validatePvcFlags(name, flags);
  const client = ClusterClient.connect(connectionOptions(flags));
  // --to-context: the same kubeconfig and request timeout, another context; the clone keeps the source namespace's name unless --to-namespace
  const target = valid.targetContext ? ClusterClient.connect({ ...connectionOptions({ ...flags, namespace: undefined }), context: valid.targetContext }) : undefined;
  const io = terminalIO(terminal, valid.force);
  try {
    const request = { ...valid, source: { namespace: client.namespace, name: sourceName } };
    const outcome = await runClone(client, request, io, target);
    io.progress.stop();
    return printOutcome(outcome, valid.output, terminal);
  } finally {
    io.progress.stop();
  }
}

/** Loaded on demand: the Kubernetes client stays out of the start-up of offline commands. */
export function runPvcLiveCommand(sourceName: string, name: string | undefined, flags: PvcFlags, terminal: Terminal): Promise<number> {
  return withClusterErrors(() => runPvcLive(sourceName, name, flags, terminal));
}
