/**
 * The controllers' checks against the rest of the bundle (K1-K3, P1, P2, P4, P6, P8, P9, N1, N3):
 * StorageClasses, the source claim, its PersistentVolume and the workloads that mount it.
 */
import { makeProfile } from '../../src/profile.js';
import { runRuleTests } from '../rule-tester.js';

const classes =
  'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: hostpath\nprovisioner: hostpath.csi.k8s.io\n---\n' +
  'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: hostpath-fast\nprovisioner: hostpath.csi.k8s.io\n---\n' +
  'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: ebs\nprovisioner: ebs.csi.aws.com\n---\n' +
  'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: legacy\nprovisioner: kubernetes.io/host-path\n---\n' +
  // migrated to CSI (csi-translation-lib): provisioned by pd.csi.storage.gke.io and ebs.csi.aws.com
  'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: standard\nprovisioner: kubernetes.io/gce-pd\n---\n' +
  'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: gp2\nprovisioner: kubernetes.io/aws-ebs\n---\n';
const defaultEbs =
  'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: gp3\n  annotations:\n' +
  '    storageclass.kubernetes.io/is-default-class: "true"\nprovisioner: ebs.csi.aws.com\n---\n';
const defaultHostpath = defaultEbs.replace('gp3', 'standard').replace('ebs.csi.aws.com', 'hostpath.csi.k8s.io');
const source = (extra = '', storage = '3Gi', status = 'Bound') =>
  'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: src\nspec:\n  accessModes: [ReadWriteOnce]\n  storageClassName: hostpath\n' +
  extra + `  resources:\n    requests:\n      storage: ${storage}\nstatus:\n  phase: ${status}\n---\n`;
const clone = (spec: string, name = 'clone') =>
  `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: ${name}\nspec:\n  accessModes: [ReadWriteOnce]\n` + spec;
const from = (name = 'src') => `  dataSource:\n    kind: PersistentVolumeClaim\n    name: ${name}\n`;
const sized = (storage: string) => `  resources:\n    requests:\n      storage: ${storage}\n`;
const complete = makeProfile({ complete: true });

const k1 =
  'storageClassName: "" means no class: the claim is never dynamically provisioned, so the data source is never copied (it stays Pending: ' +
  '"no persistent volumes available for this claim and no storage class is set", or binds an empty pre-created volume). ';
runRuleTests('storage-class-empty', {
  valid: [
    { name: 'no data source: a static claim may want no class', text: clone('  storageClassName: ""\n' + sized('1Gi')) },
    classes + source() + clone('  storageClassName: hostpath\n' + sized('3Gi') + from()),
  ],
  invalid: [
    {
      name: "the source's class is known: use it",
      text: classes + source() + clone('  storageClassName: «""» # no class?\n' + sized('3Gi') + from()),
      findings: [{ message: k1 + "Use the source's class hostpath", severity: 'error' }],
      output: classes + source() + clone('  storageClassName: hostpath # no class?\n' + sized('3Gi') + from()),
    },
    {
      name: 'unknown source: remove it for the default class',
      text: clone('  storageClassName: «""»\n' + sized('3Gi') + from()),
      findings: [{ message: k1 + "Name a class of the source's CSI driver, or omit the field for the default class", severity: 'error' }],
      output: clone(sized('3Gi') + from()),
    },
  ],
});

runRuleTests('default-storage-class', {
  valid: [
    { name: 'a named class', text: classes + source() + clone('  storageClassName: hostpath\n' + sized('3Gi') + from()) },
    { name: "the default class is the source's driver", text: classes + defaultHostpath + source() + clone(sized('3Gi') + from()) },
    { name: 'no data source', text: clone(sized('3Gi')) },
  ],
  invalid: [
    {
      name: 'no class anywhere: info, at the spec key',
      text: clone(sized('3Gi') + from()).replace('spec:', '«spec»:'),
      findings: [{ message: "no storageClassName: the cluster's default StorageClass is used, and the clone works only if its provisioner is the source's CSI driver", severity: 'info' }],
      output: null,
    },
    {
      name: "the source's class is known: name it",
      text: classes + source() + clone(sized('3Gi') + from()).replace('spec:', '«spec»:'),
      findings: [{ message: "no storageClassName: the cluster's default StorageClass is used, and the clone works only if its provisioner is the source's CSI driver; name it (storageClassName: hostpath) to make the clone portable", severity: 'info' }],
      output: null,
    },
    {
      name: 'the default class has another provisioner: warning',
      text: classes + defaultEbs + source() + clone(sized('3Gi') + from()).replace('spec:', '«spec»:'),
      findings: [{ message: 'no storageClassName: the default class gp3 (ebs.csi.aws.com) is used, but source src is a hostpath.csi.k8s.io volume, so the clone never binds; set storageClassName: hostpath', severity: 'warning' }],
      output: null,
    },
  ],
});

const k3 = (provisioner: string) =>
  `StorageClass legacy uses the in-tree provisioner ${provisioner}: the controller-manager refuses to provision ` +
  `("plugin \\"${provisioner}\\" is not a CSI plugin. Only CSI plugin can provision a claim with a datasource"); use a class of a CSI driver that supports cloning`;
runRuleTests('in-tree-provisioner', {
  valid: [
    classes + clone('  storageClassName: hostpath\n' + sized('3Gi') + from()),
    { name: 'no data source: in-tree is fine', text: classes + clone('  storageClassName: legacy\n' + sized('3Gi')) },
    {
      name: 'a plugin migrated to CSI (kubernetes.io/gce-pd) is provisioned by its CSI driver: no refusal',
      text: classes + clone('  storageClassName: standard\n' + sized('3Gi') + from()),
    },
    { name: 'kubernetes.io/aws-ebs: provisioned by ebs.csi.aws.com', text: classes + clone('  storageClassName: gp2\n' + sized('3Gi') + from()) },
    {
      name: 'a CSIDriver object exists for the provisioner',
      text: classes + clone('  storageClassName: hostpath\n' + sized('3Gi') + from()),
      facts: { csiDrivers: [{ metadata: { name: 'hostpath.csi.k8s.io' } }] },
    },
  ],
  invalid: [
    {
      text: classes + clone('  storageClassName: «legacy»\n' + sized('3Gi') + from()),
      findings: [{ message: k3('kubernetes.io/host-path'), severity: 'warning' }],
      output: null,
    },
    {
      name: 'aws-ebs before its CSI migration went GA (1.25) is still refused',
      profile: makeProfile({ kubernetesVersion: '1.24' }),
      text: classes + clone('  storageClassName: «gp2»\n' + sized('3Gi') + from()),
      findings: [{ message: k3('kubernetes.io/aws-ebs').replace('StorageClass legacy', 'StorageClass gp2'), severity: 'warning' }],
      output: null,
    },
    {
      name: 'K4: a provisioner with no CSIDriver object may ignore the data source',
      text: 'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: nfs\nprovisioner: example.com/nfs\n---\n' +
        clone('  storageClassName: «nfs»\n' + sized('3Gi') + from()),
      facts: { csiDrivers: [{ metadata: { name: 'hostpath.csi.k8s.io' } }] },
      findings: [{ message: 'StorageClass nfs is provisioned by example.com/nfs, which has no CSIDriver object in this cluster: if it is not a CSI driver it may ignore the data source and return an EMPTY volume', severity: 'info' }],
      output: null,
    },
  ],
});

const p8 = (target: string, provisioner: string, evidence: string) =>
  `the clone stays Pending: ${target} is provisioned by ${provisioner}, but source src is a hostpath.csi.k8s.io volume (${evidence}); ` +
  'a CSI driver only clones its own volumes (event: "claim in dataSource not bound or invalid"). Use a class of hostpath.csi.k8s.io, e.g. hostpath';
runRuleTests('csi-driver-mismatch', {
  valid: [
    { name: 'same class', text: classes + source() + clone('  storageClassName: hostpath\n' + sized('3Gi') + from()) },
    { name: 'same driver, other class (P8 info, not this)', text: classes + source() + clone('  storageClassName: hostpath-fast\n' + sized('3Gi') + from()) },
    {
      name: 'a source on ebs.csi.aws.com, a clone on the in-tree kubernetes.io/aws-ebs class: the same driver after CSI migration',
      text: classes + source().replace('storageClassName: hostpath', 'storageClassName: ebs') + clone('  storageClassName: gp2\n' + sized('3Gi') + from()),
    },
  ],
  invalid: [
    {
      name: 'a migrated in-tree class is its CSI driver: kubernetes.io/gce-pd is pd.csi.storage.gke.io, not the source\'s driver',
      text: classes + source() + clone('  storageClassName: «standard»\n' + sized('3Gi') + from()),
      findings: [{ message: p8('StorageClass standard', 'pd.csi.storage.gke.io (kubernetes.io/gce-pd, migrated to CSI)', 'StorageClass hostpath'), severity: 'error' }],
      output: classes + source() + clone('  storageClassName: hostpath\n' + sized('3Gi') + from()),
    },
    {
      name: 'another driver',
      text: classes + source() + clone('  storageClassName: «ebs»\n' + sized('3Gi') + from()),
      findings: [{ message: p8('StorageClass ebs', 'ebs.csi.aws.com', 'StorageClass hostpath'), severity: 'error' }],
      output: classes + source() + clone('  storageClassName: hostpath\n' + sized('3Gi') + from()),
    },
    {
      name: "the source's driver is read from its PersistentVolume",
      text: classes + defaultEbs +
        'apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: pv-src\nspec:\n  csi: {driver: hostpath.csi.k8s.io, volumeHandle: h}\n---\n' +
        source('  volumeName: pv-src\n') + clone(sized('3Gi') + from()).replace('spec:', '«spec»:'),
      findings: [{ message: p8('the default StorageClass gp3', 'ebs.csi.aws.com', 'its PersistentVolume pv-src'), severity: 'error' }],
      output: classes + defaultEbs +
        'apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: pv-src\nspec:\n  csi: {driver: hostpath.csi.k8s.io, volumeHandle: h}\n---\n' +
        source('  volumeName: pv-src\n') + clone('  storageClassName: hostpath\n  accessModes: [ReadWriteOnce]\n' + sized('3Gi') + from()).replace('  accessModes: [ReadWriteOnce]\n  storageClassName', '  storageClassName'),
    },
    {
      name: "no fix when the source's own class is the clone's: its PV names another driver",
      text: classes +
        'apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: pv-src\nspec:\n  csi: {driver: hostpath.csi.k8s.io, volumeHandle: h}\n---\n' +
        source('  volumeName: pv-src\n').replace('storageClassName: hostpath', 'storageClassName: ebs') +
        clone('  storageClassName: «ebs»\n' + sized('3Gi') + from()),
      findings: [{
        message: 'the clone stays Pending: StorageClass ebs is provisioned by ebs.csi.aws.com, but source src is a hostpath.csi.k8s.io volume ' +
          '(its PersistentVolume pv-src); a CSI driver only clones its own volumes (event: "claim in dataSource not bound or invalid"). Use a class of hostpath.csi.k8s.io',
        severity: 'error',
      }],
      output: null,
    },
  ],
});

runRuleTests('storage-class-differs', {
  valid: [
    classes + source() + clone('  storageClassName: hostpath\n' + sized('3Gi') + from()),
    { name: 'another driver is csi-driver-mismatch', text: classes + source() + clone('  storageClassName: ebs\n' + sized('3Gi') + from()) },
  ],
  invalid: [
    {
      name: 'same driver, other class: allowed since external-provisioner v3.2',
      text: classes + source() + clone('  storageClassName: «hostpath-fast»\n' + sized('3Gi') + from()),
      findings: [{ message: 'the clone uses StorageClass hostpath-fast and the source hostpath: both are hostpath.csi.k8s.io, which is allowed since external-provisioner v3.2 (the driver may still refuse parameters that differ)', severity: 'info' }],
      output: null,
    },
    {
      name: 'external-provisioner 3.1 still required the same class',
      profile: makeProfile({ provisionerVersion: '3.1.0' }),
      text: classes + source() + clone('  storageClassName: «hostpath-fast»\n' + sized('3Gi') + from()),
      findings: [{ message: 'external-provisioner 3.1.0 requires the source\'s StorageClass hostpath ("the source PVC and destination PVCs must be in the same storage class for cloning"); v3.2 and later only require the same driver', severity: 'error' }],
      output: null,
    },
  ],
});

runRuleTests('self-reference', {
  valid: [classes + source() + clone('  storageClassName: hostpath\n' + sized('3Gi') + from())],
  invalid: [
    {
      text: clone('  storageClassName: hostpath\n' + sized('3Gi') + '  dataSource:\n    kind: PersistentVolumeClaim\n    name: «clone»\n'),
      findings: [{ message: 'this claim names itself as its source: nothing rejects it, and it stays Pending forever (external-provisioner waits for "the PVC DataSource clone must have a status of Bound"); name the claim to copy', severity: 'error' }],
      output: null,
    },
  ],
});

const notHere = (name: string) =>
  `source ${name} is not in these files: it must exist in the namespace this claim is applied into and be Bound when this clone is created ` +
  '(kubectl clone lint --cluster checks it; said once per file, for the first clone whose source is not here)';
const inNamespace = (text: string, namespace: string) => text.replace(/( {2}name: [^\n]+\n)/, `$1  namespace: ${namespace}\n`);
runRuleTests('source-not-found', {
  valid: [
    classes + source() + clone('  storageClassName: hostpath\n' + sized('3Gi') + from()),
    { name: 'the source comes from live facts', text: clone(sized('3Gi') + from()), facts: { persistentVolumeClaims: [{ metadata: { name: 'src' }, spec: {} }] }, profile: complete },
    { name: 'self-reference is N3, not P1', text: clone(sized('3Gi') + from('clone')) },
  ],
  invalid: [
    {
      name: 'absent from an incomplete bundle: info',
      text: clone(sized('3Gi') + '  dataSource:\n    kind: PersistentVolumeClaim\n    name: «src»\n'),
      findings: [{ message: notHere('src'), severity: 'info' }],
      output: null,
    },
    {
      name: 'one note per file, not one per clone: three clones of sources not in the file',
      text: clone(sized('3Gi') + '  dataSource:\n    kind: PersistentVolumeClaim\n    name: «src»\n') + '---\n' +
        clone(sized('3Gi') + from('other'), 'clone-2') + '---\n' + clone(sized('3Gi') + from('third'), 'clone-3'),
      findings: [{ message: notHere('src'), severity: 'info' }],
      output: null,
    },
    {
      name: 'absent from a complete bundle: error',
      profile: complete,
      text: inNamespace(clone(sized('3Gi') + '  dataSource:\n    kind: PersistentVolumeClaim\n    name: «src»\n'), 'app'),
      findings: [{ message: 'source src does not exist in namespace app: the clone stays Pending ("persistentvolumeclaim \\"src\\" not found")', severity: 'error' }],
      output: null,
    },
    {
      name: 'the source is in another namespace',
      text: inNamespace(source(), 'prod') + inNamespace(clone(sized('3Gi') + '  dataSource:\n    kind: PersistentVolumeClaim\n    name: «src»\n'), 'app'),
      findings: [{ message: 'source src is in namespace prod, but this clone looks for it in namespace app: the clone stays Pending ("persistentvolumeclaim \\"src\\" not found"). Clone in the source\'s namespace, or (alpha) use dataSourceRef.namespace with a ReferenceGrant', severity: 'error' }],
      output: null,
    },
  ],
});

runRuleTests('source-not-bound', {
  valid: [classes + source() + clone(sized('3Gi') + from()), { name: 'no status in the manifest', text: source().replace(/status:\n {2}phase: Bound\n/, '') + clone(sized('3Gi') + from()) }],
  invalid: [
    {
      name: 'Pending in the bundle: info (ordering)',
      text: source('', '3Gi', 'Pending') + clone(sized('3Gi') + '  dataSource:\n    kind: PersistentVolumeClaim\n    name: «src»\n'),
      findings: [{ message: 'source src is Pending: the clone stays Pending until it is Bound ("the PVC DataSource src must have a status of Bound")', severity: 'info' }],
      output: null,
    },
    {
      name: 'Pending in the cluster: warning',
      text: clone(sized('3Gi') + '  dataSource:\n    kind: PersistentVolumeClaim\n    name: «src»\n'),
      facts: { persistentVolumeClaims: [{ metadata: { name: 'src' }, spec: {}, status: { phase: 'Pending' } }] },
      findings: [{ message: 'source src is Pending: the clone stays Pending until it is Bound ("the PVC DataSource src must have a status of Bound")', severity: 'warning' }],
      output: null,
    },
    {
      name: 'P3: being deleted',
      text: clone(sized('3Gi') + '  dataSource:\n    kind: PersistentVolumeClaim\n    name: «src»\n'),
      facts: { persistentVolumeClaims: [{ metadata: { name: 'src', deletionTimestamp: '2026-01-01T00:00:00Z' }, spec: {}, status: { phase: 'Bound' } }] },
      findings: [{ message: 'source src is being deleted: the clone fails ("the PVC DataSource src is currently being deleted")', severity: 'error' }],
      output: null,
    },
  ],
});

runRuleTests('source-storage-class-empty', {
  valid: [source() + clone(sized('3Gi') + from())],
  invalid: [
    {
      text: source().replace('storageClassName: hostpath', 'storageClassName: ""') + clone(sized('3Gi') + '  dataSource:\n    kind: PersistentVolumeClaim\n    name: «src»\n'),
      findings: [{ message: 'source src has storageClassName: "" (a statically bound volume): external-provisioner refuses to clone it ("the source PVC (src) storageclass cannot be empty") or its PV is not a CSI volume of the clone\'s driver', severity: 'warning' }],
      output: null,
    },
  ],
});

const p6 = (target: string, requested: string, src: string, needed: string) =>
  `the clone stays Pending: it requests ${target} (${requested} bytes) but source src requests ${src} (${needed} bytes); external-provisioner: ` +
  `"new PVC request must be greater than or equal in size to the specified PVC data source, requested ${requested} but source is ${needed}". Request at least ${src}`;
runRuleTests('clone-smaller-than-source', {
  valid: [
    source() + clone(sized('3Gi') + from()),
    { name: '3072Mi = 3Gi', text: source() + clone(sized('3072Mi') + from()) },
    { name: '3221225472 = 3Gi', text: source() + clone(sized('3221225472') + from()) },
    { name: 'larger is fine', text: source() + clone(sized('4G') + from()) },
    { name: '3000Mi >= 3G', text: source('', '3G') + clone(sized('3000Mi') + from()) },
    { name: 'status.capacity is not compared', text: source().replace('phase: Bound', 'phase: Bound\n  capacity: {storage: 10Gi}') + clone(sized('3Gi') + from()) },
  ],
  invalid: [
    {
      name: '3G < 3Gi',
      text: source() + clone(sized('«3G»') + from()),
      findings: [{ message: p6('3G', '3000000000', '3Gi', '3221225472'), severity: 'error' }],
      output: source() + clone(sized('3Gi') + from()),
    },
    {
      name: '3000Mi < 3Gi',
      text: source() + clone(sized('«3000Mi» # was 3000Mi') + from()),
      findings: [{ message: p6('3000Mi', '3145728000', '3Gi', '3221225472'), severity: 'error' }],
      output: source() + clone(sized('3Gi # was 3000Mi') + from()),
    },
    {
      name: '3G < 3000Mi',
      text: source('', '3000Mi') + clone(sized('«3G»') + from()),
      findings: [{ message: p6('3G', '3000000000', '3000Mi', '3145728000'), severity: 'error' }],
      output: source('', '3000Mi') + clone(sized('3000Mi') + from()),
    },
    {
      name: 'bytes: 3221225471 < 3072Mi',
      text: source('', '3072Mi') + clone(sized('«3221225471»') + from()),
      findings: [{ message: p6('3221225471', '3221225471', '3072Mi', '3221225472'), severity: 'error' }],
      output: source('', '3072Mi') + clone(sized('3072Mi') + from()),
    },
  ],
});

const pvBlock = 'apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: pv-src\nspec:\n  volumeMode: Block\n  csi: {driver: hostpath.csi.k8s.io, volumeHandle: h}\n---\n';
const p9 = (wanted: string, requested: string) =>
  `the clone stays Pending: "the source PVC and destination PVCs must have the same volume mode for cloning.  Source is ${wanted}, but new PVC requested ${requested}"`;
runRuleTests('volume-mode-mismatch', {
  valid: [
    source() + clone(sized('3Gi') + from()),
    { name: 'omitted = Filesystem on both sides', text: source() + clone('  volumeMode: Filesystem\n' + sized('3Gi') + from()) },
    { name: 'Block from the PV, Block asked', text: pvBlock + source('  volumeName: pv-src\n') + clone('  volumeMode: Block\n' + sized('3Gi') + from()) },
  ],
  invalid: [
    {
      name: 'source Block (from its PV), clone omits volumeMode',
      text: pvBlock + source('  volumeName: pv-src\n') + clone(sized('3Gi') + from()).replace('spec:', '«spec»:'),
      findings: [{ message: p9('Block', 'Filesystem') + ' (an omitted volumeMode is Filesystem); set volumeMode: Block', severity: 'error' }],
      output: pvBlock + source('  volumeName: pv-src\n') + clone(sized('3Gi') + from()).replace('  accessModes', '  volumeMode: Block\n  accessModes'),
    },
    {
      name: 'source Filesystem (omitted), clone Block',
      text: source() + clone('  volumeMode: «Block»\n' + sized('3Gi') + from()),
      findings: [{ message: p9('Filesystem', 'Block') + '; set volumeMode: Filesystem', severity: 'error' }],
      output: source() + clone('  volumeMode: Filesystem\n' + sized('3Gi') + from()),
    },
    {
      name: "the PV's mode wins over the source claim's",
      text: pvBlock + source('  volumeName: pv-src\n  volumeMode: Filesystem\n') + clone('  volumeMode: «Filesystem»\n' + sized('3Gi') + from()),
      findings: [{ message: p9('Block', 'Filesystem') + '; set volumeMode: Block', severity: 'error' }],
      output: pvBlock + source('  volumeName: pv-src\n  volumeMode: Filesystem\n') + clone('  volumeMode: Block\n' + sized('3Gi') + from()),
    },
  ],
});

const workload =
  'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      volumes:\n' +
  '        - name: d\n          persistentVolumeClaim: {claimName: src}\n---\n';
runRuleTests('source-in-use', {
  valid: [
    source() + clone(sized('3Gi') + from()),
    { name: 'a mount in another namespace', text: inNamespace(workload, 'other') + source() + clone(sized('3Gi') + from()) },
    { name: 'a finished pod in the cluster', text: clone(sized('3Gi') + from()), facts: { pods: [{ metadata: { name: 'job-1' }, spec: { volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'src' } }] }, status: { phase: 'Succeeded' } }] } },
  ],
  invalid: [
    {
      name: 'N1: mounted by a Deployment (info: nobody enforces it)',
      text: workload + source() + clone(sized('3Gi') + '  dataSource:\n    kind: PersistentVolumeClaim\n    name: «src»\n'),
      findings: [{ message: 'source src is mounted by Deployment web: the clone is a crash-consistent copy of a live volume; stop writers (or scale the workload to 0) for an application-consistent copy', severity: 'info' }],
      output: null,
    },
    {
      name: 'a running pod in the cluster',
      text: clone(sized('3Gi') + '  dataSource:\n    kind: PersistentVolumeClaim\n    name: «src»\n'),
      facts: { pods: [{ metadata: { name: 'db-0' }, spec: { volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'src' } }] }, status: { phase: 'Running' } }] },
      findings: [{ message: { contains: 'source src is mounted by Pod db-0' }, severity: 'info' }],
      output: null,
    },
  ],
});
