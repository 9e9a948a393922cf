import { CoreV1Api, CustomObjectsApi, KubeConfig, type CoreV1Event, type V1PersistentVolumeClaim } from "@kubernetes/client-node";
import { randomBytes } from "node:crypto";
import { afterEach, beforeAll } from "vitest";
import type { SandboxFacts } from "./facts.js";

export interface Clients {
  kc: KubeConfig;
  core: CoreV1Api;
  custom: CustomObjectsApi;
}

export function clients(kubeconfigPath: string): Clients {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfigPath);
  return { kc, core: kc.makeApiClient(CoreV1Api), custom: kc.makeApiClient(CustomObjectsApi) };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The clients of the run's sandbox and a namespace per test: call once at the top of a test
 * file; `ns(prefix)` makes a fresh namespace that is deleted after the test.
 */
export function sandboxScope(kubeconfigPath: string): { clients: () => Clients; ns: (prefix: string) => Promise<string> } {
  let c: Clients | undefined;
  let cleanups: (() => Promise<void>)[] = [];
  beforeAll(() => {
    c = clients(kubeconfigPath);
  });
  afterEach(async () => {
    for (const f of cleanups.reverse()) await f();
    cleanups = [];
  });
  return {
    clients: () => c!,
    ns: async (prefix) => {
      const n = await createNamespace(c!.core, prefix);
      cleanups.push(n.remove);
      return n.name;
    },
  };
}

/** Creates a fresh namespace; returns its name and a cleanup that deletes it. */
export async function createNamespace(core: CoreV1Api, prefix: string): Promise<{ name: string; remove: () => Promise<void> }> {
  const name = `${prefix}-${randomBytes(3).toString("hex")}`.slice(0, 63);
  await core.createNamespace({ body: { metadata: { name, labels: { "kubectl-clone.test/e2e": "true" } } } });
  return {
    name,
    remove: async () => {
      await core.deleteNamespace({ name }).catch(() => {});
    },
  };
}

export interface PvcOptions {
  size?: string;
  storageClassName?: string;
  volumeMode?: "Filesystem" | "Block";
  dataSource?: { kind: string; name: string; apiGroup?: string };
}

export function pvcManifest(name: string, o: PvcOptions = {}): V1PersistentVolumeClaim {
  return {
    apiVersion: "v1",
    kind: "PersistentVolumeClaim",
    metadata: { name },
    spec: {
      accessModes: ["ReadWriteOnce"],
      resources: { requests: { storage: o.size ?? "1Mi" } },
      ...(o.storageClassName !== undefined ? { storageClassName: o.storageClassName } : {}),
      ...(o.volumeMode ? { volumeMode: o.volumeMode } : {}),
      ...(o.dataSource ? { dataSource: o.dataSource } : {}),
    },
  };
}

export async function createPvc(core: CoreV1Api, namespace: string, name: string, o: PvcOptions = {}): Promise<V1PersistentVolumeClaim> {
  return core.createNamespacedPersistentVolumeClaim({ namespace, body: pvcManifest(name, o) });
}

export async function waitFor<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 60_000, intervalMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what}${last ? `: ${String(last)}` : ""}`);
    }
    await sleep(intervalMs);
  }
}

/** Waits until the PVC is Bound; returns it (spec.volumeName is the PV). */
export async function waitBound(core: CoreV1Api, namespace: string, name: string, timeoutMs = 60_000): Promise<V1PersistentVolumeClaim & { spec: { volumeName: string } }> {
  const pvc = await waitFor(
    `PVC ${namespace}/${name} to be Bound`,
    async () => {
      const p = await core.readNamespacedPersistentVolumeClaim({ namespace, name });
      return p.status?.phase === "Bound" && p.spec?.volumeName ? p : undefined;
    },
    timeoutMs,
  ).catch(async (err: Error) => {
    const evs = await events(core, namespace, name).catch(() => []);
    throw new Error(`${err.message}\nevents:\n${evs.map((e) => `  ${e.reason}: ${e.message}`).join("\n")}`);
  });
  return pvc as V1PersistentVolumeClaim & { spec: { volumeName: string } };
}

/** Events about a PVC, oldest first. */
export async function events(core: CoreV1Api, namespace: string, pvcName: string): Promise<CoreV1Event[]> {
  const list = await core.listNamespacedEvent({
    namespace,
    fieldSelector: `involvedObject.kind=PersistentVolumeClaim,involvedObject.name=${pvcName}`,
  });
  return list.items.sort((a, b) => String(a.firstTimestamp ?? "").localeCompare(String(b.firstTimestamp ?? "")));
}

/** Waits for an event about the PVC whose message matches; returns the event. */
export async function waitForEvent(core: CoreV1Api, namespace: string, pvcName: string, match: RegExp | string, timeoutMs = 60_000): Promise<CoreV1Event> {
  return waitFor(
    `an event on PVC ${namespace}/${pvcName} matching ${String(match)}`,
    async () =>
      (await events(core, namespace, pvcName)).find((e) =>
        typeof match === "string" ? (e.message ?? "").includes(match) : match.test(e.message ?? ""),
      ),
    timeoutMs,
  ).catch(async (err: Error) => {
    const evs = await events(core, namespace, pvcName).catch(() => []);
    throw new Error(`${err.message}\nevents seen:\n${evs.map((e) => `  ${e.reason}: ${e.message}`).join("\n")}`);
  });
}

export type { SandboxFacts };
