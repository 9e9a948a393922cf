import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resolveExplorerTarget, type KubernetesExtensionApis } from '../../src/k8s-explorer.js';

/** The Kubernetes extension cannot be installed here: its API is faked with the documented shape (vscode-kubernetes-tools-api 1.3). */
function fakeApis(nodes: Map<unknown, unknown>, kubeconfig: { pathType: 'host'; hostPath: string } | { pathType: 'wsl'; wslPath: string } = { pathType: 'host', hostPath: '/home/me/.kube/other' }): KubernetesExtensionApis {
  return {
    clusterExplorer: { v1_1: Promise.resolve({ available: true, api: { resolveCommandTarget: (target: unknown) => nodes.get(target) as never } }) },
    configuration: { v1: Promise.resolve({ available: true, api: { getKubeconfigPath: () => kubeconfig } }) },
  };
}
const pvcTarget = { id: 'tree-item-of-the-k8s-extension' };
const pvcNode = { nodeType: 'resource', namespace: 'shop', name: 'data', resourceKind: { manifestKind: 'PersistentVolumeClaim', abbreviation: 'pvc' } };

describe('Kubernetes explorer targets', () => {
  it('resolves a clicked PVC node to its namespace, name and the extension\'s kubeconfig', async () => {
    expect(await resolveExplorerTarget(pvcTarget, fakeApis(new Map([[pvcTarget, pvcNode]])))).toEqual({ ok: true, namespace: 'shop', name: 'data', kubeconfig: '/home/me/.kube/other' });
  });

  it('explains every node it cannot clone', async () => {
    const deployment = { nodeType: 'resource', namespace: 'shop', name: 'web', resourceKind: { manifestKind: 'Deployment' } };
    const context = { nodeType: 'context', name: 'kind' };
    const apis = fakeApis(new Map<unknown, unknown>([['d', deployment], ['c', context]]));
    expect(await resolveExplorerTarget('d', apis)).toEqual({ ok: false, reason: 'the clicked node is a Deployment, not a PersistentVolumeClaim' });
    expect(await resolveExplorerTarget('c', apis)).toEqual({ ok: false, reason: 'the clicked node is a context, not a PersistentVolumeClaim' });
    expect(await resolveExplorerTarget('other', apis)).toEqual({ ok: false, reason: 'the clicked item is not a node of the Kubernetes cluster explorer' });
    expect(await resolveExplorerTarget(pvcTarget, fakeApis(new Map([[pvcTarget, pvcNode]]), { pathType: 'wsl', wslPath: '/root/.kube/config' })))
      .toMatchObject({ ok: false, reason: expect.stringContaining('inside WSL') });
  });

  it('works when the extension is missing (soft dependency)', async () => {
    const missing: KubernetesExtensionApis = {
      clusterExplorer: { v1_1: Promise.resolve({ available: false, reason: 'extension-not-available' }) },
      configuration: { v1: Promise.resolve({ available: false, reason: 'extension-not-available' }) },
    };
    expect(await resolveExplorerTarget(pvcTarget, missing)).toEqual({ ok: false, reason: 'cannot read the clicked node: the Kubernetes extension is not installed or not active' });
    const noConfiguration = { ...fakeApis(new Map([[pvcTarget, pvcNode]])), configuration: missing.configuration };
    expect(await resolveExplorerTarget(pvcTarget, noConfiguration)).toEqual({ ok: true, namespace: 'shop', name: 'data' });
  });
});

describe('the Kubernetes explorer menu contribution', () => {
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    contributes: { menus: Record<string, { command: string; when?: string; group?: string }[]>; commands: { command: string; enablement?: string }[] };
    extensionDependencies?: string[];
  };
  const entries = manifest.contributes.menus['view/item/context']!.filter((entry) => entry.command === 'kubectlClone.clonePvcFromKubernetesExplorer');

  it('is exactly one view/item/context entry with the documented when clause', () => {
    expect(entries).toEqual([{
      command: 'kubectlClone.clonePvcFromKubernetesExplorer',
      when: 'view == extension.vsKubernetesExplorer && viewItem =~ /vsKubernetes\\.resource\\.pvc/i && isWorkspaceTrusted',
      group: '2_kubectlClone',
    }]);
    // untrusted workspaces: the item is hidden (when), the command disabled (enablement) and hidden from the palette
    expect(manifest.contributes.commands.find((command) => command.command === 'kubectlClone.clonePvcFromKubernetesExplorer')?.enablement).toBe('isWorkspaceTrusted');
    expect(manifest.contributes.menus.commandPalette!.find((entry) => entry.command === 'kubectlClone.clonePvcFromKubernetesExplorer')?.when).toBe('false');
    expect(manifest.extensionDependencies ?? []).not.toContain('ms-kubernetes-tools.vscode-kubernetes-tools');
  });

  it('matches the PVC nodes\' viewItem (vsKubernetes.resource.${abbreviation}) and nothing else', () => {
    const [, pattern, flags] = /viewItem =~ \/(.+)\/(\w*) && isWorkspaceTrusted$/.exec(entries[0]!.when!) ?? [];
    const viewItem = new RegExp(pattern!, flags);
    for (const value of ['vsKubernetes.resource.pvc', 'vsKubernetes.resource.PVC', 'vsKubernetes.resource.pvc.custom']) expect(viewItem.test(value), value).toBe(true);
    for (const value of ['vsKubernetes.resource.pv', 'vsKubernetes.resource.pod', 'vsKubernetes.kind', 'vsKubernetesXresourceXpvc']) expect(viewItem.test(value), value).toBe(false);
  });
});
