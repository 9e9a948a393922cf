import { parseWorkloadRef, renderYaml, WorkloadError } from '@kubectl-clone/core';
import { QuiesceStop, resumeWriter, runWorkloadClone, type CloneRequest } from '@kubectl-clone/core/clone';
import { ClusterClient } from '@kubectl-clone/core/cluster';
import { connectionOptions, type ConnectionFlags } from '../connection-flags.js';
import { CliError, exitCodes } from '../errors.js';
import { validatePvcFlags } from '../flags/pvc-flags.js';
import type { WorkloadFlags } from '../flags/workload-types.js';
import type { Terminal } from '../terminal.js';
import { exitCodeOf, terminalIO } from './render-clone.js';

/**
 * `kubectl clone workload`: the engine plans every claim once (all refused or none written), clones
 * them, and makes the copy of the workload; this prints the copy and the engine's words.
 */
export async function runWorkload(ref: string, flags: WorkloadFlags, terminal: Terminal): Promise<number> {
  const { kind, name } = wrap(() => parseWorkloadRef(ref));
  const label = `kubectl-clone.io/workload=${`${name}${flags.suffix}`.slice(0, 63)}`;
  // the claims are cloned as `kubectl clone pvc` would, with the same checks of every value, before any request
  const claim = (clone: string) => validatePvcFlags(clone, {
    ...flags, accessMode: [], label: [...flags.label, label], dryRun: flags.dryRun, wait: true, strategy: flags.strategy,
  });
  const valid = claim(`${name}${flags.suffix}`.toLowerCase().replace(/[^a-z0-9.-]/g, '-'));
  const client = ClusterClient.connect(connectionOptions(flags));
  const namespace = client.namespace;
  const io = terminalIO(terminal, valid.force);
  const claimRequest = (source: string, clone: string): CloneRequest => ({ ...claim(clone), source: { namespace, name: source } });
  try {
    const outcome = await runWorkloadClone(client, {
      kind, name, namespace, suffix: flags.suffix, claimRequest,
      dryRun: valid.dryRun, apply: Boolean(flags.apply), quiesce: flags.quiesce === 'scale' ? 'scale' : 'none', timeoutMs: valid.timeoutMs,
    }, io);
    io.progress.stop();
    switch (outcome.result) {
      case 'planned': case 'validated':
        print(outcome.objects, flags.output, terminal);
        terminal.stderr(`${outcome.message}\n`);
        return exitCodes.ok;
      case 'cloned':
        if (outcome.created) terminal.stdout(`${outcome.message}\n`);
        else {
          print([outcome.copy], flags.output, terminal);
          terminal.stderr(`${outcome.message}\n`);
        }
        return exitCodes.ok;
      default:
        for (const clone of outcome.clones) if (outcome.result === 'refused' && clone.result === 'refused') terminal.stderr(`${clone.message}\n`);
        terminal.stderr(`${outcome.message}\n`);
        return outcome.result === 'interrupted' ? 130 : outcome.clones.length ? exitCodeOf(outcome.clones[outcome.clones.length - 1]!) || exitCodes.findings : exitCodes.findings;
    }
  } finally {
    io.progress.stop();
  }
}

/** `kubectl clone resume deploy/NAME|sts/NAME`: undo what an interrupted --quiesce=scale left. */
export async function runResume(ref: string, flags: ConnectionFlags, terminal: Terminal): Promise<number> {
  const { kind, name } = wrap(() => parseWorkloadRef(ref));
  if (kind === 'Pod') throw new CliError('resume restores Deployments and StatefulSets (deploy/NAME, sts/NAME)');
  const client = ClusterClient.connect(connectionOptions(flags));
  try {
    await resumeWriter(client, { kind, metadata: { name, namespace: client.namespace } }, (text) => terminal.stderr(`${text}\n`));
  } catch (error) {
    if (error instanceof QuiesceStop) throw new CliError(error.message, exitCodes.findings);
    throw error;
  }
  return exitCodes.ok;
}

function print(objects: readonly unknown[], output: string | undefined, terminal: Terminal): void {
  if (output === 'json') terminal.stdout(`${JSON.stringify(objects.length === 1 ? objects[0] : { apiVersion: 'v1', kind: 'List', items: objects }, null, 2)}\n`);
  else terminal.stdout(renderYaml(objects));
}

function wrap<T>(body: () => T): T {
  try {
    return body();
  } catch (error) {
    if (error instanceof WorkloadError) throw new CliError(error.message);
    throw error;
  }
}
