import type * as vscode from 'vscode';
import { claimKey, type TreeNode } from './tree-model.js';
import type { VscodeApi } from './vscode-api.js';

export const claimContextValue = 'kubectlClone.pvc';

const statusIcons: Record<string, [string, string]> = {
  Bound: ['pass-filled', 'testing.iconPassed'],
  Pending: ['clock', 'list.warningForeground'],
  Lost: ['error', 'list.errorForeground'],
  Terminating: ['trash', 'disabledForeground'],
};

/** How each node looks: pure, so the labels, descriptions and icons are unit-tested. */
export function toTreeItem(api: VscodeApi, node: TreeNode): vscode.TreeItem {
  const { TreeItem, TreeItemCollapsibleState: State, ThemeIcon, ThemeColor, MarkdownString } = api;
  switch (node.kind) {
    case 'namespace': {
      const item = new TreeItem(node.name, State.Expanded);
      item.id = `ns/${node.name}`;
      item.description = `${node.claimCount} PVC${node.claimCount === 1 ? '' : 's'}${node.elsewhereCount ? ` · ${node.elsewhereCount} shown under ${node.elsewhereCount === 1 ? 'its source' : 'their sources'} in another namespace` : ''}`;
      item.iconPath = new ThemeIcon('symbol-namespace');
      item.contextValue = 'kubectlClone.namespace';
      return item;
    }
    case 'claim': {
      const item = new TreeItem(node.name, node.children.length ? State.Expanded : State.None);
      item.id = `pvc/${claimKey(node.namespace, node.name)}`;
      const pending = node.status === 'Pending' && node.pendingReason ? ` — ${node.pendingReason}` : '';
      item.description = [node.elsewhere ? `in ${node.namespace}` : '', node.status, node.size, node.storageClass, node.age].filter(Boolean).join(' · ') + pending;
      const [icon, color] = statusIcons[node.status] ?? ['question', 'disabledForeground'];
      item.iconPath = new ThemeIcon(node.status === 'Pending' && node.pendingStuck ? 'warning' : icon, new ThemeColor(node.status === 'Pending' && node.pendingStuck ? 'list.errorForeground' : color));
      item.contextValue = `${claimContextValue}.${node.status.toLowerCase()}${node.source ? '.clone' : ''}`;
      const tooltip = new MarkdownString(undefined, true);
      tooltip.appendMarkdown(`**PersistentVolumeClaim ${node.namespace}/${node.name}**\n\n`);
      tooltip.appendMarkdown(`- status: ${node.status}\n- size: ${node.size || '?'}\n- class: ${node.storageClass || '(none)'}\n- age: ${node.age || '?'}\n`);
      if (node.volume) tooltip.appendMarkdown(`- volume: ${node.volume}\n`);
      if (node.source) tooltip.appendMarkdown(`- clone of: ${node.source}\n`);
      if (node.status === 'Pending' && node.pendingReason) {
        tooltip.appendMarkdown(`\n${node.pendingStuck ? '$(warning) Stuck' : '$(clock) Pending'}: ${node.pendingReason}\n`);
      }
      item.tooltip = tooltip;
      return item;
    }
    case 'storageClasses': {
      const item = new TreeItem('StorageClasses', State.Collapsed);
      item.id = 'storageclasses';
      item.description = `${node.children.length}`;
      item.iconPath = new ThemeIcon('database');
      item.contextValue = 'kubectlClone.storageClasses';
      return item;
    }
    case 'storageClass': {
      const item = new TreeItem(node.name, State.None);
      item.id = `sc/${node.name}`;
      const clone = node.cloneSupport === 'yes' ? 'can clone' : node.cloneSupport === 'no' ? 'cannot clone' : 'clone support unknown';
      item.description = `${node.provisioner} · ${clone}${node.isDefault ? ' · default' : ''}`;
      item.iconPath = new ThemeIcon(node.cloneSupport === 'yes' ? 'check' : node.cloneSupport === 'no' ? 'close' : 'question');
      item.tooltip = `${node.name}: provisioner ${node.provisioner}, ${node.bindingMode}${node.isDefault ? ', the default class' : ''}\n${node.note}`;
      item.contextValue = `kubectlClone.storageClass.${node.cloneSupport}`;
      return item;
    }
    case 'message': {
      const item = new TreeItem(node.message, State.None);
      item.iconPath = new ThemeIcon(node.severity === 'error' ? 'warning' : 'info');
      item.tooltip = node.message;
      item.contextValue = 'kubectlClone.message';
      return item;
    }
  }
}
