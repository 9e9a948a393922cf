/**
 * A bundle shaped like a real repository of manifests: sources, correct clones, clones with the
 * common mistakes (kind case, apiGroup: core, smaller size, volumeMode), and unrelated objects.
 */
export function generateBundle(documents: number): string {
  const parts: string[] = [];
  for (let i = 0; parts.length < documents; i++) {
    const ns = `team-${i % 50}`;
    parts.push(`apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data-${i}
  namespace: ${ns}
  labels: {app: svc-${i}}
spec:
  accessModes: [ReadWriteOnce]
  storageClassName: csi-hostpath
  resources:
    requests:
      storage: ${1 + (i % 20)}Gi
`);
    const mistake = i % 4;
    parts.push(`apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data-${i}-copy
  namespace: ${ns}
spec:
  accessModes: [ReadWriteOnce]
  storageClassName: csi-hostpath
  resources:
    requests:
      storage: ${mistake === 2 ? '512Mi' : `${1 + (i % 20)}Gi`}   # the copy
${mistake === 3 ? '  volumeMode: Block\n' : ''}  dataSource:
    ${mistake === 1 ? 'apiGroup: core\n    ' : ''}kind: ${mistake === 0 ? 'PersistentVolumeClaim' : 'persistentvolumeclaim'}
    name: data-${i}
`);
    parts.push(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: svc-${i}
  namespace: ${ns}
spec:
  replicas: 1
  selector: {matchLabels: {app: svc-${i}}}
  template:
    metadata: {labels: {app: svc-${i}}}
    spec:
      containers:
        - name: app
          image: registry.example/app:${i}
      volumes:
        - name: data
          persistentVolumeClaim: {claimName: data-${i}}
`);
  }
  return parts.slice(0, documents).join('---\n');
}
