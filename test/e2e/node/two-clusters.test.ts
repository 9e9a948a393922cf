// Issue 12 (item 4): two node sandboxes on one machine, for `--to-context`. The second starts in
// this file only (support/two-clusters.ts); one kubeconfig names both.
import { describe, expect, inject, it } from "vitest";
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { httpGet } from "../../sandbox/src/http.js";
import { nodeLayout, nodeLeftovers } from "../../sandbox/src/node/index.js";
import { STORAGE_CLASSES } from "../../sandbox/src/objects.js";
import { readState } from "../../sandbox/src/state.js";
import { readVolumeFile } from "../../sandbox/src/volumes.js";
import { sandboxScope } from "../support/k8s.js";
import { apply, claimManifest, exec, IDLE, kubectl, kubectlOk, pod, until, waitClaimBound, waitPodsReady } from "../support/node.js";
import { SOURCE_CONTEXT, TARGET_CONTEXT, twoClusters } from "../support/two-clusters.js";

async function kubeletHealth(dir: string): Promise<string> {
  const r = await httpGet(`http://127.0.0.1:${readState(dir)!.ports.kubeletHealthz}/healthz`);
  return `${r.status} ${r.body}`;
}

const sb = inject("sandbox");
const scope = sandboxScope(sb.kubeconfigPath);
const clusters = twoClusters(sb);

describe("two node sandboxes at once", () => {
  it("the merged kubeconfig reaches both; a pod with a volume runs in each, and each cluster sees only its own", async () => {
    const tc = clusters();
    const merged = { binDir: sb.binDir, kubeconfigPath: tc.kubeconfigPath };
    expect(await kubectlOk(merged, ["config", "current-context"])).toBe(`${SOURCE_CONTEXT}\n`);
    expect(await kubectlOk(merged, ["config", "get-contexts", "-o", "name"])).toBe(`${SOURCE_CONTEXT}\n${TARGET_CONTEXT}\n`);
    expect(await kubectlOk(merged, ["--context", TARGET_CONTEXT, "get", "nodes", "-o", "name"])).toBe("node/localhost\n");
    expect(await kubectlOk(merged, ["--context", TARGET_CONTEXT, "config", "view", "--minify", "-o", "jsonpath={.clusters[0].cluster.server}"])).toBe(tc.target.server);
    expect(tc.target.server).not.toBe(sb.server);
    // the kubelets share /var/lib/kubelet/device-plugins (a constant path): the first stays healthy
    expect(await kubeletHealth(sb.dir)).toBe("200 ok");
    expect(await kubeletHealth(tc.target.dir)).toBe("200 ok");

    const ns = await scope.ns("two");
    await kubectlOk(tc.target, ["create", "namespace", ns]);
    const script = (who: string) => `echo ${who} > /data/who; ${IDLE}`;
    await apply(sb, ns, [claimManifest("data", STORAGE_CLASSES.default), pod("app", "data", script("source"))]);
    await apply(tc.target, ns, [claimManifest("data", STORAGE_CLASSES.default), pod("app", "data", script("target"))]);
    const [onSource] = await waitPodsReady(sb, ns, "app=app");
    const [onTarget] = await waitPodsReady(tc.target, ns, "app=app");
    expect(onSource!.metadata.uid).not.toBe(onTarget!.metadata.uid);

    // through the merged kubeconfig, by context
    expect(await kubectlOk(merged, ["--context", SOURCE_CONTEXT, "exec", "-n", ns, "app", "--", "cat", "/data/who"])).toBe("source\n");
    expect(await kubectlOk(merged, ["--context", TARGET_CONTEXT, "exec", "-n", ns, "app", "--", "cat", "/data/who"])).toBe("target\n");
    expect(await exec(tc.target, ns, "app", "cat /data/who")).toBe("target\n");
    // each volume is in its own cluster's data dir
    const sourcePv = (await waitClaimBound(sb, ns, "data")).volumeName;
    const targetPv = (await waitClaimBound(tc.target, ns, "data")).volumeName;
    expect((await readVolumeFile(sb, sourcePv, "who")).toString()).toBe("source\n");
    expect((await readVolumeFile(tc.target, targetPv, "who")).toString()).toBe("target\n");
    const missing = await kubectl(sb, ["get", "pv", targetPv]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain(`persistentvolumes "${targetPv}" not found`);
  });

  it("the paths a copy into another cluster takes work: a tar stream piped from a source pod's exec into a target pod's, and port-forward", async () => {
    const tc = clusters();
    const ns = await scope.ns("two-copy");
    await kubectlOk(tc.target, ["create", "namespace", ns]);
    await apply(sb, ns, [claimManifest("data", STORAGE_CLASSES.default), pod("src", "data", `mkdir -p /data/d && echo payload > /data/d/f && ln -s d/f /data/link; ${IDLE}`)]);
    // the target pod also serves its volume over HTTP, for the port-forward below
    await apply(tc.target, ns, [claimManifest("copy", STORAGE_CLASSES.default), pod("dst", "copy", `httpd -p 8080 -h /data; ${IDLE}`)]);
    await waitPodsReady(sb, ns, "app=src");
    await waitPodsReady(tc.target, ns, "app=dst");

    const k = path.join(sb.binDir, "kubectl");
    const pipe = spawnSync(
      "bash",
      ["-o", "pipefail", "-c", `"$0" --context ${SOURCE_CONTEXT} exec -n ${ns} src -- tar c -C /data . | "$0" --context ${TARGET_CONTEXT} exec -i -n ${ns} dst -- tar x -C /data`, k],
      { env: { ...process.env, KUBECONFIG: tc.kubeconfigPath }, encoding: "utf8", timeout: 60_000 },
    );
    expect(pipe.stderr).toBe("");
    expect(pipe.status).toBe(0);
    const pv = (await waitClaimBound(tc.target, ns, "copy")).volumeName;
    expect((await readVolumeFile(tc.target, pv, "d/f")).toString()).toBe("payload\n");
    expect(await exec(tc.target, ns, "dst", "readlink /data/link")).toBe("d/f\n");

    const pf = spawn(k, ["--context", TARGET_CONTEXT, "port-forward", "-n", ns, "pod/dst", ":8080"], { env: { ...process.env, KUBECONFIG: tc.kubeconfigPath } });
    try {
      let out = "";
      pf.stdout.on("data", (d: Buffer) => (out += d.toString()));
      const port = await until("port-forward to listen", async () => /Forwarding from 127\.0\.0\.1:(\d+) -> 8080/.exec(out)?.[1], 30_000, async () => out);
      const r = await httpGet(`http://127.0.0.1:${port}/d/f`);
      expect(`${r.status} ${r.body}`).toBe("200 payload\n");
    } finally {
      pf.kill();
    }
  });

  it("stopping the second leaves nothing of it on the host, and the first keeps running pods", async () => {
    const tc = clusters();
    await tc.stop();
    expect(existsSync(tc.target.dir)).toBe(false);
    expect(nodeLeftovers(tc.target.dir)).toEqual([]);
    expect(existsSync(`/sys/class/net/${nodeLayout(sb.dir).bridge}`)).toBe(true);
    expect(await kubeletHealth(sb.dir)).toBe("200 ok");

    const ns = await scope.ns("two-after");
    await apply(sb, ns, [claimManifest("data", STORAGE_CLASSES.default), pod("app", "data", `echo still > /data/f; ${IDLE}`)]);
    await waitPodsReady(sb, ns, "app=app");
    expect(await exec(sb, ns, "app", "cat /data/f")).toBe("still\n");
  });
});
