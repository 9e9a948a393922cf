import { spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";

export interface ReleaseFacts {
  /** dist/release: what `pnpm release` wrote */
  dir: string;
  /** holds kubectl-krew and validate-krew-manifest, built from krew's Go module (test/krew/build.sh) */
  krewDir: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    release: ReleaseFacts;
  }
}

const root = fileURLToPath(new URL("../../", import.meta.url));
const log = (line: string) => process.stderr.write(`[release tests] ${line}\n`);

/**
 * Async on purpose: in the `sandbox` project this runs in a test worker, and a worker blocked for
 * the minutes a release takes misses vitest's RPC deadline ("Timeout calling onTaskUpdate").
 */
function run(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "inherit"] });
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk));
    child.on("error", reject);
    child.on("close", (status) => (status === 0 ? resolve(stdout) : reject(new Error(`${command} ${args.join(" ")} failed (exit ${status})`))));
  });
}

/** The release is made again when any bundle it packs, or a script that makes it, is newer than its SHA256SUMS. */
async function ensureRelease(): Promise<string> {
  const dir = join(root, "dist/release");
  const sums = join(dir, "SHA256SUMS");
  const inputs = ["packages/kubectl-clone/dist/kubectl-clone.cjs", "packages/kubectl-clone/dist/sea/kubectl-clone.cjs", "packages/kubectl-clone/dist/clone-cluster.cjs", "packages/vscode-ext/dist/extension.js", "package.json", "scripts/release.mjs", ...readdirSync(join(root, "scripts/release")).map((f) => `scripts/release/${f}`)].map((p) => join(root, p));
  const missing = inputs.filter((p) => !existsSync(p));
  if (missing.length) throw new Error(`release tests: ${missing.join(", ")} missing: run \`npx -y pnpm@9.15.9 build\` first`);
  const fresh = existsSync(sums) && inputs.every((p) => statSync(p).mtimeMs <= statSync(sums).mtimeMs);
  if (!fresh) {
    log("making the release (node scripts/release.mjs, a few minutes)");
    process.stderr.write(await run(process.execPath, [join(root, "scripts/release.mjs")]));
  }
  return dir;
}

/** The release (made if stale) and krew (built if its inputs changed). */
export async function releaseFacts(): Promise<ReleaseFacts> {
  const dir = await ensureRelease();
  log("krew from its Go module (test/krew/build.sh, cached)");
  const krewDir = (await run("bash", [join(root, "test/krew/build.sh")])).trim().split("\n").pop()!;
  return { dir, krewDir };
}

/** The `release` project's globalSetup: no cluster (the clone through krew runs in the `sandbox` project). */
export default async function setup(project: TestProject): Promise<void> {
  project.provide("release", await releaseFacts());
}
