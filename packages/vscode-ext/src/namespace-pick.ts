// The target-namespace QuickPick: the source's namespace first, then the namespaces the user may
// list, each with what the engine's dry run says a clone there would do, filled in as the answers
// arrive. A name that is not listed (listing forbidden, or not there yet) can be typed.
// It works on a QuickPick object, not on `vscode`, so the unit tests drive it with a stand-in.
import type * as vscode from 'vscode';
import { namespaceNameProblem, type NamespaceChoice, type NamespaceChoices, type TargetPreview } from './target-namespace.js';

export interface NamespaceItem extends vscode.QuickPickItem {
  readonly namespace: string;
}

export type NamespaceQuickPick = Pick<vscode.QuickPick<NamespaceItem>,
  'title' | 'placeholder' | 'ignoreFocusOut' | 'matchOnDescription' | 'items' | 'activeItems' | 'selectedItems' | 'value' | 'busy'
  | 'onDidAccept' | 'onDidHide' | 'onDidChangeValue' | 'show' | 'dispose'>;

/** Each preview is a server dry run of ~20 requests: the first few namespaces only, a few at a time. */
export const previewLimit = 12;
const concurrency = 3;

export const detailText = {
  asking: '$(loading~spin) asking the cluster what a clone there would do (server dry run, nothing is written)…',
  whenPicked: 'checked when picked (server dry run, nothing is written)',
  preview: (preview: TargetPreview) => `${preview.allowed ? '$(pass)' : '$(error)'} ${preview.message}`,
};

const describeChoice = (choice: NamespaceChoice) => [choice.isSource ? 'the source\'s namespace' : '', choice.isCurrent ? 'current' : ''].filter(Boolean).join(' · ');

export function pickNamespace(pick: NamespaceQuickPick, { choices, listProblem }: NamespaceChoices, describe: (namespace: string) => Promise<TargetPreview | undefined>): Promise<string | undefined> {
  const previews = new Map<string, TargetPreview>();
  const asked = new Set(choices.slice(0, previewLimit).map((choice) => choice.name));
  let typed: string | undefined;
  let done = false;
  const detailOf = (namespace: string) => {
    const preview = previews.get(namespace);
    return preview ? detailText.preview(preview) : asked.has(namespace) ? detailText.asking : detailText.whenPicked;
  };
  const render = () => {
    const active = pick.activeItems[0]?.namespace;
    const items: NamespaceItem[] = [
      ...(typed ? [{ namespace: typed, label: typed, description: 'typed', detail: detailOf(typed), alwaysShow: true }] : []),
      ...choices.map((choice) => ({ namespace: choice.name, label: choice.name, description: describeChoice(choice), detail: detailOf(choice.name) })),
    ];
    pick.items = items;
    // new details must not move the user's cursor back to the first row; the host's idea of the cursor
    // may lag the typing, and a cursor put on a row the filter hides would leave Enter nothing to take
    const needle = pick.value.trim();
    const keep = items.find((item) => item.namespace === active && item.label.includes(needle));
    if (keep) pick.activeItems = [keep];
    pick.busy = [...asked].some((namespace) => !previews.has(namespace));
  };

  pick.title = 'Clone PVC: namespace';
  pick.placeholder = listProblem ?? 'The clone\'s namespace (type a name that is not listed to use it)';
  pick.ignoreFocusOut = true;
  pick.matchOnDescription = true;
  render();

  const queue = [...asked];
  const work = async () => {
    for (let namespace = queue.shift(); namespace !== undefined && !done; namespace = queue.shift()) {
      const preview = await describe(namespace);
      if (done) return;
      if (preview) previews.set(namespace, preview);
      else asked.delete(namespace);
      render();
    }
  };
  for (let i = 0; i < concurrency; i++) void work();

  return new Promise((resolve) => {
    const finish = (namespace: string | undefined) => {
      if (done) return;
      done = true;
      resolve(namespace);
      pick.dispose();
    };
    pick.onDidChangeValue((value) => {
      const name = value.trim();
      const fresh = name && !namespaceNameProblem(name) && !choices.some((choice) => choice.name === name) ? name : undefined;
      if (fresh === typed) return;
      typed = fresh;
      render();
    });
    pick.onDidAccept(() => {
      const item = pick.selectedItems[0] ?? pick.activeItems[0];
      // no row under the cursor (it was moved while the list changed): the name typed, when it is one
      const name = pick.value.trim();
      const typedName = name === typed || choices.some((choice) => choice.name === name) ? name : undefined;
      const namespace = item?.namespace ?? typedName;
      if (namespace) finish(namespace);
    });
    pick.onDidHide(() => finish(undefined));
    pick.show();
  });
}
