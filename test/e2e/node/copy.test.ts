// Issue 12: the copy strategy on the sandbox's node. The copy pods really mount the claims and the
// result is read from the volumes' folders on disk (owners, modes, times, symlinks, hard links, bytes).
import { existsSync } from "node:fs";
import { describe, expect, inject, it } from "vitest";
import { cli } from "../support/cli.js";
import { sandboxScope } from "../support/k8s.js";
import { apply, BUSYBOX_IMAGE, claimManifest, exec, IDLE, kubectlOk, pod, until, waitNoPods, waitPodsReady } from "../support/node.js";
import { treeOf } from "../support/tree.js";
import { copySource } from "../support/copy-source.js";

const sb = inject("sandbox");
const scope = sandboxScope(sb.kubeconfigPath);
const image = ["--image", BUSYBOX_IMAGE];
const { sourceWithTree, dirOf, helperPods } = copySource(sb);

describe("--strategy copy", () => {
  it("one pod mounts both claims: every file, mode, owner, time and link arrives; the pod is gone", async () => {
    const ns = await scope.ns("copy-same");
    await sourceWithTree(ns);
    const run = await cli(["pvc", "data", "data-copy", "-n", ns, "--strategy", "copy", ...image], sb.kubeconfigPath);
    expect(run.stderr).toContain("strategy: copy (CopyRequested: copy through pods, as requested (--strategy copy))");
    expect(run.stderr).toContain(`pod/data-copy-copy created in ${ns} (${BUSYBOX_IMAGE}, to copy from the source into the clone)`);
    expect(run.stdout).toMatch(new RegExp(`^clone ${ns}/data-copy is Bound in [0-9.]+s\\n(.*\\n)*  via:     copy \\(CopyRequested\\)\\n  copied:  2\\.0 MiB in`, "m"));
    expect(run.status).toBe(0);
    const [source, copy] = [await treeOf(await dirOf(ns, "data")), await treeOf(await dirOf(ns, "data-copy"))];
    expect(Object.keys(source)).toContain("nested/random");
    expect(copy).toEqual(source);
    expect(source["hardlink"]?.linkGroup).toBe("greeting");
    expect(source["nested/tool"]).toMatchObject({ mode: "4755", uid: 1234, gid: 5678 });
    expect(source["symlink"]).toMatchObject({ type: "symlink", target: "greeting" });
    expect(await helperPods()).toBe("");
    // the claim carries no data source: nothing for the apiserver to drop, nothing for a driver to refuse
    expect(await kubectlOk(sb, ["get", "pvc", "-n", ns, "data-copy", "-o", "jsonpath={.spec.dataSource}{.spec.dataSourceRef}|{.metadata.annotations.kubectl-clone\\.io/source}"])).toBe(`|${ns}/data`);
  });

  it("into another namespace without the alpha gate: auto sees the dataSourceRef dropped and copies through a pod on each side", async () => {
    const ns = await scope.ns("copy-from");
    const to = await scope.ns("copy-to");
    await sourceWithTree(ns);
    const run = await cli(["pvc", "data", "data-copy", "-n", ns, "--to-namespace", to, ...image], sb.kubeconfigPath);
    expect(run.stderr).toContain("strategy: copy (CrossNamespaceGateOff: the apiserver dropped spec.dataSourceRef (server dry run)");
    expect(run.stderr).toContain("; skipped: clone (CrossNamespaceGateOff:");
    expect(run.stderr).toContain(`pod/data-copy-copy-from created in ${ns}`);
    expect(run.stderr).toContain(`pod/data-copy-copy-to created in ${to}`);
    expect(run.stderr).toContain("streamed through the apiserver");
    expect(run.stdout).toContain("  via:     copy (CrossNamespaceGateOff)\n");
    expect(run.status).toBe(0);
    const source = await treeOf(await dirOf(ns, "data"));
    const copy = await treeOf(await dirOf(to, "data-copy"));
    // across pods the directories get the copy's time (no second pass without the source): all else is equal
    const withoutDirTimes = (tree: typeof source) => Object.fromEntries(Object.entries(tree).map(([p, e]) => [p, e.type === "dir" ? { ...e, mtime: 0 } : e]));
    expect(withoutDirTimes(copy)).toEqual(withoutDirTimes(source));
    // no ReferenceGrant: a copy needs none
    expect((await kubectlOk(sb, ["get", "referencegrants", "-n", ns, "-o", "name"])).trim()).toBe("");
    expect(await helperPods()).toBe("");
  });

  it("Ctrl-C mid-copy: the helper pods are removed and the message names the partial clone", async () => {
    const ns = await scope.ns("copy-int");
    const to = await scope.ns("copy-int-to");
    await apply(sb, ns, [claimManifest("big", "csi-hostpath", "1Gi"), pod("writer", "big", `dd if=/dev/urandom of=/data/blob bs=1M count=400 2>/dev/null && sync && touch /data/.done; trap 'exit 0' TERM; while true; do sleep 1; done`)]);
    await waitPodsReady(sb, ns, "app=writer");
    await until("the 400 MiB file", async () => ((await kubectlOk(sb, ["exec", "-n", ns, "writer", "--", "ls", "-a", "/data"])).includes(".done") ? true : undefined), 120_000);
    await kubectlOk(sb, ["delete", "pod", "-n", ns, "writer", "--wait=true"]);
    let sent = false;
    const run = await cli(["pvc", "big", "big-copy", "-n", ns, "--to-namespace", to, "--strategy", "copy", ...image], sb.kubeconfigPath, {
      onStderr: (_chunk, kill) => {
        // the first progress line: bytes are flowing through this process
        if (!sent && /copied [0-9.]+ [KMG]?i?B of/.test(_chunk)) { sent = true; kill("SIGINT"); }
      },
      timeoutMs: 170_000,
    });
    expect(sent).toBe(true);
    expect(run.status).toBe(130);
    expect(run.stderr).toContain(`interrupted: clone ${to}/big-copy exists but holds a partial copy; the copy pods were removed; delete it with: kubectl delete pvc -n ${to} big-copy`);
    await waitNoPods(sb, ns, "kubectl-clone.io/helper");
    await waitNoPods(sb, to, "kubectl-clone.io/helper");
  });

  it("a namespace that enforces Pod Security 'restricted' refuses the copy pod before anything is written", async () => {
    const ns = await scope.ns("copy-psa");
    await apply(sb, ns, [claimManifest("data", "csi-hostpath")]);
    await kubectlOk(sb, ["label", "namespace", ns, "pod-security.kubernetes.io/enforce=restricted"]);
    const run = await cli(["pvc", "data", "data-copy", "-n", ns, "--strategy", "copy", ...image], sb.kubeconfigPath);
    expect(run.stderr).toContain(`refusing to copy ${ns}/data: namespace ${ns} enforces Pod Security "restricted", which forbids the copy pod: it runs as root with the capabilities CHOWN, DAC_OVERRIDE, FOWNER, FSETID`);
    expect(run.stderr).toContain(`kubectl label namespace ${ns} pod-security.kubernetes.io/enforce=baseline --overwrite`);
    expect(run.stderr).toContain("nothing was created");
    expect(run.status).toBe(1);
    expect((await kubectlOk(sb, ["get", "pvc,pods", "-n", ns, "-o", "name"])).trim()).toBe("persistentvolumeclaim/data");
  });

  it("a namespace that enforces Pod Security 'baseline' runs the copy pod (its capabilities are baseline's)", async () => {
    const ns = await scope.ns("copy-baseline");
    await kubectlOk(sb, ["label", "namespace", ns, "pod-security.kubernetes.io/enforce=baseline"]);
    await sourceWithTree(ns);
    const run = await cli(["pvc", "data", "data-copy", "-n", ns, "--strategy", "copy", ...image], sb.kubeconfigPath);
    expect(run.status).toBe(0);
    expect(await treeOf(await dirOf(ns, "data-copy"))).toEqual(await treeOf(await dirOf(ns, "data")));
  });

  it("--wait=false with a copy and --image with --strategy clone are refused before any request", async () => {
    const a = await cli(["pvc", "data", "-n", "nowhere", "--strategy", "copy", "--wait=false"], sb.kubeconfigPath);
    expect([a.status, a.stderr.trim()]).toEqual([2, "kubectl-clone: --wait=false cannot be used with a copy: its pods are driven from this command until the copy is done"]);
    const b = await cli(["pvc", "data", "-n", "nowhere", "--strategy", "clone", "--image", "busybox"], sb.kubeconfigPath);
    expect([b.status, b.stderr.trim()]).toEqual([2, "kubectl-clone: --image is the copy strategy's pod image; --strategy clone starts no pod: drop --image or use --strategy copy (or auto)"]);
  });

  it.runIf(existsSync("/dev/loop-control"))("a Block volume is copied as a device into another namespace (dd through the apiserver)", async () => {
    const ns = await scope.ns("copy-block");
    const to = await scope.ns("copy-block-to");
    const blockClaim = { apiVersion: "v1", kind: "PersistentVolumeClaim", metadata: { name: "disk" }, spec: { accessModes: ["ReadWriteOnce"], volumeMode: "Block", storageClassName: "csi-hostpath", resources: { requests: { storage: "8Mi" } } } };
    const blockPod = (name: string, claim: string, script: string) => ({
      apiVersion: "v1", kind: "Pod", metadata: { name, labels: { app: name } },
      spec: { terminationGracePeriodSeconds: 2, containers: [{ name: "app", image: BUSYBOX_IMAGE, imagePullPolicy: "Never", command: ["sh", "-c", script], volumeDevices: [{ name: "dev", devicePath: "/dev/xvda" }] }], volumes: [{ name: "dev", persistentVolumeClaim: { claimName: claim } }] },
    });
    await apply(sb, ns, [blockClaim, blockPod("writer", "disk", `printf 'block-copy-1' | dd of=/dev/xvda conv=notrunc,fsync 2>/dev/null; dd if=/dev/urandom of=/dev/xvda bs=4096 seek=1 count=512 conv=notrunc,fsync 2>/dev/null; touch /tmp/done; ${IDLE}`)]);
    await waitPodsReady(sb, ns, "app=writer");
    await until("the writer's bytes", async () => ((await exec(sb, ns, "writer", "test -f /tmp/done && head -c 12 /dev/xvda")) === "block-copy-1" ? true : undefined), 30_000);
    const sourceSum = await exec(sb, ns, "writer", "sha256sum < /dev/xvda");
    await kubectlOk(sb, ["delete", "pod", "-n", ns, "writer", "--wait=true"]);
    const run = await cli(["pvc", "disk", "disk-copy", "-n", ns, "--to-namespace", to, "--strategy", "copy", ...image], sb.kubeconfigPath);
    expect(run.stderr, run.stderr).toContain("with dd (a Block volume is copied as a device), streamed through the apiserver");
    expect(run.stdout, run.stderr).toContain("  copied:  8.0 MiB in");
    expect(run.status).toBe(0);
    await apply(sb, to, [blockPod("reader", "disk-copy", IDLE)]);
    await waitPodsReady(sb, to, "app=reader");
    expect(await exec(sb, to, "reader", "sha256sum < /dev/xvda")).toBe(sourceSum);
    expect(await helperPods()).toBe("");
  });

  it("prune removes helper pods left behind once they have ended, and names the ones still running", async () => {
    const ns = await scope.ns("copy-prune");
    const helper = (name: string, command: string[]) => ({
      apiVersion: "v1", kind: "Pod",
      metadata: { name, labels: { "app.kubernetes.io/managed-by": "kubectl-clone", "kubectl-clone.io/helper": "copy" }, annotations: { "kubectl-clone.io/made-for": `${ns}/gone` } },
      spec: { restartPolicy: "Never", terminationGracePeriodSeconds: 1, containers: [{ name: "work", image: BUSYBOX_IMAGE, imagePullPolicy: "Never", command }] },
    });
    // what a second Ctrl-C leaves: one pod that has ended (its day of sleep is over), one still sleeping
    await apply(sb, ns, [helper("ended", ["true"]), helper("sleeping", ["sleep", "3600"])]);
    await until("the ended pod to succeed", async () => ((await kubectlOk(sb, ["get", "pod", "-n", ns, "ended", "-o", "jsonpath={.status.phase}"])) === "Succeeded" ? true : undefined), 60_000);
    await kubectlOk(sb, ["wait", "-n", ns, "pod/sleeping", "--for=condition=Ready", "--timeout=60s"]);
    const plan = await cli(["prune", "-n", ns, "--dry-run=client"], sb.kubeconfigPath);
    expect(plan.stdout + plan.stderr).toContain(`pod/ended (${ns})  (a copy pod made for clone ${ns}/gone, which has ended)`);
    expect(plan.stdout + plan.stderr).toContain(`keeping pod/sleeping (${ns}): a copy pod still running`);
    const run = await cli(["prune", "-n", ns, "--yes"], sb.kubeconfigPath);
    expect(run.stdout + run.stderr).toContain(`pod/ended (${ns}) deleted`);
    expect(run.status).toBe(0);
    await until("only the sleeping pod", async () => ((await kubectlOk(sb, ["get", "pods", "-n", ns, "-o", "name"])).trim() === "pod/sleeping" ? true : undefined), 30_000);
  });

  it("into a WaitForFirstConsumer class: the copy pod is the clone's first consumer, so the copy provisions it and ends Bound", async () => {
    const ns = await scope.ns("copy-wffc");
    await sourceWithTree(ns);
    const run = await cli(["pvc", "data", "data-copy", "-n", ns, "--storage-class", "csi-hostpath-wffc", "--strategy", "copy", ...image], sb.kubeconfigPath);
    expect(run.stdout).toMatch(new RegExp(`^clone ${ns}/data-copy is Bound in`));
    expect(run.status).toBe(0);
    expect(await kubectlOk(sb, ["get", "pvc", "-n", ns, "data-copy", "-o", "jsonpath={.metadata.annotations.volume\\.kubernetes\\.io/selected-node}"])).toBe("localhost");
    expect(await treeOf(await dirOf(ns, "data-copy"))).toEqual(await treeOf(await dirOf(ns, "data")));
  });
});

