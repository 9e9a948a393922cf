// The ad-hoc signature the release gives the darwin-arm64 executable (scripts/release/
// macho-adhoc.mjs), against one macOS is known to run: Go's linker signs every darwin/arm64
// executable ad hoc, so a Go program built for darwin/arm64, stripped of that signature and signed
// again by ours, must come out byte for byte as Go's linker wrote it.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { binaryFacts, machoCodeDirectory } from "./binaries.js";

const helper = fileURLToPath(new URL("./resign-macho.mjs", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "macho-adhoc-"));
const goBinary = join(work, "hello");

beforeAll(() => {
  writeFileSync(join(work, "go.mod"), "module hello\n\ngo 1.22\n");
  writeFileSync(join(work, "main.go"), 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("hello") }\n');
  // the Go toolchain the release project already needs for krew (test/krew/build.sh)
  execFileSync("go", ["build", "-o", goBinary, "."], { cwd: work, env: { ...process.env, GOOS: "darwin", GOARCH: "arm64", CGO_ENABLED: "0", GOTOOLCHAIN: "local", GOFLAGS: "-mod=mod" }, stdio: ["ignore", "ignore", "inherit"] });
}, 300_000);

describe("ad-hoc signing of a Mach-O (scripts/release/macho-adhoc.mjs)", () => {
  it("re-signs a Go-linked darwin/arm64 executable exactly as Go's linker signed it", () => {
    const go = readFileSync(goBinary);
    expect(binaryFacts(go)).toEqual({ format: "macho", machine: "arm64" });
    expect(machoCodeDirectory(go)).toMatchObject({ blobs: [0], flags: 0x20002, coversFile: true, badPages: 0 });
    const run = spawnSync(process.execPath, [helper, goBinary, join(work, "resigned")], { encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const resigned = readFileSync(join(work, "resigned"));
    expect(resigned.length).toBe(go.length);
    expect(resigned.equals(go)).toBe(true);
  });

  it("refuses a file that is still signed", () => {
    const run = spawnSync(process.execPath, [helper, goBinary, join(work, "twice"), "--keep"], { encoding: "utf8" });
    expect(run.stderr).toBe("already signed (remove the signature first)\n");
    expect(run.status).toBe(1);
  });
});
