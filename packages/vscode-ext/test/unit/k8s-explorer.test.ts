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
