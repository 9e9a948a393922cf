// The real Kubernetes extension's explorer, driven as a person does: Kubernetes view -> the sandbox's
// context -> Storage -> Persistent Volume Claims -> right-click the claim -> "Clone PVC…" -> the
// prompts -> the clone is Bound, proven from the sandbox's audit log (the create came from us, the
// claim's status became Bound). Our item must be absent on PV, StorageClass, Namespace and ConfigMap nodes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';

/** How long a state may take to appear on a loaded machine (load average 14 was seen): a bound, never a sleep. */
export const patienceMs = Number(process.env.KUBECTL_CLONE_UI_PATIENCE_MS || 120_000);

/** The clone flow's first two prompts: the clone's name typed over the proposed one, and the proposed size; returns the prompts' title. */
export async function answerNameAndSize(page: Page, cloneName: string): Promise<Locator> {
  const title = page.locator('.quick-input-widget .quick-input-title');
  await title.filter({ hasText: 'Clone PVC: name' }).waitFor({ timeout: patienceMs });
  await page.keyboard.press('Control+A');
  await page.keyboard.type(cloneName);
  await page.keyboard.press('Enter');
  await title.filter({ hasText: 'Clone PVC: size' }).waitFor({ timeout: patienceMs });
  await page.keyboard.press('Enter');
  return title;
}

interface AuditEvent {
  verb: string;
  requestURI: string;
  userAgent?: string;
  objectRef?: { resource?: string; namespace?: string; name?: string; subresource?: string };
  responseStatus?: { code?: number };
  requestObject?: { metadata?: { name?: string } };
  responseObject?: { metadata?: { name?: string }; status?: { phase?: string } };
}

/** What the apiserver recorded for a claim: who created it (not a dry run), and whether its status became Bound. */
export function auditOfClaim(auditLogPath: string, namespace: string, name: string): { createdBy: string[]; dryRuns: number; bound: boolean } {
  const events = readFileSync(auditLogPath, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as AuditEvent)
    .filter((event) => event.objectRef?.resource === 'persistentvolumeclaims' && event.objectRef.namespace === namespace);
  const named = (event: AuditEvent) => (event.objectRef?.name ?? event.requestObject?.metadata?.name ?? event.responseObject?.metadata?.name) === name;
  const creates = events.filter((event) => event.verb === 'create' && named(event) && event.responseStatus?.code === 201);
  return {
    createdBy: creates.filter((event) => !/[?&]dryRun=/.test(event.requestURI)).map((event) => event.userAgent ?? ''),
    dryRuns: creates.filter((event) => /[?&]dryRun=/.test(event.requestURI)).length,
    bound: events.some((event) => named(event) && event.responseObject?.status?.phase === 'Bound'),
  };
}

/** After the StorageClass: the namespace pick, its first row the source's namespace, accepted with Enter. */
export async function acceptSourceNamespace(page: Page, namespace: string): Promise<void> {
  await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Clone PVC: namespace' }).waitFor({ timeout: patienceMs });
  const first = await page.locator('.quick-input-list .monaco-list-row').first().innerText();
  if (!first.startsWith(namespace) || !first.includes('the source\'s namespace')) throw new Error(`the namespace pick's first row is: ${first}`);
  await page.keyboard.press('Enter');
}

export interface ExplorerRun {
  readonly page: Page;
  readonly context: string;
  readonly namespace: string;
  readonly source: string;
  readonly cloneName: string;
  readonly resultsDir: string;
  step(name: string, body: () => Promise<void>): Promise<void>;
}

function row(page: Page, text: string | RegExp): Locator {
  return page.locator('.monaco-list-row').filter({ has: page.locator('.label-name, .monaco-highlighted-label', { hasText: text }) }).first();
}

async function expand(page: Page, text: string | RegExp): Promise<Locator> {
  const target = row(page, text);
  await target.waitFor({ timeout: patienceMs });
  if ((await target.getAttribute('aria-expanded')) !== 'true') await target.click();
  await page.waitForFunction((element) => element?.getAttribute('aria-expanded') === 'true', await target.elementHandle(), { timeout: patienceMs });
  return target;
}

async function collapse(page: Page, text: string | RegExp): Promise<void> {
  const target = row(page, text);
  if ((await target.getAttribute('aria-expanded')) === 'true') await target.click();
}

/** Right-click a row, read its context menu, close it. */
async function menuOf(page: Page, target: Locator): Promise<string[]> {
  await target.click({ button: 'right' });
  const menu = page.locator('.monaco-menu').first();
  await menu.waitFor({ timeout: patienceMs });
  const items = (await menu.locator('.action-label').allInnerTexts()).map((text) => text.trim()).filter(Boolean);
  await page.keyboard.press('Escape');
  await menu.waitFor({ state: 'detached', timeout: patienceMs }).catch(() => undefined);
  return items;
}

export async function kubernetesExplorerSteps(run: ExplorerRun): Promise<void> {
  const { page, step } = run;
  const exact = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  await step('the real Kubernetes extension\'s view lists the sandbox context', async () => {
    await page.locator('.activitybar .action-item a[aria-label^="Kubernetes"], .activitybar .action-item[aria-label^="Kubernetes"]').first().click();
    await row(page, run.context).waitFor({ timeout: patienceMs });
    // its Helm Repos and Clouds views share the side bar: folded, the cluster tree has the room (rows outside are not rendered)
    for (const other of ['Helm Repos', 'Clouds']) {
      const header = page.locator('.pane-header', { hasText: other }).first();
      if (await header.isVisible() && (await header.getAttribute('aria-expanded')) === 'true') await header.click();
    }
  });
  await step('right-click on a PVC node offers "Clone PVC…"; the prompts answered, the clone binds and the explorer shows it without pressing its Refresh', async () => {
    await expand(page, run.context);
    await expand(page, exact('Storage'));
    await expand(page, exact('Persistent Volume Claims'));
    const claim = row(page, exact(run.source));
    await claim.waitFor({ timeout: patienceMs });
    await page.screenshot({ path: join(run.resultsDir, 'k8s-explorer-pvcs.png') });
    await claim.click({ button: 'right' });
    const item = page.locator('.monaco-menu .action-label', { hasText: 'Clone PVC…' }).first();
    await item.waitFor({ timeout: patienceMs });
    await page.screenshot({ path: join(run.resultsDir, 'k8s-explorer-menu.png') });
    await item.click();
    const title = await answerNameAndSize(page, run.cloneName);
    const classPick = title.filter({ hasText: 'Clone PVC: StorageClass' });
    const dialog = page.locator('.monaco-dialog-box');
    await Promise.race([classPick.waitFor({ timeout: patienceMs }), title.filter({ hasText: 'Clone PVC: namespace' }).waitFor({ timeout: patienceMs })]);
    if (await classPick.isVisible()) await page.keyboard.press('Enter');
    await acceptSourceNamespace(page, run.namespace);
    await dialog.waitFor({ timeout: patienceMs });
    await dialog.locator('.monaco-button', { hasText: 'Create Clone' }).click();
    await page.locator('.notification-toast', { hasText: `${run.cloneName} is Bound` }).first().waitFor({ timeout: patienceMs });
    // the explorer was refreshed by us: the new claim's row appears in the open folder
    await row(page, exact(run.cloneName)).waitFor({ timeout: patienceMs });
    await page.screenshot({ path: join(run.resultsDir, 'k8s-explorer-cloned.png') });
  });
  await step('"Clone PVC…" is absent on PersistentVolume, StorageClass, Namespace and ConfigMap nodes', async () => {
    const offered: string[] = [];
    const check = async (what: string, target: Locator) => {
      await target.waitFor({ timeout: patienceMs });
      const items = await menuOf(page, target);
      if (items.length === 0) throw new Error(`the ${what} node's menu shows no items`);
      if (items.some((text) => text.startsWith('Clone PVC'))) offered.push(`${what}: ${items.join(' | ')}`);
    };
    await collapse(page, exact('Persistent Volume Claims'));
    await expand(page, exact('Persistent Volumes'));
    await check('PersistentVolume', row(page, /^pvc-[0-9a-f-]+$/));
    await collapse(page, exact('Persistent Volumes'));
    await expand(page, exact('Storage Classes'));
    await check('StorageClass', row(page, exact('csi-hostpath')));
    await collapse(page, exact('Storage Classes'));
    await collapse(page, exact('Storage'));
    await expand(page, exact('Namespaces'));
    await check('Namespace', row(page, new RegExp(`^\\*?\\s*${run.namespace}$`)));
    await collapse(page, exact('Namespaces'));
    await expand(page, exact('Configuration'));
    await expand(page, exact('Config Maps'));
    await check('ConfigMap', row(page, exact('settings')));
    if (offered.length) throw new Error(`offered on: ${offered.join('; ')}`);
  });
}

/**
 * Requests our extension sent since `since`, as the sandbox's audit log has them (its user agent says "(vscode)").
 * By the time the request was received: a watch of an earlier session is logged again when it closes.
 */
export function ourRequests(auditLogPath: string, since: Date): string[] {
  return readFileSync(auditLogPath, 'utf8').split('\n').filter((line) => line.includes('"userAgent":"kubectl-clone/') && line.includes('(vscode)'))
    .map((line) => JSON.parse(line) as AuditEvent & { requestReceivedTimestamp: string; stage: string })
    .filter((event) => new Date(event.requestReceivedTimestamp) >= since)
    .map((event) => `${event.stage} ${event.verb} ${event.requestURI} at ${event.requestReceivedTimestamp}`);
}

/**
 * Restricted Mode in the real editor: the diagnostics work, our view says why it is empty, no
 * CodeLens offers a clone, and our extension sends the cluster nothing (the Kubernetes extension
 * does not support untrusted workspaces, so VS Code disables it and its explorer is gone).
 */
export async function untrustedSteps(run: { page: Page; auditLogPath: string; since: Date; resultsDir: string; step: ExplorerRun["step"] }): Promise<void> {
  const { page, step } = run;
  await step('untrusted workspace: the squiggle and the Problems entry appear', async () => {
    await page.keyboard.press('Control+P');
    await page.waitForSelector('.quick-input-widget input', { state: 'visible', timeout: patienceMs });
    await page.keyboard.type('trap.yaml');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'trap.yaml' }).first().waitFor({ timeout: patienceMs });
    await page.keyboard.press('Enter');
    await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: patienceMs });
    await page.keyboard.press('Control+Shift+M');
    await page.locator('.markers-panel .monaco-list-row', { hasText: 'silently drop this dataSource' }).first().waitFor({ timeout: patienceMs });
  });
  await step('untrusted workspace: our view explains itself, no "Clone this PVC" CodeLens, no Kubernetes explorer, no request from us in the audit log', async () => {
    await page.locator('.activitybar .action-item a[aria-label^="kubectl-clone"], .activitybar .action-item[aria-label^="kubectl-clone"]').first().click();
    await page.locator('.welcome-view-content', { hasText: 'reads clusters only in a trusted workspace' }).first().waitFor({ timeout: patienceMs });
    if (await page.locator('.monaco-editor .codelens-decoration', { hasText: 'Clone this PVC' }).count()) throw new Error('a "Clone this PVC" CodeLens is shown');
    if (await page.locator('.activitybar .action-item a[aria-label^="Kubernetes"]').count()) throw new Error('the Kubernetes explorer is available in Restricted Mode');
    await page.screenshot({ path: join(run.resultsDir, 'ui-untrusted.png') });
    const requests = ourRequests(run.auditLogPath, run.since);
    if (requests.length) throw new Error(`${requests.length} request(s) from kubectl-clone reached the cluster: ${requests.join('; ')}`);
  });
}
