// What `pnpm release` wrote (dist/release), checked file by file: the archives and the standalone
// executables inside them (linux-amd64 runs here; the others are checked by their headers, the
// flipped SEA fuse, our main script inside and, on macOS, the NODE_SEA segment), the sums, one
// version everywhere, the krew manifest's archive per platform, and krew's own manifest
// validation and install for every platform the manifest serves.
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadYaml } from "@kubernetes/client-node";
import { describe, expect, inject, it } from "vitest";
import { binaryFacts, machoCodeDirectory, machoSegments, machoSigned } from "./binaries.js";

const { dir, krewDir } = inject("release");
const root = fileURLToPath(new URL("../../", import.meta.url));
const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string };
const mainScript = readFileSync(join(root, "packages/kubectl-clone/dist/sea/kubectl-clone.cjs"));
const seaFuse = "NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2";

const platforms = [
  { name: "linux-amd64", exe: "kubectl-clone", hook: "kubectl_complete-clone", format: "elf", machine: "x86-64" },
  { name: "linux-arm64", exe: "kubectl-clone", hook: "kubectl_complete-clone", format: "elf", machine: "aarch64" },
  { name: "darwin-amd64", exe: "kubectl-clone", hook: "kubectl_complete-clone", format: "macho", machine: "x86-64" },
  { name: "darwin-arm64", exe: "kubectl-clone", hook: "kubectl_complete-clone", format: "macho", machine: "arm64" },
  { name: "windows-amd64", exe: "kubectl-clone.exe", hook: "kubectl_complete-clone.cmd", format: "pe", machine: "x86-64" },
] as const;
const archive = (platform: string) => join(dir, `kubectl-clone-v${version}-${platform}.tar.gz`);

function extract(platform: string): string {
  const out = mkdtempSync(join(tmpdir(), `release-${platform}-`));
  execFileSync("tar", ["xzf", archive(platform), "-C", out]);
  return out;
}

describe("dist/release", () => {
  it("holds every artifact, and nothing else", () => {
    expect(readdirSync(dir).sort()).toEqual([
      "SHA256SUMS",
      "clone.yaml",
      `kubectl-clone-${version}.tgz`,
      ...platforms.map((p) => `kubectl-clone-v${version}-${p.name}.tar.gz`),
      `kubectl-clone-vscode-${version}.vsix`,
    ].sort());
  });

  it("SHA256SUMS verifies with sha256sum -c, and covers every archive and package", () => {
    const check = spawnSync("sha256sum", ["-c", "SHA256SUMS"], { cwd: dir, encoding: "utf8" });
    expect(check.stderr).toBe("");
    expect(check.status).toBe(0);
    expect(check.stdout.trim().split("\n").map((line) => line.replace(/: OK$/, "")).sort()).toEqual(readdirSync(dir).filter((f) => f !== "SHA256SUMS" && f !== "clone.yaml").sort());
  });

  it.each(platforms)("$name: the executable, the completion hook and the LICENSE; $format $machine with our blob injected", (p) => {
    const out = extract(p.name);
    expect(readdirSync(out).sort()).toEqual([p.exe, p.hook, "LICENSE"].sort());
    expect(statSync(join(out, p.exe)).mode & 0o111).toBe(0o111);
    expect(readFileSync(join(out, "LICENSE"), "utf8")).toBe(readFileSync(join(root, "LICENSE"), "utf8"));
    const bytes = readFileSync(join(out, p.exe));
    expect(binaryFacts(bytes)).toEqual({ format: p.format, machine: p.machine });
    // postject flips the fuse Node checks at start from :0 to :1, and the blob holds our main script
    expect(bytes.includes(`${seaFuse}:1`)).toBe(true);
    expect(bytes.includes(`${seaFuse}:0`)).toBe(false);
    expect(bytes.includes(mainScript)).toBe(true);
    if (p.format === "macho") {
      // postject puts the blob in a segment of its own, where Node looks for it on macOS
      expect(machoSegments(bytes)["NODE_SEA"]).toEqual(["__NODE_SEA_BLOB"]);
      if (p.machine === "x86-64") {
        // a broken signature is worse than none: Node's is removed before the blob goes in (see README)
        expect(machoSigned(bytes)).toBe(false);
      } else {
        // Apple silicon runs no unsigned code: signed ad hoc after the injection, over every page
        expect(machoCodeDirectory(bytes)).toEqual({ blobs: [0], flags: 0x20002, identifier: "kubectl-clone", coversFile: true, badPages: 0 });
      }
    }
  });

  it("the linux-amd64 executable runs with no node anywhere on PATH", () => {
    const out = extract("linux-amd64");
    const env = { PATH: "/nonexistent", HOME: out, KUBECONFIG: join(out, "none") };
    expect(spawnSync("node", ["--version"], { env }).error).toBeDefined();
    const run = spawnSync(join(out, "kubectl-clone"), ["--version"], { env, encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(run.stdout).toBe(`${version}\n`);
    const lint = spawnSync(join(out, "kubectl-clone"), ["lint", join(root, "examples/mistakes/empty-volume-kind-case.yaml")], { env: { ...env, NO_COLOR: "1" }, encoding: "utf8" });
    expect(lint.stdout).toContain("error");
    expect(lint.status).toBe(1);
    // the cluster part comes from the executable's assets, with its code cache accepted
    const list = spawnSync(join(out, "kubectl-clone"), ["list", "-A"], { env: { ...env, KUBECTL_CLONE_TRACE: "1" }, encoding: "utf8" });
    expect(list.stderr).toContain("clone-cluster.cjs loaded (code cache used)");
    expect(list.stderr).toContain(`kubectl-clone: none of the files in KUBECONFIG (${join(out, "none")}) exists`);
    expect(list.status).toBe(2);
  });

  it("the krew manifest serves each os/arch its own archive, by that archive's SHA-256", () => {
    interface Entry { selector: { matchExpressions: { key: string; values: string[] }[] }; uri: string; sha256: string }
    const manifest = loadYaml<{ spec: { platforms: Entry[] } }>(readFileSync(join(dir, "clone.yaml"), "utf8"));
    const served = manifest.spec.platforms.map((entry) => {
      const values = (key: string) => entry.selector.matchExpressions.find((e) => e.key === key)?.values.join(",");
      return { platform: `${values("os")}-${values("arch")}`, file: entry.uri.split("/").pop(), sha256: entry.sha256 };
    });
    expect(served).toEqual(platforms.map((p) => {
      const file = `kubectl-clone-v${version}-${p.name}.tar.gz`;
      return { platform: p.name, file, sha256: createHash("sha256").update(readFileSync(join(dir, file))).digest("hex") };
    }));
    expect(new Set(served.map((s) => s.sha256)).size).toBe(platforms.length);
  });

  it("one version everywhere: the executable, the krew manifest, the npm package and the VSIX", () => {
    expect(readFileSync(join(dir, "clone.yaml"), "utf8")).toMatch(new RegExp(`^  version: v${version.replace(/\./g, "\\.")}$`, "m"));
    const npmManifest = JSON.parse(execFileSync("tar", ["xzOf", join(dir, `kubectl-clone-${version}.tgz`), "package/package.json"], { encoding: "utf8" })) as { version: string; dependencies?: unknown };
    expect(npmManifest.version).toBe(version);
    expect(npmManifest.dependencies).toBeUndefined();
    const vsixManifest = JSON.parse(execFileSync("unzip", ["-p", join(dir, `kubectl-clone-vscode-${version}.vsix`), "extension/package.json"], { encoding: "utf8" })) as { version: string };
    expect(vsixManifest.version).toBe(version);
  });
});

describe("krew (v0.4.3, built from its Go module)", () => {
  const krew = join(krewDir, "kubectl-krew");
  const manifest = join(dir, "clone.yaml");

  it("validate-krew-manifest accepts the generated manifest (structure, platforms used, no overlap)", () => {
    // -skip-install: its install step downloads each platform's uri; the test below installs each
    // platform from the local archive instead
    const run = spawnSync(join(krewDir, "validate-krew-manifest"), ["-manifest", manifest, "-skip-install"], { encoding: "utf8" });
    expect(run.stderr).toContain("structural validation OK");
    expect(run.stderr).toContain("all spec.platform[] items are used");
    expect(run.stderr).toContain("no overlapping spec.platform[].selector");
    expect(run.status).toBe(0);
  });

  it.each([
    ["linux", "amd64", "linux-amd64", "kubectl-clone"],
    ["linux", "arm64", "linux-arm64", "kubectl-clone"],
    ["darwin", "amd64", "darwin-amd64", "kubectl-clone"],
    ["darwin", "arm64", "darwin-arm64", "kubectl-clone"],
    ["windows", "amd64", "windows-amd64", "kubectl-clone.exe"],
  ])("installs for %s/%s from the local %s archive, with the LICENSE", (os, arch, archiveOf, exe) => {
    const krewRoot = mkdtempSync(join(tmpdir(), "krew-root-"));
    const run = spawnSync(krew, ["install", `--manifest=${manifest}`, `--archive=${archive(archiveOf)}`], { env: { PATH: process.env.PATH, KREW_ROOT: krewRoot, KREW_OS: os, KREW_ARCH: arch }, encoding: "utf8", input: "" });
    expect(run.stderr).toContain("Installed plugin: clone");
    expect(run.status).toBe(0);
    const store = join(krewRoot, "store/clone", `v${version}`);
    expect(readdirSync(store).sort()).toContain("LICENSE");
    expect(existsSync(join(store, exe))).toBe(true);
  });

  it("refuses an archive whose SHA-256 is not the manifest's (the sums in the manifest are the archives')", () => {
    const krewRoot = mkdtempSync(join(tmpdir(), "krew-root-"));
    const run = spawnSync(krew, ["install", `--manifest=${manifest}`, `--archive=${archive("linux-arm64")}`], { env: { PATH: process.env.PATH, KREW_ROOT: krewRoot, KREW_OS: "linux", KREW_ARCH: "amd64" }, encoding: "utf8", input: "" });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/checksum does not match/);
  });
});
