import { checkAccess, describeDenial } from '../cluster/access.js';
import type { ClusterClient } from '../cluster/client.js';
import { driverCloneSupport } from '../drivers.js';
import { sourceDriverOf } from '../source-facts.js';
import type { CloneRequest } from './request.js';
import { droppedDataSourceRef, planFromCluster } from './run.js';
import { copyPods, defaultCopyImage, podRefusal } from './copy.js';
import { copyJobSides } from './copy-step.js';
import { accessChecksOf, plannedObjects, stepsOf } from './steps.js';
import { outcomeText, topologyOf } from './texts.js';

/** unknown: the fact could not be read (forbidden, absent API); never counted as pass or fail. */
export type CheckStatus = 'pass' | 'warn' | 'fail' | 'info' | 'unknown';

export interface CheckItem {
  readonly check: string;
  readonly status: CheckStatus;
  readonly detail: string;
  readonly ruleId?: string;
}

/**
 * `kubectl clone check`: what `kubectl clone pvc` would decide, as a checklist, from the same plan,
 * the same access reviews and the same server dry run. Writes nothing.
 */
export async function checkClone(client: ClusterClient, request: CloneRequest): Promise<CheckItem[]> {
  // every fact, not a clone's: the checklist reports each one
  const planned = await planFromCluster(client, request, undefined, {});
  if ('result' in planned) return [{ check: 'clone', status: 'fail', detail: planned.message }];
  const { facts, plan, gaps, targetClass } = planned;
  const { namespace, name } = request.source;
  const items: CheckItem[] = [];
  const source = facts.source;
  const gap = (what: string) => gaps.find((g) => g.startsWith(what));
  items.push({ check: 'source exists', status: 'pass', detail: `${namespace}/${name} (${source.spec?.resources?.requests?.storage ?? '?'}, class ${source.spec?.storageClassName ?? 'none'})` });
  for (const missing of gaps) items.push({ check: 'readable', status: 'unknown', detail: `could not read ${missing}: the checks that need it did not run` });

  const driver = sourceDriverOf(facts);
  if (driver) {
    const support = driverCloneSupport(driver);
    items.push({
      check: 'driver can clone',
      status: support.support === 'yes' || planned.cloneEvidence ? 'pass' : support.support === 'no' ? 'info' : 'warn',
      detail: `${driver}: ${support.note}${planned.cloneEvidence ? `; evidence: clone ${planned.cloneEvidence} of this driver bound` : ''}`,
    });
    const csiGap = gap(`csidriver ${driver}`);
    items.push(facts.csiDriver
      ? { check: 'CSIDriver registered', status: 'pass', detail: driver }
      : csiGap ? { check: 'CSIDriver registered', status: 'unknown', detail: `could not read ${csiGap}` }
        : { check: 'CSIDriver registered', status: 'warn', detail: `no CSIDriver object named ${driver}: is the driver installed?` });
  }
  const podsGap = gap(`pods in ${namespace}`);
  const running = facts.pods.filter((pod) => ['Running', 'Pending'].includes(pod.status?.phase ?? ''));
  if (podsGap) items.push({ check: 'source not in use', status: 'unknown', detail: `could not read ${podsGap}` });
  else if (running.length === 0) items.push({ check: 'source not in use', status: 'pass', detail: 'no pod mounts it' });
  else {
    items.push({
      check: 'source not in use', status: 'warn', ruleId: 'source-in-use',
      detail: `mounted by ${running.map((pod) => pod.metadata?.name).join(', ')}: the copy is crash-consistent; --quiesce=scale stops the writers for a consistent copy`,
    });
  }

  // the rules' verdicts, once: source Bound, in use, size, driver, volume mode, class...
  for (const finding of plan.findings) {
    // said above as "source not in use", with the pods' names
    if (finding.ruleId === 'source-in-use') continue;
    items.push({ check: `rule ${finding.ruleId}`, status: finding.severity === 'error' ? 'fail' : finding.severity === 'warning' ? 'warn' : 'info', detail: finding.message, ruleId: finding.ruleId });
  }
  items.push(plan.strategy
    ? { check: 'strategy', status: 'pass', detail: `${plan.strategy} (${plan.choice.reason}: ${plan.choice.message})` }
    : { check: 'strategy', status: 'fail', detail: `${plan.choice.reason}: ${plan.choice.message}` });
  const { claim, snapshot } = plannedObjects(plan);
  const waitForFirstConsumer = targetClass?.volumeBindingMode === 'WaitForFirstConsumer';
  if (waitForFirstConsumer && plan.strategy === 'copy') {
    items.push({ check: 'binding mode', status: 'info', detail: `StorageClass ${targetClass?.metadata?.name} is WaitForFirstConsumer: the copy pod is the clone's first consumer, so it is provisioned where that pod is scheduled` });
  } else if (waitForFirstConsumer) {
    items.push({
      check: 'binding mode', status: 'info',
      detail: outcomeText.handedOff(`${plan.clone.namespace}/${plan.clone.name}`, targetClass?.metadata?.name ?? '', topologyOf(facts.volume), snapshot?.metadata?.name)
        .replace(/^clone \S+ is created and will be/, 'the clone will be created, exit 0, and'),
    });
  }
  if (plan.ok) {
    items.push({
      check: 'clone rules', status: 'pass',
      detail: `size ${plan.reasons.find((r) => r.field === 'storage')?.value}, class ${claim.spec?.storageClassName ?? '(default)'}, ${plan.strategy === 'copy' ? 'an empty claim filled by a copy through pods' : 'same driver, same volume mode'}`,
    });
  }

  const steps = stepsOf(plan, { ...request, wait: true }, waitForFirstConsumer);
  const denials = await checkAccess(client, accessChecksOf(plan, steps));
  items.push(denials.length === 0
    ? { check: 'permission', status: 'pass', detail: `may ${accessChecksOf(plan, steps).map((c) => `${c.verb} ${c.resource}${c.subresource ? `/${c.subresource}` : ''}`).join(', ')} in ${plan.clone.namespace}` }
    : { check: 'permission', status: 'fail', detail: denials.map(describeDenial).join('; ') });
  if (denials.length === 0 && plan.strategy) {
    try {
      const checked = await client.createClaim(claim, 'server');
      const dropped = planned.crossNamespace && plan.strategy !== 'copy' && !checked.spec?.dataSourceRef?.namespace;
      const auto = (request.options.strategy ?? 'auto') === 'auto';
      items.push(!dropped
        ? { check: 'apiserver accepts the clone', status: 'pass', detail: 'server-side dry run: validation and admission passed' }
        : auto
          ? { check: 'apiserver accepts the clone', status: 'info', detail: `${droppedDataSourceRef.split(';')[0]}: auto copies through pods instead (CrossNamespaceGateOff)` }
          : { check: 'apiserver accepts the clone', status: 'fail', detail: droppedDataSourceRef });
    } catch (error) {
      items.push({ check: 'apiserver accepts the clone', status: 'fail', detail: (error as Error).message });
    }
  }
  if (denials.length === 0 && plan.strategy === 'copy') {
    const pods = copyPods(copyJobSides(client, client, plan, request, facts));
    try {
      let namespace = plan.source.namespace;
      for (const pod of [pods.source, ...(pods.target ? [pods.target] : [])]) {
        namespace = pod.metadata.namespace ?? namespace;
        await client.createPod(pod, 'server').catch((error: unknown) => { throw podRefusal(error, namespace); });
      }
      items.push({ check: 'copy pods allowed', status: 'pass', detail: `server-side dry run of the copy pod${pods.target ? 's' : ''} (${request.image ?? defaultCopyImage}): Pod Security and admission passed` });
    } catch (error) {
      items.push({ check: 'copy pods allowed', status: 'fail', detail: (error as Error).message });
    }
  }
  return items;
}
