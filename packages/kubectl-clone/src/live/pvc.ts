import {
  annotations, planClone, renderYaml, timingsAnnotation, type ClonePlan, type PersistentVolumeClaimObject, type PhaseTimings,
  type ReferenceGrantObject, minorVersion,
} from '@kubectl-clone/core';
import {
  checkAccess, ClusterClient, describeDenial, forbiddenAsGap, ownersOfPods, readSourceFacts, waitForBound, waitForSnapshotReady, type VolumeSnapshotObject, type WaitOutcome,
} from '@kubectl-clone/core/cluster';
import { exitCodes } from '../errors.js';
import { withClusterErrors } from '../cluster-errors.js';
import { formatFindingsBrief } from '../formatters/brief.js';
import { formatPlanJson } from '../formatters/plan.js';
import { Progress } from '../progress.js';
import { connectionOptions } from '../connection-flags.js';
import { parseDuration } from '../durations.js';
import { profileFrom } from '../profile.js';
import type { Terminal } from '../terminal.js';
import type { PvcFlags } from '../commands/pvc.js';
import { cloneOptionsFrom } from '../clone-options.js';
import { quiesce } from './quiesce.js';

/**
 * The live clone: read facts, choose a strategy and plan with the core rules, refuse on errors,
 * check access (in both namespaces for a cross-namespace clone), ask the apiserver (server dry
 * runs), create (a ReferenceGrant or a VolumeSnapshot first where the plan has one), and watch to
 * Bound. Every exit says what exists.
 */
export async function runPvcLive(sourceName: string, name: string | undefined, flags: PvcFlags, terminal: Terminal): Promise<number> {
  const started = performance.now();
  const client = ClusterClient.connect(connectionOptions(flags));
  const namespace = client.namespace;
  const cloneNamespace = flags.toNamespace ?? namespace;
  const crossNamespace = cloneNamespace !== namespace;
  const facts = await readSourceFacts(client, namespace, sourceName);
  const kubernetesVersion = facts.serverVersion ? minorVersion(facts.serverVersion) : undefined;
  let profile = profileFrom({ ...flags, ...(flags.kubeVersion ? {} : kubernetesVersion ? { kubeVersion: kubernetesVersion } : {}) }, true);
  let existingGrants: ReferenceGrantObject[] | undefined;
  if (crossNamespace) {
    // A user who may not read grants can still be allowed to create one: the access review says.
    const gaps: string[] = [];
    existingGrants = await client.listReferenceGrants(namespace).catch(forbiddenAsGap(gaps, `referencegrants in ${namespace}`, []));
    for (const gap of gaps) terminal.stderr(`note: could not read ${gap}\n`);
    if (existingGrants === undefined) {
      terminal.stderr(`refusing to clone ${namespace}/${sourceName} into ${cloneNamespace}: the cluster has no ReferenceGrant API (gateway.networking.k8s.io/v1beta1); ${adminSteps}; nothing was created\n`);
      return exitCodes.findings;
    }
    // Planned as if the gates were on: the server dry run below tells whether the apiserver's is.
    profile = { ...profile, apiserverCrossNamespace: true, provisionerCrossNamespace: true };
  }
  const options = cloneOptionsFrom(name, flags, profile);
  const planned = planClone(facts, { ...options, ...(existingGrants ? { existingGrants } : {}) });
  // The "alpha gate must be on" warning is a guess offline; live, the server dry run below
  // answers it for the apiserver, and the provisioner's answer shows in the clone's events.
  const plan = crossNamespace ? { ...planned, findings: planned.findings.filter((f) => f.ruleId !== 'cross-namespace-ref-dropped') } : planned;
  for (const gap of facts.gaps ?? []) terminal.stderr(`note: could not read ${gap}; the checks that need it were skipped\n`);
  const refusal = refuse(plan, flags, terminal);
  if (refusal !== undefined) return refusal;
  const claim = plan.manifests.find((m) => m.kind === 'PersistentVolumeClaim') as PersistentVolumeClaimObject;
  const grant = plan.manifests.find((m) => m.kind === 'ReferenceGrant') as ReferenceGrantObject | undefined;
  const snapshot = plan.manifests.find((m) => m.kind === 'VolumeSnapshot') as VolumeSnapshotObject | undefined;
  const target = `${plan.clone.namespace}/${plan.clone.name}`;
  terminal.stderr(`strategy: ${plan.strategy} (${plan.choice.reason}: ${plan.choice.message})\n`);

  if (flags.dryRun === 'client') {
    printManifests(plan, flags.output, terminal);
    return exitCodes.ok;
  }
  const denials = await checkAccess(client, [
    { verb: 'create', resource: 'persistentvolumeclaims', namespace: plan.clone.namespace },
    ...(grant ? [{ verb: 'create', resource: 'referencegrants', group: 'gateway.networking.k8s.io', namespace }] : []),
    ...(snapshot ? [{ verb: 'create', resource: 'volumesnapshots', group: 'snapshot.storage.k8s.io', namespace },
      ...(flags.keepSnapshot ? [] : [{ verb: 'delete', resource: 'volumesnapshots', group: 'snapshot.storage.k8s.io', namespace }])] : []),
    ...(flags.quiesce === 'scale' ? ['deployments', 'statefulsets'].map((resource) => ({ verb: 'patch', resource, group: 'apps', namespace })) : []),
  ]);
  if (denials.length > 0) {
    terminal.stderr(`refusing to clone ${plan.source.namespace}/${plan.source.name}: ${denials.map(describeDenial).join('; ')}; nothing was created\n`);
    return exitCodes.findings;
  }
  if (terminal.signal.aborted) return interrupted(terminal, 'nothing was created');
  // The apiserver's own validation and admission (the default class, quotas) before the real write.
  const checked = await client.createClaim(claim, 'server');
  if (crossNamespace && !checked.spec?.dataSourceRef?.namespace) {
    // DropDisabledFields removed the whole dataSourceRef: created, this would be an EMPTY volume.
    terminal.stderr(`refusing to clone ${plan.source.namespace}/${plan.source.name} into ${cloneNamespace}: the apiserver dropped spec.dataSourceRef (server dry run): CrossNamespaceVolumeDataSource is off on kube-apiserver, so the clone would be an empty volume; ${adminSteps}; nothing was created\n`);
    return exitCodes.findings;
  }
  if (grant) await client.createReferenceGrant(grant, 'server');
  if (snapshot) await client.createVolumeSnapshot(snapshot, 'server');
  if (flags.dryRun === 'server') {
    printManifests({ ...plan, manifests: plan.manifests.map((m) => (m === claim ? checked : m)) as Record<string, unknown>[] }, flags.output, terminal, checked);
    return exitCodes.ok;
  }
  if (terminal.signal.aborted) return interrupted(terminal, 'nothing was created');
  let restore: (() => Promise<void>) | undefined;
  if (flags.quiesce === 'scale') {
    const owners = await ownersOfPods(client, namespace, facts.pods.filter((pod) => !['Succeeded', 'Failed'].includes(pod.status?.phase ?? '')));
    if (owners.unscalable.length) {
      terminal.stderr(`refusing --quiesce=scale: ${owners.unscalable.map((u) => `pod ${u.pod} is run by ${u.owner}`).join('; ')}; only Deployments and StatefulSets are scaled; nothing was changed\n`);
      return exitCodes.findings;
    }
    if (owners.scalable.length === 0) terminal.stderr(`quiesce: no pod mounts ${sourceName}: nothing to scale\n`);
    restore = await quiesce(client, owners.scalable, [sourceName], namespace, terminal, parseDuration(flags.timeout, '--timeout'));
  }
  try {
    return await createAndWait();
  } finally {
    await restore?.();
  }

  async function createAndWait(): Promise<number> {
  const timings: PhaseTimings = { preflight: (performance.now() - started) / 1000, create: 0, bound: 0 };
  const progress = new Progress(terminal);
  const made: string[] = [];
  if (grant) {
    await client.createReferenceGrant(grant, 'none');
    made.push(`kubectl delete referencegrant -n ${namespace} ${grant.metadata?.name}`);
    progress.note(`referencegrant/${grant.metadata?.name} created in ${namespace} (from PersistentVolumeClaims in ${cloneNamespace} to ${sourceName})`);
  }
  if (snapshot) {
    const snapshotStarted = performance.now();
    await client.createVolumeSnapshot(snapshot, 'none');
    const snapshotName = snapshot.metadata?.name ?? '';
    const removeSnapshot = `kubectl delete volumesnapshot -n ${namespace} ${snapshotName}`;
    made.push(removeSnapshot);
    progress.note(`volumesnapshot/${snapshotName} created in ${namespace} (class ${snapshot.spec?.volumeSnapshotClassName})`);
    const ready = await waitForSnapshotReady(client, namespace, snapshotName, { timeoutMs: parseDuration(flags.timeout, '--timeout'), signal: terminal.signal });
    timings.snapshot = (performance.now() - snapshotStarted) / 1000;
    if (ready.result === 'Aborted') return interrupted(terminal, `volumesnapshot ${namespace}/${snapshotName} exists, the clone was not created; delete it with: ${removeSnapshot}`);
    if (ready.result !== 'Ready') {
      progress.stop();
      terminal.stderr(`volumesnapshot ${namespace}/${snapshotName} is not ready to use (${ready.result === 'Failed' ? ready.message : ready.result}); the clone was not created; delete the snapshot with: ${removeSnapshot}\n`);
      return exitCodes.findings;
    }
    progress.note(`volumesnapshot/${snapshotName} is ready to use (${ready.snapshot.status?.restoreSize ?? '?'})`);
  }
  const createStarted = performance.now();
  const created = await client.createClaim(claim, 'none');
  timings.create = (performance.now() - createStarted) / 1000;
  const boundStarted = performance.now();
  progress.note(`persistentvolumeclaim/${plan.clone.name} created in ${plan.clone.namespace} (${plan.strategy === 'snapshot' ? 'restored from a snapshot' : 'clone'} of ${plan.source.name})`);
  const cleanup = [`kubectl delete pvc -n ${plan.clone.namespace} ${plan.clone.name}`, ...made].join(' && ');
  if (terminal.signal.aborted) {
    return interrupted(terminal, `clone ${target} was created and is Pending; delete it with: ${cleanup}`);
  }
  if (!flags.wait) {
    printObject(plan, created, flags.output, terminal);
    return exitCodes.ok;
  }
  const outcome = await waitForBound(client, plan.clone.namespace, plan.clone.name, {
    timeoutMs: parseDuration(flags.timeout, '--timeout'),
    signal: terminal.signal,
    onPhase: (phase) => progress.update(`${target} ${phase}`),
    onEvent: (event, explanation) =>
      progress.note(`${event.type === 'Warning' ? 'warning' : 'event'} ${event.reason}: ${event.message}${explanation && explanation.explanation !== event.message ? `\n           -> ${explanation.explanation}` : ''}`),
    onReconnect: (attempt, reason) => progress.note(`lost the watch (${reason}); reconnecting (attempt ${attempt})`),
  });
  progress.stop();
  if (outcome.result !== 'Bound') return report(outcome, plan, flags, terminal, progress.seconds(), cleanup);
  timings.bound = (performance.now() - boundStarted) / 1000;
  // The restore is done: a snapshot we made only for it would otherwise cost storage forever.
  if (snapshot && !flags.keepSnapshot) {
    await client.deleteVolumeSnapshot(namespace, snapshot.metadata?.name ?? '');
    terminal.stderr(`volumesnapshot/${snapshot.metadata?.name} deleted (--keep-snapshot keeps it)\n`);
  }
  let final = outcome;
  try {
    final = { ...outcome, claim: await client.annotateClaim(plan.clone.namespace, plan.clone.name, timingsAnnotation(timings)) };
  } catch (error) {
    terminal.stderr(`note: could not record the phase timings on ${target}: ${(error as Error).message}\n`);
  }
  return report(final, plan, flags, terminal, progress.seconds(), cleanup, timings);
  }
}

const adminSteps =
  'an administrator would have to enable --feature-gates=CrossNamespaceVolumeDataSource=true on kube-apiserver, kube-controller-manager and csi-provisioner (external-provisioner >= v3.4.0) and install the Gateway API ReferenceGrant CRD (v1beta1)';

function refuse(plan: ClonePlan, flags: PvcFlags, terminal: Terminal): number | undefined {
  if (plan.findings.length > 0) terminal.stderr(formatFindingsBrief(plan.findings, terminal.color));
  const errors = plan.findings.filter((finding) => finding.severity === 'error').length;
  // the rules' own messages first (they name the field and the upstream error); the strategy's
  // refusal covers what no rule does (no snapshot class for a driver that cannot clone)
  if (!plan.strategy && errors === 0) {
    terminal.stderr(`refusing to clone ${plan.source.namespace}/${plan.source.name}: ${plan.choice.reason}: ${plan.choice.message}; nothing was created\n`);
    return exitCodes.findings;
  }
  const warnings = plan.findings.filter((finding) => finding.severity === 'warning').length;
  const what = `${plan.source.namespace}/${plan.source.name}`;
  if (errors > 0) {
    terminal.stderr(`refusing to clone ${what}: ${errors} error${errors === 1 ? '' : 's'} above would leave the clone Pending or empty; nothing was created\n`);
    return exitCodes.findings;
  }
  if (warnings > 0 && !flags.force) {
    terminal.stderr(`refusing to clone ${what}: review the warning${warnings === 1 ? '' : 's'} above, then pass --force; nothing was created\n`);
    return exitCodes.findings;
  }
  return undefined;
}

function interrupted(terminal: Terminal, state: string): number {
  terminal.stderr(`interrupted: ${state}\n`);
  return 130;
}

function printManifests(plan: ClonePlan, output: string, terminal: Terminal, claim?: PersistentVolumeClaimObject): void {
  if (output === 'yaml') terminal.stdout(renderYaml(plan.manifests));
  else if (output === 'json' && plan.manifests.length > 1) terminal.stdout(`${JSON.stringify({ apiVersion: 'v1', kind: 'List', items: plan.manifests }, null, 2)}\n`);
  else printObject(plan, claim ?? (plan.manifests.find((m) => m.kind === 'PersistentVolumeClaim') as PersistentVolumeClaimObject), output, terminal);
}

function printObject(plan: ClonePlan, claim: PersistentVolumeClaimObject, output: string, terminal: Terminal): void {
  if (output === 'name') terminal.stdout(`persistentvolumeclaim/${claim.metadata?.name}\n`);
  else if (output === 'json') terminal.stdout(`${JSON.stringify(claim, null, 2)}\n`);
  else if (output === 'yaml') terminal.stdout(renderYaml([claim]));
  else if (output === 'plan') terminal.stdout(formatPlanJson(plan));
}

function report(outcome: WaitOutcome, plan: ClonePlan, flags: PvcFlags, terminal: Terminal, seconds: number, cleanup: string, timings?: PhaseTimings): number {
  const target = `${plan.clone.namespace}/${plan.clone.name}`;
  switch (outcome.result) {
    case 'Bound': {
      const spec = outcome.claim.spec;
      if (flags.output === 'wide' || flags.output === 'text') {
        terminal.stdout(
          `clone ${target} is Bound in ${seconds.toFixed(1)}s\n` +
            `  source:  ${plan.source.namespace}/${plan.source.name}\n` +
            `  volume:  ${spec?.volumeName ?? ''}\n` +
            `  size:    ${outcome.claim.status?.capacity?.storage ?? spec?.resources?.requests?.storage ?? ''}\n` +
            `  class:   ${spec?.storageClassName ?? ''}\n` +
            `  via:     ${plan.strategy} (${plan.choice.reason})\n` +
            (timings ? `  phases:  ${Object.entries(timings).map(([phase, secs]) => `${phase} ${secs.toFixed(2)}s`).join(', ')}\n` : '') +
            (outcome.claim.metadata?.annotations?.[annotations.expiresAt] ? `  expires: ${outcome.claim.metadata.annotations[annotations.expiresAt]}\n` : ''),
        );
      } else {
        printObject(plan, outcome.claim, flags.output, terminal);
        terminal.stderr(`clone ${target} is Bound (${spec?.volumeName}) in ${seconds.toFixed(1)}s\n`);
      }
      return exitCodes.ok;
    }
    case 'Aborted':
      return interrupted(terminal, `clone ${target} was created and is still ${outcome.claim?.status?.phase ?? 'Pending'}; it goes on binding without us. Delete it with: ${cleanup}`);
    case 'Deleted':
      terminal.stderr(`clone ${target} was deleted while we waited\n`);
      return exitCodes.findings;
    case 'Lost':
      terminal.stderr(`clone ${target} is Lost: its volume is gone. Delete it with: ${cleanup}\n`);
      return exitCodes.findings;
    case 'Timeout':
      terminal.stderr(
        `timed out after ${flags.timeout}: clone ${target} is still ${outcome.claim?.status?.phase ?? 'Pending'}` +
          (outcome.stuck
            ? `, and will stay so: ${outcome.stuck.explanation}${outcome.stuck.ruleId ? ` (${outcome.stuck.ruleId})` : ''}`
            : outcome.events.length ? `; last event: ${outcome.events[outcome.events.length - 1]!.message}` : '; no event explains it yet (is a provisioner running for its class?)') +
          `. It was left in place: delete it with: ${cleanup}\n`,
      );
      return exitCodes.findings;
  }
}

/** Loaded on demand: the Kubernetes client stays out of the start-up of offline commands. */
export function runPvcLiveCommand(sourceName: string, name: string | undefined, flags: PvcFlags, terminal: Terminal): Promise<number> {
  return withClusterErrors(() => runPvcLive(sourceName, name, flags, terminal));
}
