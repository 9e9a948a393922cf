// Issue 16, item 3: the seed walkthroughs end to end with real pods on the sandbox's node. An app
// writes through its own mount, `kubectl clone pvc` copies the claim, a second app reads the same
// files through ITS own mount (kubectl exec); then the two stay independent both ways.
import { describe, expect, inject, it } from "vitest";
import { mountsUnder } from "../../sandbox/src/node/host.js";
import { cli } from "../support/cli.js";
import { sandboxScope } from "../support/k8s.js";
import { apply, exec, kubectlOk, pod, waitClaimBound, waitNoPods, waitPodsReady } from "../support/node.js";
import { filesIn, sourceApp } from "./app.js";

const sb = inject("sandbox");
const scope = sandboxScope(sb.kubeconfigPath);

describe("an application's data, cloned and read by a second application", () => {
  it("kubectl clone pvc: the reader's pod sees the writer's files; the two volumes are independent both ways", async () => {
    const ns = await scope.ns("walk");
    const writer = await sourceApp(sb, ns);

    const run = await cli(["pvc", "data", "data-copy", "-n", ns], sb.kubeconfigPath);
    expect(run.stdout).toMatch(new RegExp(`^clone ${ns}/data-copy is Bound in`, "m"));
    // in-use detection from the running pod: said, and the clone still made (info, not an error)
    expect(run.stderr).toMatch(new RegExp(`source data is mounted by Pod ${writer}\\S*: the clone is a crash-consistent copy`));
    expect(run.status).toBe(0);

    await apply(sb, ns, [pod("reader", "data-copy")]);
    await waitPodsReady(sb, ns, "app=reader");
    // taken while the writer ran: a crash-consistent copy ("running", not "stopped")
    expect(await filesIn(sb, ns, "reader")).toEqual({ "orders.txt": "order-1", "nested/deep.txt": "deep", state: "running" });

    // the source changes; the clone does not
    await exec(sb, ns, writer, "echo order-2 >> /data/orders.txt; echo later > /data/after.txt");
    // the clone changes; the source does not
    await exec(sb, ns, "reader", "echo mine > /data/reader.txt; echo changed > /data/nested/deep.txt");
    expect(await filesIn(sb, ns, writer)).toEqual({ "orders.txt": "order-1\norder-2", "nested/deep.txt": "deep", state: "running", "after.txt": "later" });
    expect(await filesIn(sb, ns, "reader")).toEqual({ "orders.txt": "order-1", "nested/deep.txt": "changed", state: "running", "reader.txt": "mine" });

    // two volumes, each published (bind-mounted by the CSI driver) for its own pod on this node
    const source = await waitClaimBound(sb, ns, "data");
    const copy = await waitClaimBound(sb, ns, "data-copy");
    expect(copy.volumeName).not.toBe(source.volumeName);
    const published = (pv: string) => mountsUnder(sb.dir).filter((m) => m.endsWith(`/volumes/kubernetes.io~csi/${pv}/mount`));
    expect(published(source.volumeName)).toHaveLength(1);
    expect(published(copy.volumeName)).toHaveLength(1);
  });

  it("kubectl clone workload deploy/writer --apply: the copy's pod runs on the cloned data, the original keeps running", async () => {
    const ns = await scope.ns("walk-wl");
    const writer = await sourceApp(sb, ns);
    await exec(sb, ns, writer, "echo order-2 >> /data/orders.txt");

    const run = await cli(["workload", "deploy/writer", "-n", ns, "--apply"], sb.kubeconfigPath);
    expect(run.stdout).toBe(`deployment/writer-clone created in ${ns}, mounting data-clone\n`);
    expect(run.status).toBe(0);

    const [copyPod] = await waitPodsReady(sb, ns, "app=writer-clone");
    expect(await filesIn(sb, ns, copyPod!.metadata.name)).toEqual({ "orders.txt": "order-1\norder-2", "nested/deep.txt": "deep", state: "running" });
    await exec(sb, ns, copyPod!.metadata.name, "echo from-copy >> /data/orders.txt");
    // the original pod still runs, on its own data
    const [original] = await waitPodsReady(sb, ns, "app=writer");
    expect(original!.metadata.name).toBe(writer);
    expect((await filesIn(sb, ns, writer))["orders.txt"]).toBe("order-1\norder-2");
  });

  it("--quiesce=scale with a running pod: the pod stops cleanly before the clone and comes back after", async () => {
    const ns = await scope.ns("walk-quiesce");
    const writer = await sourceApp(sb, ns);
    const before = (await waitPodsReady(sb, ns, "app=writer"))[0]!.metadata.uid;

    const run = await cli(["pvc", "data", "frozen", "-n", ns, "--quiesce=scale"], sb.kubeconfigPath, { timeoutMs: 240_000 });
    expect(run.stderr).toContain(`quiesce: scaling deploy/writer from 1 to 0 replicas`);
    expect(run.stderr).toContain("quiesce: deploy/writer restored to 1 replica\n");
    expect(run.stdout).toMatch(new RegExp(`^clone ${ns}/frozen is Bound in`, "m"));
    expect(run.status).toBe(0);

    // the writer came back: a new pod, running again on the source
    const [after] = await waitPodsReady(sb, ns, "app=writer");
    expect(after!.metadata.uid).not.toBe(before);
    expect(after!.metadata.name).not.toBe(writer);
    await expect.poll(() => exec(sb, ns, after!.metadata.name, "cat /data/state"), { timeout: 30_000 }).toBe("running\n");

    // the clone was taken after the pod had stopped cleanly (its TERM trap wrote "stopped")
    await apply(sb, ns, [pod("reader", "frozen")]);
    await waitPodsReady(sb, ns, "app=reader");
    expect(await filesIn(sb, ns, "reader")).toEqual({ "orders.txt": "order-1", "nested/deep.txt": "deep", state: "stopped" });
  });

  it("in-use detection: check warns while a pod runs on the source and passes once it is gone", async () => {
    const ns = await scope.ns("walk-inuse");
    const writer = await sourceApp(sb, ns);

    const busy = await cli(["check", "data", "-n", ns], sb.kubeconfigPath);
    expect(busy.stdout).toMatch(new RegExp(`^warn\\s+source not in use\\s+mounted by ${writer}: the copy is crash-consistent`, "m"));

    await kubectlOk(sb, ["scale", "deploy/writer", "-n", ns, "--replicas=0"]);
    await waitNoPods(sb, ns, "app=writer");
    const idle = await cli(["check", "data", "-n", ns], sb.kubeconfigPath);
    expect(idle.stdout).toMatch(/^pass\s+source not in use\s+no pod mounts it/m);
    expect(idle.status).toBe(0);
  });
});
