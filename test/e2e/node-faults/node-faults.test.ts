// Issue 16, item 4: faults on the node while pods use clones. The kubelet is restarted while a
// pod mounts a clone; the consuming pod is deleted while its volume is being mounted; containerd
// is stopped and started again. After each: the data is intact, the CLI's verdicts are right,
// and no mount is left behind; stopping the sandbox leaves nothing on the host.
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { nodeLeftovers } from "../../sandbox/src/node/index.js";
import { mountsUnder } from "../../sandbox/src/node/host.js";
import { readVolumeFile } from "../../sandbox/src/volumes.js";
import { cli } from "../support/cli.js";
import { createNamespace } from "../support/k8s.js";
import { apply, exec, kubectlOk, pod, until, waitClaimBound, waitNoPods, waitPodsReady } from "../support/node.js";
import { ownNodeSandbox } from "../support/own-node-sandbox.js";
import { filesIn, sourceApp } from "../node/app.js";

const scope = ownNodeSandbox("sandbox node-faults");

/** A namespace with the writer app on `data` and a clone `copy` of it (Bound). */
async function appAndClone(prefix: string): Promise<{ ns: string; copyVolume: string }> {
  const sb = scope.facts();
  const { name: ns } = await createNamespace(scope.clients().core, prefix);
  await sourceApp(sb, ns);
  const run = await cli(["pvc", "data", "copy", "-n", ns], sb.kubeconfigPath);
  expect(run.status).toBe(0);
  const copy = await waitClaimBound(sb, ns, "copy");
  return { ns, copyVolume: copy.volumeName };
}

/** Mounts of a volume under the kubelet's dir (its per-pod publish targets). */
function mountsOf(volumeName: string): string[] {
  return mountsUnder(scope.sandbox().node!.kubeletRoot).filter((m) => m.includes(`/${volumeName}/`));
}

async function nodeReady(want: "True" | "False" | "Unknown"): Promise<void> {
  const sb = scope.facts();
  await until(`node localhost Ready=${want}`, async () => {
    const out = await kubectlOk(sb, ["get", "node", "localhost", "-o", "jsonpath={.status.conditions[?(@.type==\"Ready\")].status}"]);
    return out === want ? true : undefined;
  }, 120_000);
}

describe("node faults while pods use clones", () => {
  it("the kubelet is killed and restarted while a pod mounts a clone: the pod keeps its data, check still sees it, deleting it unmounts the clone", async () => {
    const sb = scope.facts();
    const { ns, copyVolume } = await appAndClone("kubelet");
    await apply(sb, ns, [pod("reader", "copy")]);
    const [before] = await waitPodsReady(sb, ns, "app=reader");
    expect(mountsOf(copyVolume)).toHaveLength(1);

    await scope.sandbox().restart("kubelet", { signal: "SIGKILL" });
    await nodeReady("True");

    const [after] = await waitPodsReady(sb, ns, "app=reader");
    expect(after!.metadata.uid).toBe(before!.metadata.uid);
    // the restarted kubelet serves exec once it has synced the pod again
    await until("exec in reader through the restarted kubelet", () => exec(sb, ns, "reader", "true").then(() => true));
    await exec(sb, ns, "reader", "echo after-restart > /data/note.txt");
    expect(await filesIn(sb, ns, "reader")).toEqual({ "orders.txt": "order-1", "nested/deep.txt": "deep", state: "running", "note.txt": "after-restart" });
    expect(mountsOf(copyVolume)).toHaveLength(1);

    const busy = await cli(["check", "copy", "-n", ns], sb.kubeconfigPath);
    expect(busy.stdout).toMatch(/^warn\s+source not in use\s+mounted by reader: /m);

    await kubectlOk(sb, ["delete", "pod", "reader", "-n", ns, "--wait=true"]);
    await waitNoPods(sb, ns, "app=reader");
    await until("the clone's mount to go", async () => (mountsOf(copyVolume).length === 0 ? true : undefined), 60_000);
    expect(String(await readVolumeFile(sb, copyVolume, "note.txt"))).toBe("after-restart\n");
    const idle = await cli(["check", "copy", "-n", ns], sb.kubeconfigPath);
    expect(idle.stdout).toMatch(/^pass\s+source not in use\s+no pod mounts it/m);
  });

  it("the consuming pod is deleted while its clone is being mounted: no mount is left, the clone keeps its data, the next pod gets it", async () => {
    const sb = scope.facts();
    const { ns, copyVolume } = await appAndClone("midway");
    // hold NodePublishVolume: the driver is paused, so the pod stays ContainerCreating
    scope.sandbox().signal("hostpathplugin", "SIGSTOP");
    try {
      await apply(sb, ns, [pod("reader", "copy")]);
      await until("pod reader to be scheduled and waiting for its volume", async () => {
        const p = JSON.parse(await kubectlOk(sb, ["get", "pod", "reader", "-n", ns, "-o", "json"])) as { spec: { nodeName?: string }; status: { phase?: string } };
        return p.spec.nodeName === "localhost" && p.status.phase === "Pending" ? true : undefined;
      });
      await kubectlOk(sb, ["delete", "pod", "reader", "-n", ns, "--wait=false"]);
    } finally {
      scope.sandbox().signal("hostpathplugin", "SIGCONT");
    }
    await waitNoPods(sb, ns, "app=reader");
    await until("no mount of the clone", async () => (mountsOf(copyVolume).length === 0 ? true : undefined), 60_000);
    expect(String(await readVolumeFile(sb, copyVolume, "orders.txt"))).toBe("order-1\n");
    expect((await waitClaimBound(sb, ns, "copy")).volumeName).toBe(copyVolume);

    await apply(sb, ns, [pod("second", "copy")]);
    await waitPodsReady(sb, ns, "app=second");
    expect(await filesIn(sb, ns, "second")).toEqual({ "orders.txt": "order-1", "nested/deep.txt": "deep", state: "running" });
  });

  it("containerd is stopped: the node goes NotReady, the running pod and its clone's data survive, the CLI still clones; containerd back: Ready, same pod", async () => {
    const sb = scope.facts();
    const { ns, copyVolume } = await appAndClone("containerd");
    await apply(sb, ns, [pod("reader", "copy")]);
    const [before] = await waitPodsReady(sb, ns, "app=reader");

    await scope.sandbox().restart("containerd", {
      whileDown: async () => {
        await nodeReady("False");
        // the container runs on without containerd (its shim keeps it), and so does its data
        expect(String(await readVolumeFile(sb, copyVolume, "orders.txt"))).toBe("order-1\n");
        const run = await cli(["pvc", "data", "copy2", "-n", ns], sb.kubeconfigPath);
        expect(run.stdout).toMatch(new RegExp(`^clone ${ns}/copy2 is Bound in`, "m"));
        expect(run.status).toBe(0);
      },
    });
    await nodeReady("True");
    const [after] = await waitPodsReady(sb, ns, "app=reader");
    expect(after!.metadata.uid).toBe(before!.metadata.uid);
    expect(await filesIn(sb, ns, "reader")).toEqual({ "orders.txt": "order-1", "nested/deep.txt": "deep", state: "running" });
    expect(mountsOf(copyVolume)).toHaveLength(1);
  });

  it("stopping the sandbox with pods running leaves no mount, container, process, bridge or cgroup", async () => {
    const sandbox = scope.sandbox();
    const dir = sandbox.dir;
    expect(mountsUnder(dir).length).toBeGreaterThan(0); // the pods above still run
    await sandbox.stop();
    expect(nodeLeftovers(dir)).toEqual([]);
    expect(mountsUnder(dir)).toEqual([]);
    expect(readFileSync("/proc/mounts", "utf8")).not.toContain(dir);
    expect(existsSync(dir)).toBe(false);
  });
});
