import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, copyFileSync, mkdirSync, openSync, readFileSync, readSync, closeSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";

/** The images pods use (imagePullPolicy: Never or IfNotPresent): no registry is ever contacted. */
export const BUSYBOX_IMAGE = "kubectl-clone.local/busybox:sandbox";
/**
 * The same image under the public name the CLI's copy pods default to (`--image busybox:1.37.0`,
 * which the CRI normalises to this), so they start with imagePullPolicy IfNotPresent and no registry.
 */
export const BUSYBOX_PUBLIC_IMAGE = "docker.io/library/busybox:1.37.0";
/** containerd's sandbox_image: the same root filesystem running a long sleep. */
export const PAUSE_IMAGE = "kubectl-clone.local/pause:sandbox";

export const BUSYBOX_BIN = "/bin/busybox";

/** True when the file is an ELF executable without a program interpreter (statically linked). */
export function isStaticExecutable(file: string): boolean {
  const fd = openSync(file, "r");
  try {
    const head = Buffer.alloc(64);
    readSync(fd, head, 0, 64, 0);
    if (head.readUInt32BE(0) !== 0x7f454c46 || head[4] !== 2) return false; // ELF64 only
    const phoff = Number(head.readBigUInt64LE(32));
    const phentsize = head.readUInt16LE(54);
    const phnum = head.readUInt16LE(56);
    const ph = Buffer.alloc(phentsize * phnum);
    readSync(fd, ph, 0, ph.length, phoff);
    for (let i = 0; i < phnum; i++) if (ph.readUInt32LE(i * phentsize) === 3) return false; // PT_INTERP
    return true;
  } finally {
    closeSync(fd);
  }
}

const goArch: Record<string, string> = { x64: "amd64", arm64: "arm64" };

function sha256(data: Buffer | string): string {
  return createHash("sha256").update(data).digest("hex");
}

/**
 * Writes a docker-archive tar holding two images that share one layer: a root filesystem with
 * Debian's static busybox and its applet links. `ctr images import` reads it.
 * Returns the archive's path.
 */
export function writeImageArchive(workDir: string): string {
  if (!isStaticExecutable(BUSYBOX_BIN)) {
    throw new Error(`${BUSYBOX_BIN} is not a static busybox: install Debian's busybox-static (apt-get install busybox-static)`);
  }
  const arch = goArch[process.arch];
  if (!arch) throw new Error(`no image architecture for ${process.arch}`);
  const root = path.join(workDir, "rootfs");
  const out = path.join(workDir, "archive");
  rmSync(workDir, { recursive: true, force: true });
  for (const d of ["bin", "sbin", "usr/bin", "usr/sbin", "etc", "root", "proc", "sys", "dev", "var"]) mkdirSync(path.join(root, d), { recursive: true });
  mkdirSync(path.join(root, "tmp"), { recursive: true });
  chmodSync(path.join(root, "tmp"), 0o1777);
  copyFileSync(BUSYBOX_BIN, path.join(root, "bin/busybox"));
  chmodSync(path.join(root, "bin/busybox"), 0o755);
  const applets = execFileSync(BUSYBOX_BIN, ["--list-full"], { encoding: "utf8" }).split("\n").filter(Boolean);
  for (const a of applets) {
    if (a === "bin/busybox") continue;
    mkdirSync(path.dirname(path.join(root, a)), { recursive: true });
    symlinkSync("/bin/busybox", path.join(root, a));
  }
  writeFileSync(path.join(root, "etc/passwd"), "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n");
  writeFileSync(path.join(root, "etc/group"), "root:x:0:\nnogroup:x:65534:\n");

  mkdirSync(path.join(out, "layer"), { recursive: true });
  const layerTar = path.join(out, "layer", "layer.tar");
  execFileSync("tar", ["--numeric-owner", "--owner=0", "--group=0", "--sort=name", "--mtime=@0", "-C", root, "-cf", layerTar, "."]);
  const diffId = `sha256:${sha256(readFileSync(layerTar))}`;
  const env = ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"];
  const config = (cfg: Record<string, unknown>) => {
    const body = JSON.stringify({ architecture: arch, os: "linux", created: "1970-01-01T00:00:00Z", config: { Env: env, ...cfg }, rootfs: { type: "layers", diff_ids: [diffId] } });
    const name = `${sha256(body)}.json`;
    writeFileSync(path.join(out, name), body);
    return name;
  };
  const manifest = [
    { Config: config({ Cmd: ["sh"] }), RepoTags: [BUSYBOX_IMAGE, BUSYBOX_PUBLIC_IMAGE], Layers: ["layer/layer.tar"] },
    // PID 1 ignores SIGTERM; the runtime stops a pod sandbox with SIGKILL anyway.
    { Config: config({ Entrypoint: ["/bin/sleep", "2147483647"] }), RepoTags: [PAUSE_IMAGE], Layers: ["layer/layer.tar"] },
  ];
  writeFileSync(path.join(out, "manifest.json"), JSON.stringify(manifest));
  const archive = path.join(workDir, "images.tar");
  execFileSync("tar", ["-C", out, "-cf", archive, "."]);
  rmSync(root, { recursive: true, force: true });
  rmSync(out, { recursive: true, force: true });
  return archive;
}
