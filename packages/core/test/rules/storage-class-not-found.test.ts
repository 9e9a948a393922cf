/** K4: a class the cluster does not have, known only with the cluster's list of classes. */
import type { ClusterFacts } from '../../src/facts.js';
import { runRuleTests } from '../rule-tester.js';

const source =
  'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: src\nspec:\n  accessModes: [ReadWriteOnce]\n  storageClassName: hostpath\n' +
  '  resources:\n    requests:\n      storage: 1Gi\nstatus:\n  phase: Bound\n---\n';
const clone = (className: string) =>
  'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: clone\nspec:\n  accessModes: [ReadWriteOnce]\n' +
  `  storageClassName: ${className}\n  resources:\n    requests:\n      storage: 1Gi\n  dataSource:\n    kind: PersistentVolumeClaim\n    name: src\n`;
const cluster: ClusterFacts = {
  storageClasses: [
    { metadata: { name: 'hostpath' }, provisioner: 'hostpath.csi.k8s.io' },
    { metadata: { name: 'hostpath-wffc' }, provisioner: 'hostpath.csi.k8s.io', volumeBindingMode: 'WaitForFirstConsumer' },
  ],
};

runRuleTests('storage-class-not-found', {
  valid: [
    { name: 'a class the cluster has', text: source + clone('hostpath-wffc'), facts: cluster },
    { name: 'no cluster facts: a bundle of files rarely holds every class', text: source + clone('nope') },
    { name: 'classes that could not be read are unknown, not absent', text: source + clone('nope'), facts: {} },
    { name: 'a class defined in the bundle itself', text: 'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: nope\nprovisioner: hostpath.csi.k8s.io\n---\n' + source + clone('nope'), facts: cluster },
    { name: 'not a clone', text: clone('nope').replace(/ {2}dataSource:\n.*\n.*\n$/, ''), facts: cluster },
  ],
  invalid: [
    {
      name: 'names the missing class and the ones there are',
      text: source + clone('«nope»'),
      facts: cluster,
      findings: [{ message: 'the clone stays Pending: storageclass.storage.k8s.io "nope" not found in the cluster; it has hostpath, hostpath-wffc (kubectl get storageclass)', severity: 'error' }],
      output: null,
    },
    {
      name: 'a cluster with no class at all',
      text: source + clone('«nope»'),
      facts: { storageClasses: [] },
      findings: [{ message: 'the clone stays Pending: storageclass.storage.k8s.io "nope" not found in the cluster; it has no StorageClass (kubectl get storageclass)', severity: 'error' }],
      output: null,
    },
  ],
});
