// The CLI's npm tarball installed with `npm i -g` into a fresh prefix, and the pre-commit hook
// definition (.pre-commit-hooks.yaml) run by the real pre-commit (PyPI) on a temporary repository,
// with that npm-installed kubectl-clone on PATH.
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { ensurePreCommit, npmInstallGlobal } from "./installs.js";

const { dir } = inject("release");
const root = fileURLToPath(new URL("../../", import.meta.url));
const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string };
const trap = readFileSync(join(root, "examples/mistakes/empty-volume-kind-case.yaml"), "utf8");
const good = readFileSync(join(root, "examples/clones/data-copy.yaml"), "utf8");
const finding = `error  the apiserver will silently drop this dataSource and provision an EMPTY volume: kind is case-sensitive and "persistentvolumeclaim" is not a kind: use PersistentVolumeClaim; apiGroup "core" is not the core group: omit apiGroup (the core group is "")  datasource-silently-dropped`;
let bin: string;

beforeAll(() => {
  bin = npmInstallGlobal(join(dir, `kubectl-clone-${version}.tgz`));
});

describe("npm i -g kubectl-clone-<version>.tgz", () => {
  it("gives a working kubectl-clone and its completion hook, with no dependency installed", () => {
    expect(readdirSync(bin).sort()).toEqual(["kubectl-clone", "kubectl_complete-clone"]);
    const installed = join(bin, "..", "lib", "node_modules", "kubectl-clone");
    expect(existsSync(join(installed, "node_modules"))).toBe(false);
    const run = spawnSync(join(bin, "kubectl-clone"), ["--version"], { encoding: "utf8" });
    expect(run.stdout).toBe(`${version}\n`);
    const file = join(mkdtempSync(join(tmpdir(), "npm-lint-")), "clone.yaml");
    writeFileSync(file, trap);
    const lint = spawnSync(join(bin, "kubectl-clone"), ["lint", file], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
    expect(lint.stdout).toContain(`${file}:16:11  ${finding}`);
    expect(lint.status).toBe(1);
    // the cluster part loads (require() of its sibling file) and reports the missing kubeconfig in one line
    const list = spawnSync(join(bin, "kubectl-clone"), ["list", "-A"], { encoding: "utf8", env: { ...process.env, KUBECONFIG: join(tmpdir(), "no-such-kubeconfig") } });
    expect(list.stderr).toBe(`kubectl-clone: none of the files in KUBECONFIG (${join(tmpdir(), "no-such-kubeconfig")}) exists\n`);
    expect(list.status).toBe(2);
  });
});

describe("pre-commit (the real one, from PyPI) with .pre-commit-hooks.yaml", () => {
  const git = (cwd: string, ...args: string[]) => execFileSync("git", args, { cwd, encoding: "utf8", env: gitEnv });
  const gitEnv = { ...process.env, GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@example.invalid", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@example.invalid", GIT_CONFIG_GLOBAL: "/dev/null" };

  it("fails a commit holding a clone trap with the finding, and passes once it is fixed", () => {
    const preCommit = ensurePreCommit();
    // the hook repository: this repository's hook definitions, committed (pre-commit clones a rev)
    const hooks = mkdtempSync(join(tmpdir(), "hooks-repo-"));
    git(hooks, "init", "-q");
    copyFileSync(join(root, ".pre-commit-hooks.yaml"), join(hooks, ".pre-commit-hooks.yaml"));
    git(hooks, "add", ".");
    git(hooks, "commit", "-qm", "hooks");
    const rev = git(hooks, "rev-parse", "HEAD").trim();
    // a user's repository with a broken clone manifest
    const repo = mkdtempSync(join(tmpdir(), "user-repo-"));
    git(repo, "init", "-q");
    writeFileSync(join(repo, ".pre-commit-config.yaml"), `repos:\n  - repo: ${hooks}\n    rev: ${rev}\n    hooks:\n      - id: kubectl-clone-lint\n`);
    writeFileSync(join(repo, "clone.yaml"), trap);
    writeFileSync(join(repo, "notes.txt"), "not linted\n");
    git(repo, "add", ".");
    const env = { ...gitEnv, PATH: `${bin}${delimiter}${process.env.PATH ?? ""}`, PRE_COMMIT_HOME: mkdtempSync(join(tmpdir(), "pre-commit-home-")), NO_COLOR: "1" };
    const failing = spawnSync(preCommit, ["run", "--all-files", "--color=never"], { cwd: repo, env, encoding: "utf8" });
    expect(failing.stdout).toMatch(/kubectl clone lint\.+Failed/);
    expect(failing.stdout).toContain(`clone.yaml:16:11  ${finding}`);
    expect(failing.stdout).not.toContain("notes.txt");
    expect(failing.status).toBe(1);
    writeFileSync(join(repo, "clone.yaml"), good);
    git(repo, "add", ".");
    const passing = spawnSync(preCommit, ["run", "--all-files", "--color=never"], { cwd: repo, env, encoding: "utf8" });
    expect(passing.stdout).toMatch(/kubectl clone lint\.+Passed/);
    expect(passing.status).toBe(0);
  });
});
