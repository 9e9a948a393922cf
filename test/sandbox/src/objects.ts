import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import { DRIVER, EXTRA_DRIVERS, NOCLONE_STORAGE_CLASS, PLAIN_STORAGE_CLASS } from "./drivers.js";
import { RESTRICTED_USER } from "./pki.js";

export { DRIVER };
export const OTHER_DRIVER = "other.csi.example.com";
/** An in-tree, non-CSI provisioner the controller-manager serves (with --enable-hostpath-provisioner): demonstrates K3. */
export const IN_TREE_PROVISIONER = "kubernetes.io/host-path";

export const STORAGE_CLASSES = {
  default: "csi-hostpath",
  alt: "csi-hostpath-alt",
  otherDriver: "other-driver",
  inTree: "in-tree",
  /** Only with a node: WaitForFirstConsumer, so a claim binds when the first pod using it is scheduled. */
  wffc: "csi-hostpath-wffc",
  /** Only with extraDrivers (drivers.ts): classes of the drivers without clone, and without clone and snapshot. */
  noclone: NOCLONE_STORAGE_CLASS,
  plain: PLAIN_STORAGE_CLASS,
} as const;
export const SNAPSHOT_CLASS = "csi-hostpath-snapclass";
export const RESTRICTED_ROLE = "sandbox-restricted-reader";

type Obj = Record<string, unknown>;

function storageClass(name: string, provisioner: string, isDefault = false, bindingMode = "Immediate"): Obj {
  return {
    apiVersion: "storage.k8s.io/v1",
    kind: "StorageClass",
    metadata: {
      name,
      ...(isDefault ? { annotations: { "storageclass.kubernetes.io/is-default-class": "true" } } : {}),
    },
    provisioner,
    reclaimPolicy: "Delete",
    volumeBindingMode: bindingMode,
    allowVolumeExpansion: true,
  };
}

function csiDriver(name: string): Obj {
  return {
    apiVersion: "storage.k8s.io/v1",
    kind: "CSIDriver",
    metadata: { name },
    spec: {
      attachRequired: false,
      podInfoOnMount: true,
      volumeLifecycleModes: ["Persistent"],
      fsGroupPolicy: "File",
    },
  };
}

/** Cluster objects created at `up` (the CRDs come from the build cache, see applyCrds). */
export function sandboxObjects(options: { node?: boolean; extraDrivers?: boolean } = {}): Obj[] {
  const extras = options.extraDrivers ? EXTRA_DRIVERS : [];
  return [
    storageClass(STORAGE_CLASSES.default, DRIVER, true),
    storageClass(STORAGE_CLASSES.alt, DRIVER),
    storageClass(STORAGE_CLASSES.otherDriver, OTHER_DRIVER),
    storageClass(STORAGE_CLASSES.inTree, IN_TREE_PROVISIONER),
    // without a node nothing would ever consume it: a claim of this class stays Pending forever
    ...(options.node ? [storageClass(STORAGE_CLASSES.wffc, DRIVER, false, "WaitForFirstConsumer")] : []),
    csiDriver(DRIVER),
    ...extras.flatMap((d) => [storageClass(d.storageClass, d.name), csiDriver(d.name)]),
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRole",
      metadata: { name: RESTRICTED_ROLE },
      rules: [
        { apiGroups: [""], resources: ["persistentvolumeclaims", "persistentvolumes", "events"], verbs: ["get", "list", "watch"] },
        { apiGroups: ["storage.k8s.io"], resources: ["storageclasses"], verbs: ["get", "list", "watch"] },
        { apiGroups: ["events.k8s.io"], resources: ["events"], verbs: ["get", "list", "watch"] },
      ],
    },
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRoleBinding",
      metadata: { name: RESTRICTED_ROLE },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: RESTRICTED_ROLE },
      subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "User", name: RESTRICTED_USER }],
    },
  ];
}

function snapshotClass(name: string, driver: string, isDefault: boolean): Obj {
  return {
    apiVersion: "snapshot.storage.k8s.io/v1",
    kind: "VolumeSnapshotClass",
    metadata: { name, ...(isDefault ? { annotations: { "snapshot.storage.kubernetes.io/is-default-class": "true" } } : {}) },
    driver,
    deletionPolicy: "Delete",
  };
}

/** VolumeSnapshotClasses (after the CRDs): the default driver's (the default class) and, with extraDrivers, the noclone driver's. */
export function snapshotClasses(options: { extraDrivers?: boolean } = {}): Obj[] {
  const extras = options.extraDrivers ? EXTRA_DRIVERS : [];
  return [
    snapshotClass(SNAPSHOT_CLASS, DRIVER, true),
    ...extras.flatMap((d) => (d.snapshotClass ? [snapshotClass(d.snapshotClass, d.name, false)] : [])),
  ];
}

/** Runs the sandbox's kubectl; rejects with its output on a non-zero exit. */
export function kubectl(bin: string, kubeconfig: string, args: string[], stdin?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    // Discovery cache inside the sandbox dir, not ~/.kube/cache (a new port every run).
    const cacheDir = path.join(path.dirname(kubeconfig), "kube-cache");
    const child = spawn(bin, ["--kubeconfig", kubeconfig, "--cache-dir", cacheDir, ...args], { stdio: ["pipe", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve(out) : reject(new Error(`kubectl ${args.join(" ")} failed (exit ${code}):\n${out}`)),
    );
    child.stdin.end(stdin ?? "");
  });
}

function asList(items: Obj[]): string {
  return JSON.stringify({ apiVersion: "v1", kind: "List", items });
}

/** Installs every CRD YAML in crdDir (snapshot.storage.k8s.io, ReferenceGrant) and waits until Established. */
export async function applyCrds(kubectlBin: string, kubeconfig: string, crdDir: string): Promise<string[]> {
  const files = readdirSync(crdDir).filter((f) => f.endsWith(".yaml")).sort();
  const args = ["apply", "--server-side", "--field-manager=kubectl-clone-sandbox"];
  for (const f of files) args.push("-f", path.join(crdDir, f));
  await kubectl(kubectlBin, kubeconfig, args);
  const names = files.map((f) => f.replace(/\.yaml$/, "").split("_").reverse().join("."));
  await kubectl(kubectlBin, kubeconfig, [
    "wait",
    "--for=condition=Established",
    "--timeout=60s",
    ...names.map((n) => `crd/${n}`),
  ]);
  return names;
}

export async function applyObjects(kubectlBin: string, kubeconfig: string, objects: Obj[]): Promise<void> {
  await kubectl(kubectlBin, kubeconfig, ["apply", "--server-side", "--field-manager=kubectl-clone-sandbox", "-f", "-"], asList(objects));
}
