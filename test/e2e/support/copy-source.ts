// The source the copy tests clone: a tree with what a copy must keep, written by a pod that then
// stops (a copy of a claim in use is crash-consistent), and where a claim's files are on disk.
import { volumeDir } from "../../sandbox/src/volumes.js";
import type { SandboxFacts } from "./facts.js";
import { apply, claimManifest, kubectlOk, pod, until, waitPodsReady } from "./node.js";

/** Modes (setuid too), owners, hard and symbolic links, an old mtime, a space in a name, some random bytes. */
export const TREE = [
  "cd /data && mkdir -p nested/deeper 'with space'",
  "echo hello > greeting && chmod 640 greeting && ln greeting hardlink && ln -s greeting symlink && ln -s /nowhere dangling",
  "echo tool > nested/tool && chown 1234:5678 nested/tool && chmod 4755 nested/tool",
  "echo deep > nested/deeper/file && touch -d '2001-02-03 04:05:06' nested/deeper/file nested/deeper",
  "echo spaced > 'with space/a file'",
  "dd if=/dev/urandom of=nested/random bs=1024 count=2048 2>/dev/null",
  "sync",
].join(" && ");

export function copySource(sb: SandboxFacts) {
  return {
    async sourceWithTree(ns: string, claim = "data", storageClass = "csi-hostpath", size = "64Mi"): Promise<void> {
      await apply(sb, ns, [claimManifest(claim, storageClass, size), pod("writer", claim, `${TREE} && touch /data/.done; trap 'exit 0' TERM; while true; do sleep 1; done`)]);
      await waitPodsReady(sb, ns, "app=writer");
      await until("the writer's files", async () => ((await kubectlOk(sb, ["exec", "-n", ns, "writer", "--", "ls", "-a", "/data"])).includes(".done") ? true : undefined), 60_000);
      await kubectlOk(sb, ["delete", "pod", "-n", ns, "writer", "--wait=true"]);
    },
    /** The claim's folder on the node's disk (any of the sandbox's drivers). */
    async dirOf(ns: string, claim: string): Promise<string> {
      const pv = (await kubectlOk(sb, ["get", "pvc", "-n", ns, claim, "-o", "jsonpath={.spec.volumeName}"])).trim();
      return volumeDir(sb, pv);
    },
    /** Every kubectl-clone helper pod in the cluster, as `pod/name` lines. */
    async helperPods(): Promise<string> {
      return (await kubectlOk(sb, ["get", "pods", "-A", "-l", "kubectl-clone.io/helper", "-o", "name"])).trim();
    },
  };
}
