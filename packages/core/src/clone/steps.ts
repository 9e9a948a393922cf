import { gatewayApi, snapshotApi } from '../cluster/client.js';
import type { PersistentVolumeClaimObject, ReferenceGrantObject } from '../facts.js';
import type { ClonePlan } from '../plan.js';
import type { CloneRequest } from './request.js';

/** A VolumeSnapshot as the planner writes it. */
export interface PlannedSnapshot {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: { volumeSnapshotClassName?: string; source?: { persistentVolumeClaimName?: string } };
}

/**
 * The writes and waits of one clone, in order. Each step names what exists once it has run, so an
 * interruption anywhere can say what it left behind and how to remove it.
 */
export type CloneStep =
  | { readonly kind: 'quiesce' }
  | { readonly kind: 'create-grant'; readonly grant: ReferenceGrantObject }
  | { readonly kind: 'create-snapshot'; readonly snapshot: PlannedSnapshot }
  | { readonly kind: 'wait-snapshot'; readonly snapshot: PlannedSnapshot }
  | { readonly kind: 'create-claim'; readonly claim: PersistentVolumeClaimObject }
  /** Immediate binding: watch until Bound. */
  | { readonly kind: 'wait-bound' }
  /** WaitForFirstConsumer: wait for the first pod that mounts the clone, then for Bound. */
  | { readonly kind: 'wait-consumer'; readonly timeoutMs: number }
  /** WaitForFirstConsumer without --wait-for-consumer: the clone binds when a pod mounts it. */
  | { readonly kind: 'hand-off' }
  /** The copy strategy: helper pods mount the source read-only and the new claim, copy, and are removed. */
  | { readonly kind: 'copy' }
  /** The snapshot strategy's temporary snapshot, once the restore is Bound (never before). */
  | { readonly kind: 'delete-snapshot'; readonly snapshot: PlannedSnapshot }
  | { readonly kind: 'record-timings' }
  | { readonly kind: 'resume' };

export interface PlannedObjects {
  readonly claim: PersistentVolumeClaimObject;
  readonly grant?: ReferenceGrantObject;
  readonly snapshot?: PlannedSnapshot;
}

export function plannedObjects(plan: ClonePlan): PlannedObjects {
  const claim = plan.manifests.find((m) => m.kind === 'PersistentVolumeClaim') as PersistentVolumeClaimObject;
  const grant = plan.manifests.find((m) => m.kind === 'ReferenceGrant') as ReferenceGrantObject | undefined;
  const snapshot = plan.manifests.find((m) => m.kind === 'VolumeSnapshot') as PlannedSnapshot | undefined;
  return { claim, ...(grant ? { grant } : {}), ...(snapshot ? { snapshot } : {}) };
}

/** The steps of a clone whose plan was accepted. `waitForFirstConsumer`: the clone's class binds late. */
export function stepsOf(plan: ClonePlan, request: Pick<CloneRequest, 'wait' | 'keepSnapshot' | 'quiesce' | 'waitForConsumerMs'>, waitForFirstConsumer: boolean): CloneStep[] {
  const { claim, grant, snapshot } = plannedObjects(plan);
  const steps: CloneStep[] = [];
  if (request.quiesce === 'scale') steps.push({ kind: 'quiesce' });
  if (grant) steps.push({ kind: 'create-grant', grant });
  if (snapshot) steps.push({ kind: 'create-snapshot', snapshot }, { kind: 'wait-snapshot', snapshot });
  steps.push({ kind: 'create-claim', claim });
  if (plan.strategy === 'copy') {
    // the copy pod mounts the clone: it is the first consumer a WaitForFirstConsumer class waits for
    steps.push({ kind: 'copy' }, { kind: 'record-timings' });
  } else if (request.wait) {
    if (!waitForFirstConsumer) steps.push({ kind: 'wait-bound' });
    else if (request.waitForConsumerMs !== undefined) steps.push({ kind: 'wait-consumer', timeoutMs: request.waitForConsumerMs });
    else steps.push({ kind: 'hand-off' });
    const bound = waitForFirstConsumer ? request.waitForConsumerMs !== undefined : true;
    if (bound) {
      if (snapshot && !request.keepSnapshot) steps.push({ kind: 'delete-snapshot', snapshot });
      steps.push({ kind: 'record-timings' });
    }
  }
  if (request.quiesce === 'scale') steps.push({ kind: 'resume' });
  return steps;
}

/** The command that removes what a step made (kubectl's words), or undefined when it makes nothing. */
export function removalOf(step: CloneStep): string | undefined {
  switch (step.kind) {
    case 'create-grant': return `kubectl delete referencegrant -n ${step.grant.metadata?.namespace} ${step.grant.metadata?.name}`;
    case 'create-snapshot': return `kubectl delete volumesnapshot -n ${step.snapshot.metadata?.namespace} ${step.snapshot.metadata?.name}`;
    case 'create-claim': return `kubectl delete pvc -n ${step.claim.metadata?.namespace} ${step.claim.metadata?.name}`;
    default: return undefined;
  }
}

/** An access review, and in which cluster it is asked when the clone goes to another one. */
export interface StepAccessCheck {
  readonly verb: string;
  readonly resource: string;
  readonly group?: string;
  readonly subresource?: string;
  readonly namespace: string;
  readonly cluster: 'source' | 'target';
}

/** The access reviews the writes of these steps need, before the first of them. */
export function accessChecksOf(plan: ClonePlan, steps: readonly CloneStep[], crossCluster = false): StepAccessCheck[] {
  const sourceNamespace = plan.source.namespace;
  const target = crossCluster ? 'target' as const : 'source' as const;
  const podChecks = (namespace: string, cluster: 'source' | 'target') => [
    { verb: 'create', resource: 'pods', namespace, cluster },
    // the engine reads its pods until they run
    { verb: 'get', resource: 'pods', namespace, cluster },
    { verb: 'create', resource: 'pods', subresource: 'exec', namespace, cluster },
    { verb: 'delete', resource: 'pods', namespace, cluster },
  ];
  return steps.flatMap((step): StepAccessCheck[] => {
    switch (step.kind) {
      case 'create-claim': return [{ verb: 'create', resource: 'persistentvolumeclaims', namespace: plan.clone.namespace, cluster: target }];
      case 'copy':
        return crossCluster || plan.clone.namespace !== sourceNamespace
          ? [...podChecks(sourceNamespace, 'source'), ...podChecks(plan.clone.namespace, target)]
          : podChecks(sourceNamespace, 'source');
      case 'create-grant': return [{ verb: 'create', resource: 'referencegrants', group: gatewayApi.group, namespace: sourceNamespace, cluster: 'source' }];
      case 'create-snapshot': return [{ verb: 'create', resource: 'volumesnapshots', group: snapshotApi.group, namespace: sourceNamespace, cluster: 'source' }];
      case 'delete-snapshot': return [{ verb: 'delete', resource: 'volumesnapshots', group: snapshotApi.group, namespace: sourceNamespace, cluster: 'source' }];
      case 'quiesce': return ['deployments', 'statefulsets'].map((resource) => ({ verb: 'patch', resource, group: 'apps', namespace: sourceNamespace, cluster: 'source' as const }));
      case 'wait-consumer': return [{ verb: 'list', resource: 'pods', namespace: plan.clone.namespace, cluster: 'source' }];
      default: return [];
    }
  });
}

/**
 * The reviews still to ask once the server dry runs are counted: a plan whose one write is the
 * claim needs none (the claim's dry run is refused with the same answer, before any write). With
 * more writes the reviews stay, so every denial is named at once, not the first dry run's alone.
 */
export function answeredByDryRun(checks: readonly StepAccessCheck[]): readonly StepAccessCheck[] {
  const [only, ...more] = checks;
  const claimOnly = only && more.length === 0 && only.verb === 'create' && only.resource === 'persistentvolumeclaims' && !only.group && !only.subresource;
  return claimOnly ? [] : checks;
}
