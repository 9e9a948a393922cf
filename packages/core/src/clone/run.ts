import { checkAccess, describeDenial, rbacDenial } from '../cluster/access.js';
import type { HelperPodManifest } from '../cluster/pods.js';
import type { ClusterClient } from '../cluster/client.js';
import { forbiddenAsGap } from '../cluster/errors.js';
import { ownersOfPods } from '../cluster/owners.js';
import { readSourceFacts, type FactsScope } from '../cluster/read-facts.js';
import { waitForSnapshotReady } from '../cluster/snapshot-wait.js';
import { waitForBound, type WaitOutcome } from '../cluster/wait.js';
import { isDefaultStorageClass, type PersistentVolumeClaimObject, type ReferenceGrantObject, type SourceFacts, type StorageClassObject } from '../facts.js';
import { timingsAnnotation, type PhaseTimings } from '../lifecycle.js';
import { planClone, type ClonePlan } from '../plan.js';
import { copyConsistency, fallBackToCopy } from '../strategy.js';
import { annotations } from '../generate.js';
import { copyPods, formatBytes, podRefusal } from './copy.js';
import { copyJobSides, copyStep } from './copy-step.js';
import { driverCloneSupport } from '../drivers.js';
import { sourceDriverOf } from '../source-facts.js';
import { clusterProfile } from '../profile.js';
import { crossNamespaceAdminSteps, decide, nothingCreated } from './decide.js';
import type { CloneIO, CloneOutcome } from './events.js';
import { quiesceWriters, QuiesceStop } from './quiesce.js';
import type { CloneRequest } from './request.js';
import { accessChecksOf, answeredByDryRun, plannedObjects, removalOf, stepsOf, type CloneStep } from './steps.js';
import { claimEventText, outcomeText, strategyText, topologyOf } from './texts.js';

/** The server dry run's answer when the apiserver's CrossNamespaceVolumeDataSource gate is off. */
export const droppedDataSourceRef =
  `the apiserver dropped spec.dataSourceRef (server dry run): CrossNamespaceVolumeDataSource is off on kube-apiserver, so the clone would be an empty volume; ${crossNamespaceAdminSteps}`;

/** A plan the engine accepted, with the facts it was made from: ready to execute. */
export interface PreparedClone {
  readonly facts: SourceFacts;
  readonly plan: ClonePlan;
  /** The clone's StorageClass (the requested one, the source's, or the default). */
  readonly targetClass?: StorageClassObject;
  readonly crossNamespace: boolean;
  /** A Bound clone of the same driver in the namespace, when the driver table does not know it. */
  readonly cloneEvidence?: string;
}

/**
 * One clone, start to end: read the source's facts, plan with the core rules, decide, then the
 * steps (access review, server dry runs, grant, snapshot, claim, wait or hand-off, cleanup,
 * timings). Front ends render the events and answer the questions; every write is made here.
 */
export async function runClone(client: ClusterClient, request: CloneRequest, io: CloneIO, target?: ClusterClient): Promise<CloneOutcome> {
  const started = performance.now();
  const prepared = await prepareClone(client, request, io, target);
  if ('result' in prepared) return prepared;
  return executeClone(client, prepared, request, io, started, target);
}

/** Reads and plans, then decides: a refusal (or the user's no) is an outcome, nothing is written. */
export async function prepareClone(client: ClusterClient, request: CloneRequest, io: CloneIO, target?: ClusterClient): Promise<PreparedClone | CloneOutcome> {
  const planned = await planFromCluster(client, request, target);
  if ('result' in planned) return planned;
  const { plan, gaps } = planned;
  for (const gap of gaps) io.event({ kind: 'gap', text: `could not read ${gap}; the checks that need it were skipped` });
  if (plan.findings.length > 0) io.event({ kind: 'findings', findings: plan.findings });
  const decision = decide(plan);
  if (decision.verdict === 'refuse') return { result: 'refused', message: decision.message, plan };
  if (!(await io.approve(plan, decision.verdict === 'confirm' ? decision.warnings : []))) {
    return decision.verdict === 'confirm'
      ? { result: 'refused', message: decision.refusal, plan }
      : { result: 'cancelled', message: `clone cancelled; ${nothingCreated}`, plan };
  }
  io.event({ kind: 'planned', plan, text: strategyText(plan.choice) });
  return planned;
}

/** The source's facts and the plan made from them; what could not be read is in `gaps`. */
export async function planFromCluster(client: ClusterClient, request: CloneRequest, target?: ClusterClient, scope: FactsScope = clonesScope(request)): Promise<(PreparedClone & { readonly gaps: readonly string[] }) | CloneOutcome> {
  const { namespace, name } = request.source;
  const sourceFacts = await readSourceFacts(client, namespace, name, scope);
  const cloneNamespace = request.options.namespace ?? namespace;
  const crossNamespace = cloneNamespace !== namespace;
  let profile = clusterProfile(request.profile, sourceFacts.serverVersion);
  let existingGrants: ReferenceGrantObject[] | undefined;
  const gaps = [...(sourceFacts.gaps ?? [])];
  // Another cluster: the clone's class is one of that cluster's; the source's facts stay the source's.
  const facts = target ? { ...sourceFacts, storageClasses: await target.listStorageClasses() } : sourceFacts;
  const targetClassDefault = target && request.options.storageClassName === undefined ? classInTarget(sourceFacts.source.spec?.storageClassName ?? undefined, facts.storageClasses) : undefined;
  if (crossNamespace && !target && request.options.strategy !== 'copy') {
    // A user who may not read grants can still be allowed to create one: the access review says.
    existingGrants = await client.listReferenceGrants(namespace).catch(forbiddenAsGap(gaps, `referencegrants in ${namespace}`, []));
    if (existingGrants === undefined) {
      return { result: 'refused', message: `refusing to clone ${namespace}/${name} into ${cloneNamespace}: the cluster has no ReferenceGrant API (gateway.networking.k8s.io/v1beta1); ${crossNamespaceAdminSteps}; ${nothingCreated}` };
    }
    // Planned as if the gates were on: the server dry run tells whether the apiserver's is.
    profile = { ...profile, apiserverCrossNamespace: true, provisionerCrossNamespace: true };
  }
  const evidence = target ? undefined : await cloneEvidence(client, sourceFacts, gaps);
  const planned = planClone(facts, {
    ...request.options, profile,
    ...(target ? { crossCluster: true } : {}),
    ...(targetClassDefault ? { storageClassName: targetClassDefault } : {}),
    ...(request.keepSnapshot ? { keepSnapshot: true } : {}),
    ...(existingGrants ? { existingGrants } : {}),
    ...(evidence ? { cloneSupport: 'yes' as const } : {}),
  });
  // The "alpha gate must be on" warning is a guess offline; live, the server dry run answers it
  // for the apiserver, and the provisioner's answer shows in the clone's events.
  const plan = crossNamespace ? { ...planned, findings: planned.findings.filter((f) => f.ruleId !== 'cross-namespace-ref-dropped') } : planned;
  const className = plannedObjects(plan).claim.spec?.storageClassName;
  const targetClass = facts.storageClasses.find((sc) => sc.metadata?.name === className) ??
    (className === undefined ? facts.storageClasses.find(isDefaultStorageClass) : undefined);
  return { facts: sourceFacts, plan, crossNamespace, gaps, ...(targetClass ? { targetClass } : {}), ...(evidence ? { cloneEvidence: evidence } : {}) };
}

/**
 * What a clone reads: VolumeSnapshotClasses only when its strategy may restore from a snapshot
 * (asked for, or auto on a driver not known to clone), the CSIDriver only when the PV does not
 * show a CSI volume. `check` reads everything (it reports each fact).
 */
function clonesScope(request: CloneRequest): FactsScope {
  const strategy = request.options.strategy ?? 'auto';
  return {
    csiDriver: false,
    snapshotClassesFor: (driver) => driver !== undefined && (strategy === 'snapshot' || (strategy === 'auto' && driverCloneSupport(driver).support !== 'yes')),
  };
}

/** The source's class when the other cluster has one of that name, else that cluster's default. */
function classInTarget(sourceClass: string | undefined, classes: readonly StorageClassObject[]): string | undefined {
  if (sourceClass && classes.some((sc) => sc.metadata?.name === sourceClass)) return sourceClass;
  return classes.find(isDefaultStorageClass)?.metadata?.name;
}

/**
 * For a driver our table does not know: a Bound claim in the namespace cloned from another on the
 * same driver proves it clones (then `auto` picks a CSI clone over a snapshot).
 */
async function cloneEvidence(client: ClusterClient, facts: SourceFacts, gaps: string[]): Promise<string | undefined> {
  const driver = sourceDriverOf(facts);
  if (!driver || driverCloneSupport(driver).support !== 'unknown') return undefined;
  const namespace = facts.source.metadata?.namespace;
  const claims = await client.listClaims(namespace).catch(forbiddenAsGap(gaps, `persistentvolumeclaims in ${namespace}`, []));
  const classes = new Map(facts.storageClasses.map((sc) => [sc.metadata?.name, sc.provisioner]));
  return claims.find((claim) =>
    claim.status?.phase === 'Bound' && claim.spec?.dataSource?.kind === 'PersistentVolumeClaim' &&
    classes.get(claim.spec?.storageClassName ?? '') === driver)?.metadata?.name;
}

/** The steps of an accepted plan. `targetClient`: the other cluster of a --to-context copy. */
export async function executeClone(client: ClusterClient, prepared: PreparedClone, request: CloneRequest, io: CloneIO, started = performance.now(), targetClient?: ClusterClient): Promise<CloneOutcome> {
  const { plan, facts } = prepared;
  const source = `${plan.source.namespace}/${plan.source.name}`;
  const target = `${plan.clone.namespace}/${plan.clone.name}`;
  const { claim, grant, snapshot } = plannedObjects(plan);
  const into = targetClient ?? client;
  if (plan.strategy === 'copy' && !request.wait) {
    return { result: 'refused', plan, message: `refusing --wait=false with the copy strategy: the copy pods are driven from this command, which must stay until they are done; ${nothingCreated}` };
  }
  if (request.dryRun === 'client') return { result: 'planned', message: `planned clone ${target}; ${nothingCreated} (dry run)`, plan, objects: plan.manifests };

  const waitForFirstConsumer = prepared.targetClass?.volumeBindingMode === 'WaitForFirstConsumer';
  const steps = stepsOf(plan, request, waitForFirstConsumer);
  const checks = answeredByDryRun(accessChecksOf(plan, steps, targetClient !== undefined));
  const denials = [
    ...await checkAccess(client, checks.filter((c) => c.cluster === 'source')),
    ...(targetClient ? await checkAccess(targetClient, checks.filter((c) => c.cluster === 'target')) : []),
  ];
  if (denials.length > 0) return { result: 'refused', message: `refusing to clone ${source}: ${denials.map(describeDenial).join('; ')}; ${nothingCreated}`, plan };
  if (io.signal.aborted) return { result: 'interrupted', message: outcomeText.interrupted(nothingCreated), plan, leftBehind: [] };

  // The apiserver's own validation and admission (the default class, quotas, Pod Security) before the real writes.
  let checked: PersistentVolumeClaimObject;
  try {
    checked = await into.createClaim(claim, 'server');
  } catch (error) {
    const denial = rbacDenial(error, plan.clone.namespace);
    if (!denial) throw error;
    return { result: 'refused', message: `refusing to clone ${source}: ${describeDenial(denial)}; ${nothingCreated}`, plan };
  }
  if (prepared.crossNamespace && plan.strategy !== 'copy' && !checked.spec?.dataSourceRef?.namespace) {
    // DropDisabledFields removed the whole dataSourceRef: created, this would be an EMPTY volume.
    if ((request.options.strategy ?? 'auto') === 'auto') {
      return fallBack(client, prepared, request, io, started, targetClient, 'CrossNamespaceGateOff', droppedDataSourceRef.split(';')[0]!);
    }
    return {
      result: 'refused', plan,
      message: `refusing to clone ${source} into ${plan.clone.namespace}: ${droppedDataSourceRef}; --strategy copy copies through pods without the gate; ${nothingCreated}`,
    };
  }
  const checkedGrant = grant ? await client.createReferenceGrant(grant, 'server') : undefined;
  const checkedSnapshot = snapshot ? await client.createVolumeSnapshot(snapshot, 'server') : undefined;
  const checkedPods: Record<string, unknown>[] = [];
  if (plan.strategy === 'copy') {
    const pods = copyPods(copyJobSides(client, into, plan, request, facts));
    const sides: [ClusterClient, HelperPodManifest][] = [[client, pods.source], ...(pods.target ? [[into, pods.target] as [ClusterClient, HelperPodManifest]] : [])];
    for (const [side, pod] of sides) {
      try {
        checkedPods.push(await side.createPod(pod, 'server') as Record<string, unknown>);
      } catch (error) {
        return { result: 'refused', plan, message: `refusing to copy ${source}: ${podRefusal(error, pod.metadata.namespace ?? '').message}; ${nothingCreated}` };
      }
    }
  }
  if (io.signal.aborted) return { result: 'interrupted', message: outcomeText.interrupted(nothingCreated), plan, leftBehind: [] };
  if (request.dryRun === 'server') {
    const objects = plan.manifests.map((m) => (m === claim ? checked : m === grant ? checkedGrant : m === snapshot ? checkedSnapshot : m) as Record<string, unknown>);
    return { result: 'validated', message: `the apiserver accepted clone ${target} (server dry run); ${nothingCreated}`, plan, objects: [...objects, ...checkedPods] };
  }
  if (io.signal.aborted) return { result: 'interrupted', message: outcomeText.interrupted(nothingCreated), plan, leftBehind: [] };

  const say = (text: string) => io.event({ kind: 'step', text });
  const writers = facts.pods.filter((pod) => !['Succeeded', 'Failed'].includes(pod.status?.phase ?? ''));
  if (plan.strategy === 'copy' && request.quiesce !== 'scale' && writers.length > 0) {
    say(`note: ${writers.map((p) => `pod ${p.metadata?.name}`).join(', ')} mount${writers.length === 1 ? 's' : ''} ${plan.source.name}: ${copyConsistency}`);
  }
  let restore: (() => Promise<void>) | undefined;
  if (steps.some((step) => step.kind === 'quiesce')) {
    const owners = await ownersOfPods(client, plan.source.namespace, writers);
    if (owners.unscalable.length) {
      return { result: 'refused', plan, message: `refusing --quiesce=scale: ${owners.unscalable.map((u) => `pod ${u.pod} is run by ${u.owner}`).join('; ')}; only Deployments and StatefulSets are scaled; nothing was changed` };
    }
    if (owners.scalable.length === 0) say(`quiesce: no pod mounts ${plan.source.name}: nothing to scale`);
    try {
      restore = await quiesceWriters(client, owners.scalable, [plan.source.name], plan.source.namespace, say, request.timeoutMs, io.signal);
    } catch (error) {
      if (!(error instanceof QuiesceStop)) throw error;
      return error.interrupted
        ? { result: 'interrupted', message: error.message, plan, leftBehind: [] }
        : { result: 'refused', message: error.message, plan };
    }
  }
  let outcome: CloneOutcome | Fallback;
  try {
    outcome = await runSteps(client, prepared, steps.filter((step) => step.kind !== 'quiesce' && step.kind !== 'resume'), request, io, started, into);
  } finally {
    await restore?.();
  }
  if ('fallback' in outcome) return fallBack(client, prepared, request, io, started, targetClient, outcome.fallback, outcome.why);
  return outcome;
}

/** auto found the chosen strategy impossible at run time (nothing of it is left): plan a copy under the same name. */
interface Fallback {
  readonly fallback: 'CrossNamespaceGateOff' | 'CloneNotSupported';
  readonly why: string;
}

async function fallBack(client: ClusterClient, prepared: PreparedClone, request: CloneRequest, io: CloneIO, started: number, targetClient: ClusterClient | undefined, reason: Fallback['fallback'], why: string): Promise<CloneOutcome> {
  const copyRequest: CloneRequest = { ...request, options: { ...request.options, name: prepared.plan.clone.name, strategy: 'copy' } };
  const replanned = await planFromCluster(client, copyRequest, targetClient);
  if ('result' in replanned) return replanned;
  const choice = fallBackToCopy(prepared.plan.choice, reason, why);
  const claim = plannedObjects(replanned.plan).claim;
  claim.metadata = { ...claim.metadata, annotations: { ...claim.metadata?.annotations, [annotations.reason]: choice.reason } };
  const plan: ClonePlan = { ...replanned.plan, choice, manifests: replanned.plan.manifests.filter((m) => m.kind === 'PersistentVolumeClaim') };
  io.event({ kind: 'planned', plan, text: strategyText(choice) });
  return executeClone(client, { ...replanned, plan }, copyRequest, io, started, targetClient);
}

async function runSteps(client: ClusterClient, prepared: PreparedClone, steps: readonly CloneStep[], request: CloneRequest, io: CloneIO, started: number, into: ClusterClient): Promise<CloneOutcome | Fallback> {
  const { plan } = prepared;
  const target = `${plan.clone.namespace}/${plan.clone.name}`;
  const timings: PhaseTimings = { preflight: (performance.now() - started) / 1000, create: 0, bound: 0 };
  const say = (text: string) => io.event({ kind: 'step', text });
  const sourceNamespace = plan.source.namespace;
  // newest first: the clone before the snapshot it restores from, before the grant that allows it
  const leftBehind: string[] = [];
  const cleanup = () => leftBehind.join(' && ');
  let created: PersistentVolumeClaimObject | undefined;
  let outcome: WaitOutcome | undefined;
  let consumer: { pod: string; node: string } | undefined;
  let boundStarted = performance.now();
  let copied: { bytes: number; seconds: number; leftPods: readonly string[] } | undefined;
  const timeout = `${Math.round(request.timeoutMs / 1000)}s`;

  const stopped = (): CloneOutcome => ({
    result: 'interrupted', plan, leftBehind,
    message: outcomeText.interrupted(leftBehind.length ? `${leftBehind.length} object${leftBehind.length === 1 ? '' : 's'} made; delete with: ${cleanup()}` : nothingCreated),
  });
  try {
  for (const step of steps) {
    if (io.signal.aborted && step.kind.startsWith('create-')) return stopped();
    switch (step.kind) {
      case 'create-grant':
        await client.createReferenceGrant(step.grant, 'none');
        leftBehind.unshift(removalOf(step)!);
        say(`referencegrant/${step.grant.metadata?.name} created in ${sourceNamespace} (from PersistentVolumeClaims in ${plan.clone.namespace} to ${plan.source.name})`);
        break;
      case 'create-snapshot':
        await client.createVolumeSnapshot(step.snapshot, 'none');
        leftBehind.unshift(removalOf(step)!);
        say(`volumesnapshot/${step.snapshot.metadata?.name} created in ${sourceNamespace} (class ${step.snapshot.spec?.volumeSnapshotClassName})`);
        break;
      case 'wait-snapshot': {
        const snapshotStarted = performance.now();
        const name = step.snapshot.metadata?.name ?? '';
        const ready = await waitForSnapshotReady(client, sourceNamespace, name, { timeoutMs: request.timeoutMs, signal: io.signal });
        timings.snapshot = (performance.now() - snapshotStarted) / 1000;
        if (ready.result === 'Aborted') {
          return { result: 'interrupted', plan, leftBehind, message: outcomeText.interrupted(`volumesnapshot ${sourceNamespace}/${name} exists, the clone was not created; delete it with: ${cleanup()}`) };
        }
        if (ready.result !== 'Ready') {
          return {
            result: 'snapshot-failed', plan, leftBehind,
            message: `volumesnapshot ${sourceNamespace}/${name} is not ready to use (${ready.result === 'Failed' ? ready.message : ready.result}); the clone was not created; delete the snapshot with: ${cleanup()}`,
          };
        }
        say(`volumesnapshot/${name} is ready to use (${ready.snapshot.status?.restoreSize ?? '?'})`);
        break;
      }
      case 'create-claim': {
        const createStarted = performance.now();
        created = await into.createClaim(step.claim, 'none');
        timings.create = (performance.now() - createStarted) / 1000;
        boundStarted = performance.now();
        leftBehind.unshift(removalOf(step)!);
        say(`persistentvolumeclaim/${plan.clone.name} created in ${plan.clone.namespace}${into === client ? '' : ` of context ${request.targetContext}`} (${plan.strategy === 'snapshot' ? `restored from a snapshot of ${plan.source.name}` : plan.strategy === 'copy' ? `empty, to be filled with a copy of ${plan.source.name}` : `clone of ${plan.source.name}`})`);
        if (io.signal.aborted) return { result: 'interrupted', plan, leftBehind, message: outcomeText.interrupted(outcomeText.stillBinding(target, created.status?.phase, cleanup())) };
        break;
      }
      case 'hand-off': {
        const snapshot = plannedObjects(plan).snapshot?.metadata?.name;
        return {
          result: 'handed-off', plan, claim: created!, leftBehind,
          message: outcomeText.handedOff(target, prepared.targetClass?.metadata?.name ?? '', topologyOf(prepared.facts.volume), snapshot ? `${sourceNamespace}/${snapshot}` : undefined),
        };
      }
      case 'copy': {
        const result = await copyStep(copyJobSides(client, into, plan, request, prepared.facts), request, io, say, leftBehind, plan);
        if ('result' in result) return result;
        copied = result;
        leftBehind.unshift(...result.leftPods);
        timings.bound = (performance.now() - boundStarted) / 1000;
        created = await into.readClaim(plan.clone.namespace, plan.clone.name) ?? created;
        break;
      }
      case 'wait-bound':
      case 'wait-consumer': {
        if (step.kind === 'wait-consumer') say(`waiting up to ${Math.round(step.timeoutMs / 1000)}s for the first pod that mounts ${target} (StorageClass ${prepared.targetClass?.metadata?.name} is WaitForFirstConsumer)`);
        // auto tried a clone on a driver it does not know: the provisioner's "cannot clone" ends the try
        const trying = plan.choice.reason === 'CloneSupportUnknown' && (request.options.strategy ?? 'auto') === 'auto' && step.kind === 'wait-bound';
        outcome = await waitFor(into, plan, step.kind === 'wait-consumer' ? step.timeoutMs : request.timeoutMs, io, created, trying);
        if (outcome.result === 'Stuck' && trying) {
          await into.deleteClaim(plan.clone.namespace, plan.clone.name);
          if (!await waitGone(into, plan.clone.namespace, plan.clone.name, request.timeoutMs, io.signal)) {
            const why = io.signal.aborted ? 'interrupted' : `timed out after ${timeout}`;
            return { result: io.signal.aborted ? 'interrupted' : 'failed', plan, leftBehind, message: `${why} while the empty clone ${target} was being deleted (the driver cannot clone); what may remain: ${cleanup()}` };
          }
          leftBehind.shift();
          say(`persistentvolumeclaim/${plan.clone.name} deleted: it was empty and would stay Pending (${outcome.stuck?.explanation})`);
          // a grant made for the clone that was tried: a copy needs none
          const grant = plannedObjects(plan).grant;
          if (grant) {
            await client.deleteReferenceGrant(plan.source.namespace, grant.metadata?.name ?? '');
            leftBehind.splice(leftBehind.indexOf(removalOf({ kind: 'create-grant', grant })!), 1);
            say(`referencegrant/${grant.metadata?.name} deleted in ${plan.source.namespace}: a copy needs none`);
          }
          return { fallback: 'CloneNotSupported', why: `the provisioner answered that ${sourceDriverOf(prepared.facts)} cannot clone (${outcome.events.at(-1)?.message})` };
        }
        if (outcome.result !== 'Bound') return waitFailed(outcome, plan, target, step.kind === 'wait-consumer' ? `${Math.round(step.timeoutMs / 1000)}s` : timeout, leftBehind, cleanup());
        timings.bound = (performance.now() - boundStarted) / 1000;
        if (step.kind === 'wait-consumer') {
          consumer = await consumerOf(client, outcome.claim);
          if (consumer) say(outcomeText.consumer(consumer.pod, consumer.node));
        }
        break;
      }
      case 'delete-snapshot':
        // The restore is done: a snapshot made only for it would otherwise cost storage forever.
        await client.deleteVolumeSnapshot(sourceNamespace, step.snapshot.metadata?.name ?? '');
        leftBehind.splice(leftBehind.indexOf(removalOf({ kind: 'create-snapshot', snapshot: step.snapshot })!), 1);
        say(`volumesnapshot/${step.snapshot.metadata?.name} deleted (--keep-snapshot keeps it)`);
        break;
      case 'record-timings':
        try {
          const annotated = await into.annotateClaim(plan.clone.namespace, plan.clone.name, timingsAnnotation(timings));
          if (outcome?.result === 'Bound') outcome = { ...outcome, claim: annotated };
          if (copied) created = annotated;
        } catch (error) {
          say(`note: could not record the phase timings on ${target}: ${(error as Error).message}`);
        }
        break;
      default:
        break;
    }
  }
  } catch (error) {
    // a request failed after something was made: say what exists and how to remove it
    if (leftBehind.length === 0) throw error;
    return { result: 'failed', plan, leftBehind, message: `${(error as Error).message}; made before it failed, delete with: ${cleanup()}` };
  }
  if (copied && created) {
    const seconds = (performance.now() - boundStarted) / 1000;
    return {
      result: 'bound', plan, claim: created, seconds, timings, leftBehind, copied,
      message: outcomeText.copied(target, created.spec?.volumeName ?? '', `${plan.source.namespace}/${plan.source.name}`, formatBytes(copied.bytes), copied.seconds, formatBytes(copied.bytes / Math.max(copied.seconds, 0.001)), copied.leftPods),
    };
  }
  if (outcome?.result === 'Bound') {
    const seconds = (performance.now() - boundStarted) / 1000;
    return {
      result: 'bound', plan, claim: outcome.claim, seconds, timings, leftBehind,
      message: outcomeText.bound(target, outcome.claim.spec?.volumeName ?? '', seconds),
      ...(consumer ? { consumer } : {}),
    };
  }
  return { result: 'created', plan, claim: created!, leftBehind, message: outcomeText.created(target) };
}

/** Watch to Bound; events after the verdict are not news (a stale hint after success is wrong). */
async function waitFor(client: ClusterClient, plan: ClonePlan, timeoutMs: number, io: CloneIO, created: PersistentVolumeClaimObject | undefined, giveUpOnCannotClone = false): Promise<WaitOutcome> {
  const target = `${plan.clone.namespace}/${plan.clone.name}`;
  let done = false;
  const outcome = await waitForBound(client, plan.clone.namespace, plan.clone.name, {
    timeoutMs, signal: io.signal, eventsAfterMs: quietBindMs,
    ...(created ? { initial: created } : {}),
    onPhase: (phase) => { if (!done) io.event({ kind: 'phase', text: `${target} ${phase}` }); },
    onEvent: (event, explanation) => {
      if (!done) io.event({ kind: 'claim-event', warning: event.type === 'Warning', text: claimEventText(event, explanation) });
    },
    onReconnect: (attempt, reason) => { if (!done) io.event({ kind: 'step', text: `lost the watch (${reason}); reconnecting (attempt ${attempt})` }); },
    ...(giveUpOnCannotClone ? { giveUpOn: (_explanation: unknown, event: { message: string }) => cannotClone.test(event.message) } : {}),
  });
  done = true;
  return outcome;
}

/**
 * A clone that binds this soon needs no events to explain it: its events are watched only after
 * this, and that watch still delivers the ones already there (most CSI clones take longer).
 */
const quietBindMs = 1000;

/** external-provisioner's answer when the driver does not advertise CLONE_VOLUME. */
const cannotClone = /does not support clone operations/;

/** Poll until a claim we deleted is gone (its protection finalizer goes once nothing mounts it). */
async function waitGone(client: ClusterClient, namespace: string, name: string, timeoutMs: number, signal: AbortSignal): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!await client.readClaim(namespace, name)) return true;
    if (signal.aborted || Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function waitFailed(outcome: Exclude<WaitOutcome, { result: 'Bound' }>, plan: ClonePlan, target: string, timeout: string, leftBehind: string[], cleanup: string): CloneOutcome {
  switch (outcome.result) {
    case 'Aborted':
      return { result: 'interrupted', plan, leftBehind, message: outcomeText.interrupted(outcomeText.stillBinding(target, outcome.claim?.status?.phase, cleanup)) };
    case 'Deleted':
      return { result: 'deleted', plan, leftBehind: leftBehind.slice(1), message: outcomeText.deleted(target) };
    case 'Lost':
      return { result: 'lost', plan, leftBehind, message: outcomeText.lost(target, cleanup) };
    case 'Timeout':
    case 'Stuck':
      return { result: 'timeout', plan, leftBehind, message: outcomeText.timeout(timeout, target, outcome.claim, outcome.stuck, outcome.events, cleanup) };
  }
}

/** The node the scheduler chose for a WaitForFirstConsumer claim, and the pod on it that mounts the claim. */
async function consumerOf(client: ClusterClient, claim: PersistentVolumeClaimObject): Promise<{ pod: string; node: string } | undefined> {
  const namespace = claim.metadata?.namespace ?? client.namespace;
  const name = claim.metadata?.name;
  const selectedNode = claim.metadata?.annotations?.['volume.kubernetes.io/selected-node'];
  const pods = await client.listPods(namespace);
  const mounting = pods.filter((pod) => (pod.spec?.volumes ?? []).some((v) => v.persistentVolumeClaim?.claimName === name));
  const pod = mounting.find((p) => p.spec?.nodeName === selectedNode) ?? mounting[0];
  if (!pod) return selectedNode ? { pod: '(gone)', node: selectedNode } : undefined;
  return { pod: pod.metadata?.name ?? '', node: pod.spec?.nodeName ?? selectedNode ?? '' };
}
