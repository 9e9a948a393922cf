/**
 * Issue 14: the linter on documentation nobody here wrote. Each false-alarm pattern is a fixture
 * of our own that must lint clean of the rule that used to fire; each miss is an invalid case.
 */
import { makeProfile } from '../../src/profile.js';
import { runRuleTests } from '../rule-tester.js';

const claim = (spec: string, metadata = '  name: clone\n  namespace: app\n') =>
  `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n${metadata}spec:\n${spec}`;
const basics = '  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 1Gi\n';
const fromData = '  dataSource:\n    kind: PersistentVolumeClaim\n    name: data\n';
const placeholder = (text: string) =>
  `${JSON.stringify(text)} is a placeholder, filled in before the cluster sees this document: the checks that need its value are ` +
  'skipped; lint the substituted output to check them';

// 1. Placeholders are not values.
runRuleTests('quantity-syntax', {
  valid: [
    { name: 'Flux post-build substitution', text: claim('  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: ${VOLSYNC_CAPACITY}\n') },
    { name: 'Flux substitution with a default', text: claim('  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: ${CAPACITY:=10Gi}\n') },
    { name: 'a documentation placeholder', text: claim('  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: <size>\n') },
    { name: 'shell command substitution', text: claim('  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: $(kubectl get pvc data -o jsonpath={.spec.resources.requests.storage})\n') },
    { name: 'a Go template in a quoted string (Helm values passed to tpl)', text: claim('  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: "{{ .Values.size }}"\n') },
  ],
  invalid: [],
});

runRuleTests('placeholder-value', {
  valid: [
    { name: 'a placeholder no check needs (a label) says nothing', text: claim(basics, '  name: clone\n  labels: {app: ${APP}}\n') },
    { name: 'no placeholder', text: claim(basics + fromData) },
  ],
  invalid: [
    {
      name: 'one note per document, at the first placeholder a check needed, however many there are',
      text: claim('  accessModes: [ReadWriteOnce]\n  storageClassName: <storage-class>\n  resources:\n    requests:\n      storage: «<size>»\n' +
        '  dataSource:\n    kind: PersistentVolumeClaim\n    name: <source-pvc>\n'),
      findings: [{ message: placeholder('<size>'), severity: 'info' }],
      output: null,
    },
    {
      name: 'Flux: the size is unknown',
      text: claim('  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: «${VOLSYNC_CAPACITY}»\n'),
      findings: [{ message: placeholder('${VOLSYNC_CAPACITY}'), severity: 'info' }],
      output: null,
    },
  ],
});

runRuleTests('datasource-silently-dropped', {
  valid: [],
  invalid: [
    {
      name: 'the rest of a document with a placeholder is still checked',
      text: claim('  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: ${VOLSYNC_CAPACITY}\n' +
        '  dataSource:\n    kind: «persistentvolumeclaim»\n    name: ${APP}-data\n'),
      findings: [{ message: { contains: 'the apiserver will silently drop this dataSource' }, severity: 'error' }],
      output: claim('  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: ${VOLSYNC_CAPACITY}\n' +
        '  dataSource:\n    kind: PersistentVolumeClaim\n    name: ${APP}-data\n'),
    },
    {
      name: 'a fragment in prose is still checked for its data source',
      documentation: true,
      text: claim('  dataSource:\n    kind: «persistentvolumeclaim»\n    name: data\n'),
      findings: [{ message: { contains: 'the apiserver will silently drop this dataSource' }, severity: 'error' }],
      output: claim('  dataSource:\n    kind: PersistentVolumeClaim\n    name: data\n'),
    },
  ],
});

// 2. Documentation is not a manifest.
for (const rule of ['access-modes-required', 'storage-request-required'] as const) {
  runRuleTests(rule, {
    valid: [
      { name: 'prose: a block with an elision line', documentation: true, text: claim(fromData + '  ...\n') },
      { name: 'prose: a block with "# other fields ..."', documentation: true, text: claim(fromData + '  # other fields ...\n') },
      { name: 'prose: a claim showing only its dataSource', documentation: true, text: claim(fromData) },
    ],
    invalid: [],
  });
}
runRuleTests('access-modes-required', {
  valid: [],
  invalid: [
    {
      name: 'a .yaml file with the same elision is held to the full rules',
      text: claim('  resources:\n    requests:\n      storage: 1Gi\n' + fromData + '  # other fields ...\n').replace('spec:', '«spec»:'),
      findings: [{ message: { contains: 'accessModes' }, severity: 'error' }],
      output: null,
    },
  ],
});
runRuleTests('yaml-syntax', {
  valid: [],
  invalid: [
    {
      name: 'prose: an example that does not parse (a duplicate key) is skipped with a note',
      documentation: true,
      text: 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: a\n  «n»ame: b\n',
      findings: [{
        message: 'this example does not parse as YAML and was skipped (Map keys must be unique); an illustration in prose is fine, but it cannot be applied as written',
        severity: 'info',
      }],
      output: null,
    },
    {
      name: 'a .yaml file with a duplicate key is an error',
      text: 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: a\n  «n»ame: b\n',
      findings: [{ message: 'YAML syntax error: Map keys must be unique', severity: 'error' }],
      output: null,
    },
  ],
});

// 4. A `{{` in a comment or in a quoted value is not an unrendered template.
runRuleTests('unrendered-template', {
  valid: [
    { name: '{{ in a comment', text: `# set {{ .Values.size }} in values.yaml\n${claim(basics)}` },
    { name: '{{ after a value, in a comment', text: claim(basics.replace('1Gi', '1Gi  # or {{ .Values.size }}')) },
    { name: 'a Helm values snippet: a template string is a value', text: 'persistence:\n  size: 10Gi\n  existingClaim: "{{ .Release.Name }}-data"\n' },
  ],
  invalid: [
    {
      name: 'an action in the structure still marks a template',
      text: claim(basics, '  name: «{{ .Release.Name }}-clone»\n'),
      findings: [{ message: { contains: 'unrendered Helm template' }, severity: 'info' }],
      output: null,
    },
  ],
});

// 7. Unknown fields, from the API's schema.
const strict = (path: string) => `unknown field "${path}": kubectl apply rejects this claim ("strict decoding error: unknown field \\"${path}\\"")`;
runRuleTests('unknown-field', {
  valid: [
    claim(basics + fromData),
    { name: 'dataSource.namespace is datasource-namespace-field\'s', text: claim(basics + fromData + '    namespace: prod\n') },
    { name: 'a kustomize patch\'s directives are not fields', text: claim(basics + '  $patch: replace\n') },
    { name: 'every field of the schema', text: claim(basics + '  storageClassName: fast\n  volumeMode: Filesystem\n  volumeAttributesClassName: gold\n' + fromData, '  name: clone\n  labels: {a: b}\n  annotations: {c: d}\n') },
  ],
  invalid: [
    {
      name: 'metadata.Namespace (the 1.15 cloning blog\'s capital N): a case fix',
      text: claim(basics + fromData, '  name: clone\n  «Namespace»: app\n'),
      findings: [{ message: `${strict('metadata.Namespace')}; field names are case-sensitive: did you mean "namespace"?`, severity: 'error' }],
      output: claim(basics + fromData, '  name: clone\n  namespace: app\n'),
    },
    {
      name: 'spec.fsType (a StorageClass parameter, not a claim field) and an invented dataSourceRef2',
      text: claim('  accessModes: [ReadWriteOnce]\n  «fsType»: ext4\n  resources:\n    requests:\n      storage: 1Gi\n  «dataSourceRef2»:\n    kind: PersistentVolumeClaim\n    name: data\n'),
      findings: [
        { message: `${strict('spec.fsType')}; a spec has accessModes, dataSource, dataSourceRef, resources, selector, storageClassName, volumeAttributesClassName, volumeMode, volumeName`, severity: 'error' },
        { message: `${strict('spec.dataSourceRef2')}; did you mean "dataSourceRef"?`, severity: 'error' },
      ],
      output: null,
    },
    {
      name: 'inside a StatefulSet\'s volumeClaimTemplates',
      text: 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  volumeClaimTemplates:\n    - metadata:\n        name: data\n      spec:\n' +
        '        accessModes: [ReadWriteOnce]\n        resources:\n          «request»:\n            storage: 1Gi\n',
      findings: [{ message: `${strict('spec.volumeClaimTemplates[0].spec.resources.request')}; did you mean "requests"?`, severity: 'error' }],
      output: null,
    },
    {
      name: 'inside an ephemeral volume, with a case fix',
      text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  volumes:\n    - name: scratch\n      ephemeral:\n        volumeClaimTemplate:\n          spec:\n' +
        '            «AccessModes»: [ReadWriteOnce]\n            resources: {requests: {storage: 1Gi}}\n',
      findings: [{ message: `${strict('spec.volumes[0].ephemeral.volumeClaimTemplate.spec.AccessModes')}; field names are case-sensitive: did you mean "accessModes"?`, severity: 'error' }],
      output: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  volumes:\n    - name: scratch\n      ephemeral:\n        volumeClaimTemplate:\n          spec:\n' +
        '            accessModes: [ReadWriteOnce]\n            resources: {requests: {storage: 1Gi}}\n',
    },
  ],
});

// 8. Wrong-case kinds.
runRuleTests('kind-case', {
  valid: [claim(basics), 'apiVersion: example.com/v1\nkind: persistentthing\nmetadata:\n  name: x\n'],
  invalid: [
    {
      text: 'apiVersion: v1\nkind: «persistentVolumeClaim»\nmetadata:\n  name: clone\nspec:\n' + basics + fromData,
      findings: [{ message: 'kind is case-sensitive: kubectl refuses this document ("no matches for kind \\"persistentVolumeClaim\\" in version \\"v1\\"") and nothing is created; use PersistentVolumeClaim', severity: 'error' }],
      output: 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: clone\nspec:\n' + basics + fromData,
    },
  ],
});

// 9. Claims that cannot clone by construction.
runRuleTests('volume-name-with-source', {
  valid: [claim(basics + '  volumeName: pv-static\n'), claim(basics + fromData)],
  invalid: [
    {
      text: claim(basics + '  volumeName: «pvc-0f6c1a2e»\n' + fromData),
      findings: [{
        message: 'volumeName pvc-0f6c1a2e binds this claim to that existing PersistentVolume: it is never provisioned, so its data source is ignored ' +
          'and nothing is cloned (if it is the source\'s volume, the two claims now race for it). Remove volumeName',
        severity: 'error',
      }],
      output: claim(basics + fromData),
    },
  ],
});
runRuleTests('selector-with-source', {
  valid: [claim(basics + '  selector:\n    matchLabels: {tier: gold}\n')],
  invalid: [
    {
      text: claim(basics + '  «selector»:\n    matchLabels: {tier: gold}\n' + fromData),
      findings: [{
        message: 'a claim with a selector is never dynamically provisioned ("claim.Spec.Selector is not supported for dynamic provisioning"): it waits ' +
          'for an existing PersistentVolume with those labels and its data source is never copied. Remove the selector',
        severity: 'error',
      }],
      output: claim(basics + fromData),
    },
  ],
});
const pastedMeta = (mark: boolean) =>
  `  name: clone\n  namespace: app\n  ${mark ? '«uid»' : 'uid'}: 0f6c1a2e-1111-2222-3333-444455556666\n  resourceVersion: "12345"\n` +
  '  annotations:\n    pv.kubernetes.io/bind-completed: "yes"\n    team: storage\n';
runRuleTests('server-set-fields', {
  valid: [
    { name: 'not a clone: left alone', text: claim(basics, pastedMeta(false)) + 'status:\n  phase: Bound\n' },
    claim(basics + fromData, '  name: clone\n  annotations:\n    team: storage\n'),
  ],
  invalid: [
    {
      name: 'pasted from kubectl get -o yaml',
      text: claim(basics + fromData, pastedMeta(true)) + 'status:\n  phase: Bound\n',
      findings: [{
        message: 'this claim carries fields the cluster set on another object (metadata.uid, metadata.resourceVersion, pv.kubernetes.io/bind-completed, ' +
          'status), as pasted from `kubectl get -o yaml`: created as a new clone it is refused ("resourceVersion should not be set on objects to be created") ' +
          'or taken as already bound, and nothing is cloned. Remove them',
        severity: 'error',
      }],
      output: claim(basics + fromData, '  name: clone\n  namespace: app\n  annotations:\n    team: storage\n'),
    },
  ],
});

// 11. Drivers that clone only at the source's size.
const longhorn = 'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: longhorn\nprovisioner: driver.longhorn.io\n---\n';
const lhSource = 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\n  namespace: app\nspec:\n  accessModes: [ReadWriteOnce]\n' +
  '  storageClassName: longhorn\n  resources:\n    requests:\n      storage: 2Gi\n---\n';
const lhClone = (size: string) => claim(`  accessModes: [ReadWriteOnce]\n  storageClassName: longhorn\n  resources:\n    requests:\n      storage: ${size}\n` + fromData);
runRuleTests('clone-size-must-match', {
  valid: [longhorn + lhSource + lhClone('2Gi'), { name: 'smaller is clone-smaller-than-source\'s', text: longhorn + lhSource + lhClone('1Gi') }],
  invalid: [
    {
      text: longhorn + lhSource + lhClone('«5Gi»'),
      findings: [{
        message: 'the clone fails in the driver: driver.longhorn.io clones a volume only at its source\'s size (Longhorn: the clone must request the same ' +
          'size as the source), but this clone requests 5Gi and source data 2Gi. Request 2Gi and expand the clone once it is Bound',
        severity: 'error',
      }],
      output: longhorn + lhSource + lhClone('2Gi'),
    },
  ],
});

// 5. A matching grant leaves no warning when the gate is on.
const gateOn = makeProfile({ featureGates: 'CrossNamespaceVolumeDataSource=true' });
const crossClone = claim(basics + '  dataSourceRef:\n    kind: PersistentVolumeClaim\n    name: data\n    namespace: prod\n');
const grantIn = (namespace: string) =>
  `---\napiVersion: gateway.networking.k8s.io/v1beta1\nkind: ReferenceGrant\nmetadata:\n  name: allow-app\n  namespace: ${namespace}\n` +
  'spec:\n  from:\n    - {group: "", kind: PersistentVolumeClaim, namespace: app}\n  to:\n    - {group: "", kind: PersistentVolumeClaim, name: data}\n';
runRuleTests('cross-namespace-ref-dropped', {
  valid: [{ name: 'gate on and the matching grant in the bundle: nothing left to warn about', profile: gateOn, text: crossClone + grantIn('prod') }],
  invalid: [
    {
      name: 'gate on, but no grant in the source namespace: the warning stays',
      profile: gateOn,
      text: crossClone.replace('namespace: prod', 'namespace: «prod»') + grantIn('app'),
      findings: [{ message: { contains: 'cross-namespace data sources are an alpha feature' }, severity: 'warning' }],
      output: null,
    },
  ],
});

// 6. The same note is said once: a file named twice on the command line (a directory and a file in it).
runRuleTests('unrendered-template', {
  valid: [],
  invalid: [
    {
      name: 'a template read twice gets one note',
      text: claim(basics, '  name: «{{ .Release.Name }}-clone»\n'),
      files: [{ path: 'test.yaml', text: claim(basics, '  name: {{ .Release.Name }}-clone\n') }],
      findings: [{ message: { contains: 'unrendered Helm template' }, severity: 'info' }],
      output: null,
    },
  ],
});
