import {
  cloneClaimNames, cloneWorkload, parseWorkloadRef, planClone, renderYaml, WorkloadError, minorVersion, type ClonePlan,
} from '@kubectl-clone/core';
import { checkAccess, ClusterClient, describeDenial, readSourceFacts } from '@kubectl-clone/core/cluster';
import { cloneOptionsFrom } from '../clone-options.js';
import { connectionOptions, type ConnectionFlags } from '../connection-flags.js';
import { parseDuration } from '../durations.js';
import { quiesce, resume } from './quiesce.js';
import { CliError, exitCodes } from '../errors.js';
import { formatFindingsBrief } from '../formatters/brief.js';
import { profileFrom } from '../profile.js';
import type { Terminal } from '../terminal.js';
import type { WorkloadFlags } from '../commands/workload.js';
import type { PvcFlags } from '../commands/pvc.js';
import { runPvcLive } from './pvc.js';

/**
 * `kubectl clone workload`: plan a clone of every claim the workload mounts (all refused or
 * none written), clone them one by one with the pvc command's machinery, then print (or with
 * --apply create) a copy of the workload that mounts the clones.
 */
export async function runWorkload(ref: string, flags: WorkloadFlags, terminal: Terminal): Promise<number> {
  const { kind, name } = wrap(() => parseWorkloadRef(ref));
  const client = ClusterClient.connect(connectionOptions(flags));
  const namespace = client.namespace;
  const workload = await client.readWorkload(kind, namespace, name);
  if (!workload) throw new CliError(`${kind.toLowerCase()} "${name}" not found in namespace ${namespace}`);
  const claimMap = cloneClaimNames(workload, flags.suffix);
  if (claimMap.size === 0) throw new CliError(`${kind.toLowerCase()} ${namespace}/${name} mounts no PersistentVolumeClaim: nothing to clone`);
  const copy = wrap(() => cloneWorkload(workload, claimMap, flags.suffix));

  // Every clone is planned (and may be refused) before any is written.
  const plans: ClonePlan[] = [];
  for (const [source, clone] of claimMap) {
    const facts = await readSourceFacts(client, namespace, source);
    const kubernetesVersion = facts.serverVersion ? minorVersion(facts.serverVersion) : undefined;
    const profile = profileFrom({ ...flags, ...(flags.kubeVersion ? {} : kubernetesVersion ? { kubeVersion: kubernetesVersion } : {}) }, true);
    const plan = planClone(facts, cloneOptionsFrom(clone, pvcFlags(flags), profile));
    const running = facts.pods.filter((pod) => pod.status?.phase === 'Running').map((pod) => pod.metadata?.name);
    if (running.length) terminal.stderr(`note: ${source} is mounted by running pod${running.length > 1 ? 's' : ''} ${running.join(', ')}: its copy is crash-consistent (--quiesce=scale stops writers first)\n`);
    plans.push(plan);
  }
  const refused = plans.filter((plan) => !plan.ok || (!flags.force && plan.findings.some((f) => f.severity === 'warning')));
  for (const plan of refused) {
    if (!plan.strategy) terminal.stderr(`${plan.source.name}: ${plan.choice.reason}: ${plan.choice.message}\n`);
    terminal.stderr(formatFindingsBrief(plan.findings.filter((f) => f.severity !== 'info'), terminal.color));
  }
  if (refused.length) {
    terminal.stderr(`refusing to clone ${kind.toLowerCase()}/${name}: ${refused.map((p) => p.source.name).join(', ')} cannot be cloned as planned${flags.force ? '' : ' (warnings need --force)'}; nothing was created\n`);
    return exitCodes.findings;
  }
  if (flags.dryRun === 'client') {
    print([...plans.flatMap((plan) => plan.manifests), copy], flags.output, terminal);
    return exitCodes.ok;
  }
  const denials = await checkAccess(client, [
    { verb: 'create', resource: 'persistentvolumeclaims', namespace },
    ...(flags.quiesce === 'scale' && kind !== 'Pod' ? [{ verb: 'patch', resource: `${kind.toLowerCase()}s`, group: 'apps', namespace }] : []),
    ...(flags.apply ? [{ verb: 'create', resource: kind === 'Pod' ? 'pods' : `${kind.toLowerCase()}s`, group: kind === 'Pod' ? '' : 'apps', namespace }] : []),
  ]);
  if (denials.length) {
    terminal.stderr(`refusing to clone ${kind.toLowerCase()}/${name}: ${denials.map(describeDenial).join('; ')}; nothing was created\n`);
    return exitCodes.findings;
  }
  // The copy is checked by the apiserver before the first clone is made.
  if (flags.apply) await client.createWorkload(copy, 'server');

  const quiet: Terminal = { ...terminal, stdout: (text) => terminal.stderr(text) };
  let restore: (() => Promise<void>) | undefined;
  if (flags.quiesce === 'scale') {
    if (kind === 'Pod') throw new CliError('--quiesce=scale scales Deployments and StatefulSets; a pod cannot be scaled');
    restore = await quiesce(client, [workload], [...claimMap.keys()], namespace, terminal, parseDuration(flags.timeout, '--timeout'));
  }
  try {
    for (const [source, clone] of claimMap) {
      // the clones were planned above; runPvcLive re-reads the facts so each clone is checked as it is made
      const code = await runPvcLive(source, clone, { ...pvcFlags(flags), output: 'name', label: [...flags.label, `kubectl-clone.io/workload=${`${name}${flags.suffix}`.slice(0, 63)}`] }, quiet);
      if (code !== exitCodes.ok) {
        terminal.stderr(`stopped: the clone of ${source} did not complete; the ${kind.toLowerCase()} copy was not ${flags.apply ? 'created' : 'printed'}\n`);
        return code;
      }
    }
  } finally {
    await restore?.();
  }
  if (!flags.apply) {
    print([copy], flags.output, terminal);
    terminal.stderr(`cloned ${claimMap.size} claim${claimMap.size > 1 ? 's' : ''}; the ${kind.toLowerCase()} copy above mounts them (create it with --apply or kubectl apply -f -)\n`);
    return exitCodes.ok;
  }
  const created = await client.createWorkload(copy, 'none');
  terminal.stdout(`${kind.toLowerCase()}/${created.metadata?.name} created in ${namespace}, mounting ${[...claimMap.values()].join(', ')}\n`);
  return exitCodes.ok;
}

/** `kubectl clone resume deploy/NAME|sts/NAME`: undo what an interrupted --quiesce=scale left. */
export async function runResume(ref: string, flags: ConnectionFlags, terminal: Terminal): Promise<number> {
  const { kind, name } = wrap(() => parseWorkloadRef(ref));
  if (kind === 'Pod') throw new CliError('resume restores Deployments and StatefulSets (deploy/NAME, sts/NAME)');
  const client = ClusterClient.connect(connectionOptions(flags));
  await resume(client, { kind, metadata: { name, namespace: client.namespace } }, terminal);
  return exitCodes.ok;
}

function pvcFlags(flags: WorkloadFlags): PvcFlags {
  const { suffix: _suffix, apply: _apply, quiesce: _quiesce, ...shared } = flags;
  return { ...shared, accessMode: [], output: 'name', dryRun: 'none', wait: true };
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
