// Issue 12, item 3: `kubectl clone verify` on the node sandbox. The verify pods run the sandbox's
// busybox (--image: the default busybox:1.37.0 is a registry image); the clones are the host-path
// driver's real CSI clones, and differences are made by editing the clone's volume folder on disk.
import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { volumeDir } from "../../sandbox/src/volumes.js";
import { cli, type CliRun } from "../support/cli.js";
import { sandboxScope } from "../support/k8s.js";
import { apply, BUSYBOX_IMAGE, claimManifest, exec, IDLE, kubectlOk, pod, pods, until, waitClaimBound, waitPodsReady } from "../support/node.js";

// the extension's Verify Clone, run in Node as the extension runs it: its flow and its live session
(globalThis as { EXTENSION_VERSION?: string }).EXTENSION_VERSION = "verify-e2e";
const { verifyClone } = await import("../../../packages/vscode-ext/src/verify-flow.js");
const { connect } = await import("../../../packages/vscode-ext/src/live/index.js");

const sb = inject("sandbox");
const scope = sandboxScope(sb.kubeconfigPath);
const image = ["--image", BUSYBOX_IMAGE];

/** Files of every kind the walk must carry: a hard link, a symlink, a subdirectory, an empty one, a 0600 file. */
const TREE = [
  "mkdir -p /data/d /data/empty",
  "printf 'hello\\n' > /data/a.txt",
  "ln /data/a.txt /data/hard",
  "ln -s a.txt /data/link",
  "printf 'x\\n' > '/data/d/with space'",
  "chmod 600 '/data/d/with space'",
  "sync",
].join(" && ");
// a.txt (6 bytes), its hard link (6), "d/with space" (2)
const IDENTICAL = "identical (3 files, 14 bytes)\n";

/** A claim `name` in `ns` holding TREE, written by a pod that ends; resolves once the pod has Succeeded and is deleted. */
async function filledClaim(ns: string, name: string): Promise<void> {
  const fill = pod(`fill-${name}`, name, TREE) as { spec: Record<string, unknown> };
  fill.spec.restartPolicy = "Never";
  await apply(sb, ns, [claimManifest(name, "csi-hostpath"), fill]);
  await kubectlOk(sb, ["wait", "-n", ns, "--for=jsonpath={.status.phase}=Succeeded", `pod/fill-${name}`, "--timeout=90s"]);
  await kubectlOk(sb, ["delete", "-n", ns, `pod/fill-${name}`, "--wait=true"]);
}

async function pvOf(ns: string, claim: string): Promise<string> {
  return (await waitClaimBound(sb, ns, claim)).volumeName;
}

async function noVerifyPods(ns: string): Promise<void> {
  expect(await pods(sb, ns, "kubectl-clone.io/helper=verify")).toEqual([]);
}

async function verify(args: string[]): Promise<CliRun> {
  return cli(["verify", ...args, ...image], sb.kubeconfigPath);
}

describe("kubectl clone verify", () => {
  it("a fresh CSI clone is identical; a flipped byte and a changed mode in the clone are each named; no verify pod is left", async () => {
    const ns = await scope.ns("verify");
    await filledClaim(ns, "data");
    expect((await cli(["pvc", "data", "data-clone", "-n", ns], sb.kubeconfigPath)).status).toBe(0);

    const started = Date.now();
    const same = await verify(["data", "data-clone", "-n", ns]);
    const seconds = (Date.now() - started) / 1000;
    expect(same.stdout).toBe(IDENTICAL);
    expect(same.status).toBe(0);
    expect(same.stderr).toMatch(new RegExp(`^started verify pod ${ns}/verify-data-clone-both-[a-z0-9]{5}\\n$`));
    console.log(`verify of ${IDENTICAL.trim()}: ${seconds.toFixed(2)} s`);
    await noVerifyPods(ns);

    const json = await verify(["data", "data-clone", "-n", ns, "-o", "json"]);
    expect(JSON.parse(json.stdout)).toMatchObject({ identical: true, volumeMode: "Filesystem", files: 3, bytes: 14, entries: 7, differences: [], sourceInUse: [] });

    const dir = await volumeDir(sb, await pvOf(ns, "data-clone"));
    writeFileSync(path.join(dir, "a.txt"), "hellO\n");
    const flipped = await verify(["data", "data-clone", "-n", ns]);
    expect(flipped.stdout).toBe([
      "2 differences in 2 paths (source: 3 files, 14 bytes)",
      "  a.txt: content (source sha256 5891b5b522d5, clone sha256 0655937a5582)",
      "  hard: content (source sha256 5891b5b522d5, clone sha256 0655937a5582)",
      "",
    ].join("\n"));
    expect(flipped.status).toBe(1);
    await noVerifyPods(ns);

    writeFileSync(path.join(dir, "a.txt"), "hello\n");
    chmodSync(path.join(dir, "d", "with space"), 0o644);
    const moded = await verify(["data", "data-clone", "-n", ns, "-o", "json"]);
    expect(JSON.parse(moded.stdout)).toMatchObject({ identical: false, differences: [{ path: "d/with space", what: "mode", source: "0600", clone: "0644" }] });
    expect(JSON.parse(moded.stdout).differences).toHaveLength(1);
    expect(moded.status).toBe(1);
    await noVerifyPods(ns);
  });

  it("a source a running pod writes to is named; across namespaces and contexts one pod per side compares", async () => {
    const ns = await scope.ns("verify-use");
    const other = await scope.ns("verify-other");
    await filledClaim(ns, "data");
    await filledClaim(other, "data");
    await apply(sb, ns, [pod("writer", "data", IDLE)]);
    await waitPodsReady(sb, ns, "app=writer");

    // a second context in the kubeconfig for the same cluster: the clone side gets its own client
    const kubeconfig = path.join(path.dirname(sb.kubeconfigPath), `kubeconfig-verify-${other}`);
    writeFileSync(kubeconfig, readFileSync(sb.kubeconfigPath, "utf8"));
    const current = (field: string) => kubectlOk(sb, ["config", "view", "--minify", "-o", `jsonpath={.contexts[0].context.${field}}`]);
    await kubectlOk({ binDir: sb.binDir, kubeconfigPath: kubeconfig }, ["config", "set-context", "other", "--cluster", await current("cluster"), "--user", await current("user")]);

    const across = await cli(["verify", "data", "data", "-n", ns, "--to-namespace", other, "--to-context", "other", ...image], kubeconfig);
    expect(across.stdout).toBe(IDENTICAL);
    expect(across.status).toBe(0);
    // the two pods start at once: either line may come first
    const started = across.stderr.split("\n").filter((line) => line.startsWith("started verify pod"));
    expect(started).toHaveLength(2);
    expect(started.filter((line) => new RegExp(`^started verify pod ${ns}/verify-data-source-[a-z0-9]{5}$`).test(line))).toHaveLength(1);
    expect(started.filter((line) => new RegExp(`^started verify pod ${other}/verify-data-clone-[a-z0-9]{5}$`).test(line))).toHaveLength(1);
    expect(across.stderr).toContain(`warning: source is in use by pod ${ns}/writer: differences may be writes after the clone\n`);
    await noVerifyPods(ns);
    await noVerifyPods(other);

    await exec(sb, ns, "writer", "echo later >> /data/a.txt && sync");
    const written = await cli(["verify", "data", "data", "-n", ns, "--to-namespace", other, "-o", "json", ...image], sb.kubeconfigPath);
    expect(JSON.parse(written.stdout)).toMatchObject({ identical: false, sourceInUse: [`${ns}/writer`] });
    expect(JSON.parse(written.stdout).differences.map((d: { path: string; what: string }) => `${d.path}: ${d.what}`)).toEqual(["a.txt: size", "a.txt: content", "hard: size", "hard: content"]);
    expect(written.status).toBe(1);
  });

  it.runIf(existsSync("/dev/loop-control"))("a Block clone is identical by the hash of its device", async () => {
    const ns = await scope.ns("verify-block");
    await apply(sb, ns, [
      { apiVersion: "v1", kind: "PersistentVolumeClaim", metadata: { name: "disk" }, spec: { accessModes: ["ReadWriteOnce"], volumeMode: "Block", storageClassName: "csi-hostpath", resources: { requests: { storage: "4Mi" } } } },
      {
        apiVersion: "v1", kind: "Pod", metadata: { name: "fill" },
        spec: { restartPolicy: "Never", containers: [{ name: "app", image: BUSYBOX_IMAGE, imagePullPolicy: "Never", command: ["sh", "-c", "printf 'block-data-1' | dd of=/dev/xvda conv=notrunc,fsync 2>/dev/null"], volumeDevices: [{ name: "dev", devicePath: "/dev/xvda" }] }], volumes: [{ name: "dev", persistentVolumeClaim: { claimName: "disk" } }] },
      },
    ]);
    await kubectlOk(sb, ["wait", "-n", ns, "--for=jsonpath={.status.phase}=Succeeded", "pod/fill", "--timeout=90s"]);
    await kubectlOk(sb, ["delete", "-n", ns, "pod/fill", "--wait=true"]);
    expect((await cli(["pvc", "disk", "disk-copy", "-n", ns], sb.kubeconfigPath)).status).toBe(0);
    const same = await verify(["disk", "disk-copy", "-n", ns]);
    expect(same.stdout).toBe("identical (1 device, 4194304 bytes)\n");
    expect(same.status).toBe(0);
    await noVerifyPods(ns);
  });

  it("a namespace enforcing Pod Security restricted: one line naming it and what to do, exit 2, no pod", async () => {
    const ns = await scope.ns("verify-restricted");
    await filledClaim(ns, "data");
    expect((await cli(["pvc", "data", "data-clone", "-n", ns], sb.kubeconfigPath)).status).toBe(0);
    await kubectlOk(sb, ["label", "namespace", ns, "pod-security.kubernetes.io/enforce=restricted"]);
    const refused = await verify(["data", "data-clone", "-n", ns]);
    expect(refused.stderr).toBe(`kubectl-clone: namespace ${ns} enforces Pod Security "restricted", which forbids the verify pod (it reads every file as root with capability DAC_OVERRIDE, allowed by "baseline"): label the namespace pod-security.kubernetes.io/enforce=baseline, or ask its admin to\n`);
    expect(refused.stdout).toBe("");
    expect(refused.status).toBe(2);
    await noVerifyPods(ns);
  });

  it("Ctrl-C while the pod starts deletes it and says so", async () => {
    const ns = await scope.ns("verify-interrupt");
    await filledClaim(ns, "data");
    expect((await cli(["pvc", "data", "data-clone", "-n", ns], sb.kubeconfigPath)).status).toBe(0);
    const run = await cli(["verify", "data", "data-clone", "-n", ns, ...image], sb.kubeconfigPath, {
      onStderr: (chunk, kill) => { if (chunk.includes("started verify pod")) kill("SIGINT"); },
    });
    const pod = /started verify pod (\S+)/.exec(run.stderr)?.[1];
    expect(run.stderr).toContain(`interrupted: deleted verify pod ${pod}\n`);
    expect(run.stderr).toMatch(/kubectl-clone: interrupted while (the verify pods started|walking the (source|clone))\n$/);
    expect(run.stdout).toBe("");
    expect(run.status).toBe(2);
    await noVerifyPods(ns);
  });

  it("the extension's Verify Clone (its flow and live session) says identical, then names the changed file", async () => {
    const ns = await scope.ns("verify-ext");
    await filledClaim(ns, "data");
    expect((await cli(["pvc", "data", "data-clone", "-n", ns], sb.kubeconfigPath)).status).toBe(0);
    const session = connect({ kubeconfig: sb.kubeconfigPath });
    const progress: string[] = [];
    const ui = { progress: (text: string) => progress.push(text), log: () => undefined };
    const node = { namespace: ns, name: "data-clone", source: `${ns}/data` };
    const options = { image: BUSYBOX_IMAGE, podTimeoutMs: 60_000 };
    expect(await verifyClone(session, node, options, ui)).toMatchObject({ result: "identical", message: `${ns}/data-clone is identical to ${ns}/data (3 files, 14 bytes)` });
    expect(progress).toEqual([`starting a verify pod for ${ns}/data-clone…`, `comparing ${ns}/data and ${ns}/data-clone…`]);
    await noVerifyPods(ns);

    writeFileSync(path.join(await volumeDir(sb, await pvOf(ns, "data-clone")), "d", "with space"), "y\n");
    expect(await verifyClone(session, node, options, ui)).toMatchObject({
      result: "different",
      message: `${ns}/data-clone differs from ${ns}/data: 1 difference in 1 path: d/with space: content (source sha256 73cb3858a687, clone sha256 3bb2abb69ebb)`,
    });
    await noVerifyPods(ns);
  });

  it("--snapshot compares with the kept snapshot the clone was made from, not the source written since; the restored claim is deleted", async () => {
    const ns = await scope.ns("verify-snap");
    await filledClaim(ns, "data");
    await apply(sb, ns, [pod("writer", "data", IDLE)]);
    await waitPodsReady(sb, ns, "app=writer");
    expect((await cli(["pvc", "data", "copy", "-n", ns, "--strategy", "snapshot", "--keep-snapshot"], sb.kubeconfigPath)).status).toBe(0);
    const snapshot = (await kubectlOk(sb, ["get", "volumesnapshot", "-n", ns, "-o", "name"])).trim().replace(/^volumesnapshot\.snapshot\.storage\.k8s\.io\//, "");
    await exec(sb, ns, "writer", "echo later >> /data/a.txt && sync");

    const live = await verify(["data", "copy", "-n", ns]);
    expect(live.stdout.split("\n")[0]).toBe("4 differences in 2 paths (source: 3 files, 26 bytes)");
    expect(live.stderr).toContain(`warning: source is in use by pod ${ns}/writer: differences may be writes after the clone\n`);
    expect(live.status).toBe(1);

    const asOfSnapshot = await verify(["data", "copy", "-n", ns, "--snapshot", snapshot]);
    expect(asOfSnapshot.stdout).toBe(IDENTICAL);
    expect(asOfSnapshot.stderr).toMatch(new RegExp(`^restoring volumesnapshot ${ns}/${snapshot} into temporary claim ${ns}/verify-${snapshot}-[a-z0-9]{5}\n`));
    expect(asOfSnapshot.stderr).not.toContain("in use");
    expect(asOfSnapshot.status).toBe(0);
    await noVerifyPods(ns);
    // the restored claim goes once the pod has (pvc-protection)
    await until("no verify claim", async () => ((await kubectlOk(sb, ["get", "pvc", "-n", ns, "-l", "kubectl-clone.io/helper=verify", "-o", "name"])).trim() === "" ? true : undefined), 60_000);
  });
});
