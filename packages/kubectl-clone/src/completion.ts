import type { Command } from 'commander';
import type { ConnectionFlags } from './connection-flags.js';

/** What a word on the command line names, when the cluster or the kubeconfig knows the answers. */
export type CompletionKind = 'claims' | 'namespaces' | 'storageClasses' | 'workloads' | 'contexts';

export interface CompletionRequest {
  readonly kind: CompletionKind;
  /** The partial word typed so far (after `--flag=` when written so). */
  readonly prefix: string;
  /** A `--flag=` typed before the word: completions repeat it, as cobra's do. */
  readonly lead: string;
  readonly flags: ConnectionFlags;
}

const optionKinds: Record<string, CompletionKind> = {
  '-n': 'namespaces', '--namespace': 'namespaces', '--to-namespace': 'namespaces',
  '--context': 'contexts', '--to-context': 'contexts', '--storage-class': 'storageClasses',
};
const firstArgumentKinds: Record<string, CompletionKind> = { pvc: 'claims', check: 'claims', workload: 'workloads', resume: 'workloads', verify: 'claims' };

/**
 * The words after `kubectl-clone complete --` (cobra's protocol, which kubectl's plugin hook
 * speaks too): a completion the cluster answers, or undefined for the static ones (commands,
 * flags, choices), which tab answers from the commander definitions.
 */
export function completionRequest(program: Command, words: readonly string[]): CompletionRequest | undefined {
  if (words.length === 0) return undefined;
  const current = words[words.length - 1]!;
  const before = words.slice(0, -1);
  const command = program.commands.find((c) => c.name() === before[0] || c.aliases().includes(before[0] ?? ''));
  const takesValue = (flag: string) =>
    flag in optionKinds || Boolean(command?.options.find((o) => (o.long === flag || o.short === flag) && o.required));
  const flags: ConnectionFlags = {};
  const positionals: string[] = [];
  for (let i = 1; i < before.length; i++) {
    const word = before[i]!;
    const [flag = '', inline] = word.startsWith('--') && word.includes('=') ? [word.slice(0, word.indexOf('=')), word.slice(word.indexOf('=') + 1)] : [word, undefined];
    if (!word.startsWith('-')) {
      positionals.push(word);
      continue;
    }
    const value = inline ?? (takesValue(flag) ? before[++i] : undefined);
    if (value === undefined) continue;
    if (flag === '-n' || flag === '--namespace') flags.namespace = value;
    else if (flag === '--context') flags.context = value;
    else if (flag === '--kubeconfig') flags.kubeconfig = value;
  }
  const previous = before[before.length - 1];
  if (current.startsWith('--') && current.includes('=')) {
    const flag = current.slice(0, current.indexOf('='));
    const kind = optionKinds[flag];
    return kind ? { kind, prefix: current.slice(flag.length + 1), lead: `${flag}=`, flags } : undefined;
  }
  if (previous && optionKinds[previous] && before.length > 1) return { kind: optionKinds[previous], prefix: current, lead: '', flags };
  if (current.startsWith('-') || !command) return undefined;
  const kind = firstArgumentKinds[command.name()];
  return kind && positionals.length === 0 ? { kind, prefix: current, lead: '', flags } : undefined;
}

/** cobra's answer: one value a line, then the directive (4: no file completion). */
export function completionAnswer(request: CompletionRequest, values: readonly string[]): string {
  const matching = values.filter((value) => value.startsWith(request.prefix)).sort();
  return [...matching.map((value) => `${request.lead}${value}`), ':4', ''].join('\n');
}
