import type { ClusterFacts } from '../facts.js';
import type { ManifestLimits } from '../manifest/limits.js';
import type { ProfileOptions, TargetProfile } from '../profile.js';

/**
 * One worked example per rule, for the generated docs (docs/rules/<id>.md) and their tests: the
 * findings and the --fix output on those pages are computed from these texts by the linter itself,
 * so the pages cannot drift from what the rules do.
 */
export interface RuleExample {
  /** What the cluster does with the invalid example, in the layer that acts on it. */
  readonly cluster: string;
  readonly howToFix: string;
  /** A bundle that triggers the rule (the last document is the claim the finding is about). */
  readonly invalid: string;
  /** A corrected bundle, written by hand; fixable rules also show the --fix output. */
  readonly valid: string;
  readonly profile?: ProfileOptions & { readonly override?: Partial<TargetProfile> };
  readonly facts?: ClusterFacts;
  readonly limits?: Partial<ManifestLimits>;
}

const claim = (spec: string, metadata = '  name: data-clone\n  namespace: app\n') =>
  `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n${metadata}spec:\n${spec}`;
const basics = '  accessModes: [ReadWriteOnce]\n  storageClassName: csi-hostpath-sc\n  resources:\n    requests:\n      storage: 10Gi\n';
const fromData = '  dataSource:\n    kind: PersistentVolumeClaim\n    name: data\n';
const hostpathClass =
  'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: csi-hostpath-sc\nprovisioner: hostpath.csi.k8s.io\n---\n';
const source = (spec = '', status = 'Bound') =>
  'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\n  namespace: app\nspec:\n  accessModes: [ReadWriteOnce]\n' +
  `  storageClassName: csi-hostpath-sc\n${spec}  resources:\n    requests:\n      storage: 10Gi\nstatus:\n  phase: ${status}\n---\n`;
const crossNamespace = '  dataSourceRef:\n    kind: PersistentVolumeClaim\n    name: data\n    namespace: prod\n';
const gate = 'CrossNamespaceVolumeDataSource=true';

export const ruleExamples: Readonly<Record<string, RuleExample>> = {
  'yaml-syntax': {
    cluster: 'kubectl cannot convert the file to JSON and sends nothing; the other documents of a file with one broken document are not applied either.',
    howToFix: 'Correct the YAML at the reported position. kubectl-clone still lints the other documents of the file.',
    invalid: claim('  accessModes: [ReadWriteOnce\n  resources:\n    requests:\n      storage: 10Gi\n'),
    valid: claim('  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 10Gi\n'),
  },
  'unrendered-template': {
    cluster: 'A Helm chart template is not YAML until it is rendered; kubectl would reject `{{ ... }}` as a syntax error.',
    howToFix: 'Render the chart first and lint the output: `helm template . | kubectl clone lint -`.',
    invalid: claim(basics + fromData, '  name: {{ .Release.Name }}-clone\n'),
    valid: claim(basics + fromData, '  name: web-clone\n'),
  },
  'input-too-large': {
    cluster: 'The apiserver caps a request body at 3 MiB; nobody applies a manifest this large. The input is refused rather than parsed, so lint time stays bounded.',
    howToFix: 'Split the file, or lint the documents you mean to apply. (The example uses a limit of 200 characters.)',
    limits: { maxFileLength: 200 },
    invalid: claim(basics + fromData),
    valid: claim('  accessModes: [ReadWriteOnce]\n'),
  },
  'alias-limit': {
    cluster: 'Expanding nested YAML aliases grows exponentially (a "billion laughs"); kubectl refuses documents with excessive aliasing.',
    howToFix: 'Write the values out instead of aliasing them.',
    invalid:
      'a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n' +
      'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n',
    valid: 'labels: &labels {app: web}\nselector: *labels\n',
  },
  'quantity-syntax': {
    cluster: 'The apiserver cannot decode the object: `kubectl apply` fails with "cannot be handled as a PersistentVolumeClaim" and nothing is created.',
    howToFix: 'Write a Kubernetes quantity: a number with one of the suffixes `k M G T P E` (powers of 1000), `Ki Mi Gi Ti Pi Ei` (powers of 1024), or an exponent. `GB`, lowercase `gi` and spaces are not quantities.',
    invalid: claim(basics.replace('10Gi', '10GB') + fromData),
    valid: claim(basics + fromData),
  },
  'datasource-namespace-field': {
    cluster:
      'spec.dataSource has no namespace field. kubectl (strict field validation) rejects the claim; clients that do not validate drop the field, and the clone is looked up in the claim\'s own namespace. ' +
      'Cross-namespace sources exist only as spec.dataSourceRef.namespace, alpha since 1.26.',
    howToFix:
      'Remove the namespace when it is the claim\'s own. For a real cross-namespace clone use spec.dataSourceRef with namespace, enable CrossNamespaceVolumeDataSource on kube-apiserver, kube-controller-manager and csi-provisioner, and create a ReferenceGrant in the source namespace; --fix writes both when the target profile enables the gate (--feature-gates CrossNamespaceVolumeDataSource=true), and leaves it alone otherwise, where the rewrite would be silently dropped.',
    invalid: claim(basics + fromData + '    namespace: prod\n'),
    valid: claim(basics + fromData),
  },
  'cross-namespace-ref-dropped': {
    cluster:
      'With CrossNamespaceVolumeDataSource off (the default), DropDisabledFields removes the WHOLE dataSourceRef, silently. Without a dataSource the claim is provisioned as an EMPTY volume; with one, it is cloned from dataSource.name in its own namespace.',
    howToFix:
      'Clone within one namespace (drop the namespace when it is the claim\'s own; --fix does that), or enable the alpha gate on every component and add a ReferenceGrant. With the gate on, this rule reports a warning that the feature is alpha.',
    invalid: claim(basics + crossNamespace),
    valid: claim(basics + '  dataSourceRef:\n    kind: PersistentVolumeClaim\n    name: data\n'),
  },
  'datasource-ref-unsupported': {
    cluster: 'Where AnyVolumeDataSource is off (by default before 1.24) the apiserver silently removes spec.dataSourceRef; a claim with no dataSource comes out EMPTY.',
    howToFix: 'Use spec.dataSource for a PersistentVolumeClaim or VolumeSnapshot source (--fix renames the field), or upgrade: the gate is on from 1.24 and locked on from 1.33.',
    profile: { kubernetesVersion: '1.23' },
    invalid: claim(basics + '  dataSourceRef:\n    kind: PersistentVolumeClaim\n    name: data\n'),
    valid: claim(basics + fromData),
  },
  'datasource-silently-dropped': {
    cluster:
      'EnforceDataSourceBackwardsCompatibility sets dataSource to nil unless it is exactly {kind: PersistentVolumeClaim, no apiGroup} or {kind: VolumeSnapshot, apiGroup: snapshot.storage.k8s.io}. ' +
      'The comparison is case-sensitive, there is no error or warning, and the claim is provisioned as an EMPTY volume.',
    howToFix:
      'Write the kind exactly (`PersistentVolumeClaim`, `VolumeSnapshot`), omit apiGroup for a claim (not `core` or `v1`), and use the group without a version for a snapshot. A volume populator belongs in spec.dataSourceRef.',
    invalid: claim(basics + '  dataSource:\n    apiGroup: core # "the core group"?\n    kind: pvc\n    name: data\n'),
    valid: claim(basics + fromData),
  },
  'access-modes-required': {
    cluster: 'Validation rejects the claim: `spec.accessModes: Required value: at least 1 access mode is required`.',
    howToFix: 'Add accessModes; a clone usually copies the source\'s.',
    invalid: claim('  storageClassName: csi-hostpath-sc\n  resources:\n    requests:\n      storage: 10Gi\n' + fromData),
    valid: claim(basics + fromData),
  },
  'storage-request-required': {
    cluster: 'Validation rejects the claim: `spec.resources[storage]: Required value`. A clone does not inherit the source\'s size.',
    howToFix: 'Set spec.resources.requests.storage to at least the source claim\'s request.',
    invalid: claim('  accessModes: [ReadWriteOnce]\n  storageClassName: csi-hostpath-sc\n  resources:\n    requests: {}\n' + fromData),
    valid: claim(basics + fromData),
  },
  'storage-request-positive': {
    cluster: 'Validation rejects the claim: `spec.resources[storage]: Invalid value: "0": must be greater than zero`.',
    howToFix: 'Request a positive size, at least the source claim\'s.',
    invalid: claim(basics.replace('10Gi', '0') + fromData),
    valid: claim(basics + fromData),
  },
  'storage-request-fractional': {
    cluster: 'The apiserver accepts the claim with a warning (`fractional byte value ... is invalid, must be an integer`) and rounds the size up to a whole byte.',
    howToFix: 'Write a whole number of bytes: `1.5Gi` is whole, `1.5` and `100m` are not. --fix writes the rounded value.',
    invalid: claim(basics.replace('10Gi', '100m') + fromData),
    valid: claim(basics + fromData),
  },
  'volume-mode-invalid': {
    cluster: 'Validation rejects the claim: `spec.volumeMode: Unsupported value: "block": supported values: "Block", "Filesystem"`. The enum is case-sensitive.',
    howToFix: 'Write `Block` or `Filesystem` exactly; omitting volumeMode means Filesystem.',
    invalid: claim(basics + '  volumeMode: block\n' + fromData),
    valid: claim(basics + '  volumeMode: Block\n' + fromData),
  },
  'datasource-name-required': {
    cluster: 'Validation rejects the claim: `spec.dataSource.name: Required value` (and the same for dataSourceRef, into which the apiserver copied it).',
    howToFix: 'Name the source object.',
    invalid: claim(basics + '  dataSource:\n    kind: PersistentVolumeClaim\n'),
    valid: claim(basics + fromData),
  },
  'datasource-kind-required': {
    cluster: 'Validation rejects the claim: `spec.dataSourceRef.kind: Required value`.',
    howToFix: 'Set the kind: `PersistentVolumeClaim` to clone a claim, `VolumeSnapshot` (with apiGroup snapshot.storage.k8s.io) to restore a snapshot.',
    invalid: claim(basics + '  dataSourceRef:\n    name: data\n'),
    valid: claim(basics + '  dataSourceRef:\n    kind: PersistentVolumeClaim\n    name: data\n'),
  },
  'datasource-kind-core-group': {
    cluster:
      'Validation rejects the claim: with no apiGroup the kind must be exactly PersistentVolumeClaim. For spec.dataSource alone this is not reached (the source is silently dropped, see datasource-silently-dropped), ' +
      'but it is for dataSourceRef and for generic ephemeral volume templates, where the whole Pod (or Deployment, CronJob, ...) is rejected.',
    howToFix: 'Write the kind exactly, and give a VolumeSnapshot its apiGroup snapshot.storage.k8s.io.',
    invalid: claim(basics + '  dataSourceRef:\n    kind: VolumeSnapshot\n    name: data-snapshot\n'),
    valid: claim(basics + '  dataSourceRef:\n    apiGroup: snapshot.storage.k8s.io\n    kind: VolumeSnapshot\n    name: data-snapshot\n'),
  },
  'datasource-api-group-invalid': {
    cluster: 'From Kubernetes 1.29 validation rejects an apiGroup that is not a DNS subdomain, such as `snapshot.storage.k8s.io/v1` (a group/version). Before 1.29 it is accepted and fails later (snapshot-api-group).',
    howToFix: 'Write the group without the version: `snapshot.storage.k8s.io`.',
    invalid: claim(basics + '  dataSourceRef:\n    apiGroup: snapshot.storage.k8s.io/v1\n    kind: VolumeSnapshot\n    name: data-snapshot\n'),
    valid: claim(basics + '  dataSourceRef:\n    apiGroup: snapshot.storage.k8s.io\n    kind: VolumeSnapshot\n    name: data-snapshot\n'),
  },
  'datasource-ref-namespace-invalid': {
    cluster: 'With the CrossNamespaceVolumeDataSource gate on, validation rejects a dataSourceRef.namespace that is not a namespace name (a lowercase DNS label).',
    howToFix: 'Write the source namespace\'s name as it is: lowercase.',
    profile: { featureGates: gate },
    invalid: claim(basics + crossNamespace.replace('prod', 'Prod')),
    valid: claim(basics + crossNamespace),
  },
  'datasource-with-ref-namespace': {
    cluster: 'With the gate on, validation rejects a claim that has both spec.dataSource and a dataSourceRef with a namespace: `may not be specified when dataSourceRef.namespace is specified`.',
    howToFix: 'Remove spec.dataSource; a cross-namespace source is written in spec.dataSourceRef only.',
    profile: { featureGates: gate },
    invalid: claim(basics + fromData + crossNamespace),
    valid: claim(basics + crossNamespace),
  },
  'datasource-mismatch': {
    cluster:
      'When both fields are written, validation compares them with reflect.DeepEqual: an omitted apiGroup (nil) and `apiGroup: ""` differ there, although both mean the core group everywhere else. The claim is rejected: `must match dataSourceRef`.',
    howToFix: 'Write only one of the two fields (the apiserver copies it into the other), or make them identical.',
    invalid: claim(basics + fromData + '  dataSourceRef:\n    apiGroup: ""\n    kind: PersistentVolumeClaim\n    name: data\n'),
    valid: claim(basics + fromData),
  },
  'storage-class-empty': {
    cluster:
      '`storageClassName: ""` means no class, not the default class: the claim is never dynamically provisioned, so nothing is cloned. It stays Pending ("no persistent volumes available for this claim and no storage class is set") or binds a pre-created volume with none of the data.',
    howToFix: 'Use the source\'s StorageClass (--fix does, when the bundle shows it), or omit the field for the default class.',
    invalid: hostpathClass + source() + claim(basics.replace('csi-hostpath-sc', '""') + fromData),
    valid: hostpathClass + source() + claim(basics + fromData),
  },
  'storage-class-not-found': {
    cluster:
      'The PV controller looks the class up to provision the clone; a class the cluster does not have leaves the claim Pending, with `storageclass.storage.k8s.io "fast" not found` ProvisioningFailed events, and the apiserver accepted it without a word. Checked only with the cluster\'s list of classes (`lint --cluster`, `kubectl clone pvc`, `check`).',
    howToFix: 'Name a StorageClass of the source\'s CSI driver that exists (kubectl get storageclass).',
    invalid: source() + claim(basics.replace('csi-hostpath-sc', 'fast') + fromData),
    valid: source() + claim(basics + fromData),
    facts: { storageClasses: [{ metadata: { name: 'csi-hostpath-sc' }, provisioner: 'hostpath.csi.k8s.io' }] },
  },
  'default-storage-class': {
    cluster:
      'An omitted storageClassName gets the default StorageClass at creation. The clone works only if that class\'s provisioner is the source\'s CSI driver; where the bundle shows a default class of another provisioner, the clone never binds (warning).',
    howToFix: 'Name the StorageClass, preferably the source\'s, so the clone does not depend on which class is the default.',
    invalid: hostpathClass + source() + claim('  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 10Gi\n' + fromData),
    valid: hostpathClass + source() + claim(basics + fromData),
  },
  'in-tree-provisioner': {
    cluster:
      'kube-controller-manager refuses to provision a claim with a data source through an in-tree volume plugin that is not migrated to CSI: `plugin "kubernetes.io/host-path" is not a CSI plugin. Only CSI plugin can provision a claim with a datasource`. Plugins migrated to CSI (kubernetes.io/gce-pd, aws-ebs, azure-disk, azure-file, cinder, vsphere-volume, portworx-volume) are handed to their CSI driver instead ("Waiting for a volume to be created either by the external provisioner \'pd.csi.storage.gke.io\' ...") and are checked as that driver. A non-CSI external provisioner may also ignore the data source and return an empty volume (info, with live facts).',
    howToFix: 'Use a StorageClass of a CSI driver that supports cloning (CLONE_VOLUME).',
    invalid:
      'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: local\nprovisioner: kubernetes.io/host-path\n---\n' +
      claim(basics.replace('csi-hostpath-sc', 'local') + fromData),
    valid: hostpathClass + claim(basics + fromData),
  },
  'self-reference': {
    cluster: 'Nothing rejects a claim that names itself as its source; external-provisioner waits for it to be Bound, which never happens, so it stays Pending forever.',
    howToFix: 'Name the claim to copy in dataSource.name.',
    invalid: claim(basics + '  dataSource:\n    kind: PersistentVolumeClaim\n    name: data-clone\n'),
    valid: claim(basics + fromData),
  },
  'source-not-found': {
    cluster:
      'external-provisioner looks the source up in the clone\'s namespace (or dataSourceRef.namespace) and retries forever with a ProvisioningFailed event (`persistentvolumeclaim "data" not found`); it prints the clone\'s namespace. An error when the bundle shows the source in another namespace, or the profile says the bundle is complete; an info otherwise.',
    howToFix: 'Create the clone in the source\'s namespace, or use the alpha cross-namespace dataSourceRef with a ReferenceGrant.',
    invalid: source().replace('namespace: app', 'namespace: prod') + claim(basics + fromData),
    valid: source() + claim(basics + fromData),
  },
  'source-not-bound': {
    cluster:
      'external-provisioner clones only a Bound source (`the PVC DataSource data must have a status of Bound`) and retries until it is; a source being deleted fails the clone. An info when the bundle creates the source too (ordering), a warning for a live claim, an error while it is being deleted.',
    howToFix: 'Wait for the source to be Bound before creating the clone.',
    invalid: source('', 'Pending') + claim(basics + fromData),
    valid: source() + claim(basics + fromData),
  },
  'source-storage-class-empty': {
    cluster: 'external-provisioner refuses to clone a source without a StorageClass: `the source PVC (data) storageclass cannot be empty`.',
    howToFix: 'Clone a dynamically provisioned claim of the clone\'s CSI driver; a statically bound volume cannot be cloned this way.',
    invalid: source().replace('storageClassName: csi-hostpath-sc', 'storageClassName: ""') + claim(basics + fromData),
    valid: source() + claim(basics + fromData),
  },
  'clone-smaller-than-source': {
    cluster:
      'external-provisioner compares sizes in bytes against the source claim\'s spec.resources.requests.storage (not its status.capacity) and keeps the clone Pending: `new PVC request must be greater than or equal in size to the specified PVC data source`. 3G < 3000Mi < 3Gi = 3072Mi.',
    howToFix: 'Request at least the source\'s size; --fix copies it.',
    invalid: source() + claim(basics.replace('10Gi', '10G') + fromData),
    valid: source() + claim(basics + fromData),
  },
  'volume-mode-mismatch': {
    cluster:
      'external-provisioner requires the same volume mode, read from the source\'s PersistentVolume; an omitted volumeMode is Filesystem. The clone stays Pending: `the source PVC and destination PVCs must have the same volume mode for cloning`.',
    howToFix: 'Set the clone\'s volumeMode to the source\'s.',
    invalid: source('  volumeMode: Block\n') + claim(basics + fromData),
    valid: source('  volumeMode: Block\n') + claim(basics + '  volumeMode: Block\n' + fromData),
  },
  'csi-driver-mismatch': {
    cluster:
      'external-provisioner only clones a volume of its own driver: the clone\'s StorageClass provisioner must be the CSI driver of the source\'s PersistentVolume. The event only says `claim in dataSource not bound or invalid`; the details are in its log.',
    howToFix: 'Use a StorageClass of the source\'s driver, for example the source\'s own.',
    invalid:
      hostpathClass + 'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: gp3\nprovisioner: ebs.csi.aws.com\n---\n' +
      source() + claim(basics.replace('csi-hostpath-sc', 'gp3') + fromData),
    valid: hostpathClass + source() + claim(basics + fromData),
  },
  'storage-class-differs': {
    cluster:
      'Since external-provisioner v3.2 a clone may use another StorageClass of the same driver (the old "must be in the same storage class" rule is outdated); the driver may still refuse parameters that differ. With an external-provisioner older than v3.2 in the profile this is an error.',
    howToFix: 'Nothing to do on a current external-provisioner; use the source\'s class for an older one.',
    invalid:
      hostpathClass + 'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: csi-hostpath-fast\nprovisioner: hostpath.csi.k8s.io\n---\n' +
      source() + claim(basics.replace('csi-hostpath-sc', 'csi-hostpath-fast') + fromData),
    valid: hostpathClass + source() + claim(basics + fromData),
  },
  'core-api-group': {
    cluster:
      'In dataSourceRef, `apiGroup: core` (or `v1`) with kind PersistentVolumeClaim passes validation and still clones, because external-provisioner routes on the kind only. But it is not the core group: a ReferenceGrant would have to name `core` too, and the same spelling in dataSource empties the volume.',
    howToFix: 'Omit apiGroup for the core group.',
    invalid: claim(basics + '  dataSourceRef:\n    apiGroup: core\n    kind: PersistentVolumeClaim\n    name: data\n'),
    valid: claim(basics + '  dataSourceRef:\n    kind: PersistentVolumeClaim\n    name: data\n'),
  },
  'snapshot-api-group': {
    cluster:
      'A VolumeSnapshot source with another group reaches external-provisioner only through dataSourceRef (and before 1.29 for a group/version); it keeps the claim Pending: `the PVC source does not belong to the right APIGroup`.',
    howToFix: 'Use apiGroup: snapshot.storage.k8s.io.',
    profile: { kubernetesVersion: '1.28' },
    invalid: claim(basics + '  dataSourceRef:\n    apiGroup: snapshot.storage.k8s.io/v1\n    kind: VolumeSnapshot\n    name: data-snapshot\n'),
    valid: claim(basics + '  dataSourceRef:\n    apiGroup: snapshot.storage.k8s.io\n    kind: VolumeSnapshot\n    name: data-snapshot\n'),
  },
  'populator-source': {
    cluster:
      'external-provisioner leaves any kind other than PersistentVolumeClaim and VolumeSnapshot to a volume populator (`Assuming an external populator will provision the volume`); the claim stays Pending unless a populator controller for that kind runs.',
    howToFix: 'Install the populator for the kind, or clone a claim or restore a snapshot instead.',
    invalid: claim(basics + '  dataSourceRef:\n    apiGroup: populator.example.com\n    kind: SampleData\n    name: seed\n'),
    valid: claim(basics + fromData),
  },
  'cross-namespace-provisioner-gate': {
    cluster:
      'csi-provisioner has its own CrossNamespaceVolumeDataSource gate (alpha, off, external-provisioner >= v3.4.0); without it a cross-namespace clone stays Pending: `dataSourceRef namespace specified but the CrossNamespaceVolumeDataSource feature is disabled`.',
    howToFix: 'Run csi-provisioner with `--feature-gates=CrossNamespaceVolumeDataSource=true` (it then also needs the Gateway API ReferenceGrant CRD).',
    profile: { featureGates: gate, override: { provisionerCrossNamespace: false } },
    invalid: claim(basics + crossNamespace),
    valid: claim(basics + '  dataSourceRef:\n    kind: PersistentVolumeClaim\n    name: data\n'),
  },
  'reference-grant': {
    cluster:
      'external-provisioner needs a gateway.networking.k8s.io ReferenceGrant in the SOURCE namespace with from {group: "", kind: PersistentVolumeClaim, namespace: <clone namespace>} and to {group, kind and, optionally, name of the source}; otherwise: `accessing prod/data of PersistentVolumeClaim dataSource from app/data-clone isn\'t allowed`. ' +
      'An error when a grant in the bundle does not match; a warning when the bundle has none.',
    howToFix: 'Create the grant in the source namespace; --fix appends a least-privilege one (v1beta1, the version external-provisioner lists).',
    profile: { featureGates: gate },
    invalid: claim(basics + crossNamespace),
    valid:
      claim(basics + crossNamespace) +
      '---\napiVersion: gateway.networking.k8s.io/v1beta1\nkind: ReferenceGrant\nmetadata:\n  name: clone-app-data-clone\n  namespace: prod\nspec:\n' +
      '  from:\n    - group: ""\n      kind: PersistentVolumeClaim\n      namespace: app\n  to:\n    - group: ""\n      kind: PersistentVolumeClaim\n      name: data\n',
  },
  'cross-namespace-clone-protection': {
    cluster:
      'The cloning-protection finalizer external-provisioner puts on a source only counts same-namespace Pending claims whose spec.dataSource names it; a cross-namespace clone has no dataSource, so nothing stops the source from being deleted mid-copy (code-derived).',
    howToFix: 'Do not delete the source until the clone is Bound.',
    profile: { featureGates: gate },
    invalid: claim(basics + crossNamespace),
    valid: claim(basics + fromData),
  },
  'source-in-use': {
    cluster: 'The docs say the source must not be in use, but nothing enforces it: the clone of a mounted volume is a crash-consistent copy.',
    howToFix: 'Stop writers (scale the workload to 0) for an application-consistent copy, or accept a crash-consistent one.',
    invalid:
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: app\nspec:\n  template:\n    spec:\n      volumes:\n' +
      '        - name: data\n          persistentVolumeClaim: {claimName: data}\n---\n' + source() + claim(basics + fromData),
    valid: source() + claim(basics + fromData),
  },
  'placeholder-value': {
    cluster:
      'Nothing: a placeholder (Flux `${VAR}`, envsubst `$VAR`, `$(...)`, a Go template string, a documentation `<size>`) is replaced before the cluster sees the document. The linter cannot judge the value yet, so the checks that need it are skipped and the rest of the document is still checked.',
    howToFix: 'Nothing to fix. To check the value too, lint the substituted output (`flux build kustomization ... | kubectl clone lint -`, `envsubst < clone.yaml | kubectl clone lint -`).',
    invalid: claim('  accessModes: [ReadWriteOnce]\n  storageClassName: csi-hostpath-sc\n  resources:\n    requests:\n      storage: ${VOLSYNC_CAPACITY}\n' + fromData),
    valid: claim(basics + fromData),
  },
  'kind-case': {
    cluster: 'kubectl maps a kind to its API resource case-sensitively: `no matches for kind "persistentVolumeClaim" in version "v1"`, and nothing is created.',
    howToFix: 'Write the kind as the API spells it: PersistentVolumeClaim.',
    invalid: claim(basics + fromData).replace('kind: PersistentVolumeClaim\nmetadata', 'kind: persistentVolumeClaim\nmetadata'),
    valid: claim(basics + fromData),
  },
  'unknown-field': {
    cluster:
      'kubectl apply asks for strict field validation: the apiserver refuses the whole claim, `PersistentVolumeClaim in version "v1" cannot be handled as a PersistentVolumeClaim: strict decoding error: unknown field "metadata.Namespace"`. The fields are those of the Kubernetes API schema (the model metadata of @kubernetes/client-node, generated from the API\'s OpenAPI document).',
    howToFix: 'Remove the field or spell it as the API does; a wrong case is renamed by `--fix`.',
    invalid: claim(basics + fromData, '  name: data-clone\n  Namespace: app\n'),
    valid: claim(basics + fromData),
  },
  'server-set-fields': {
    cluster:
      'A claim copied from `kubectl get pvc -o yaml` carries what the cluster wrote on its source: the apiserver refuses a create with a resourceVersion ("resourceVersion should not be set on objects to be created"), and with the PV controller\'s bind annotations and status the claim is taken as already bound; nothing is cloned.',
    howToFix: 'Remove uid, resourceVersion, creationTimestamp, managedFields, the pv.kubernetes.io/* and storage-provisioner annotations, and status (`--fix` does).',
    invalid: claim(basics + fromData, '  name: data-clone\n  namespace: app\n  uid: 0f6c1a2e-1111-2222-3333-444455556666\n  resourceVersion: "12345"\n  annotations:\n    pv.kubernetes.io/bind-completed: "yes"\n') + 'status:\n  phase: Bound\n',
    valid: claim(basics + fromData),
  },
  'volume-name-with-source': {
    cluster: 'The PV controller binds a claim with spec.volumeName to that PersistentVolume and never provisions it: the data source is ignored and nothing is cloned. If the volume is the source\'s, the two claims race for it.',
    howToFix: 'Remove volumeName: a clone gets a new volume from its StorageClass.',
    invalid: claim(basics + '  volumeName: pvc-0f6c1a2e\n' + fromData),
    valid: claim(basics + fromData),
  },
  'selector-with-source': {
    cluster: 'The PV controller never provisions a claim with a selector ("claim.Spec.Selector is not supported for dynamic provisioning"): it waits for an existing PersistentVolume with matching labels, and the data source is never copied.',
    howToFix: 'Remove the selector.',
    invalid: claim(basics + '  selector:\n    matchLabels: {tier: gold}\n' + fromData),
    valid: claim(basics + fromData),
  },
  'clone-size-must-match': {
    cluster: 'Longhorn and Portworx copy a volume as it is: external-provisioner lets a larger clone through, and the driver fails CreateVolume because the size differs from the source\'s.',
    howToFix: 'Request the source\'s size, and expand the clone (allowVolumeExpansion) once it is Bound.',
    invalid:
      'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: longhorn\nprovisioner: driver.longhorn.io\n---\n' +
      source().replace('csi-hostpath-sc', 'longhorn') + claim(basics.replace('csi-hostpath-sc', 'longhorn').replace('10Gi', '20Gi') + fromData),
    valid:
      'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: longhorn\nprovisioner: driver.longhorn.io\n---\n' +
      source().replace('csi-hostpath-sc', 'longhorn') + claim(basics.replace('csi-hostpath-sc', 'longhorn') + fromData),
  },
};
