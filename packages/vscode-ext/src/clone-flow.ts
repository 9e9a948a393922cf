import { cloneName, claimNameProblem, defaultNameTemplate, renderYaml, tryParseQuantity, QuantityParseError, driverCloneSupport, type ClonePlan, type Finding, type PersistentVolumeClaimObject, type StorageClassObject, type StrategyRequest } from '@kubectl-clone/core';
import type { CloneIO, CloneOutcome, CloneRequest } from '@kubectl-clone/core/clone';
import type { ClusterSession } from './cluster-session.js';
import { chooseNamespace, type NamespaceChoices, type TargetPreview } from './target-namespace.js';

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
  /** auto (default), clone, snapshot or copy, as the CLI's --strategy. */
  readonly strategy?: StrategyRequest;
  /**
   * Clone into another namespace, as the CLI's --to-namespace: a clone with a ReferenceGrant made in
   * the source's when the cluster's CrossNamespaceVolumeDataSource gate is on, else auto copies through
   * pods. Asked only when no answers are given; a caller's answers without it keep the source's namespace.
   */
  readonly toNamespace?: string;
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
  /** The clone's namespace; `describe` is the engine's server dry run there (what it would do, or its refusal). */
  pickNamespace(choices: NamespaceChoices, describe: (namespace: string) => Promise<TargetPreview | undefined>): Promise<string | undefined>;
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
  /** Created and not waited for: a WaitForFirstConsumer class binds when a pod mounts the clone. */
  | { readonly result: 'HandedOff'; readonly clone: Required<ClaimRef>; readonly message: string }
  | { readonly result: 'Timeout' | 'Aborted' | 'Deleted' | 'Lost' | 'Failed'; readonly clone?: Required<ClaimRef>; readonly message: string }
  | { readonly result: 'Refused' | 'Cancelled'; readonly message: string };

export interface CloneSettings {
  readonly featureGates: string;
  readonly kubernetesVersion: string;
  readonly timeoutMs: number;
  /** The copy pods' image (the kubectlClone.podImage setting). */
  readonly image?: string;
  readonly now?: () => Date;
}

export function formatFinding(finding: Finding): string {
  return `${finding.severity}: ${finding.message}  (${finding.ruleId})`;
}

export function validateSize(value: string): string | undefined {
  const parsed = tryParseQuantity(value.trim());
  return parsed instanceof QuantityParseError ? `invalid size "${value}": ${parsed.message} (e.g. 10Gi)` : undefined;
}

export function classChoices(classes: readonly StorageClassObject[], sourceClass: string | undefined, sourceDriver?: string): ClassChoice[] {
  const choices = classes.map((storageClass) => {
    const name = storageClass.metadata?.name ?? '';
    const provisioner = storageClass.provisioner ?? '';
    const support = driverCloneSupport(provisioner);
    return {
      name,
      description: `${provisioner}${name === sourceClass ? ' · the source\'s class' : ''}`,
      // another driver cannot clone or restore the source's volume: the engine copies the files through pods
      detail: sourceDriver && provisioner !== sourceDriver
        ? `another driver than the source's (${sourceDriver}): the files are copied through a pod`
        : `clone: ${support.support} — ${support.note}`,
    };
  });
  return choices.sort((a, b) => Number(b.name === sourceClass) - Number(a.name === sourceClass) || a.name.localeCompare(b.name));
}

/**
 * `kubectl clone pvc` in the editor: ask for the source, name, size and class, then the core's
 * clone engine does the rest (plan, decision, access, dry runs, writes, wait) exactly as the CLI's;
 * this only answers its question (a modal with the plan) and shows its events as progress.
 */
export async function runClone(session: ClusterSession, target: ClaimRef | undefined, prompter: ClonePrompter, settings: CloneSettings, answers?: CloneAnswers): Promise<CloneResult> {
  try {
    return await cloneSteps(session, target, prompter, settings, answers);
  } catch (error) {
    // ClusterError, ClusterConfigError, PlanError: one line in kubectl's words, as the CLI prints them
    return { result: 'Failed', message: error instanceof Error ? error.message : String(error) };
  }
}

async function cloneSteps(session: ClusterSession, target: ClaimRef | undefined, prompter: ClonePrompter, settings: CloneSettings, given: CloneAnswers | undefined): Promise<CloneResult> {
  const answers = given ?? {};
  const cancelled = (step: string): CloneResult => ({ result: 'Cancelled', message: `clone cancelled at ${step}; nothing was created` });
  let source = target;
  if (!source) {
    source = await prompter.pickSource(await session.listClaims(undefined).catch(() => session.listClaims(session.namespace)));
    if (!source) return cancelled('the choice of a source');
  }
  const namespace = source.namespace ?? session.namespace;
  const facts = await session.readSourceFacts(namespace, source.name);
  const now = settings.now?.() ?? new Date();

  const name = answers.name ?? await prompter.askName(cloneName(defaultNameTemplate, source.name, namespace, now), claimNameProblem);
  if (!name) return cancelled('the name');

  const request = facts.source.spec?.resources?.requests?.storage;
  const capacity = facts.source.status?.capacity?.storage;
  const size = answers.size ?? await prompter.askSize(String(capacity ?? request ?? ''), validateSize);
  if (!size) return cancelled('the size');

  const sourceClass = facts.source.spec?.storageClassName ?? undefined;
  const storageClass = answers.storageClass ?? (facts.storageClasses.length > 1
    ? await prompter.pickClass(classChoices(facts.storageClasses, sourceClass, facts.volume?.spec?.csi?.driver))
    : sourceClass ?? facts.storageClasses[0]?.metadata?.name);
  if (storageClass === undefined && facts.storageClasses.length > 1) return cancelled('the StorageClass');

  let cloneRequest: CloneRequest = {
    source: { namespace, name: source.name },
    options: {
      name, size: size.trim(), now,
      ...(storageClass ? { storageClassName: storageClass } : {}),
      ...(answers.strategy ? { strategy: answers.strategy } : {}),
      ...(answers.toNamespace ? { namespace: answers.toNamespace } : {}),
    },
    // the cluster's version (clusterProfile); the kubernetesVersion setting is for files, not a cluster
    profile: { featureGates: settings.featureGates },
    dryRun: 'none', wait: true, timeoutMs: settings.timeoutMs, keepSnapshot: false, quiesce: 'none',
    ...(settings.image ? { image: settings.image } : {}),
  };
  if (!given) {
    // the engine's dry run in each namespace says what would happen there; a refusal ends the flow before any write
    const chosen = await chooseNamespace(session, cloneRequest, namespace, (choices, describe) => prompter.pickNamespace(choices, describe));
    if (!chosen) return cancelled('the namespace');
    if (!chosen.preview.allowed) {
      const detail = detailOf(chosen.preview.findings, chosen.preview.gaps.map(noteOf));
      await prompter.refuse(chosen.preview.message, detail);
      return { result: 'Refused', message: [chosen.preview.message, detail].filter(Boolean).join('\n') };
    }
    if (chosen.namespace !== namespace) cloneRequest = { ...cloneRequest, options: { ...cloneRequest.options, namespace: chosen.namespace } };
  }
  const what = `${namespace}/${source.name}`;
  const notes: string[] = [];
  let findings: readonly Finding[] = [];
  const engine = new AbortController();
  let report: ((message: string) => void) | undefined;
  let finish: (() => void) | undefined;
  let progress: Promise<unknown> | undefined;
  let asked: 'yes' | 'no' | undefined;
  const io: CloneIO = {
    signal: engine.signal,
    event(event) {
      if (event.kind === 'gap') notes.push(noteOf(event.text));
      else if (event.kind === 'findings') findings = event.findings;
      else if (event.kind !== 'planned') report?.(event.text);
    },
    async approve(plan, warnings) {
      asked = 'no';
      const detail = detailOf(findings, notes);
      if (answers.preview) await prompter.preview(renderYaml(plan.manifests));
      if (warnings.length > 0 && answers.acceptWarnings === false) return false;
      if (answers.acceptWarnings === undefined) {
        for (;;) {
          const question = warnings.length > 0
            ? `Clone ${what} despite ${warnings.length} warning${warnings.length === 1 ? '' : 's'}?`
            : `Clone ${what} to ${plan.clone.namespace}/${plan.clone.name}?`;
          const choice = await prompter.confirm(question, [summaryOf(plan), detail].filter(Boolean).join('\n\n'), warnings.length > 0);
          if (choice === 'preview') {
            await prompter.preview(renderYaml(plan.manifests));
            continue;
          }
          if (choice !== 'create') return false;
          break;
        }
      }
      asked = 'yes';
      // the writes run under a cancellable notification: Cancel is the engine's Ctrl-C
      const done = new Promise<void>((resolve) => (finish = resolve));
      progress = prompter.progress(`Cloning ${what} to ${plan.clone.namespace}/${plan.clone.name}`, (update, signal) => {
        report = update;
        if (signal.aborted) engine.abort();
        signal.addEventListener('abort', () => engine.abort());
        return done;
      });
      return true;
    },
  };
  let outcome: CloneOutcome;
  try {
    outcome = await session.runClone(cloneRequest, io);
  } finally {
    finish?.();
    await progress;
  }
  if (outcome.result === 'refused' && asked === undefined) {
    // refused by the rules or the strategy before any question: say why in a modal
    await prompter.refuse(outcome.message, detailOf(findings, notes));
    return { result: 'Refused', message: [outcome.message, detailOf(findings, notes)].filter(Boolean).join('\n') };
  }
  // the user's own no to the question is a cancel (answers.acceptWarnings === false is a caller's refusal)
  if (outcome.result === 'refused' && asked === 'no' && answers.acceptWarnings === undefined) return cancelled('the confirmation');
  if (outcome.result === 'refused' && asked === 'no') return { result: 'Refused', message: [outcome.message, detailOf(findings, notes)].filter(Boolean).join('\n') };
  if (outcome.result === 'cancelled') return cancelled('the confirmation');
  return resultOf(outcome);
}

const noteOf = (gap: string) => `note: ${gap}`;

function detailOf(findings: readonly Finding[], notes: readonly string[]): string {
  return [...findings.map(formatFinding), ...notes].join('\n');
}

function summaryOf(plan: ClonePlan): string {
  return plan.reasons.map((reason) => `${reason.field}: ${reason.value} (${reason.because})`).join('\n');
}

/** The engine's outcome as the command's result; the words are the engine's, the same as the CLI prints. */
export function resultOf(outcome: CloneOutcome): CloneResult {
  const clone = 'plan' in outcome && outcome.plan ? { namespace: outcome.plan.clone.namespace, name: outcome.plan.clone.name } : undefined;
  switch (outcome.result) {
    case 'bound':
      return { result: 'Bound', clone: clone!, volume: outcome.claim.spec?.volumeName ?? '', message: outcome.message };
    case 'handed-off': case 'created':
      return { result: 'HandedOff', clone: clone!, message: outcome.message };
    case 'interrupted':
      return { result: 'Aborted', ...(clone ? { clone } : {}), message: outcome.message };
    case 'deleted':
      return { result: 'Deleted', ...(clone ? { clone } : {}), message: outcome.message };
    case 'lost':
      return { result: 'Lost', ...(clone ? { clone } : {}), message: outcome.message };
    case 'timeout':
      return { result: 'Timeout', ...(clone ? { clone } : {}), message: outcome.message };
    case 'snapshot-failed': case 'failed':
      return { result: 'Failed', ...(clone ? { clone } : {}), message: outcome.message };
    case 'refused':
      return { result: 'Refused', message: outcome.message };
    default:
      return { result: 'Cancelled', message: outcome.message };
  }
}
