/**
 * The apiserver's silent drops (A12, A13, A14) and the field that does not exist (A17): the
 * traps where a clone comes out EMPTY with no error. Every spelling from the reference's A12 row
 * and "Factual errors circulating" section is here.
 */
import { makeProfile } from '../../src/profile.js';
import { describe } from 'vitest';
import { runRuleTests } from '../rule-tester.js';

const head = (name: string, namespace = 'app') =>
  `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\nspec:\n` +
  '  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 3Gi\n';

const dropped = 'the apiserver will silently drop this dataSource and provision an EMPTY volume: ';
const pvcKind = (kind: string) => `kind is case-sensitive and "${kind}" is not a kind: use PersistentVolumeClaim`;
const notCore = (group: string) => `apiGroup "${group}" is not the core group: omit apiGroup (the core group is "")`;

runRuleTests('datasource-silently-dropped', {
  valid: [
    head('clone') + '  dataSource:\n    kind: PersistentVolumeClaim\n    name: src\n',
    { name: 'apiGroup "" is the core group for A12', text: head('clone') + '  dataSource:\n    apiGroup: ""\n    kind: PersistentVolumeClaim\n    name: src\n' },
    { name: 'apiGroup: null is the core group', text: head('clone') + '  dataSource:\n    apiGroup: null\n    kind: PersistentVolumeClaim\n    name: src\n' },
    head('clone') + '  dataSource:\n    apiGroup: snapshot.storage.k8s.io\n    kind: VolumeSnapshot\n    name: snap\n',
    { name: 'populator in dataSourceRef', text: head('clone') + '  dataSourceRef:\n    apiGroup: example.com\n    kind: MyPopulator\n    name: pop\n' },
    {
      name: 'dataSource survives step 3 when dataSourceRef is also given (A7/A10 judge it instead)',
      text: head('clone') + '  dataSource:\n    kind: pvc\n    name: src\n  dataSourceRef:\n    kind: pvc\n    name: src\n',
    },
    {
      name: 'ephemeral template: an invalid core-group kind is rejected with the Pod (A7), not dropped',
      text:
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  volumes:\n    - name: scratch\n      ephemeral:\n' +
        '        volumeClaimTemplate:\n          spec:\n            accessModes: [ReadWriteOnce]\n' +
        '            resources: {requests: {storage: 1Gi}}\n            dataSource: {kind: pvc, name: src}\n',
    },
  ],
  invalid: [
    {
      name: 'kind: pvc (comment kept by the fix)',
      text: head('clone') + '  dataSource:\n    kind: «pvc» # the source\n    name: src\n',
      findings: [{ message: dropped + pvcKind('pvc'), severity: 'error' }],
      output: head('clone') + '  dataSource:\n    kind: PersistentVolumeClaim # the source\n    name: src\n',
    },
    {
      name: 'kind: persistentvolumeclaim with apiGroup: core',
      text: head('clone') + '  dataSource:\n    apiGroup: core\n    kind: «persistentvolumeclaim»\n    name: src\n',
      findings: [{ message: dropped + `${pvcKind('persistentvolumeclaim')}; ${notCore('core')}`, severity: 'error' }],
      output: head('clone') + '  dataSource:\n    kind: PersistentVolumeClaim\n    name: src\n',
    },
    {
      name: 'apiGroup: v1 with the right kind',
      text: head('clone') + '  dataSource:\n    kind: PersistentVolumeClaim\n    apiGroup: «v1»\n    name: src\n',
      findings: [{ message: dropped + notCore('v1'), severity: 'error' }],
      output: head('clone') + '  dataSource:\n    kind: PersistentVolumeClaim\n    name: src\n',
    },
    {
      name: 'flow-style map: the fix keeps flow style',
      text: head('clone') + '  dataSource: {kind: «pvc», name: src, apiGroup: core}\n',
      findings: [{ message: dropped + `${pvcKind('pvc')}; ${notCore('core')}`, severity: 'error' }],
      // a flow map's pair cannot be cut out without a re-layout: apiGroup "" is the core group for A12
      output: head('clone') + '  dataSource: {kind: PersistentVolumeClaim, name: src, apiGroup: ""}\n',
    },
    {
      name: 'VolumeSnapshot without apiGroup: the group is inserted',
      text: head('clone') + '  «dataSource»:\n    kind: VolumeSnapshot\n    name: snap\n',
      findings: [{ message: dropped + 'a VolumeSnapshot needs apiGroup: snapshot.storage.k8s.io', severity: 'error' }],
      output: head('clone') + '  dataSource:\n    apiGroup: snapshot.storage.k8s.io\n    kind: VolumeSnapshot\n    name: snap\n',
    },
    {
      name: 'VolumeSnapshot without apiGroup, flow style',
      text: head('clone') + '  «dataSource»: {name: snap, kind: VolumeSnapshot}\n',
      findings: [{ message: dropped + 'a VolumeSnapshot needs apiGroup: snapshot.storage.k8s.io', severity: 'error' }],
      output: head('clone') + '  dataSource: {apiGroup: snapshot.storage.k8s.io, name: snap, kind: VolumeSnapshot}\n',
    },
    {
      name: 'apiGroup: snapshot.storage.k8s.io/v1 in dataSource',
      text: head('clone') + '  dataSource:\n    apiGroup: «snapshot.storage.k8s.io/v1»\n    kind: VolumeSnapshot\n    name: snap\n',
      findings: [{ message: dropped + 'apiGroup is a group, not group/version: use snapshot.storage.k8s.io', severity: 'error' }],
      output: head('clone') + '  dataSource:\n    apiGroup: snapshot.storage.k8s.io\n    kind: VolumeSnapshot\n    name: snap\n',
    },
    {
      name: 'kind: volumesnapshot',
      text: head('clone') + '  dataSource:\n    apiGroup: snapshot.storage.k8s.io\n    kind: «volumesnapshot»\n    name: snap\n',
      findings: [{ message: dropped + 'kind is case-sensitive: use VolumeSnapshot', severity: 'error' }],
      output: head('clone') + '  dataSource:\n    apiGroup: snapshot.storage.k8s.io\n    kind: VolumeSnapshot\n    name: snap\n',
    },
    {
      name: 'a populator CR in dataSource moves to dataSourceRef',
      text: head('clone') + '  dataSource:\n    apiGroup: example.com\n    kind: «MyPopulator»\n    name: pop\n',
      findings: [{
        message: dropped + 'dataSource only accepts PersistentVolumeClaim (core group) and VolumeSnapshot (snapshot.storage.k8s.io); ' +
          'a MyPopulator (example.com) is a volume populator and belongs in spec.dataSourceRef',
        severity: 'error',
      }],
      output: head('clone') + '  dataSourceRef:\n    apiGroup: example.com\n    kind: MyPopulator\n    name: pop\n',
    },
    {
      name: 'StatefulSet volumeClaimTemplates: the controller creates PVCs, which are dropped',
      text:
        'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  volumeClaimTemplates:\n    - metadata:\n        name: data\n' +
        '      spec:\n        accessModes: [ReadWriteOnce]\n        resources: {requests: {storage: 1Gi}}\n' +
        '        dataSource:\n          kind: «pvc»\n          name: src\n',
      findings: [{
        message: "the apiserver will silently drop this template's dataSource when it creates the claim and provision an EMPTY volume: " + pvcKind('pvc'),
        severity: 'error',
      }],
      output:
        'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  volumeClaimTemplates:\n    - metadata:\n        name: data\n' +
        '      spec:\n        accessModes: [ReadWriteOnce]\n        resources: {requests: {storage: 1Gi}}\n' +
        '        dataSource:\n          kind: PersistentVolumeClaim\n          name: src\n',
    },
    {
      name: 'ephemeral template with a populator in dataSource: passes Pod validation, dropped when the claim is created',
      text:
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      volumes:\n        - name: scratch\n' +
        '          ephemeral:\n            volumeClaimTemplate:\n              spec:\n                accessModes: [ReadWriteOnce]\n' +
        '                resources: {requests: {storage: 1Gi}}\n                dataSource: {apiGroup: example.com, kind: «Pop», name: p}\n',
      findings: [{
        message: "the apiserver will silently drop this template's dataSource when it creates the claim and provision an EMPTY volume: " +
          'dataSource only accepts PersistentVolumeClaim (core group) and VolumeSnapshot (snapshot.storage.k8s.io); ' +
          'a Pop (example.com) is a volume populator and belongs in spec.dataSourceRef',
        severity: 'error',
      }],
      output:
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      volumes:\n        - name: scratch\n' +
        '          ephemeral:\n            volumeClaimTemplate:\n              spec:\n                accessModes: [ReadWriteOnce]\n' +
        '                resources: {requests: {storage: 1Gi}}\n                dataSourceRef: {apiGroup: example.com, kind: Pop, name: p}\n',
    },
    {
      name: 'items of a kind: List',
      text:
        'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: PersistentVolumeClaim\n    metadata: {name: c1}\n' +
        '    spec:\n      accessModes: [ReadWriteOnce]\n      resources: {requests: {storage: 1Gi}}\n      dataSource: {kind: «pvc», name: x}\n' +
        '  - {apiVersion: v1, kind: PersistentVolumeClaim, metadata: {name: c2}, spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}, «dataSource»: {name: x, kind: VolumeSnapshot}}}\n',
      findings: [
        { message: dropped + pvcKind('pvc'), severity: 'error' },
        { message: dropped + 'a VolumeSnapshot needs apiGroup: snapshot.storage.k8s.io', severity: 'error' },
      ],
      output:
        'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: PersistentVolumeClaim\n    metadata: {name: c1}\n' +
        '    spec:\n      accessModes: [ReadWriteOnce]\n      resources: {requests: {storage: 1Gi}}\n      dataSource: {kind: PersistentVolumeClaim, name: x}\n' +
        '  - {apiVersion: v1, kind: PersistentVolumeClaim, metadata: {name: c2}, spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}, dataSource: {apiGroup: snapshot.storage.k8s.io, name: x, kind: VolumeSnapshot}}}\n',
    },
    {
      name: 'CRLF line endings: ranges and fixes stay on the right characters',
      crlf: true,
      text: head('clone') + '  dataSource:\n    apiGroup: core # not a group\n    kind: «pvc»\n    name: src\n',
      findings: [{ message: dropped + `${pvcKind('pvc')}; ${notCore('core')}`, severity: 'error' }],
      output: head('clone') + '  dataSource:\n    kind: PersistentVolumeClaim\n    name: src\n',
    },
    {
      name: 'A13 first: dataSourceRef.namespace is dropped, then the remaining dataSource is judged alone',
      text: head('clone') + '  dataSource:\n    kind: «pvc»\n    name: src\n  dataSourceRef:\n    kind: PersistentVolumeClaim\n    name: src\n    namespace: prod\n',
      findings: [{ message: dropped + pvcKind('pvc'), severity: 'error' }],
      output: head('clone') + '  dataSource:\n    kind: PersistentVolumeClaim\n    name: src\n  dataSourceRef:\n    kind: PersistentVolumeClaim\n    name: src\n    namespace: prod\n',
    },
  ],
});

const gateOn = makeProfile({ featureGates: 'CrossNamespaceVolumeDataSource=true' });
const a13Cross =
  'dataSourceRef.namespace needs the alpha feature gate CrossNamespaceVolumeDataSource, which is off by default. ' +
  'Enable the gate on kube-apiserver, kube-controller-manager and csi-provisioner (with a ReferenceGrant), or clone within one namespace.';
const a13Own =
  "dataSourceRef.namespace needs the alpha feature gate CrossNamespaceVolumeDataSource, which is off by default. The namespace is the claim's own: remove it.";

runRuleTests('cross-namespace-ref-dropped', {
  valid: [
    head('clone') + '  dataSourceRef:\n    kind: PersistentVolumeClaim\n    name: src\n',
    { name: 'ephemeral template, gate on: kept', text:
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: app\nspec:\n  volumes:\n    - name: v\n      ephemeral:\n        volumeClaimTemplate:\n' +
      '          spec:\n            accessModes: [ReadWriteOnce]\n            resources: {requests: {storage: 1Gi}}\n' +
      '            dataSourceRef: {kind: PersistentVolumeClaim, name: src, namespace: prod}\n', profile: gateOn },
  ],
  invalid: [
    {
      name: 'ephemeral template, gate off: the Pod is accepted, and the claim created from it loses its dataSourceRef',
      text:
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: app\nspec:\n  volumes:\n    - name: v\n      ephemeral:\n        volumeClaimTemplate:\n' +
        '          spec:\n            accessModes: [ReadWriteOnce]\n            resources: {requests: {storage: 1Gi}}\n' +
        '            dataSourceRef: {kind: PersistentVolumeClaim, name: src, namespace: «prod»}\n',
      findings: [{ message: "the apiserver will silently drop this template's whole dataSourceRef when it creates the claim and the claim is provisioned as an EMPTY volume: " + a13Cross, severity: 'error' }],
      output: null,
    },
    {
      name: 'gate off, no dataSource: the claim comes out EMPTY',
      text: head('clone') + '  dataSourceRef:\n    kind: PersistentVolumeClaim\n    name: src\n    namespace: «prod»\n',
      findings: [{ message: 'the apiserver will silently drop this whole dataSourceRef and the claim is provisioned as an EMPTY volume: ' + a13Cross, severity: 'error' }],
      output: null,
    },
    {
      name: 'gate off, with a dataSource: a same-namespace clone of dataSource.name instead',
      text: head('clone') + '  dataSource:\n    kind: PersistentVolumeClaim\n    name: other\n  dataSourceRef:\n    kind: PersistentVolumeClaim\n    name: src\n    namespace: «prod»\n',
      findings: [{ message: 'the apiserver will silently drop this whole dataSourceRef and the claim is cloned from other in its own namespace instead: ' + a13Cross, severity: 'error' }],
      output: null,
    },
    {
      name: "gate off, the claim's own namespace: \"harmless\" is false, and the namespace is removed",
      text: head('clone') + '  dataSourceRef:\n    kind: PersistentVolumeClaim # same namespace\n    name: src\n    namespace: «app»\n',
      findings: [{ message: 'the apiserver will silently drop this whole dataSourceRef and the claim is provisioned as an EMPTY volume: ' + a13Own, severity: 'error' }],
      output: head('clone') + '  dataSourceRef:\n    kind: PersistentVolumeClaim # same namespace\n    name: src\n',
    },
    {
      name: 'gate on: a warning that the feature is alpha',
      profile: gateOn,
      text: head('clone') + '  dataSourceRef: {kind: PersistentVolumeClaim, name: src, namespace: «prod»}\n',
      findings: [{
        message:
          'cross-namespace data sources are an alpha feature (CrossNamespaceVolumeDataSource): the gate must be on kube-apiserver, ' +
          'kube-controller-manager and csi-provisioner, and a ReferenceGrant must exist in namespace prod; on any cluster without the ' +
          'gate this dataSourceRef is silently dropped',
        severity: 'warning',
      }],
      output: null,
    },
  ],
});

const v123 = makeProfile({ kubernetesVersion: '1.23' });
runRuleTests('datasource-ref-unsupported', {
  valid: [
    { name: '1.24 has AnyVolumeDataSource on', profile: makeProfile({ kubernetesVersion: '1.24' }), text: head('clone') + '  dataSourceRef:\n    kind: PersistentVolumeClaim\n    name: src\n' },
    { name: 'dataSource is fine on 1.23', profile: v123, text: head('clone') + '  dataSource:\n    kind: PersistentVolumeClaim\n    name: src\n' },
    { name: 'the gate cannot be turned off from 1.33', profile: makeProfile({ kubernetesVersion: '1.33', featureGates: 'AnyVolumeDataSource=false' }), text: head('clone') + '  dataSourceRef:\n    kind: PersistentVolumeClaim\n    name: src\n' },
  ],
  invalid: [
    {
      name: 'A14 on 1.23: dataSourceRef alone is dropped; rename to dataSource',
      profile: v123,
      text: head('clone') + '  «dataSourceRef»:\n    kind: PersistentVolumeClaim\n    name: src\n',
      findings: [{
        message: 'Kubernetes 1.23 without the AnyVolumeDataSource gate silently drops spec.dataSourceRef, so the claim comes out EMPTY; ' +
          'use spec.dataSource for a PersistentVolumeClaim or VolumeSnapshot source',
        severity: 'warning',
      }],
      output: head('clone') + '  dataSource:\n    kind: PersistentVolumeClaim\n    name: src\n',
    },
    {
      name: 'gate explicitly disabled on 1.30; a populator cannot move to dataSource',
      profile: makeProfile({ kubernetesVersion: '1.30', featureGates: 'AnyVolumeDataSource=false' }),
      text: head('clone') + '  «dataSourceRef»:\n    apiGroup: example.com\n    kind: Pop\n    name: p\n',
      findings: [{ message: 'Kubernetes 1.30 without the AnyVolumeDataSource gate silently drops spec.dataSourceRef, so the claim comes out EMPTY', severity: 'warning' }],
      output: null,
    },
    {
      name: 'both fields on 1.23: only dataSourceRef goes',
      profile: v123,
      text: head('clone') + '  dataSource:\n    kind: PersistentVolumeClaim\n    name: src\n  «dataSourceRef»:\n    kind: PersistentVolumeClaim\n    name: src\n',
      findings: [{ message: 'Kubernetes 1.23 without the AnyVolumeDataSource gate silently drops spec.dataSourceRef', severity: 'warning' }],
      output: null,
    },
  ],
});

const a17 =
  'spec.dataSource has no namespace field: kubectl rejects this claim (strict decoding error: unknown field "spec.dataSource.namespace"), ' +
  "and clients that do not validate drop the field, so the source is looked up in the claim's own namespace. ";
const grant = (name: string, from: string, to: string, source: string) =>
  `---\napiVersion: gateway.networking.k8s.io/v1beta1\nkind: ReferenceGrant\nmetadata:\n  name: ${name}\n  namespace: ${to}\n` +
  '  labels:\n    app.kubernetes.io/managed-by: kubectl-clone\nspec:\n  from:\n    - group: ""\n      kind: PersistentVolumeClaim\n' +
  `      namespace: ${from}\n  to:\n    - group: ""\n      kind: PersistentVolumeClaim\n      name: ${source}\n`;

runRuleTests('datasource-namespace-field', {
  valid: [
    head('clone') + '  dataSourceRef:\n    kind: PersistentVolumeClaim\n    name: src\n    namespace: prod\n',
  ],
  invalid: [
    {
      name: 'the "cross-namespace since 1.16" myth, on a cluster without the gate: no fix (it would become a silent drop, A13)',
      text: head('clone') + '  dataSource:\n    kind: PersistentVolumeClaim\n    name: src\n    namespace: «prod» # cross-namespace?\n',
      findings: [{
        message: a17 + 'A cross-namespace source is written as spec.dataSourceRef with namespace, needs the alpha gate ' +
          'CrossNamespaceVolumeDataSource, and a ReferenceGrant in the source namespace.',
        severity: 'error',
      }],
      output: null,
    },
    {
      name: 'the "cross-namespace since 1.16" myth, gate on: moved to dataSourceRef, a ReferenceGrant appended',
      profile: gateOn,
      text: head('clone') + '  dataSource:\n    kind: PersistentVolumeClaim\n    name: src\n    namespace: «prod» # cross-namespace?\n',
      findings: [{
        message: a17 + 'A cross-namespace source is written as spec.dataSourceRef with namespace, needs the alpha gate ' +
          'CrossNamespaceVolumeDataSource, and a ReferenceGrant in the source namespace.',
        severity: 'error',
      }],
      output: head('clone') + '  dataSourceRef:\n    kind: PersistentVolumeClaim\n    name: src\n    namespace: prod # cross-namespace?\n' +
        grant('clone-app-clone', 'app', 'prod', 'src'),
    },
    {
      name: 'an existing grant is not added twice',
      profile: gateOn,
      text: head('clone') + '  dataSource:\n    kind: PersistentVolumeClaim\n    name: src\n    namespace: «prod»\n' + grant('clone-app-clone', 'app', 'prod', 'src'),
      findings: [{ message: { contains: 'A cross-namespace source is written as spec.dataSourceRef' }, severity: 'error' }],
      output: head('clone') + '  dataSourceRef:\n    kind: PersistentVolumeClaim\n    name: src\n    namespace: prod\n' + grant('clone-app-clone', 'app', 'prod', 'src'),
    },
    {
      name: "the claim's own namespace: removed",
      text: head('clone') + '  dataSource:\n    kind: PersistentVolumeClaim\n    name: src\n    namespace: «app»\n  storageClassName: hostpath\n',
      findings: [{ message: a17 + "The namespace is the claim's own: remove it.", severity: 'error' }],
      output: head('clone') + '  dataSource:\n    kind: PersistentVolumeClaim\n    name: src\n  storageClassName: hostpath\n',
    },
    {
      name: 'no fix when the clone namespace is unknown',
      text: 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: clone\nspec:\n  accessModes: [ReadWriteOnce]\n  resources: {requests: {storage: 1Gi}}\n' +
        '  dataSource: {kind: PersistentVolumeClaim, name: src, namespace: «prod»}\n',
      findings: [{ message: { contains: 'A cross-namespace source is written as spec.dataSourceRef' }, severity: 'error' }],
      output: null,
    },
  ],
});

describe('CRLF files keep CRLF line endings through fixes', () => {
  runRuleTests('datasource-silently-dropped', {
    valid: [],
    invalid: [
      {
        name: 'CRLF: an inserted apiGroup line ends in CRLF',
        crlf: true,
        text: head('clone') + '  «dataSource»:\n    kind: VolumeSnapshot\n    name: snap\n',
        findings: [{ message: dropped + 'a VolumeSnapshot needs apiGroup: snapshot.storage.k8s.io', severity: 'error' }],
        output: head('clone') + '  dataSource:\n    apiGroup: snapshot.storage.k8s.io\n    kind: VolumeSnapshot\n    name: snap\n',
      },
    ],
  });
  runRuleTests('datasource-namespace-field', {
    valid: [],
    invalid: [
      {
        name: 'CRLF: the appended ReferenceGrant uses CRLF',
        crlf: true,
        profile: gateOn,
        text: head('clone') + '  dataSource:\n    kind: PersistentVolumeClaim\n    name: src\n    namespace: «prod»\n',
        findings: [{ message: { contains: 'A cross-namespace source is written as spec.dataSourceRef' }, severity: 'error' }],
        output: head('clone') + '  dataSourceRef:\n    kind: PersistentVolumeClaim\n    name: src\n    namespace: prod\n' + grant('clone-app-clone', 'app', 'prod', 'src'),
      },
    ],
  });
});
