// Pods on the sandbox's node, driven as a user would: manifests through the sandbox's kubectl,
// `kubectl exec` to read and write files, states waited for (never fixed sleeps).
import { spawn } from "node:child_process";
import path from "node:path";
import { BUSYBOX_IMAGE } from "../../sandbox/src/node/images.js";

export { BUSYBOX_IMAGE };

export interface KubectlRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export interface KubectlTarget {
  binDir: string;
  kubeconfigPath: string;
}

/** Runs the sandbox's kubectl (same version as the cluster). */
export function kubectl(sb: KubectlTarget, args: string[], options: { stdin?: string; timeoutMs?: number } = {}): Promise<KubectlRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(sb.binDir, "kubectl"), ["--kubeconfig", sb.kubeconfigPath, ...args], { stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 60_000);
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
    child.stdin.end(options.stdin ?? "");
  });
}

/** kubectl that must succeed: its stdout, or an error with everything it printed. */
export async function kubectlOk(sb: KubectlTarget, args: string[], options: { stdin?: string; timeoutMs?: number } = {}): Promise<string> {
  const r = await kubectl(sb, args, options);
  if (r.status !== 0) throw new Error(`kubectl ${args.join(" ")} exited ${r.status}:\n${r.stdout}${r.stderr}`);
  return r.stdout;
}

export async function apply(sb: KubectlTarget, namespace: string, objects: object[]): Promise<void> {
  await kubectlOk(sb, ["apply", "-n", namespace, "-f", "-"], { stdin: JSON.stringify({ apiVersion: "v1", kind: "List", items: objects }) });
}

/**
 * A busybox container running `script` with the claim at /data. The script's own `trap` decides
 * what SIGTERM does; the grace period keeps a stuck one from holding a test for 30 s.
 */
export function podSpec(claim: string, script: string): Record<string, unknown> {
  return {
    terminationGracePeriodSeconds: 5,
    enableServiceLinks: false,
    containers: [
      {
        name: "app",
        image: BUSYBOX_IMAGE,
        imagePullPolicy: "Never",
        command: ["sh", "-c", script],
        volumeMounts: [{ name: "data", mountPath: "/data" }],
      },
    ],
    volumes: [{ name: "data", persistentVolumeClaim: { claimName: claim } }],
  };
}

/** Sleeps until SIGTERM, then exits at once (sleep as PID 1 would ignore SIGTERM). */
export const IDLE = "trap 'exit 0' TERM; while true; do sleep 1; done";

export function deployment(name: string, claim: string, script: string, replicas = 1): Record<string, unknown> {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, labels: { app: name } },
    spec: {
      replicas,
      // one pod at a time on a ReadWriteOnce claim
      strategy: { type: "Recreate" },
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: podSpec(claim, script) },
    },
  };
}

export function claimManifest(name: string, storageClassName: string, size = "16Mi"): Record<string, unknown> {
  return {
    apiVersion: "v1",
    kind: "PersistentVolumeClaim",
    metadata: { name },
    spec: { accessModes: ["ReadWriteOnce"], storageClassName, resources: { requests: { storage: size } } },
  };
}

export function pod(name: string, claim: string, script: string = IDLE): Record<string, unknown> {
  return { apiVersion: "v1", kind: "Pod", metadata: { name, labels: { app: name } }, spec: podSpec(claim, script) };
}

interface PodJson {
  metadata: { name: string; uid: string; deletionTimestamp?: string };
  spec: { nodeName?: string };
  status: { phase?: string; conditions?: { type: string; status: string }[] };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until check returns a value; the error names what was awaited and the last state seen. */
export async function until<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 90_000, describe?: () => Promise<string>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > deadline) {
      const state = describe ? await describe().catch((e: unknown) => String(e)) : "";
      throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what}${state ? `\n${state}` : ""}`);
    }
    await sleep(300);
  }
}

export async function pods(sb: KubectlTarget, namespace: string, selector: string): Promise<PodJson[]> {
  const out = await kubectlOk(sb, ["get", "pods", "-n", namespace, "-l", selector, "-o", "json"]);
  return (JSON.parse(out) as { items: PodJson[] }).items;
}

const isReady = (p: PodJson) => !p.metadata.deletionTimestamp && p.status.phase === "Running" && (p.status.conditions ?? []).some((c) => c.type === "Ready" && c.status === "True");

/** Waits until exactly `count` pods of the selector are Running and Ready (and none is terminating); returns them. */
export async function waitPodsReady(sb: KubectlTarget, namespace: string, selector: string, count = 1, timeoutMs = 120_000): Promise<PodJson[]> {
  return until(
    `${count} Ready pod(s) with ${selector} in ${namespace}`,
    async () => {
      const all = await pods(sb, namespace, selector);
      return all.length === count && all.every(isReady) ? all : undefined;
    },
    timeoutMs,
    () => describePods(sb, namespace, selector),
  );
}

/** Waits until no pod of the selector exists (terminated and removed). */
export async function waitNoPods(sb: KubectlTarget, namespace: string, selector: string, timeoutMs = 90_000): Promise<void> {
  await until(`no pods with ${selector} in ${namespace}`, async () => ((await pods(sb, namespace, selector)).length === 0 ? true : undefined), timeoutMs, () => describePods(sb, namespace, selector));
}

/** Pods and recent events, for a timeout's message. */
export async function describePods(sb: KubectlTarget, namespace: string, selector: string): Promise<string> {
  const p = await kubectl(sb, ["get", "pods", "-n", namespace, "-l", selector, "-o", "wide"]);
  const e = await kubectl(sb, ["get", "events", "-n", namespace, "--sort-by=.lastTimestamp"]);
  return `${p.stdout}${p.stderr}\nevents:\n${e.stdout.split("\n").slice(-15).join("\n")}`;
}

/** `kubectl exec POD -- sh -c SCRIPT`: its stdout (the command must succeed). */
export function exec(sb: KubectlTarget, namespace: string, podName: string, script: string): Promise<string> {
  return kubectlOk(sb, ["exec", "-n", namespace, podName, "-c", "app", "--", "sh", "-c", script]);
}

/** Waits until the namespace's default ServiceAccount exists (a bare pod is refused before). */
export async function waitServiceAccount(sb: KubectlTarget, namespace: string): Promise<void> {
  await until(`serviceaccount default in ${namespace}`, async () => ((await kubectl(sb, ["get", "serviceaccount", "default", "-n", namespace])).status === 0 ? true : undefined), 30_000);
}

/** Claims in namespace: name -> {phase, volumeName, annotations}. */
export async function claim(sb: KubectlTarget, namespace: string, name: string): Promise<{ phase: string; volumeName: string; annotations: Record<string, string> }> {
  const c = JSON.parse(await kubectlOk(sb, ["get", "pvc", name, "-n", namespace, "-o", "json"])) as {
    metadata: { annotations?: Record<string, string> };
    spec: { volumeName?: string };
    status: { phase?: string };
  };
  return { phase: c.status.phase ?? "", volumeName: c.spec.volumeName ?? "", annotations: c.metadata.annotations ?? {} };
}

export async function waitClaimBound(sb: KubectlTarget, namespace: string, name: string, timeoutMs = 90_000): Promise<{ volumeName: string; annotations: Record<string, string> }> {
  return until(`claim ${namespace}/${name} to be Bound`, async () => {
    const c = await claim(sb, namespace, name);
    return c.phase === "Bound" ? c : undefined;
  }, timeoutMs, async () => (await kubectl(sb, ["describe", "pvc", name, "-n", namespace])).stdout);
}
