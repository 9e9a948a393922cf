/**
 * external-provisioner's routing (P11, P12, P13) and the cross-namespace path (P14, P15, P16):
 * what passes the apiserver and is then decided by csi-provisioner.
 */
import { makeProfile, type TargetProfile } from '../../src/profile.js';
import { runRuleTests } from '../rule-tester.js';

const head = (name = 'clone', namespace = 'app') =>
  `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\nspec:\n` +
  '  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 3Gi\n';
const gateOn = makeProfile({ featureGates: 'CrossNamespaceVolumeDataSource=true' });
const apiserverOnly: TargetProfile = { ...gateOn, provisionerCrossNamespace: false };
const v128 = makeProfile({ kubernetesVersion: '1.28' });

const p11 = (group: string) =>
  `apiGroup "${group}" is not the core group: it clones here because external-provisioner only looks at the kind, but a ReferenceGrant ` +
  'must then name the same group, and the same spelling in spec.dataSource empties the volume; omit apiGroup';
runRuleTests('core-api-group', {
  valid: [
    head() + '  dataSourceRef:\n    kind: PersistentVolumeClaim\n    name: src\n',
    { name: 'in dataSource alone it is A12, not P11', text: head() + '  dataSource:\n    apiGroup: core\n    kind: PersistentVolumeClaim\n    name: src\n' },
  ],
  invalid: [
    {
      name: 'apiGroup: core in dataSourceRef still clones',
      text: head() + '  dataSourceRef:\n    apiGroup: «core»\n    kind: PersistentVolumeClaim\n    name: src\n',
      findings: [{ message: p11('core'), severity: 'warning' }],
      output: head() + '  dataSourceRef:\n    kind: PersistentVolumeClaim\n    name: src\n',
    },
    {
      name: 'apiGroup: v1 in both fields: both go, so they keep matching (A10)',
      text: head() + '  dataSource:\n    apiGroup: v1\n    kind: PersistentVolumeClaim\n    name: src\n  dataSourceRef:\n    apiGroup: «v1»\n    kind: PersistentVolumeClaim\n    name: src\n',
      findings: [{ message: p11('v1'), severity: 'warning' }],
      output: head() + '  dataSource:\n    kind: PersistentVolumeClaim\n    name: src\n  dataSourceRef:\n    kind: PersistentVolumeClaim\n    name: src\n',
    },
    {
      name: 'flow style: apiGroup "" instead of a re-layout',
      text: head() + '  dataSourceRef: {apiGroup: «core», kind: PersistentVolumeClaim, name: src}\n',
      findings: [{ message: p11('core'), severity: 'warning' }],
      output: head() + '  dataSourceRef: {apiGroup: "", kind: PersistentVolumeClaim, name: src}\n',
    },
  ],
});

const p13 = (group: string) =>
  `the claim stays Pending: "the PVC source does not belong to the right APIGroup. Expected snapshot.storage.k8s.io, Got ${group}"; use apiGroup: snapshot.storage.k8s.io`;
runRuleTests('snapshot-api-group', {
  valid: [
    head() + '  dataSourceRef:\n    apiGroup: snapshot.storage.k8s.io\n    kind: VolumeSnapshot\n    name: snap\n',
    { name: 'on >= 1.29 the apiserver rejects it first (A8)', text: head() + '  dataSourceRef:\n    apiGroup: snapshot.storage.k8s.io/v1\n    kind: VolumeSnapshot\n    name: snap\n' },
    { name: 'no group: rejected by validation (A7)', text: head() + '  dataSourceRef:\n    kind: VolumeSnapshot\n    name: snap\n' },
    { name: 'dataSource alone: dropped (A12)', profile: v128, text: head() + '  dataSource:\n    apiGroup: snapshot.storage.k8s.io/v1\n    kind: VolumeSnapshot\n    name: snap\n' },
  ],
  invalid: [
    {
      name: 'snapshot.storage.k8s.io/v1 in dataSourceRef on 1.28',
      profile: v128,
      text: head() + '  dataSourceRef:\n    apiGroup: «snapshot.storage.k8s.io/v1»\n    kind: VolumeSnapshot\n    name: snap\n',
      findings: [{ message: p13('snapshot.storage.k8s.io/v1'), severity: 'error' }],
      output: head() + '  dataSourceRef:\n    apiGroup: snapshot.storage.k8s.io\n    kind: VolumeSnapshot\n    name: snap\n',
    },
    {
      name: 'a valid DNS name that is the wrong group',
      text: head() + '  dataSourceRef: {apiGroup: «snapshot.k8s.io», kind: VolumeSnapshot, name: snap}\n',
      findings: [{ message: p13('snapshot.k8s.io'), severity: 'error' }],
      output: head() + '  dataSourceRef: {apiGroup: snapshot.storage.k8s.io, kind: VolumeSnapshot, name: snap}\n',
    },
  ],
});

runRuleTests('populator-source', {
  valid: [
    head() + '  dataSourceRef:\n    kind: PersistentVolumeClaim\n    name: src\n',
    { name: 'dropped from dataSource (A12): no populator sees it', text: head() + '  dataSource:\n    apiGroup: example.com\n    kind: Pop\n    name: p\n' },
    { name: 'core group with another kind: rejected (A7)', text: head() + '  dataSourceRef:\n    kind: pvc\n    name: src\n' },
    {
      name: 'apiGroup: core with kind pvc: a misspelled claim, not a populator (core-api-group and the kind rules say so)',
      text: head() + '  dataSourceRef:\n    apiGroup: core\n    kind: pvc\n    name: src\n',
    },
    {
      name: 'a misspelled snapshot group is a snapshot, not a populator',
      text: head() + '  dataSourceRef:\n    apiGroup: snapshot.storage.k8s.io/v1\n    kind: VolumeSnapshot\n    name: snap\n',
    },
    {
      name: 'never after a rejection of the same claim: an invalid apiGroup is refused by the apiserver first',
      text: head() + '  dataSourceRef:\n    apiGroup: Example_COM\n    kind: MyPopulator\n    name: pop\n',
    },
    {
      name: 'ephemeral template with a populator in dataSource: dropped when its claim is created',
      text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  volumes:\n    - name: v\n      ephemeral:\n        volumeClaimTemplate:\n' +
        '          spec:\n            accessModes: [ReadWriteOnce]\n            resources: {requests: {storage: 1Gi}}\n' +
        '            dataSource: {apiGroup: example.com, kind: Pop, name: p}\n',
    },
    {
      name: 'ephemeral template with kind: pvc: the Pod is rejected (A7)',
      text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  volumes:\n    - name: v\n      ephemeral:\n        volumeClaimTemplate:\n' +
        '          spec:\n            accessModes: [ReadWriteOnce]\n            resources: {requests: {storage: 1Gi}}\n' +
        '            dataSource: {kind: pvc, name: src}\n',
    },
  ],
  invalid: [
    {
      text: head() + '  dataSourceRef:\n    apiGroup: example.com\n    kind: «MyPopulator»\n    name: pop\n',
      findings: [{
        message: 'MyPopulator (example.com) is not a claim or a snapshot: external-provisioner leaves it to a volume populator ' +
          '("Assuming an external populator will provision the volume"); the claim stays Pending unless a populator controller for this kind runs',
        severity: 'info',
      }],
      output: null,
    },
  ],
});

const crossRef = (ns = 'prod', name = 'src') => `  dataSourceRef:\n    kind: PersistentVolumeClaim\n    name: ${name}\n    namespace: ${ns}\n`;
const sourceIn = (ns: string) =>
  `---\napiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: src\n  namespace: ${ns}\nspec:\n  accessModes: [ReadWriteOnce]\n` +
  '  resources: {requests: {storage: 3Gi}}\nstatus: {phase: Bound}\n';
const grant = (opts: { namespace?: string; fromNs?: string; fromGroup?: string; toGroup?: string; toName?: string; version?: string } = {}) =>
  `---\napiVersion: gateway.networking.k8s.io/${opts.version ?? 'v1beta1'}\nkind: ReferenceGrant\nmetadata:\n  name: allow-app\n  namespace: ${opts.namespace ?? 'prod'}\n` +
  `spec:\n  from:\n    - group: "${opts.fromGroup ?? ''}"\n      kind: PersistentVolumeClaim\n      namespace: ${opts.fromNs ?? 'app'}\n` +
  `  to:\n    - group: "${opts.toGroup ?? ''}"\n      kind: PersistentVolumeClaim\n` + (opts.toName !== undefined ? `      name: ${opts.toName}\n` : '');

runRuleTests('cross-namespace-provisioner-gate', {
  valid: [
    { name: 'both gates on', profile: gateOn, text: head() + crossRef() },
    { name: 'gate off on the apiserver: A13 (dropped) instead', profile: { ...makeProfile(), provisionerCrossNamespace: false }, text: head() + crossRef() },
    { name: 'same namespace', profile: apiserverOnly, text: head() + '  dataSourceRef: {kind: PersistentVolumeClaim, name: src}\n' },
  ],
  invalid: [
    {
      name: 'P14: the apiserver has the gate, csi-provisioner does not',
      profile: apiserverOnly,
      text: head() + crossRef('«prod»'),
      findings: [{ message: 'the clone stays Pending unless csi-provisioner runs with --feature-gates=CrossNamespaceVolumeDataSource=true ("dataSourceRef namespace specified but the CrossNamespaceVolumeDataSource feature is disabled")', severity: 'warning' }],
      output: null,
    },
  ],
});

const deniedBy = (grants: string) =>
  `the clone stays Pending ("accessing prod/src of PersistentVolumeClaim dataSource from app/clone isn't allowed"): the ReferenceGrant in prod ` +
  `(${grants}) does not allow PersistentVolumeClaims from app (from: group "", kind PersistentVolumeClaim) to reach PersistentVolumeClaim src (to: group "")`;
const appended =
  '---\napiVersion: gateway.networking.k8s.io/v1beta1\nkind: ReferenceGrant\nmetadata:\n  name: clone-app-clone\n  namespace: prod\n' +
  '  labels:\n    app.kubernetes.io/managed-by: kubectl-clone\nspec:\n  from:\n    - group: ""\n      kind: PersistentVolumeClaim\n      namespace: app\n' +
  '  to:\n    - group: ""\n      kind: PersistentVolumeClaim\n      name: src\n';
runRuleTests('reference-grant', {
  valid: [
    { name: 'a matching grant', profile: gateOn, text: head() + crossRef() + grant() },
    { name: 'a matching grant naming the source', profile: gateOn, text: head() + crossRef() + grant({ toName: 'src' }) },
    { name: 'a grant in live facts', profile: gateOn, text: head() + crossRef(), facts: { referenceGrants: [{ metadata: { name: 'g', namespace: 'prod' }, spec: { from: [{ group: '', kind: 'PersistentVolumeClaim', namespace: 'app' }], to: [{ group: '', kind: 'PersistentVolumeClaim' }] } }] } },
    { name: 'gate off: dropped (A13) before any grant matters', text: head() + crossRef() },
  ],
  invalid: [
    {
      name: 'no grant in the bundle: warning, and a grant is appended',
      profile: gateOn,
      text: head() + crossRef('«prod»'),
      findings: [{ message: 'no ReferenceGrant in prod allows this clone in these files: without one the clone stays Pending ("accessing prod/src of PersistentVolumeClaim dataSource from app/clone isn\'t allowed"); create one in prod from PersistentVolumeClaim in app to PersistentVolumeClaim src', severity: 'warning' }],
      output: head() + crossRef() + appended,
    },
    {
      name: 'no grant in a complete bundle: error',
      profile: { ...gateOn, complete: true },
      text: head() + crossRef('«prod»') + sourceIn('prod'),
      findings: [{ message: { contains: 'no ReferenceGrant in prod allows this clone in these files' }, severity: 'error' }],
      output: head() + crossRef() + sourceIn('prod') + appended,
    },
    {
      name: 'from.group "core" does not match',
      profile: gateOn,
      text: head() + crossRef('«prod»') + grant({ fromGroup: 'core' }),
      findings: [{ message: deniedBy('allow-app'), severity: 'error' }],
      output: null,
    },
    {
      name: 'grant from another namespace',
      profile: gateOn,
      text: head() + crossRef('«prod»') + grant({ fromNs: 'dev' }),
      findings: [{ message: deniedBy('allow-app'), severity: 'error' }],
      output: null,
    },
    {
      name: 'grant to another claim',
      profile: gateOn,
      text: head() + crossRef('«prod»') + grant({ toName: 'other' }),
      findings: [{ message: deniedBy('allow-app'), severity: 'error' }],
      output: null,
    },
    {
      name: 'a grant in the clone namespace instead of the source namespace: an error that says where it must live, and moves it',
      profile: gateOn,
      text: head() + crossRef('«prod»') + grant({ namespace: 'app' }),
      findings: [{
        message: 'the clone stays Pending ("accessing prod/src of PersistentVolumeClaim dataSource from app/clone isn\'t allowed"): ' +
          'ReferenceGrant allow-app allows this clone but is in namespace app; a ReferenceGrant must live in the namespace of what it ' +
          'grants access to, the source\'s: move it to namespace prod',
        severity: 'error',
      }],
      output: head() + crossRef() + grant({ namespace: 'prod' }),
    },
  ],
});

runRuleTests('cross-namespace-clone-protection', {
  valid: [
    { profile: gateOn, text: head() + '  dataSource:\n    kind: PersistentVolumeClaim\n    name: src\n' },
    { name: 'gate off: dropped', text: head() + crossRef() },
  ],
  invalid: [
    {
      profile: gateOn,
      text: head() + crossRef('prod', '«src»') + grant(),
      findings: [{ message: 'the cloning-protection finalizer does not cover cross-namespace clones: do not delete src until this clone is Bound', severity: 'info' }],
      output: null,
    },
  ],
});
