// The GitHub Action (action.yml): its step script run as a runner would, against the release's
// archives through a file:// release URL, on a workspace holding a clone trap.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, inject, it } from "vitest";

const { dir } = inject("release");
const root = fileURLToPath(new URL("../../", import.meta.url));
const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string };
const action = readFileSync(join(root, "action.yml"), "utf8");

function runStep(workspace: string, inputs: Record<string, string>) {
  const output = join(workspace, "..", `github-output-${Math.random().toString(36).slice(2)}`);
  writeFileSync(output, "");
  const run = spawnSync("bash", [join(root, "scripts/action-lint.sh")], {
    cwd: workspace,
    encoding: "utf8",
    env: {
      PATH: process.env.PATH, RUNNER_OS: "Linux", RUNNER_ARCH: "X64", RUNNER_TEMP: mkdtempSync(join(tmpdir(), "runner-temp-")), GITHUB_OUTPUT: output, NO_COLOR: "1",
      KC_PATHS: ".", KC_VERSION: `v${version}`, KC_SARIF: "kubectl-clone.sarif", KC_FAIL_ON_FINDINGS: "true", KC_RELEASE_URL: `file://${join(dir, "..", "release-mirror")}`,
      ...inputs,
    },
  });
  return { ...run, output: readFileSync(output, "utf8") };
}

describe("action.yml", () => {
  // a release URL is <base>/v<version>/<file>: a mirror folder laid out that way
  const mirror = join(dir, "..", "release-mirror");
  spawnSync("rm", ["-rf", mirror]);
  spawnSync("mkdir", ["-p", mirror]);
  spawnSync("ln", ["-s", dir, join(mirror, `v${version}`)]);

  it("declares the inputs its step reads", () => {
    for (const input of ["paths", "version", "sarif", "fail-on-findings", "release-url"]) expect(action).toContain(`\${{ inputs.${input}`);
    expect(action).toContain('run: bash "$GITHUB_ACTION_PATH/scripts/action-lint.sh"');
  });

  it("fails on a clone trap, with the finding in the log and in the SARIF it names as output", () => {
    const workspace = mkdtempSync(join(tmpdir(), "action-ws-"));
    writeFileSync(join(workspace, "clone.yaml"), readFileSync(join(root, "examples/mistakes/empty-volume-kind-case.yaml"), "utf8"));
    const run = runStep(workspace, {});
    expect(run.stdout).toContain("clone.yaml:16:11  error  the apiserver will silently drop this dataSource");
    expect(run.status).toBe(1);
    expect(run.output).toBe("sarif=kubectl-clone.sarif\n");
    const sarif = JSON.parse(readFileSync(join(workspace, "kubectl-clone.sarif"), "utf8")) as { runs: { results: { ruleId: string }[] }[] };
    expect(sarif.runs[0]!.results.map((r) => r.ruleId)).toEqual(["datasource-silently-dropped"]);
    const lenient = runStep(workspace, { KC_FAIL_ON_FINDINGS: "false" });
    expect(lenient.status).toBe(0);
  });

  it("passes a clean workspace, and refuses an archive that does not match SHA256SUMS", () => {
    const workspace = mkdtempSync(join(tmpdir(), "action-ws-"));
    writeFileSync(join(workspace, "clone.yaml"), readFileSync(join(root, "examples/clones/data-copy.yaml"), "utf8"));
    expect(runStep(workspace, {}).status).toBe(0);
    // the arm64 runner gets the arm64 archive; a mirror whose arm64 archive is the amd64 one is refused
    const bad = mkdtempSync(join(tmpdir(), "bad-mirror-"));
    spawnSync("mkdir", ["-p", join(bad, `v${version}`)]);
    spawnSync("cp", [join(dir, "SHA256SUMS"), join(bad, `v${version}`)]);
    spawnSync("cp", [join(dir, `kubectl-clone-v${version}-linux-amd64.tar.gz`), join(bad, `v${version}`, `kubectl-clone-v${version}-linux-arm64.tar.gz`)]);
    const refused = runStep(workspace, { RUNNER_ARCH: "ARM64", KC_RELEASE_URL: `file://${bad}` });
    expect(refused.stdout).toContain(`::error::kubectl-clone lint: kubectl-clone-v${version}-linux-arm64.tar.gz does not match the release's SHA256SUMS`);
    expect(refused.status).toBe(2);
  });
});
