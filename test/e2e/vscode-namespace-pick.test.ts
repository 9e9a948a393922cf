// The VS Code extension's target-namespace step against the real engine, on the default sandbox
// (CrossNamespaceVolumeDataSource OFF, no node): its clone flow and live session run in Node as the
// extension runs them; only the prompts are scripted. The gate-on path (a ReferenceGrant clone that
// binds) is proven in the real editor (packages/vscode-ext/test/ui-cross-namespace.ts), the copy run to
// the end on the node sandbox (e2e/node/vscode-namespace-copy.test.ts).
import { RbacAuthorizationV1Api } from "@kubernetes/client-node";
import { describe, expect, inject, it } from "vitest";
import { auditEvents, realWrites } from "./support/audit.js";
import { createPvc, sandboxScope, waitBound } from "./support/k8s.js";
import { RESTRICTED_USER } from "../sandbox/src/pki.js";

(globalThis as { EXTENSION_VERSION?: string }).EXTENSION_VERSION = "namespace-pick-e2e";
const { runClone } = await import("../../packages/vscode-ext/src/clone-flow.js");
const { connect } = await import("../../packages/vscode-ext/src/live/index.js");
type Prompter = Parameters<typeof runClone>[2];
type Describe = Parameters<Prompter["pickNamespace"]>[1];

const sb = inject("sandbox");
const scope = sandboxScope(sb.kubeconfigPath);
const settings = { featureGates: "", kubernetesVersion: "1.34", timeoutMs: 30_000 };
const userAgent = "kubectl-clone/namespace-pick-e2e (vscode)";

/** Answers name, size and class as given; at the namespace, asks `describe` about `ask` and picks `pick`. */
function scripted(name: string, ask: readonly string[], pick: string) {
  const seen: { choices?: string[]; listProblem?: string; previews: Record<string, string>; refused?: string; confirmed?: string } = { previews: {} };
  const prompter: Prompter = {
    pickSource: async () => undefined,
    askName: async () => name,
    askSize: async (prefill) => prefill,
    pickClass: async (choices) => choices[0]!.name,
    async pickNamespace(choices, describe: Describe) {
      seen.choices = choices.choices.map((choice) => `${choice.name}${choice.isSource ? " (source)" : ""}`);
      if (choices.listProblem) seen.listProblem = choices.listProblem;
      for (const namespace of ask) seen.previews[namespace] = `${(await describe(namespace))?.allowed ? "allowed" : "refused"}: ${(await describe(namespace))?.message}`;
      return pick;
    },
    refuse: async (message) => { seen.refused = message; },
    // a copy needs a node to run its pods: the question is answered no, and nothing may be written
    confirm: async (message) => { seen.confirmed = message; return undefined; },
    preview: async () => undefined,
    progress: (_title, task) => task(() => undefined, new AbortController().signal),
  };
  return { prompter, seen };
}

async function source(prefix: string): Promise<string> {
  const namespace = await scope.ns(prefix);
  await createPvc(scope.clients().core, namespace, "data", { size: "1Mi", storageClassName: "csi-hostpath" });
  await waitBound(scope.clients().core, namespace, "data");
  return namespace;
}

const oursIn = (namespaces: readonly string[]) => namespaces.flatMap((namespace) => auditEvents(sb.auditLogPath, { namespace }).filter((event) => event.userAgent === userAgent));

describe("Clone PVC… into another namespace (the extension's flow, the real engine, the gate off)", () => {
  it("the pick lists the source's namespace first, and the engine's dry run says a copy through pods (CrossNamespaceGateOff) for another; nothing is written before the question", async () => {
    expect(sb.crossNamespace).toBe(false);
    const from = await source("nspick-src");
    const to = await scope.ns("nspick-dst");
    const { prompter, seen } = scripted("data-elsewhere", [from, to], to);
    const result = await runClone(connect({ kubeconfig: sb.kubeconfigPath }), { namespace: from, name: "data" }, prompter, settings);

    expect(seen.choices![0]).toBe(`${from} (source)`);
    expect(seen.choices).toContain(to);
    expect(seen.listProblem).toBeUndefined();
    expect(seen.previews[from]).toMatch(/^allowed: CSI clone \(CSIClone: hostpath\.csi\.k8s\.io clones volumes/);
    expect(seen.previews[to]).toBe("allowed: copy through pods (CrossNamespaceGateOff: the apiserver dropped spec.dataSourceRef (server dry run): CrossNamespaceVolumeDataSource is off on kube-apiserver, so the clone would be an empty volume: copy the files through pods instead)");
    expect(seen.confirmed).toBe(`Clone ${from}/data to ${to}/data-elsewhere?`);
    expect(result).toEqual({ result: "Cancelled", message: "clone cancelled at the confirmation; nothing was created" });
    const ours = oursIn([from, to]);
    expect(ours.filter((event) => /[?&]dryRun=All/.test(event.requestURI)).length).toBeGreaterThan(0);
    expect(realWrites(ours)).toEqual([]);
  });

  it("a user who may not list namespaces types one; where they may not create the clone, the flow ends with the engine's one-line refusal and writes nothing", async () => {
    const from = await source("nspick-rbac");
    const to = await scope.ns("nspick-locked");
    // the restricted user may create claims in the source's namespace only
    const rbac = scope.clients().kc.makeApiClient(RbacAuthorizationV1Api);
    await rbac.createNamespacedRole({ namespace: from, body: { metadata: { name: "clone-here" }, rules: [{ apiGroups: [""], resources: ["persistentvolumeclaims"], verbs: ["create"] }] } });
    await rbac.createNamespacedRoleBinding({ namespace: from, body: { metadata: { name: "clone-here" }, roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "clone-here" }, subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "User", name: RESTRICTED_USER }] } });

    const { prompter, seen } = scripted("data-locked", [from, to], to);
    const result = await runClone(connect({ kubeconfig: sb.restrictedKubeconfigPath }), { namespace: from, name: "data" }, prompter, settings);

    expect(seen.choices).toEqual([`${from} (source)`]);
    expect(seen.listProblem).toMatch(/^cannot list namespaces \(.*forbidden.*\): type the namespace's name$/);
    expect(seen.previews[from]).toMatch(/^allowed: CSI clone \(CSIClone: /);
    const refusal = `refusing to clone ${from}/data: you may not create referencegrants.gateway.networking.k8s.io in namespace ${from} (no RBAC rule allows it); you may not create persistentvolumeclaims in namespace ${to} (no RBAC rule allows it); nothing was created`;
    expect(seen.previews[to]).toBe(`refused: ${refusal}`);
    expect(seen.refused).toBe(refusal);
    expect(seen.confirmed).toBeUndefined();
    expect(result.result).toBe("Refused");
    expect(result.message.split("\n")[0]).toBe(refusal);
    expect(realWrites(oursIn([from, to]))).toEqual([]);
  });
});
