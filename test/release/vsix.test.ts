// The release's VSIX installed into a real VS Code (code-server 4.100.3, VS Code 1.100.3, from
// npm and cached, see packages/vscode-ext/test/code-server.ts) as a user installs a VSIX, and
// activated: opening a YAML file holding a clone trap shows our squiggle under it, which only the
// activated extension draws.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, inject, it } from "vitest";
import { ensureCodeServer, entryOf, startCodeServer, type RunningCodeServer } from "../../packages/vscode-ext/test/code-server.js";

const { dir } = inject("release");
const root = fileURLToPath(new URL("../../", import.meta.url));
const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string };

/** The part of playwright-core's API used here (it is the extension's test dependency, not this package's). */
interface Page {
  goto(url: string): Promise<unknown>;
  waitForSelector(selector: string, options?: { timeout?: number; state?: "visible" }): Promise<unknown>;
  keyboard: { press(key: string): Promise<void>; type(text: string): Promise<void> };
  screenshot(options: { path: string }): Promise<unknown>;
}
interface Browser {
  newPage(options: { viewport: { width: number; height: number } }): Promise<Page>;
  close(): Promise<void>;
}
const { chromium } = createRequire(join(root, "packages/vscode-ext/package.json"))("playwright-core") as { chromium: { launch(options: { executablePath: string; args: string[] }): Promise<Browser> } };

let server: RunningCodeServer | undefined;
let browser: Browser | undefined;
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("the VSIX in code-server", () => {
  it("installs with --install-extension, at the release's version, and activates on a YAML file", { timeout: 600_000 }, async () => {
    const installDir = ensureCodeServer((line) => process.stderr.write(`[code-server] ${line}\n`));
    const work = mkdtempSync(join(tmpdir(), "vsix-"));
    const userData = join(work, "user-data");
    const extensions = join(work, "extensions");
    mkdirSync(join(userData, "User"), { recursive: true });
    writeFileSync(join(userData, "User/settings.json"), JSON.stringify({ "workbench.startupEditor": "none", "extensions.autoUpdate": false, "security.workspace.trust.enabled": false, "telemetry.telemetryLevel": "off", "git.enabled": false }));
    const code = (...args: string[]) => execFileSync(process.execPath, [entryOf(installDir), "--extensions-dir", extensions, "--user-data-dir", userData, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    code("--install-extension", join(dir, `kubectl-clone-vscode-${version}.vsix`));
    expect(code("--list-extensions", "--show-versions").trim().split("\n")).toEqual([`kubectl-clone.kubectl-clone-vscode@${version}`]);

    const workspace = join(work, "workspace");
    mkdirSync(workspace);
    writeFileSync(join(workspace, "trap.yaml"), readFileSync(join(root, "packages/vscode-ext/test/fixtures/trap.yaml"), "utf8"));
    server = await startCodeServer(installDir, { userDataDir: userData, extensionsDir: extensions });
    browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-dev-shm-usage"] });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
    await page.waitForSelector(".monaco-workbench", { timeout: 120_000 });
    await page.waitForSelector(".explorer-folders-view, .monaco-list", { timeout: 120_000 });
    await page.keyboard.press("Control+P");
    await page.waitForSelector(".quick-input-widget input", { state: "visible" });
    await page.keyboard.type("trap.yaml");
    await page.waitForSelector(".quick-input-list .monaco-list-row", { timeout: 60_000 });
    await page.keyboard.press("Enter");
    try {
      await page.waitForSelector(".monaco-editor .squiggly-error", { timeout: 120_000 });
      // and it is ours: the Problems panel names our rule
      await page.keyboard.press("Control+Shift+M");
      await page.waitForSelector('.markers-panel .monaco-list-row:has-text("silently drop this dataSource")', { timeout: 60_000 });
    } catch (error) {
      await page.screenshot({ path: join(work, "no-squiggle.png") });
      throw new Error(`no squiggle under the trap (screenshot ${join(work, "no-squiggle.png")}; code-server said:\n${server.output().slice(-2000)})`, { cause: error });
    }
  });
});
