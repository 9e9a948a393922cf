import { driverCloneSupport, isDefaultStorageClass, planClone, type PersistentVolumeClaimObject, minorVersion } from '@kubectl-clone/core';
import { checkAccess, ClusterClient, describeDenial, readSourceFacts } from '@kubectl-clone/core/cluster';
import { createColors } from 'picocolors';
import { exitCodes } from '../errors.js';
import { connectionOptions } from '../connection-flags.js';
import { profileFrom } from '../profile.js';
import type { Terminal } from '../terminal.js';
import type { PvcFlags } from '../commands/pvc.js';
import { cloneOptionsFrom } from '../clone-options.js';

export type CheckStatus = 'pass' | 'warn' | 'fail' | 'info';

export interface CheckItem {
  readonly check: string;
  readonly status: CheckStatus;
  readonly detail: string;
  readonly ruleId?: string;
}

/** The preflight of `kubectl clone pvc`, alone, as a checklist; writes nothing (server dry run only). */
export async function runCheck(sourceName: string, flags: PvcFlags, terminal: Terminal): Promise<number> {
  const client = ClusterClient.connect(connectionOptions(flags));
  const namespace = client.namespace;
  const facts = await readSourceFacts(client, namespace, sourceName);
  const items: CheckItem[] = [];
  const source = facts.source;
  const phase = source.status?.phase ?? 'Pending';
  items.push({ check: 'source exists', status: 'pass', detail: `${namespace}/${sourceName} (${source.spec?.resources?.requests?.storage ?? '?'}, class ${source.spec?.storageClassName ?? 'none'})` });
  items.push(phase === 'Bound'
    ? { check: 'source is Bound', status: 'pass', detail: `to ${source.spec?.volumeName}` }
    : { check: 'source is Bound', status: 'fail', detail: `it is ${phase}: a clone waits until the source is Bound`, ruleId: 'source-not-bound' });
  if (source.metadata?.deletionTimestamp) items.push({ check: 'source is not being deleted', status: 'fail', detail: 'it is being deleted' });

  const driver = facts.volume?.spec?.csi?.driver ?? facts.storageClasses.find((sc) => sc.metadata?.name === source.spec?.storageClassName)?.provisioner;
  if (!driver) {
    items.push({ check: 'CSI driver', status: 'fail', detail: 'the source has no CSI volume: only CSI volumes can be cloned' });
  } else {
    const support = driverCloneSupport(driver);
    const evidence = support.support === 'yes' ? undefined : await earlierClone(client, namespace, driver);
    items.push({
      check: 'driver can clone',
      status: support.support === 'yes' || evidence ? 'pass' : support.support === 'no' ? 'fail' : 'warn',
      detail: `${driver}: ${support.note}${evidence ? `; evidence: clone ${evidence} of this driver bound` : support.support === 'unknown' ? '; no earlier clone in this namespace proves it' : ''}`,
    });
    items.push(facts.csiDriver
      ? { check: 'CSIDriver registered', status: 'pass', detail: driver }
      : { check: 'CSIDriver registered', status: 'warn', detail: `no CSIDriver object named ${driver}: is the driver installed?` });
  }
  for (const gap of facts.gaps ?? []) items.push({ check: 'readable', status: 'warn', detail: `could not read ${gap}: the checks that need it were skipped` });
  const running = facts.pods.filter((pod) => ['Running', 'Pending'].includes(pod.status?.phase ?? ''));
  items.push(running.length === 0
    ? { check: 'source not in use', status: 'pass', detail: 'no pod mounts it' }
    : { check: 'source not in use', status: 'warn', detail: `mounted by ${running.map((pod) => pod.metadata?.name).join(', ')}: the copy is crash-consistent; scale writers down for a consistent copy`, ruleId: 'source-in-use' });

  const kubernetesVersion = facts.serverVersion ? minorVersion(facts.serverVersion) : undefined;
  // the dry run must not collide with a clone made in the same second under the default name
  const probeName = `${sourceName.slice(0, 200)}-clone-check-${Math.random().toString(36).slice(2, 7)}`;
  const plan = planClone(facts, cloneOptionsFrom(probeName, flags, profileFrom({ ...flags, ...(!flags.kubeVersion && kubernetesVersion ? { kubeVersion: kubernetesVersion } : {}) }, true)));
  const className = (plan.manifests[plan.manifests.length - 1] as PersistentVolumeClaimObject).spec?.storageClassName;
  const targetClass = facts.storageClasses.find((sc) => sc.metadata?.name === className) ?? facts.storageClasses.find(isDefaultStorageClass);
  if (targetClass?.volumeBindingMode === 'WaitForFirstConsumer') {
    items.push({ check: 'binding mode', status: 'info', detail: `StorageClass ${targetClass.metadata?.name} is WaitForFirstConsumer: the clone is provisioned (and Pending until then) when a pod mounts it, on that pod's node/zone` });
  }
  for (const finding of plan.findings) {
    items.push({ check: `rule ${finding.ruleId}`, status: finding.severity === 'error' ? 'fail' : finding.severity === 'warning' ? 'warn' : 'info', detail: finding.message, ruleId: finding.ruleId });
  }
  items.push(plan.strategy
    ? { check: 'strategy', status: 'pass', detail: `${plan.strategy} (${plan.choice.reason}: ${plan.choice.message})` }
    : { check: 'strategy', status: 'fail', detail: `${plan.choice.reason}: ${plan.choice.message}` });
  if (!plan.findings.some((finding) => finding.severity === 'error')) items.push({ check: 'clone rules', status: 'pass', detail: `size ${plan.reasons.find((r) => r.field === 'storage')?.value}, class ${className}, same driver, same volume mode` });

  const denials = await checkAccess(client, [{ verb: 'create', resource: 'persistentvolumeclaims', namespace }]);
  items.push(denials.length === 0
    ? { check: 'permission', status: 'pass', detail: `may create persistentvolumeclaims in ${namespace}` }
    : { check: 'permission', status: 'fail', detail: denials.map(describeDenial).join('; ') });
  if (denials.length === 0) {
    try {
      await client.createClaim(plan.manifests[plan.manifests.length - 1] as PersistentVolumeClaimObject, 'server');
      items.push({ check: 'apiserver accepts the clone', status: 'pass', detail: 'server-side dry run: validation and admission passed' });
    } catch (error) {
      items.push({ check: 'apiserver accepts the clone', status: 'fail', detail: (error as Error).message });
    }
  }
  print(items, flags.output, terminal);
  return items.some((item) => item.status === 'fail') ? exitCodes.findings : exitCodes.ok;
}

/** A Bound claim in the namespace that was cloned from another, on the same driver: proof the driver clones. */
async function earlierClone(client: ClusterClient, namespace: string, driver: string): Promise<string | undefined> {
  const claims = await client.listClaims(namespace);
  const classes = new Map((await client.listStorageClasses()).map((sc) => [sc.metadata?.name, sc.provisioner]));
  const clone = claims.find((claim) =>
    claim.status?.phase === 'Bound' && (claim.spec?.dataSource?.kind === 'PersistentVolumeClaim') &&
    classes.get(claim.spec?.storageClassName ?? '') === driver);
  return clone?.metadata?.name;
}

function print(items: readonly CheckItem[], output: string | undefined, terminal: Terminal): void {
  if (output === 'json') {
    terminal.stdout(`${JSON.stringify({ checks: items, ok: !items.some((item) => item.status === 'fail') }, null, 2)}\n`);
    return;
  }
  const c = createColors(terminal.color);
  const mark: Record<CheckStatus, string> = { pass: c.green('pass'), warn: c.yellow('warn'), fail: c.red('FAIL'), info: c.blue('info') };
  const width = Math.max(...items.map((item) => item.check.length));
  for (const item of items) terminal.stdout(`${mark[item.status]}  ${item.check.padEnd(width)}  ${item.detail}\n`);
}
