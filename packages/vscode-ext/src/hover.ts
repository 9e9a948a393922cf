// Hovering a data source's name in YAML: the source as the cluster has it (trusted workspaces only).
import * as vscode from 'vscode';
import type { ClusterSession } from './cluster-session.js';
import { rangeOf } from './diagnostics.js';
import { pathOf } from './linter.js';
import { sourceNameAt } from './yaml-claims.js';

export function sourceHoverProvider(connect: () => Promise<ClusterSession>): vscode.HoverProvider {
  return {
    async provideHover(document, position) {
      if (!vscode.workspace.isTrusted) return undefined;
      const reference = sourceNameAt(pathOf(document), document.getText(), document.offsetAt(position));
      if (!reference) return undefined;
      const range = rangeOf(vscode, document, reference);
      const markdown = new vscode.MarkdownString();
      try {
        const session = await connect();
        const namespace = reference.namespace ?? session.namespace;
        const claim = await session.readClaim(namespace, reference.name);
        if (!claim) {
          markdown.appendMarkdown(`**PersistentVolumeClaim ${namespace}/${reference.name}** is not found in context \`${session.context}\`: the clone would stay Pending`);
        } else {
          const size = claim.status?.capacity?.storage ?? claim.spec?.resources?.requests?.storage ?? '?';
          markdown.appendMarkdown(`**PersistentVolumeClaim ${namespace}/${reference.name}** (context \`${session.context}\`)\n\n`);
          markdown.appendMarkdown(`- phase: ${claim.status?.phase ?? 'Pending'}\n- size: ${size} (requested ${claim.spec?.resources?.requests?.storage ?? '?'})\n- class: ${claim.spec?.storageClassName ?? '(none)'}\n`);
          if (claim.spec?.volumeMode) markdown.appendMarkdown(`- volumeMode: ${claim.spec.volumeMode}\n`);
        }
      } catch (error) {
        markdown.appendMarkdown(`kubectl-clone: ${(error as Error).message}`);
      }
      return new vscode.Hover(markdown, range);
    },
  };
}
