// Issue 16, items 2 and 3: a clone into a WaitForFirstConsumer class (the default class kind of
// EKS, GKE and AKS) is provisioned when its first pod is scheduled, on that pod's node, with the
// data. The cluster's side is asserted here through kubectl; the CLI's verdict (hand-off, exit 0,
// --wait-for-consumer) is the clone engine's work and is marked below for the lead to enable.
import { describe, expect, inject, it } from "vitest";
import { cli } from "../support/cli.js";
import { sandboxScope } from "../support/k8s.js";
import { apply, claim, kubectl, kubectlOk, pod, until, waitClaimBound, waitPodsReady } from "../support/node.js";
import { filesIn, sourceApp } from "./app.js";

const sb = inject("sandbox");
const scope = sandboxScope(sb.kubeconfigPath);

const TOPOLOGY_KEY = "topology.hostpath.csi/node";

interface PvJson {
  spec: { nodeAffinity?: { required?: { nodeSelectorTerms?: { matchExpressions?: { key: string; operator: string; values: string[] }[] }[] } } };
}

async function nodeAffinity(volumeName: string): Promise<unknown> {
  const pv = JSON.parse(await kubectlOk(sb, ["get", "pv", volumeName, "-o", "json"])) as PvJson;
  return pv.spec.nodeAffinity?.required?.nodeSelectorTerms;
}

async function waitingForConsumer(ns: string, name: string): Promise<string> {
  return until(`a WaitForFirstConsumer event on ${ns}/${name}`, async () => {
    const out = await kubectlOk(sb, ["get", "events", "-n", ns, "--field-selector", `involvedObject.name=${name}`, "-o", "jsonpath={range .items[*]}{.reason}: {.message}{\"\\n\"}{end}"]);
    return out.split("\n").find((l) => l.startsWith("WaitForFirstConsumer:"));
  }, 30_000);
}

describe("WaitForFirstConsumer (csi-hostpath-wffc)", () => {
  it("the source binds on the writer's node; its clone waits for a consumer, then is provisioned on that pod's node with the data", async () => {
    const ns = await scope.ns("wffc");
    const writer = await sourceApp(sb, ns, "csi-hostpath-wffc");
    const source = await waitClaimBound(sb, ns, "data");
    expect(source.annotations["volume.kubernetes.io/selected-node"]).toBe("localhost");
    const onThisNode = [{ matchExpressions: [{ key: TOPOLOGY_KEY, operator: "In", values: ["localhost"] }] }];
    expect(await nodeAffinity(source.volumeName)).toEqual(onThisNode);
    await kubectlOk(sb, ["exec", "-n", ns, writer, "--", "sh", "-c", "echo order-2 >> /data/orders.txt"]);

    // the CLI creates the clone (same class) without waiting for it to bind
    const run = await cli(["pvc", "data", "late", "-n", ns, "--wait=false"], sb.kubeconfigPath);
    expect(run.stderr + run.stdout).toContain(`persistentvolumeclaim/late created in ${ns}`);
    expect(run.status).toBe(0);

    // nothing provisions it until a pod uses it
    expect(await waitingForConsumer(ns, "late")).toBe("WaitForFirstConsumer: waiting for first consumer to be created before binding");
    const pending = await claim(sb, ns, "late");
    expect(pending).toMatchObject({ phase: "Pending", volumeName: "" });
    expect(pending.annotations["volume.kubernetes.io/selected-node"]).toBeUndefined();

    await apply(sb, ns, [pod("reader", "late")]);
    const [reader] = await waitPodsReady(sb, ns, "app=reader");
    expect(reader!.spec.nodeName).toBe("localhost");
    const bound = await waitClaimBound(sb, ns, "late");
    expect(bound.annotations["volume.kubernetes.io/selected-node"]).toBe("localhost");
    expect(await nodeAffinity(bound.volumeName)).toEqual(onThisNode);
    expect(await filesIn(sb, ns, "reader")).toEqual({ "orders.txt": "order-1\norder-2", "nested/deep.txt": "deep", state: "running" });
    const events = await kubectlOk(sb, ["get", "events", "-n", ns, "--field-selector", "involvedObject.name=late", "-o", "jsonpath={range .items[*]}{.reason}{\"\\n\"}{end}"]);
    expect(events.split("\n")).toEqual(expect.arrayContaining(["WaitForFirstConsumer", "Provisioning", "ProvisioningSucceeded"]));
  });

  // issue 16 item 2: the clone engine's hand-off, through the CLI, on a real node
  it("the CLI hands the clone off (exit 0, names the node), --wait-for-consumer names the pod and node", async () => {
    const ns = await scope.ns("wffc-cli");
    await sourceApp(sb, ns, "csi-hostpath-wffc");

    const handoff = await cli(["pvc", "data", "late", "-n", ns], sb.kubeconfigPath, { timeoutMs: 60_000 });
    expect(handoff.stdout).toBe(
      `clone ${ns}/late is created and will be provisioned when the first pod that mounts it is scheduled (StorageClass csi-hostpath-wffc is WaitForFirstConsumer); ` +
      `the pod must run where the source's volume is: ${TOPOLOGY_KEY} in (localhost). Wait for it with --wait-for-consumer\n`);
    expect(handoff.stderr).not.toMatch(/timed out|delete it with/);
    expect(handoff.status).toBe(0);
    expect(await claim(sb, ns, "late")).toMatchObject({ phase: "Pending" });

    const waiting = cli(["pvc", "data", "later", "-n", ns, "--wait-for-consumer=90s"], sb.kubeconfigPath, { timeoutMs: 120_000 });
    await until("claim later to exist", async () => ((await kubectl(sb, ["get", "pvc", "later", "-n", ns])).status === 0 ? true : undefined), 60_000);
    await apply(sb, ns, [pod("consumer", "later")]);
    const run = await waiting;
    expect(run.stderr).toContain(`waiting up to 90s for the first pod that mounts ${ns}/later (StorageClass csi-hostpath-wffc is WaitForFirstConsumer)`);
    expect(run.stderr).toContain("provisioned for pod consumer on node localhost");
    expect(run.stdout).toMatch(new RegExp(`^clone ${ns}/later is Bound in \\d+\\.\\ds\n[^]*\n  pod: {5}consumer on node localhost\n`));
    expect(run.status).toBe(0);
    await waitPodsReady(sb, ns, "app=consumer");
    expect((await filesIn(sb, ns, "consumer"))["orders.txt"]).toBe("order-1");
  });
});
