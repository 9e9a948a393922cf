// Faults at the HTTP layer: a proxy between the CLI and the apiserver answers one request kind
// with 403/404/409/422 (a Kubernetes Status body), or holds it while the CLI gets a Ctrl-C. For
// each, the CLI must end with one line saying what failed and what exists, never a stack trace,
// and leave nothing half-done that it did not name.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, realWrites } from "../support/audit.js";
import { cli, type CliRun } from "../support/cli.js";
import { startFaultProxy, type FaultProxy, type FaultRule } from "../support/fault-proxy.js";
import { boundSource, ownSandbox, ourWritesOutsideClones, ourWritesToSources } from "./support.js";

const scope = ownSandbox("sandbox faults-http");
let proxy: FaultProxy;
let namespace: string;
let sourceVolume: string;
beforeAll(async () => {
  proxy = await startFaultProxy(scope.sandbox());
  namespace = await boundSource(scope.clients(), "faults");
  sourceVolume = (await scope.clients().core.readNamespacedPersistentVolumeClaim({ namespace, name: "data" })).spec?.volumeName ?? "";
}, 180_000);
afterAll(async () => {
  await proxy?.close();
});

/**
 * Every request kind `kubectl clone pvc data copy` makes, as METHOD and a path pattern. Not among
 * them, by design: the CSIDriver (the PV shows a CSI volume), VolumeSnapshotClasses (the driver
 * clones), an access review (the claim's server dry run answers it), a read of the clone before
 * its watch (the watch starts from the create's answer).
 */
const requestKinds = (ns: string): { kind: string; method: string; path: RegExp }[] => [
  { kind: "get pvc (source)", method: "GET", path: new RegExp(`/namespaces/${ns}/persistentvolumeclaims/data$`) },
  { kind: "list storageclasses", method: "GET", path: /\/apis\/storage\.k8s\.io\/v1\/storageclasses(\?|$)/ },
  { kind: "list pods", method: "GET", path: new RegExp(`/api/v1/namespaces/${ns}/pods(\\?|$)`) },
  { kind: "get version", method: "GET", path: /^\/version/ },
  { kind: "get pv", method: "GET", path: /\/api\/v1\/persistentvolumes\/pvc-/ },
  { kind: "create pvc dry-run", method: "POST", path: new RegExp(`/namespaces/${ns}/persistentvolumeclaims\\?.*dryRun=All`) },
  { kind: "create pvc", method: "POST", path: new RegExp(`/namespaces/${ns}/persistentvolumeclaims(\\?(?!.*dryRun)|$)`) },
  { kind: "watch pvc", method: "GET", path: new RegExp(`/namespaces/${ns}/persistentvolumeclaims\\?.*watch=true`) },
  { kind: "watch events", method: "GET", path: new RegExp(`/namespaces/${ns}/events\\?.*watch=true`) },
];

const codes = [403, 404, 409, 422] as const;
const reasons = { 403: "Forbidden", 404: "NotFound", 409: "AlreadyExists", 422: "Invalid" } as const;
const strategyLine = "strategy: clone (CSIClone: hostpath.csi.k8s.io clones volumes (CSI clone: the driver copies the data))";

/** What the CLI must end with for one fault: its exit code, whether the clone exists, and its verdict lines, exactly. */
interface Verdict {
  status: 0 | 1 | 2;
  clone: boolean;
  lines: string[];
  /** A progress line the fault must have caused (a watch that was lost and re-established). */
  progress?: string;
}

/**
 * The verdict for each request kind and status, written out: a read the command can do without
 * (a 403 on pods, PVs, classes, the CSIDriver: said as a note) or a 404 meaning "none" (no PV, no
 * CSIDriver) still clones; a watch answered with an error is re-established; every other fault
 * ends in one line naming the request and the server's answer, before anything is created.
 */
function expected(code: (typeof codes)[number], kind: string, ns: string, pv: string): Verdict {
  const reason = reasons[code];
  const failed = (what: string, url: string) => `kubectl-clone: cannot ${what}: injected fault: ${reason} for ${url} (${code} ${reason})`;
  const bound = (...notes: string[]): Verdict => ({ status: 0, clone: true, lines: [...notes, strategyLine] });
  const note = (what: string) => `note: could not read ${what} (forbidden); the checks that need it were skipped`;
  const stops = (status: 1 | 2, ...lines: string[]): Verdict => ({ status, clone: false, lines });
  switch (kind) {
    case "get pvc (source)":
      return code === 404
        ? stops(2, `kubectl-clone: persistentvolumeclaim "data" not found in namespace ${ns} (context sandbox)`)
        : stops(2, failed(`get persistentvolumeclaim ${ns}/data`, `/api/v1/namespaces/${ns}/persistentvolumeclaims/data`));
    case "list storageclasses":
      return code === 403 ? bound(note("storageclasses")) : stops(2, failed("list storageclasses", "/apis/storage.k8s.io/v1/storageclasses"));
    case "list pods":
      return code === 403 ? bound(note(`pods in ${ns}`)) : stops(2, failed(`list pods in ${ns}`, `/api/v1/namespaces/${ns}/pods`));
    case "get version":
      return stops(2, failed("get the server version", "/version"));
    case "get pv":
      return code === 403 ? bound(note(`persistentvolume ${pv}`)) : code === 404 ? bound() : stops(2, failed(`get persistentvolume ${pv}`, `/api/v1/persistentvolumes/${pv}`));
    case "create pvc dry-run":
      return stops(2, strategyLine, failed(`create persistentvolumeclaim ${ns}/copy (server dry run)`, `/api/v1/namespaces/${ns}/persistentvolumeclaims?dryRun=All&fieldManager=kubectl-clone&fieldValidation=Strict`));
    case "create pvc":
      return stops(2, strategyLine, failed(`create persistentvolumeclaim ${ns}/copy`, `/api/v1/namespaces/${ns}/persistentvolumeclaims?fieldManager=kubectl-clone&fieldValidation=Strict`));
    case "watch pvc":
    case "watch events": {
      // a watch error carries the HTTP status text, not the Status reason
      const statusText = { 403: "Forbidden", 404: "Not Found", 409: "Conflict", 422: "Unprocessable Entity" }[code];
      return { ...bound(), progress: `lost the watch (${statusText}); reconnecting (attempt 1)` };
    }
    default:
      throw new Error(`no verdict written for ${kind}`);
  }
}

async function cloneExists(): Promise<boolean> {
  const list = await scope.clients().core.listNamespacedPersistentVolumeClaim({ namespace });
  return list.items.some((p) => p.metadata?.name === "copy" && !p.metadata.deletionTimestamp);
}

async function removeClone(): Promise<void> {
  const core = scope.clients().core;
  await core.deleteNamespacedPersistentVolumeClaim({ namespace, name: "copy" }).catch(() => {});
  for (let i = 0; i < 100 && (await core.listNamespacedPersistentVolumeClaim({ namespace })).items.some((p) => p.metadata?.name === "copy"); i++) {
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Lines the CLI printed that are not progress (the `[  1.0s]` lines) or the Bound summary. */
const verdictLines = (run: CliRun) => run.stderr.split("\n").filter((line) => line && !/^\[\s*\d+\.\ds\]/.test(line) && !line.startsWith("           ->"));

const outcomes: string[] = [];

describe("403/404/409/422 on each request kubectl clone pvc makes", () => {
  afterAll(() => {
    // the table in docs/reliability.md
    process.stderr.write(`\n[faults-http] outcomes:\n${outcomes.join("\n")}\n`);
  });

  for (const code of codes) {
    it(`answers ${code} on each request kind clearly, and leaves nothing unexplained`, async () => {
      for (const request of requestKinds(namespace)) {
        await removeClone();
        // the clone binds in ~0.1 s: for the requests made while waiting, hold the provisioner
        // (SIGSTOP) until the fault has been injected, so the watch is really in use (the events'
        // watch opens only when the clone is not Bound after a second)
        const waiting = /clone|watch/.test(request.kind);
        const resume = () => scope.sandbox().signal("csi-provisioner", "SIGCONT");
        if (waiting) scope.sandbox().signal("csi-provisioner", "SIGSTOP");
        proxy.setRules([{ method: request.method, path: request.path, status: code, ...(waiting ? { onMatch: resume } : {}) } satisfies FaultRule]);
        const run = await cli(["pvc", "data", "copy", "-n", namespace, "--timeout", waiting ? "20s" : "60s"], proxy.kubeconfigPath, { timeoutMs: 90_000 }).finally(() => waiting && resume());
        const hit = proxy.requests.filter((r) => r.fault);
        const exists = await cloneExists();
        const lines = verdictLines(run);
        const last = lines[lines.length - 1] ?? "";
        outcomes.push(`${code} ${request.kind.padEnd(34)} hit=${hit.length} exit=${run.status} clone=${exists ? "exists" : "none"}  ${last}`);
        const where = `${code} on ${request.kind}:\n${run.stderr}${run.stdout}\nrequests:\n${proxy.requests.map((r) => `  ${r.method} ${r.url} ${r.status}`).join("\n")}`;
        expect(hit.length, `the fault was injected: ${where}`).toBe(1);
        const verdict = expected(code, request.kind, namespace, sourceVolume);
        expect({ status: run.status, clone: exists, lines }, where).toEqual({ status: verdict.status, clone: verdict.clone, lines: verdict.lines });
        if (verdict.status === 0) expect(run.stdout, where).toMatch(new RegExp(`^clone ${namespace}/copy is Bound in \\d+\\.\\ds\\n`));
        else expect(run.stdout, where).toBe("");
        if (verdict.progress) expect(run.stderr, where).toMatch(new RegExp(`^\\[ *\\d+\\.\\ds\\]  ${verdict.progress.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`, "m"));
      }
    });
  }

  it("a clone without faults makes exactly these requests, and reuses its connections", async () => {
    await removeClone();
    proxy.setRules([]);
    const run = await cli(["pvc", "data", "copy", "-n", namespace], proxy.kubeconfigPath);
    expect(run.status, run.stderr).toBe(0);
    const kinds = [...requestKinds(namespace), { kind: "annotate pvc (timings)", method: "PATCH", path: new RegExp(`/namespaces/${namespace}/persistentvolumeclaims/copy\\?`) }];
    const made = proxy.requests.map((r) => kinds.find((k) => k.method === r.method && k.path.test(r.url))?.kind ?? `${r.method} ${r.url}`);
    // the first five in parallel, in any order; the events' watch only when the clone is not Bound after a second
    expect(made.slice(0, 4).sort()).toEqual(["get pvc (source)", "get version", "list pods", "list storageclasses"]);
    expect(made.slice(4).filter((kind) => kind !== "watch events")).toEqual(["get pv", "create pvc dry-run", "create pvc", "watch pvc", "annotate pvc (timings)"]);
    // HTTP/1.1: the four first requests, in parallel, open four connections; every later one, the
    // watches too, reuses them. Without reuse it was one connection, and one TLS handshake, a request.
    expect(proxy.connections(), made.join(", ")).toBe(4);
  });

  it("a cut watch is re-established and the clone still reports Bound", async () => {
    await removeClone();
    // the clone binds in ~0.1 s: hold the provisioner until the watch has been cut, so the
    // command really depends on the re-established watch
    const resume = () => scope.sandbox().signal("csi-provisioner", "SIGCONT");
    scope.sandbox().signal("csi-provisioner", "SIGSTOP");
    proxy.setRules([{ method: "GET", path: new RegExp(`/namespaces/${namespace}/persistentvolumeclaims\\?.*watch=true`), status: 500, reason: "InternalError", onMatch: resume }]);
    const run = await cli(["pvc", "data", "copy", "-n", namespace], proxy.kubeconfigPath).finally(resume);
    expect(run.stderr).toContain("lost the watch");
    expect(run.stdout).toMatch(/is Bound in/);
    expect(run.status).toBe(0);
  });
});

describe("Ctrl-C at each phase", () => {
  const phases = (ns: string): { phase: string; rule: Omit<FaultRule, "onMatch">; created: boolean }[] => [
    { phase: "reading the source", rule: { method: "GET", path: new RegExp(`/namespaces/${ns}/persistentvolumeclaims/data$`), delayMs: 1500 }, created: false },
    { phase: "reading its volume", rule: { method: "GET", path: /\/api\/v1\/persistentvolumes\/pvc-/, delayMs: 1500 }, created: false },
    { phase: "the server dry run", rule: { method: "POST", path: /persistentvolumeclaims\?.*dryRun=All/, delayMs: 1500 }, created: false },
    { phase: "the create", rule: { method: "POST", path: new RegExp(`/namespaces/${ns}/persistentvolumeclaims(\\?(?!.*dryRun)|$)`), delayMs: 1500 }, created: true },
  ];

  it("says exactly what exists after a SIGINT in each phase, exit 130", async () => {
    for (const { phase, rule, created } of phases(namespace)) {
      await removeClone();
      let kill: ((signal: NodeJS.Signals) => void) | undefined;
      let interrupted = false;
      proxy.setRules([{ ...rule, onMatch: () => ((interrupted = true), kill?.("SIGINT")) }]);
      const run = await cli(["pvc", "data", "copy", "-n", namespace, "--timeout", "60s"], proxy.kubeconfigPath, {
        onStderr: () => {},
        onSpawn: (k) => (kill = k),
      });
      const where = `Ctrl-C during ${phase}:\n${run.stderr}${run.stdout}`;
      outcomes.push(`SIGINT during ${phase.padEnd(22)} exit=${run.status} clone=${(await cloneExists()) ? "exists" : "none"}  ${verdictLines(run).pop() ?? ""}`);
      expect(interrupted, where).toBe(true);
      expect(run.status, where).toBe(130);
      expect(await cloneExists(), where).toBe(created);
      if (created) expect(run.stderr, where).toMatch(new RegExp(`interrupted: clone ${namespace}/copy was created .*kubectl delete pvc -n ${namespace} copy`));
      else expect(run.stderr, where).toContain("interrupted: nothing was created");
    }
  });
});

describe("the audit log over this suite", () => {
  it("kubectl-clone never modified the source, and wrote nothing but clone creates", () => {
    const log = scope.sandbox().auditLogPath;
    expect(ourWritesToSources(log, new Set(["data"]))).toEqual([]);
    // every other real write of ours: none (clone creates are the only writes)
    expect(ourWritesOutsideClones(log, new Set(["data"])).map((e) => `${e.verb} ${e.objectRef?.resource}/${e.objectRef?.name}`)).toEqual([]);
    expect(realWrites(auditEvents(log, { ours: true })).length).toBeGreaterThan(0);
  });
});
