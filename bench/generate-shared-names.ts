/**
 * A GitOps repository's shape: one directory per tenant, every tenant with the same claim names
 * (`data`, its clone `data-clone`, a snapshot and a claim restored from it, a cross-namespace
 * clone of the previous tenant's `data` with the ReferenceGrant that allows it), and a few
 * StorageClasses shared by all. Unique names (generate-bundle.ts) never see a lookup by name
 * that scans every namespace; this shape does.
 */
export function generateSharedNames(documents: number): string {
  const parts: string[] = [
    `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: csi-hostpath
  annotations: {storageclass.kubernetes.io/is-default-class: "true"}
provisioner: hostpath.csi.k8s.io
`,
    `apiVersion: snapshot.storage.k8s.io/v1
kind: VolumeSnapshotClass
metadata: {name: csi-hostpath-snapclass}
driver: hostpath.csi.k8s.io
deletionPolicy: Delete
`,
  ];
  for (let i = 0; parts.length < documents; i++) {
    const ns = `tenant-${i}`;
    const size = `${1 + (i % 20)}Gi`;
    parts.push(`apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
  namespace: ${ns}
  labels: {app.kubernetes.io/part-of: tenant-${i}}
spec:
  accessModes: [ReadWriteOnce]
  storageClassName: csi-hostpath
  resources:
    requests:
      storage: ${size}
`);
    parts.push(`apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data-clone
  namespace: ${ns}
spec:
  accessModes: [ReadWriteOnce]
  storageClassName: csi-hostpath
  resources:
    requests:
      storage: ${i % 7 === 3 ? '512Mi' : size}
  dataSource:
    kind: PersistentVolumeClaim
    name: data
`);
    parts.push(`apiVersion: snapshot.storage.k8s.io/v1
kind: VolumeSnapshot
metadata:
  name: data-snap
  namespace: ${ns}
spec:
  volumeSnapshotClassName: csi-hostpath-snapclass
  source:
    persistentVolumeClaimName: data
`);
    parts.push(`apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data-restore
  namespace: ${ns}
spec:
  accessModes: [ReadWriteOnce]
  storageClassName: csi-hostpath
  resources:
    requests:
      storage: ${size}
  dataSource:
    apiGroup: snapshot.storage.k8s.io
    kind: VolumeSnapshot
    name: data-snap
`);
    parts.push(`apiVersion: gateway.networking.k8s.io/v1beta1
kind: ReferenceGrant
metadata:
  name: allow-next-tenant
  namespace: ${ns}
spec:
  from:
    - {group: "", kind: PersistentVolumeClaim, namespace: tenant-${i + 1}}
  to:
    - {group: "", kind: PersistentVolumeClaim, name: data}
`);
    if (i > 0) {
      parts.push(`apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: src
  namespace: ${ns}
spec:
  accessModes: [ReadWriteOnce]
  storageClassName: csi-hostpath
  resources:
    requests:
      storage: 20Gi
  dataSourceRef:
    kind: PersistentVolumeClaim
    name: data
    namespace: tenant-${i - 1}
`);
    }
  }
  return parts.slice(0, documents).join('---\n');
}
