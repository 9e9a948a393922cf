// The VS Code extension's Clone PVC… into another namespace where the cluster's
// CrossNamespaceVolumeDataSource gate is off (the node sandbox): the namespace pick says, from the
// engine's dry run, that the files are copied through pods; after the confirmation the copy runs on
// the node and the clone holds the source's files. The extension's flow and live session run in Node
// as the extension runs them; only the prompts are scripted.
import { describe, expect, inject, it } from "vitest";
import { auditEvents, realWrites } from "../support/audit.js";
import { copySource } from "../support/copy-source.js";
import { sandboxScope } from "../support/k8s.js";
import { BUSYBOX_IMAGE } from "../support/node.js";
import { treeOf } from "../support/tree.js";

(globalThis as { EXTENSION_VERSION?: string }).EXTENSION_VERSION = "namespace-copy-e2e";
const { runClone } = await import("../../../packages/vscode-ext/src/clone-flow.js");
const { connect } = await import("../../../packages/vscode-ext/src/live/index.js");
type Prompter = Parameters<typeof runClone>[2];

const sb = inject("sandbox");
const scope = sandboxScope(sb.kubeconfigPath);
const { sourceWithTree, dirOf, helperPods } = copySource(sb);
const userAgent = "kubectl-clone/namespace-copy-e2e (vscode)";

describe("Clone PVC… into another namespace, gate off (the extension's flow on the node sandbox)", () => {
  it("the pick says a copy through pods; nothing is written before the confirmation; then the clone in the other namespace holds the source's files", async () => {
    expect(sb.crossNamespace).toBe(false);
    const from = await scope.ns("nscopy-from");
    const to = await scope.ns("nscopy-to");
    await sourceWithTree(from);
    let verdict: string | undefined;
    let approved: Date | undefined;
    const started = new Date();
    const prompter: Prompter = {
      pickSource: async () => undefined,
      askName: async () => "data-copy",
      askSize: async (prefill) => prefill,
      pickClass: async (choices) => choices[0]!.name,
      async pickNamespace(choices, describe) {
        expect(choices.choices[0]).toEqual({ name: from, isSource: true });
        verdict = (await describe(to))?.message;
        return to;
      },
      refuse: async (message) => { throw new Error(`refused: ${message}`); },
      confirm: async (message) => {
        expect(message).toBe(`Clone ${from}/data to ${to}/data-copy?`);
        approved = new Date();
        return "create";
      },
      preview: async () => undefined,
      progress: (_title, task) => task(() => undefined, new AbortController().signal),
    };
    const result = await runClone(connect({ kubeconfig: sb.kubeconfigPath }), { namespace: from, name: "data" }, prompter, { featureGates: "", kubernetesVersion: "1.34", timeoutMs: 120_000, image: BUSYBOX_IMAGE });

    expect(verdict).toBe("copy through pods (CrossNamespaceGateOff: the apiserver dropped spec.dataSourceRef (server dry run): CrossNamespaceVolumeDataSource is off on kube-apiserver, so the clone would be an empty volume: copy the files through pods instead)");
    expect(result).toMatchObject({ result: "Bound", clone: { namespace: to, name: "data-copy" } });
    expect(result.message).toMatch(new RegExp(`^clone ${to}/data-copy is Bound \\(pvc-[0-9a-f-]+\\) and holds a copy of ${from}/data: `));

    const ours = [from, to].flatMap((namespace) => auditEvents(sb.auditLogPath, { namespace })).filter((event) => event.userAgent === userAgent);
    const at = (event: (typeof ours)[number]) => new Date(event.requestReceivedTimestamp ?? 0);
    const writes = realWrites(ours);
    expect(writes.filter((event) => at(event) >= started && at(event) < approved!)).toEqual([]);
    expect(writes.filter((event) => event.verb === "create" && event.objectRef?.resource === "persistentvolumeclaims").map((event) => event.objectRef?.namespace)).toEqual([to]);

    const source = await treeOf(await dirOf(from, "data"));
    const copy = await treeOf(await dirOf(to, "data-copy"));
    // across pods the directories get the copy's time (copy.test.ts says why): all else is equal
    const withoutDirTimes = (tree: typeof source) => Object.fromEntries(Object.entries(tree).map(([p, e]) => [p, e.type === "dir" ? { ...e, mtime: 0 } : e]));
    expect(Object.keys(source)).toContain("nested/random");
    expect(withoutDirTimes(copy)).toEqual(withoutDirTimes(source));
    expect(await helperPods()).toBe("");
  });
});
