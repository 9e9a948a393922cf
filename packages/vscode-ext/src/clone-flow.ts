import { cloneName, defaultNameTemplate, makeProfile, planClone, PlanError, renderYaml, tryParseQuantity, QuantityParseError, driverCloneSupport, type ClonePlan, type Finding, type PersistentVolumeClaimObject, type StorageClassObject, minorVersion } from '@kubectl-clone/core';
import type { ClaimEventSummary, ClusterSession, WaitResult } from './cluster-session.js';

export interface ClaimRef {
  /** undefined: the context's namespace */
  readonly namespace?: string;
  readonly name: string;
}

/** Answers that replace the prompts (tests, and callers that already know). */
export interface CloneAnswers {
  readonly name?: string;
  readonly size?: string;
  readonly storageClass?: string;
  /** Create despite warnings (the CLI's --force); errors always refuse. */
  readonly acceptWarnings?: boolean;
  /** Open the manifest in an editor before creating. */
  readonly preview?: boolean;
}

export interface ClassChoice {
  readonly name: string;
  readonly description: string;
  readonly detail: string;
}

/** The questions the flow asks; the extension answers them with QuickPick, InputBox and modals. */
export interface ClonePrompter {
  pickSource(claims: readonly PersistentVolumeClaimObject[]): Promise<ClaimRef | undefined>;
  askName(prefill: string, validate: (value: string) => string | undefined): Promise<string | undefined>;
  askSize(prefill: string, validate: (value: string) => string | undefined): Promise<string | undefined>;
  pickClass(choices: readonly ClassChoice[]): Promise<string | undefined>;
  /** A modal with the errors: nothing is written. */
  refuse(message: string, detail: string): Promise<void>;
  /** The last question before anything is written: create, preview first, or cancel. */
  confirm(message: string, detail: string, warnings: boolean): Promise<'create' | 'preview' | undefined>;
  preview(yaml: string): Promise<void>;
  /** Runs `task` under a cancellable progress notification. */
  progress<T>(title: string, task: (report: (message: string) => void, signal: AbortSignal) => Promise<T>): Promise<T>;
}

export type CloneResult =
  | { readonly result: 'Bound'; readonly clone: Required<ClaimRef>; readonly message: string; readonly volume: string }
  | { readonly result: 'Timeout' | 'Aborted' | 'Deleted' | 'Lost' | 'Failed'; readonly clone?: Required<ClaimRef>; readonly message: string }
  | { readonly result: 'Refused' | 'Cancelled'; readonly message: string };

export interface CloneSettings {
  readonly featureGates: string;
  readonly kubernetesVersion: string;
  readonly timeoutMs: number;
  readonly now?: () => Date;
}

export function formatFinding(finding: Finding): string {
  return `${finding.severity}: ${finding.message}  (${finding.ruleId})`;
}

export function validateSize(value: string): string | undefined {
  const parsed = tryParseQuantity(value.trim());
  return parsed instanceof QuantityParseError ? `invalid size "${value}": ${parsed.message} (e.g. 10Gi)` : undefined;
}

export function classChoices(classes: readonly StorageClassObject[], sourceClass: string | undefined): ClassChoice[] {
  const choices = classes.map((storageClass) => {
    const name = storageClass.metadata?.name ?? '';
    const provisioner = storageClass.provisioner ?? '';
    const support = driverCloneSupport(provisioner);
    return {
      name,
      description: `${provisioner}${name === sourceClass ? ' · the source\'s class' : ''}`,
      detail: `clone: ${support.support} — ${support.note}`,
    };
  });
  return choices.sort((a, b) => Number(b.name === sourceClass) - Number(a.name === sourceClass) || a.name.localeCompare(b.name));
}

/**
 * `kubectl clone pvc` in the editor: read the source's facts, ask name/size/class, plan with the
 * core, refuse on error findings and ask on warnings (with the CLI's words), check access, ask
 * the apiserver (server dry run), create, and watch until Bound. Nothing is written before the
 * last question is answered.
 */
export async function runClone(session: ClusterSession, target: ClaimRef | undefined, prompter: ClonePrompter, settings: CloneSettings, answers: CloneAnswers = {}): Promise<CloneResult> {
  try {
    return await cloneSteps(session, target, prompter, settings, answers);
  } catch (error) {
    // ClusterError, ClusterConfigError, PlanError: one line in kubectl's words, as the CLI prints them
    return { result: 'Failed', message: error instanceof Error ? error.message : String(error) };
  }
}

async function cloneSteps(session: ClusterSession, target: ClaimRef | undefined, prompter: ClonePrompter, settings: CloneSettings, answers: CloneAnswers): Promise<CloneResult> {
  const cancelled = (step: string): CloneResult => ({ result: 'Cancelled', message: `clone cancelled at ${step}; nothing was created` });
  let source = target;
  if (!source) {
    source = await prompter.pickSource(await session.listClaims(undefined).catch(() => session.listClaims(session.namespace)));
    if (!source) return cancelled('the choice of a source');
  }
  const namespace = source.namespace ?? session.namespace;
  const facts = await session.readSourceFacts(namespace, source.name);
  const now = settings.now?.() ?? new Date();

  const validateName = (value: string): string | undefined => {
    try {
      planClone(facts, { name: value, now, profile: makeProfile({}) });
      return undefined;
    } catch (error) {
      return error instanceof PlanError ? error.message : undefined;
    }
  };
  const name = answers.name ?? await prompter.askName(cloneName(defaultNameTemplate, source.name, namespace, now), validateName);
  if (!name) return cancelled('the name');

  const request = facts.source.spec?.resources?.requests?.storage;
  const capacity = facts.source.status?.capacity?.storage;
  const size = answers.size ?? await prompter.askSize(String(capacity ?? request ?? ''), validateSize);
  if (!size) return cancelled('the size');

  const sourceClass = facts.source.spec?.storageClassName ?? undefined;
  const storageClass = answers.storageClass ?? (facts.storageClasses.length > 1
    ? await prompter.pickClass(classChoices(facts.storageClasses, sourceClass))
    : sourceClass ?? facts.storageClasses[0]?.metadata?.name);
  if (storageClass === undefined && facts.storageClasses.length > 1) return cancelled('the StorageClass');

  const kubernetesVersion = (facts.serverVersion ? minorVersion(facts.serverVersion) : undefined) ?? settings.kubernetesVersion;
  const plan = planClone(facts, {
    name, size: size.trim(), now,
    ...(storageClass ? { storageClassName: storageClass } : {}),
    profile: makeProfile({ kubernetesVersion, featureGates: settings.featureGates, complete: true }),
  });
  const what = `${plan.source.namespace}/${plan.source.name}`;
  const errors = plan.findings.filter((finding) => finding.severity === 'error');
  const warnings = plan.findings.filter((finding) => finding.severity === 'warning');
  const detail = [
    ...plan.findings.map(formatFinding),
    ...(facts.gaps ?? []).map((gap) => `note: could not read ${gap}; the checks that need it were skipped`),
  ].join('\n');
  if (errors.length > 0) {
    const message = `refusing to clone ${what}: ${errors.length} error${errors.length === 1 ? '' : 's'} below would leave the clone Pending or empty; nothing was created`;
    await prompter.refuse(message, detail);
    return { result: 'Refused', message: `${message}\n${detail}` };
  }
  const claim = plan.manifests[plan.manifests.length - 1] as PersistentVolumeClaimObject;
  const summary = summaryOf(plan);
  if (answers.preview) await prompter.preview(renderYaml(plan.manifests));
  if (warnings.length > 0 && answers.acceptWarnings === false) {
    return { result: 'Refused', message: `refusing to clone ${what}: review the warning${warnings.length === 1 ? '' : 's'} below, then confirm; nothing was created\n${detail}` };
  }
  if (answers.acceptWarnings === undefined) {
    for (;;) {
      const question = warnings.length > 0
        ? `Clone ${what} despite ${warnings.length} warning${warnings.length === 1 ? '' : 's'}?`
        : `Clone ${what} to ${plan.clone.namespace}/${plan.clone.name}?`;
      const choice = await prompter.confirm(question, [summary, detail].filter(Boolean).join('\n\n'), warnings.length > 0);
      if (choice === 'preview') {
        await prompter.preview(renderYaml(plan.manifests));
        continue;
      }
      if (choice !== 'create') return cancelled('the confirmation');
      break;
    }
  }

  const denials = await session.checkCreate(plan.clone.namespace);
  if (denials.length > 0) return { result: 'Refused', message: `refusing to clone ${what}: ${denials.join('; ')}; nothing was created` };
  await session.createClaim(claim, 'server');
  const target2 = { namespace: plan.clone.namespace, name: plan.clone.name };
  const label = `${plan.clone.namespace}/${plan.clone.name}`;
  const cleanup = `kubectl delete pvc -n ${plan.clone.namespace} ${plan.clone.name}`;
  return prompter.progress(`Cloning ${what} to ${label}`, async (report, signal) => {
    if (signal.aborted) return { result: 'Cancelled', message: 'interrupted: nothing was created' } as CloneResult;
    await session.createClaim(claim, 'none');
    report(`persistentvolumeclaim/${plan.clone.name} created in ${plan.clone.namespace}; waiting until Bound`);
    const started = Date.now();
    const outcome = await session.waitForBound(plan.clone.namespace, plan.clone.name, {
      timeoutMs: settings.timeoutMs, signal,
      onPhase: (phase) => report(`${label} ${phase}`),
      onEvent: (event) => report(eventLine(event)),
    });
    return resultOf(outcome, label, cleanup, (Date.now() - started) / 1000, settings.timeoutMs, target2);
  });
}

function summaryOf(plan: ClonePlan): string {
  return plan.reasons.map((reason) => `${reason.field}: ${reason.value} (${reason.because})`).join('\n');
}

function eventLine(event: ClaimEventSummary): string {
  return `${event.type === 'Warning' ? 'warning' : 'event'} ${event.reason}: ${event.explanation ?? event.message}`;
}

/** The CLI's closing words for each outcome of the wait. */
export function resultOf(outcome: WaitResult, target: string, cleanup: string, seconds: number, timeoutMs: number, clone: Required<ClaimRef>): CloneResult {
  switch (outcome.result) {
    case 'Bound':
      return { result: 'Bound', clone, volume: outcome.claim.spec?.volumeName ?? '', message: `clone ${target} is Bound (${outcome.claim.spec?.volumeName ?? ''}) in ${seconds.toFixed(1)}s` };
    case 'Aborted':
      return { result: 'Aborted', clone, message: `interrupted: clone ${target} was created and is still ${outcome.claim?.status?.phase ?? 'Pending'}; it goes on binding without us. Delete it with: ${cleanup}` };
    case 'Deleted':
      return { result: 'Deleted', clone, message: `clone ${target} was deleted while we waited` };
    case 'Lost':
      return { result: 'Lost', clone, message: `clone ${target} is Lost: its volume is gone. Delete it with: ${cleanup}` };
    case 'Timeout':
      return {
        result: 'Timeout', clone,
        message: `timed out after ${Math.round(timeoutMs / 1000)}s: clone ${target} is still ${outcome.claim?.status?.phase ?? 'Pending'}` +
          (outcome.stuck
            ? `, and will stay so: ${outcome.stuck.explanation}${outcome.stuck.ruleId ? ` (${outcome.stuck.ruleId})` : ''}`
            : outcome.lastEvent ? `; last event: ${outcome.lastEvent.message}` : '; no event explains it yet (is a provisioner running for its class?)') +
          `. It was left in place: delete it with: ${cleanup}`,
      };
  }
}
