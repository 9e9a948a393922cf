// Which namespace the clone goes to (the CLI's --to-namespace). The choices say what would happen
// there, and the answer is the engine's own: its server dry run (plan, strategy decision, access
// review, the apiserver's verdict on dataSourceRef), which writes nothing. The extension only words it.
import { isDns1123Label, type Finding } from '@kubectl-clone/core';
import type { CloneRequest } from '@kubectl-clone/core/clone';
import type { ClusterSession } from './cluster-session.js';

export interface NamespaceChoice {
  readonly name: string;
  readonly isSource: boolean;
  /** The kubeconfig context's namespace (what the Kubernetes extension's "Use Namespace" sets). */
  readonly isCurrent?: boolean;
}

/** What the engine would do in one namespace: `allowed` false ends the flow with `message` (nothing written). */
export interface TargetPreview {
  readonly allowed: boolean;
  /** One line: the strategy and why, or the engine's refusal. */
  readonly message: string;
  /** The rules' findings and what could not be read, for the refusal's detail. */
  readonly findings: readonly Finding[];
  readonly gaps: readonly string[];
}

/**
 * The source's namespace first, then the context's (when another), then the rest the user may list;
 * `listProblem` when listing is refused (type one instead).
 */
export interface NamespaceChoices {
  readonly choices: readonly NamespaceChoice[];
  readonly listProblem?: string;
}

export async function namespaceChoices(session: ClusterSession, sourceNamespace: string): Promise<NamespaceChoices> {
  const current = session.namespace;
  const source: NamespaceChoice = { name: sourceNamespace, isSource: true, ...(current === sourceNamespace ? { isCurrent: true } : {}) };
  try {
    const names = (await session.listNamespaces()).filter((name) => name && name !== sourceNamespace)
      .sort((a, b) => Number(b === current) - Number(a === current) || a.localeCompare(b));
    return { choices: [source, ...names.map((name) => ({ name, isSource: false, ...(name === current ? { isCurrent: true } : {}) }))] };
  } catch (error) {
    return { choices: [source], listProblem: `cannot list namespaces (${(error as Error).message.split('\n')[0]}): type the namespace's name` };
  }
}

/** Namespace names are DNS-1123 labels (the core's one home of those shapes). */
export function namespaceNameProblem(value: string): string | undefined {
  return isDns1123Label(value) ? undefined : `"${value}" is not a namespace name: lower case letters, digits and '-', at most 63`;
}

/**
 * The engine with --dry-run=server into `namespace`: the same reads, plan, decision (a clone with a
 * ReferenceGrant when the apiserver keeps the cross-namespace dataSourceRef, auto's copy through pods
 * when it drops it), access review and dry-run creates as the real clone, and no write.
 */
export async function previewTarget(session: ClusterSession, request: CloneRequest, namespace: string, signal: AbortSignal): Promise<TargetPreview | undefined> {
  let findings: readonly Finding[] = [];
  const gaps: string[] = [];
  try {
    const outcome = await session.runClone({ ...request, dryRun: 'server', options: { ...request.options, namespace } }, {
      signal,
      event(event) {
        if (event.kind === 'findings') findings = event.findings;
        else if (event.kind === 'gap') gaps.push(event.text);
      },
      // warnings are the real run's question; the preview only needs the engine's verdict
      approve: () => Promise.resolve(true),
    });
    if (outcome.result === 'interrupted') return undefined;
    if (outcome.result !== 'validated') return { allowed: false, message: outcome.message, findings, gaps };
    const { plan } = outcome;
    const grant = plan.manifests.find((manifest) => manifest.kind === 'ReferenceGrant');
    const how = plan.strategy === 'copy' ? 'copy through pods' : plan.strategy === 'snapshot' ? 'snapshot and restore' : 'CSI clone';
    const allowedBy = grant ? `, allowed by a ReferenceGrant made in ${plan.source.namespace}` : '';
    return { allowed: true, message: `${how}${allowedBy} (${plan.choice.reason}: ${plan.choice.message})`, findings, gaps };
  } catch (error) {
    // the apiserver's answer (e.g. the name is taken there) or a failed request: either way no go-ahead
    return { allowed: false, message: (error as Error).message.split('\n')[0]!, findings, gaps };
  }
}

/**
 * Ask for the namespace; each preview is made once (memoized) and the ones still running when the
 * user has picked are aborted. Returns the pick with its preview: the flow goes on only if allowed.
 */
export async function chooseNamespace(
  session: ClusterSession, request: CloneRequest, sourceNamespace: string,
  pick: (choices: NamespaceChoices, describe: (namespace: string) => Promise<TargetPreview | undefined>) => Promise<string | undefined>,
): Promise<{ readonly namespace: string; readonly preview: TargetPreview } | undefined> {
  const running = new Map<string, { readonly preview: Promise<TargetPreview | undefined>; readonly stop: AbortController }>();
  const describe = (namespace: string) => {
    let entry = running.get(namespace);
    if (!entry) {
      const stop = new AbortController();
      entry = { stop, preview: previewTarget(session, request, namespace, stop.signal) };
      running.set(namespace, entry);
    }
    return entry.preview;
  };
  const picked = await pick(await namespaceChoices(session, sourceNamespace), describe);
  for (const [namespace, entry] of running) if (namespace !== picked) entry.stop.abort();
  if (picked === undefined) return undefined;
  const preview = await describe(picked) ?? { allowed: false, message: 'the server dry run was interrupted: what a clone there would do is unknown', findings: [], gaps: [] };
  return { namespace: picked, preview };
}
