import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";

/** `npm i -g` of the release's npm tarball into a fresh prefix; returns the prefix's bin folder. */
export function npmInstallGlobal(tarball: string): string {
  const prefix = mkdtempSync(join(tmpdir(), "npm-prefix-"));
  execFileSync("npm", ["install", "--global", "--prefix", prefix, "--no-audit", "--no-fund", "--loglevel=error", tarball], { stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, npm_config_update_notifier: "false" } });
  return join(prefix, "bin");
}

export const preCommitVersion = "4.7.0";

/** The real pre-commit from PyPI, in a virtualenv cached by version; returns its executable. */
export function ensurePreCommit(): string {
  const cache = process.env.KUBECTL_CLONE_CACHE || join(homedir(), ".cache", "kubectl-clone");
  const venv = join(cache, "pre-commit", preCommitVersion);
  const exe = join(venv, "bin", "pre-commit");
  if (existsSync(join(venv, ".complete"))) return exe;
  mkdirSync(join(cache, "pre-commit"), { recursive: true });
  execFileSync("python3", ["-m", "venv", "--clear", venv], { stdio: "inherit" });
  execFileSync(join(venv, "bin", "pip"), ["install", "--quiet", "--disable-pip-version-check", `pre-commit==${preCommitVersion}`], { stdio: "inherit" });
  execFileSync("touch", [join(venv, ".complete")]);
  return exe;
}
