/**
 * ValidatePersistentVolumeClaimSpec (A1-A11, A18, A19) and quantity decoding (A4), run on the
 * data sources as they stand after the apiserver's drop and normalize steps.
 */
import { makeProfile } from '../../src/profile.js';
import { runRuleTests } from '../rule-tester.js';

const meta = 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: clone\n  namespace: app\nspec:\n';
const head = meta + '  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 3Gi\n';
const gateOn = makeProfile({ featureGates: 'CrossNamespaceVolumeDataSource=true' });
const v128 = makeProfile({ kubernetesVersion: '1.28' });
const sized = (storage: string) => meta + `  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: ${storage}\n`;

runRuleTests('storage-request-required', {
  valid: [head],
  invalid: [
    {
      name: 'requests without storage: the requests key, and the hint names the source',
      text: meta + '  accessModes: [ReadWriteOnce]\n  resources:\n    «requests»:\n      cpu: 1\n  dataSource: {kind: PersistentVolumeClaim, name: src}\n',
      findings: [{ message: 'the apiserver rejects this claim (spec.resources[storage]: Required value): set spec.resources.requests.storage at least the size of src', severity: 'error' }],
      output: null,
    },
    {
      name: 'no resources at all: the spec key',
      text: meta.replace('spec:\n', '«spec»:\n') + '  accessModes: [ReadWriteOnce]\n',
      findings: [{ message: 'the apiserver rejects this claim (spec.resources[storage]: Required value): set spec.resources.requests.storage', severity: 'error' }],
      output: null,
    },
  ],
});

runRuleTests('storage-request-positive', {
  valid: [head, sized('1')],
  invalid: [
    {
      text: sized('«0»'),
      findings: [{ message: 'the apiserver rejects this claim (spec.resources[storage]: Invalid value: "0": must be greater than zero)', severity: 'error' }],
      output: null,
    },
    {
      text: sized('«-1Gi»'),
      findings: [{ message: 'the apiserver rejects this claim (spec.resources[storage]: Invalid value: "-1Gi": must be greater than zero)', severity: 'error' }],
      output: null,
    },
  ],
});

const fractional = (q: string, bytes: string) =>
  `the apiserver warns: fractional byte value "${q}" is invalid, must be an integer; the claim gets ${bytes} bytes (rounded up): write a whole number of bytes`;
runRuleTests('storage-request-fractional', {
  valid: [sized('2'), sized('1.5Gi'), sized('1500M'), sized('1e3'), sized('"2.5k"')],
  invalid: [
    { text: sized('«1.5»'), findings: [{ message: fractional('1.5', '2'), severity: 'warning' }], output: sized('2') },
    { text: sized('«100m»'), findings: [{ message: fractional('100m', '1'), severity: 'warning' }], output: sized('1') },
    { text: sized('«"2.0005k"» # quoted'), findings: [{ message: fractional('2.0005k', '2001'), severity: 'warning' }], output: sized('2001 # quoted') },
  ],
});

const notQuantity = (q: string, hint: string) =>
  `the apiserver rejects this claim: "${q}" is not a quantity (quantities must match the regular expression ` +
  `'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'); use a number with a suffix such as Gi, Mi, G or M${hint}`;
runRuleTests('quantity-syntax', {
  valid: [head, sized('3G'), sized('3072Mi'), sized('3221225472'), sized('1e9'), sized('100m')],
  invalid: [
    { text: sized('«3GB»'), findings: [{ message: notQuantity('3GB', ' ("3G"?)'), severity: 'error' }], output: sized('3G') },
    { text: sized('«3gi»'), findings: [{ message: notQuantity('3gi', ' ("3Gi"?)'), severity: 'error' }], output: sized('3Gi') },
    { text: sized('«"3 Gi"»'), findings: [{ message: notQuantity('3 Gi', ' ("3Gi"?)'), severity: 'error' }], output: sized('3Gi') },
    { text: sized('«10GiB»'), findings: [{ message: notQuantity('10GiB', ' ("10Gi"?)'), severity: 'error' }], output: sized('10Gi') },
    { text: sized('«lots»'), findings: [{ message: { contains: 'the apiserver rejects this claim: "lots" is not a quantity' }, severity: 'error' }], output: null },
    {
      name: 'limits are decoded too',
      text: head + '    limits:\n      storage: «5gb»\n',
      findings: [{ message: notQuantity('5gb', ' ("5G"?)'), severity: 'error' }],
      output: head + '    limits:\n      storage: 5G\n',
    },
  ],
});

runRuleTests('access-modes-required', {
  valid: [head],
  invalid: [
    {
      name: 'missing: the spec key',
      text: meta.replace('spec:', '«spec»:') + '  resources: {requests: {storage: 1Gi}}\n',
      findings: [{ message: "the apiserver rejects this claim (spec.accessModes: Required value: at least 1 access mode is required): add accessModes, e.g. [ReadWriteOnce] (a clone usually copies the source's)", severity: 'error' }],
      output: null,
    },
    {
      name: 'empty list',
      text: meta + '  accessModes: «[]»\n  resources: {requests: {storage: 1Gi}}\n',
      findings: [{ message: { contains: 'at least 1 access mode is required' }, severity: 'error' }],
      output: null,
    },
  ],
});

const a18 = (mode: string) => `the apiserver rejects this claim (spec.volumeMode: Unsupported value: "${mode}": supported values: "Block", "Filesystem")`;
runRuleTests('volume-mode-invalid', {
  valid: [head + '  volumeMode: Block\n', head + '  volumeMode: Filesystem\n', head],
  invalid: [
    { text: head + '  volumeMode: «block»\n', findings: [{ message: a18('block') + ': the value is case-sensitive, use Block', severity: 'error' }], output: head + '  volumeMode: Block\n' },
    { text: head + '  volumeMode: «FILESYSTEM» # shouting\n', findings: [{ message: a18('FILESYSTEM') + ': the value is case-sensitive, use Filesystem', severity: 'error' }], output: head + '  volumeMode: Filesystem # shouting\n' },
    { text: head + '  volumeMode: «raw»\n', findings: [{ message: a18('raw'), severity: 'error' }], output: null },
  ],
});

runRuleTests('datasource-name-required', {
  valid: [head + '  dataSource: {kind: PersistentVolumeClaim, name: src}\n'],
  invalid: [
    {
      name: 'normalized into both fields: both paths are reported',
      text: head + '  «dataSource»:\n    kind: PersistentVolumeClaim\n',
      findings: [{ message: 'the apiserver rejects this claim (spec.dataSource.name: Required value, spec.dataSourceRef.name: Required value): name the source PersistentVolumeClaim', severity: 'error' }],
      output: null,
    },
    {
      name: 'empty name in dataSourceRef',
      text: head + '  dataSourceRef: {kind: PersistentVolumeClaim, name: «""»}\n',
      findings: [{ message: 'the apiserver rejects this claim (spec.dataSource.name: Required value, spec.dataSourceRef.name: Required value): name the source PersistentVolumeClaim', severity: 'error' }],
      output: null,
    },
  ],
});

runRuleTests('datasource-kind-required', {
  valid: [head + '  dataSourceRef: {kind: PersistentVolumeClaim, name: src}\n'],
  invalid: [
    {
      text: head + '  «dataSourceRef»:\n    name: src\n',
      findings: [{ message: 'the apiserver rejects this claim (spec.dataSource.kind: Required value, spec.dataSourceRef.kind: Required value): set kind: PersistentVolumeClaim to clone a claim', severity: 'error' }],
      output: null,
    },
  ],
});

const a7 = (paths: string, kind: string) =>
  `the apiserver rejects this claim (${paths}: Invalid value: "${kind}": must be 'PersistentVolumeClaim' when referencing the default apiGroup)`;
runRuleTests('datasource-kind-core-group', {
  valid: [
    head + '  dataSourceRef: {kind: PersistentVolumeClaim, name: src}\n',
    { name: 'dataSource alone is dropped before validation (A12), not rejected', text: head + '  dataSource: {kind: pvc, name: src}\n' },
  ],
  invalid: [
    {
      name: 'VolumeSnapshot without apiGroup in dataSourceRef',
      text: head + '  dataSourceRef:\n    kind: «VolumeSnapshot»\n    name: snap\n',
      findings: [{ message: a7('spec.dataSource, spec.dataSourceRef', 'VolumeSnapshot') + ': a VolumeSnapshot needs apiGroup: snapshot.storage.k8s.io', severity: 'error' }],
      output: head + '  dataSourceRef:\n    apiGroup: snapshot.storage.k8s.io\n    kind: VolumeSnapshot\n    name: snap\n',
    },
    {
      name: 'kind: pvc in both fields: each is rejected',
      text: head + '  dataSource:\n    kind: «pvc»\n    name: src\n  dataSourceRef:\n    kind: «pvc»\n    name: src\n',
      findings: [
        { message: a7('spec.dataSource', 'pvc') + ': kind is case-sensitive and "pvc" is not a kind: use PersistentVolumeClaim', severity: 'error' },
        { message: a7('spec.dataSourceRef', 'pvc') + ': kind is case-sensitive and "pvc" is not a kind: use PersistentVolumeClaim', severity: 'error' },
      ],
      output: head + '  dataSource:\n    kind: PersistentVolumeClaim\n    name: src\n  dataSourceRef:\n    kind: PersistentVolumeClaim\n    name: src\n',
    },
    {
      name: 'ephemeral template: the Pod is rejected (no silent drop for templates)',
      text:
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  volumes:\n    - name: scratch\n      ephemeral:\n        volumeClaimTemplate:\n' +
        '          spec:\n            accessModes: [ReadWriteOnce]\n            resources: {requests: {storage: 1Gi}}\n' +
        '            dataSource: {kind: «pvc», name: src}\n',
      findings: [{ message: 'the apiserver rejects this Pod (spec.dataSource: Invalid value: "pvc": must be \'PersistentVolumeClaim\' when referencing the default apiGroup): kind is case-sensitive and "pvc" is not a kind: use PersistentVolumeClaim', severity: 'error' }],
      output:
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  volumes:\n    - name: scratch\n      ephemeral:\n        volumeClaimTemplate:\n' +
        '          spec:\n            accessModes: [ReadWriteOnce]\n            resources: {requests: {storage: 1Gi}}\n' +
        '            dataSource: {kind: PersistentVolumeClaim, name: src}\n',
    },
    {
      name: 'CronJob ephemeral template: VolumeSnapshot without its group',
      text:
        'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: cj\nspec:\n  schedule: "@daily"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n' +
        '          volumes:\n            - name: v\n              ephemeral:\n                volumeClaimTemplate:\n                  spec:\n' +
        '                    accessModes: [ReadWriteOnce]\n                    resources: {requests: {storage: 1Gi}}\n' +
        '                    dataSource: {kind: «VolumeSnapshot», name: snap}\n',
      findings: [{ message: 'the apiserver rejects this CronJob (spec.dataSource: Invalid value: "VolumeSnapshot": must be \'PersistentVolumeClaim\' when referencing the default apiGroup): a VolumeSnapshot needs apiGroup: snapshot.storage.k8s.io', severity: 'error' }],
      output:
        'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: cj\nspec:\n  schedule: "@daily"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n' +
        '          volumes:\n            - name: v\n              ephemeral:\n                volumeClaimTemplate:\n                  spec:\n' +
        '                    accessModes: [ReadWriteOnce]\n                    resources: {requests: {storage: 1Gi}}\n' +
        '                    dataSource: {apiGroup: snapshot.storage.k8s.io, kind: VolumeSnapshot, name: snap}\n',
    },
  ],
});

const a8 = (paths: string, group: string) =>
  `the apiserver rejects this claim (${paths}: Invalid value: "${group}": a lowercase RFC 1123 subdomain must consist of lower case ` +
  "alphanumeric characters, '-' or '.'): apiGroup is a group such as snapshot.storage.k8s.io";
runRuleTests('datasource-api-group-invalid', {
  valid: [
    head + '  dataSourceRef: {apiGroup: snapshot.storage.k8s.io, kind: VolumeSnapshot, name: snap}\n',
    { name: 'added in 1.29: 1.28 accepts it (P13 then)', profile: v128, text: head + '  dataSourceRef: {apiGroup: snapshot.storage.k8s.io/v1, kind: VolumeSnapshot, name: snap}\n' },
    { name: 'dataSource alone is dropped first (A12)', text: head + '  dataSource: {apiGroup: snapshot.storage.k8s.io/v1, kind: VolumeSnapshot, name: snap}\n' },
  ],
  invalid: [
    {
      name: 'snapshot.storage.k8s.io/v1 in dataSourceRef on >= 1.29',
      text: head + '  dataSourceRef:\n    apiGroup: «snapshot.storage.k8s.io/v1»\n    kind: VolumeSnapshot\n    name: snap\n',
      findings: [{ message: a8('spec.dataSource.apiGroup, spec.dataSourceRef.apiGroup', 'snapshot.storage.k8s.io/v1') + ', without the version', severity: 'error' }],
      output: head + '  dataSourceRef:\n    apiGroup: snapshot.storage.k8s.io\n    kind: VolumeSnapshot\n    name: snap\n',
    },
    {
      name: 'upper case group: lowered',
      text: head + '  dataSourceRef: {apiGroup: «Example.COM», kind: Pop, name: p}\n',
      findings: [{ message: a8('spec.dataSource.apiGroup, spec.dataSourceRef.apiGroup', 'Example.COM'), severity: 'error' }],
      output: head + '  dataSourceRef: {apiGroup: example.com, kind: Pop, name: p}\n',
    },
  ],
});

const a9 = (ns: string) =>
  `the apiserver rejects this claim (spec.dataSourceRef.namespace: Invalid value: "${ns}": a lowercase RFC 1123 label must consist of ` +
  "lower case alphanumeric characters or '-'): namespace names are lowercase";
runRuleTests('datasource-ref-namespace-invalid', {
  valid: [
    { profile: gateOn, text: head + '  dataSourceRef: {kind: PersistentVolumeClaim, name: src, namespace: team-a}\n' },
    { name: 'gate off: the whole dataSourceRef is dropped first (A13)', text: head + '  dataSourceRef: {kind: PersistentVolumeClaim, name: src, namespace: Team-A}\n' },
  ],
  invalid: [
    {
      profile: gateOn,
      text: head + '  dataSourceRef: {kind: PersistentVolumeClaim, name: src, namespace: «Team-A»}\n',
      findings: [{ message: a9('Team-A'), severity: 'error' }],
      output: null,
    },
  ],
});

runRuleTests('datasource-with-ref-namespace', {
  valid: [
    { profile: gateOn, text: head + '  dataSourceRef:\n    kind: PersistentVolumeClaim\n    name: src\n    namespace: prod\n' },
    { name: 'gate off: dataSourceRef is dropped (A13) and dataSource stands', text: head + '  dataSource:\n    kind: PersistentVolumeClaim\n    name: src\n  dataSourceRef:\n    kind: PersistentVolumeClaim\n    name: src\n    namespace: prod\n' },
  ],
  invalid: [
    {
      profile: gateOn,
      text: head + '  «dataSource»:\n    kind: PersistentVolumeClaim\n    name: src\n  dataSourceRef:\n    kind: PersistentVolumeClaim\n    name: src\n    namespace: prod\n',
      findings: [{
        message: 'the apiserver rejects this claim (spec: Invalid value: may not be specified when dataSourceRef.namespace is specified): ' +
          'remove spec.dataSource; a cross-namespace source is written in spec.dataSourceRef only',
        severity: 'error',
      }],
      output: head + '  dataSourceRef:\n    kind: PersistentVolumeClaim\n    name: src\n    namespace: prod\n',
    },
    {
      name: 'ephemeral template, gate off: Pod validation sees both fields as written',
      text:
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: app\nspec:\n  volumes:\n    - name: v\n      ephemeral:\n        volumeClaimTemplate:\n' +
        '          spec:\n            accessModes: [ReadWriteOnce]\n            resources: {requests: {storage: 1Gi}}\n' +
        '            «dataSource»:\n              kind: PersistentVolumeClaim\n              name: src\n' +
        '            dataSourceRef: {kind: PersistentVolumeClaim, name: src, namespace: prod}\n',
      findings: [{ message: { contains: 'may not be specified when dataSourceRef.namespace is specified' }, severity: 'error' }],
      output:
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: app\nspec:\n  volumes:\n    - name: v\n      ephemeral:\n        volumeClaimTemplate:\n' +
        '          spec:\n            accessModes: [ReadWriteOnce]\n            resources: {requests: {storage: 1Gi}}\n' +
        '            dataSourceRef: {kind: PersistentVolumeClaim, name: src, namespace: prod}\n',
    },
  ],
});

const a10 = 'the apiserver rejects this claim (spec: Invalid value: must match dataSourceRef): ';
const a10End = '. Write only one of the two fields: the apiserver copies it into the other';
runRuleTests('datasource-mismatch', {
  valid: [
    head + '  dataSource:\n    kind: PersistentVolumeClaim\n    name: src\n  dataSourceRef:\n    kind: PersistentVolumeClaim\n    name: src\n',
    { name: '"" on both sides', text: head + '  dataSource: {apiGroup: "", kind: PersistentVolumeClaim, name: src}\n  dataSourceRef: {apiGroup: "", kind: PersistentVolumeClaim, name: src}\n' },
    { name: 'null and omitted are both nil', text: head + '  dataSource: {apiGroup: null, kind: PersistentVolumeClaim, name: src}\n  dataSourceRef: {kind: PersistentVolumeClaim, name: src}\n' },
  ],
  invalid: [
    {
      name: 'nil vs "": they differ in reflect.DeepEqual',
      text: head + '  «dataSource»:\n    kind: PersistentVolumeClaim\n    name: src\n  dataSourceRef:\n    apiGroup: ""\n    kind: PersistentVolumeClaim\n    name: src\n',
      findings: [{ message: a10 + 'apiGroup omitted vs ""; an omitted apiGroup and apiGroup: "" differ in this comparison' + a10End, severity: 'error' }],
      output: head + '  dataSource:\n    kind: PersistentVolumeClaim\n    name: src\n  dataSourceRef:\n    kind: PersistentVolumeClaim\n    name: src\n',
    },
    {
      name: '"" vs nil, the other way round',
      text: head + '  «dataSource»:\n    apiGroup: ""\n    kind: PersistentVolumeClaim\n    name: src\n  dataSourceRef:\n    kind: PersistentVolumeClaim\n    name: src\n',
      findings: [{ message: a10 + 'apiGroup "" vs omitted; an omitted apiGroup and apiGroup: "" differ in this comparison' + a10End, severity: 'error' }],
      output: head + '  dataSource:\n    kind: PersistentVolumeClaim\n    name: src\n  dataSourceRef:\n    kind: PersistentVolumeClaim\n    name: src\n',
    },
    {
      name: 'different names: no guess',
      text: head + '  «dataSource»: {kind: PersistentVolumeClaim, name: a}\n  dataSourceRef: {kind: PersistentVolumeClaim, name: b}\n',
      findings: [{ message: a10 + 'name a vs b' + a10End, severity: 'error' }],
      output: null,
    },
  ],
});
