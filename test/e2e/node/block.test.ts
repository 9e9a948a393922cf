// Issue 16: Block volumes on the node. The driver publishes a Block volume through a loop device
// (bind-mounted as the pod's device); on a machine without loop devices it refuses with a clear
// FailedPrecondition, which the pod's events show.
import { existsSync } from "node:fs";
import { describe, expect, inject, it } from "vitest";
import { cli } from "../support/cli.js";
import { sandboxScope } from "../support/k8s.js";
import { apply, BUSYBOX_IMAGE, exec, IDLE, kubectlOk, until, waitPodsReady } from "../support/node.js";

const sb = inject("sandbox");
const scope = sandboxScope(sb.kubeconfigPath);

function blockPod(name: string, claim: string, script: string): Record<string, unknown> {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, labels: { app: name } },
    spec: {
      terminationGracePeriodSeconds: 2,
      containers: [{ name: "app", image: BUSYBOX_IMAGE, imagePullPolicy: "Never", command: ["sh", "-c", script], volumeDevices: [{ name: "dev", devicePath: "/dev/xvda" }] }],
      volumes: [{ name: "dev", persistentVolumeClaim: { claimName: claim } }],
    },
  };
}

const blockClaim = (name: string) => ({
  apiVersion: "v1",
  kind: "PersistentVolumeClaim",
  metadata: { name },
  spec: { accessModes: ["ReadWriteOnce"], volumeMode: "Block", storageClassName: "csi-hostpath", resources: { requests: { storage: "4Mi" } } },
});

describe("Block volumes", () => {
  it.runIf(existsSync("/dev/loop-control"))("a Block claim's clone is a device in the reader's pod with the writer's bytes", async () => {
    const ns = await scope.ns("block");
    // fsync: a write still in the device's page cache is not in the volume yet, so a clone would
    // not have it (found here: without it the clone read zeros); an application flushes
    await apply(sb, ns, [blockClaim("disk"), blockPod("writer", "disk", `printf 'block-data-1' | dd of=/dev/xvda conv=notrunc,fsync 2>/dev/null; ${IDLE}`)]);
    await waitPodsReady(sb, ns, "app=writer");
    await until("the writer's bytes on its device", async () => ((await exec(sb, ns, "writer", "head -c 12 /dev/xvda")) === "block-data-1" ? true : undefined), 30_000);

    const run = await cli(["pvc", "disk", "disk-copy", "-n", ns], sb.kubeconfigPath);
    expect(run.stdout).toMatch(new RegExp(`^clone ${ns}/disk-copy is Bound in`, "m"));
    expect(run.status).toBe(0);

    await apply(sb, ns, [blockPod("reader", "disk-copy", IDLE)]);
    await waitPodsReady(sb, ns, "app=reader");
    expect(await exec(sb, ns, "reader", "test -b /dev/xvda && head -c 12 /dev/xvda")).toBe("block-data-1");
    // independent: the source's device changes, the clone's does not
    await exec(sb, ns, "writer", "printf 'block-data-2' | dd of=/dev/xvda conv=notrunc,fsync 2>/dev/null");
    expect(await exec(sb, ns, "reader", "head -c 12 /dev/xvda")).toBe("block-data-1");
  });

  it.runIf(!existsSync("/dev/loop-control"))("without loop devices a Block volume is refused with a reason the pod's events show", async () => {
    const ns = await scope.ns("block-noloop");
    await apply(sb, ns, [blockClaim("disk"), blockPod("writer", "disk", IDLE)]);
    const events = await until("a FailedMapVolume event", async () => {
      const out = await kubectlOk(sb, ["get", "events", "-n", ns, "--field-selector", "involvedObject.name=writer", "-o", "jsonpath={range .items[*]}{.message}{\"\\n\"}{end}"]);
      return out.includes("no loop devices") ? out : undefined;
    });
    expect(events).toContain("this machine has no loop devices");
  });
});
