import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { BUSYBOX_BIN, isStaticExecutable } from "./images.js";

/** Debian packages the node runs on, and a file each one installs. */
const PACKAGES: { pkg: string; present: () => boolean }[] = [
  { pkg: "containerd", present: () => existsSync("/usr/bin/containerd") && existsSync("/usr/bin/ctr") },
  { pkg: "runc", present: () => existsSync("/usr/sbin/runc") || existsSync("/usr/bin/runc") },
  { pkg: "containernetworking-plugins", present: () => ["bridge", "host-local", "loopback"].every((p) => existsSync(`/usr/lib/cni/${p}`)) },
  { pkg: "busybox-static", present: () => existsSync(BUSYBOX_BIN) && isStaticExecutable(BUSYBOX_BIN) },
];
export const NODE_PACKAGES = PACKAGES.map((p) => p.pkg);

function sh(cmd: string, args: string[], log: (m: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
    let tail = "";
    const take = (d: Buffer) => (tail = (tail + d.toString()).slice(-3000));
    child.stdout.on("data", take);
    child.stderr.on("data", take);
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(" ")} failed (exit ${code}):\n${tail.trim()}`))));
    log(`running: ${cmd} ${args.join(" ")}`);
  });
}

/**
 * The node needs root (mounts, containers, a bridge) and four Debian packages. Missing packages
 * are installed with apt-get unless KUBECTL_CLONE_SANDBOX_NO_APT is set; then, and on a machine
 * without apt-get, the error names the command to run.
 */
export async function ensureNodePrereqs(log: (m: string) => void): Promise<void> {
  if (process.getuid?.() !== 0) {
    throw new Error("the sandbox node (kubelet, containerd) needs root: run as root, or start the sandbox without the node (`pnpm sandbox up --no-node`)");
  }
  const missing = PACKAGES.filter((p) => !p.present()).map((p) => p.pkg);
  if (missing.length === 0) return;
  const command = `apt-get install -y --no-install-recommends ${missing.join(" ")}`;
  if (process.env.KUBECTL_CLONE_SANDBOX_NO_APT || !existsSync("/usr/bin/apt-get")) {
    throw new Error(`the sandbox node needs ${missing.join(", ")}: install them (${command})`);
  }
  log(`installing ${missing.join(", ")} with apt-get (once per machine)`);
  await sh("apt-get", ["update", "-qq"], log);
  await sh("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...missing], log);
  const still = PACKAGES.filter((p) => !p.present()).map((p) => p.pkg);
  if (still.length > 0) throw new Error(`apt-get installed ${missing.join(", ")} but ${still.join(", ")} is still not usable`);
}
