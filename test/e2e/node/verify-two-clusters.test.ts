// Issue 12, items 1 and 3 together: a copy into another cluster (`kubectl clone pvc --to-context`),
// proved by `kubectl clone verify --to-context` (a verify pod in each cluster, the walks compared
// here), and a byte flipped in the target cluster's volume folder caught. The second cluster
// starts in this file only (support/two-clusters.ts).
import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { STORAGE_CLASSES } from "../../sandbox/src/objects.js";
import { volumeDir } from "../../sandbox/src/volumes.js";
import { cli } from "../support/cli.js";
import { sandboxScope } from "../support/k8s.js";
import { apply, claimManifest, kubectlOk, pod, pods, waitClaimBound } from "../support/node.js";
import { TARGET_CONTEXT, twoClusters } from "../support/two-clusters.js";

const sb = inject("sandbox");
const scope = sandboxScope(sb.kubeconfigPath);
const clusters = twoClusters(sb, { extraDrivers: false });

const TREE = [
  "mkdir -p /data/d /data/empty",
  "printf 'hello\\n' > /data/a.txt",
  "ln /data/a.txt /data/hard",
  "ln -s a.txt /data/link",
  "printf 'x\\n' > '/data/d/with space'",
  "chmod 600 '/data/d/with space'",
  "sync",
].join(" && ");

describe("verify across clusters", () => {
  it("a copy into another cluster is identical by verify --to-context; a byte flipped there is named", async () => {
    const tc = clusters();
    const ns = await scope.ns("verify-two");
    await kubectlOk(tc.target, ["create", "namespace", ns]);
    const fill = pod("fill", "data", TREE) as { spec: Record<string, unknown> };
    fill.spec.restartPolicy = "Never";
    await apply(sb, ns, [claimManifest("data", STORAGE_CLASSES.default), fill]);
    await kubectlOk(sb, ["wait", "-n", ns, "--for=jsonpath={.status.phase}=Succeeded", "pod/fill", "--timeout=90s"]);
    await kubectlOk(sb, ["delete", "-n", ns, "pod/fill", "--wait=true"]);

    // auto: only a copy reaches another cluster
    const copy = await cli(["pvc", "data", "data", "-n", ns, "--to-context", TARGET_CONTEXT], tc.kubeconfigPath);
    expect(copy.stderr).toContain("strategy: copy (CopyAcrossClusters: the clone goes to another cluster (--to-context): copy through pods, one in each cluster, streamed through both apiservers)\n");
    expect(copy.stderr).toContain(`persistentvolumeclaim/data created in ${ns} of context ${TARGET_CONTEXT} (empty, to be filled with a copy of data)`);
    expect(copy.stderr).toContain(", streamed through the apiservers\n");
    expect(copy.status).toBe(0);
    expect(await pods(sb, ns, "kubectl-clone.io/helper=copy")).toEqual([]);
    expect(await pods(tc.target, ns, "kubectl-clone.io/helper=copy")).toEqual([]);

    const same = await cli(["verify", "data", "data", "-n", ns, "--to-context", TARGET_CONTEXT], tc.kubeconfigPath);
    expect(same.stdout).toBe("identical (3 files, 14 bytes)\n");
    expect(same.status).toBe(0);
    expect(await pods(sb, ns, "kubectl-clone.io/helper=verify")).toEqual([]);
    expect(await pods(tc.target, ns, "kubectl-clone.io/helper=verify")).toEqual([]);

    const pv = (await waitClaimBound(tc.target, ns, "data")).volumeName;
    writeFileSync(path.join(await volumeDir(tc.target, pv), "a.txt"), "hellO\n");
    const flipped = await cli(["verify", "data", "data", "-n", ns, "--to-context", TARGET_CONTEXT, "-o", "json"], tc.kubeconfigPath);
    expect(JSON.parse(flipped.stdout).differences.map((d: { path: string; what: string }) => `${d.path}: ${d.what}`)).toEqual(["a.txt: content", "hard: content"]);
    expect(flipped.status).toBe(1);
  });
});
