// The real Kubernetes extension's explorer, driven as a person does: Kubernetes view -> the sandbox's
// context -> Storage -> Persistent Volume Claims -> right-click the claim -> "Clone PVC…" -> the
// prompts -> the clone is Bound, proven from the sandbox's audit log (the create came from us, the
// claim's status became Bound). Our item must be absent on PV, StorageClass, Namespace and ConfigMap nodes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';

/** How long a state may take to appear on a loaded machine (load average 14 was seen): a bound, never a sleep. */
export const patienceMs = Number(process.env.KUBECTL_CLONE_UI_PATIENCE_MS || 120_000);

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
    const title = page.locator('.quick-input-widget .quick-input-title');
    await title.filter({ hasText: 'Clone PVC: name' }).waitFor({ timeout: patienceMs });
    await page.keyboard.press('Control+A');
    await page.keyboard.type(run.cloneName);
    await page.keyboard.press('Enter');
    await title.filter({ hasText: 'Clone PVC: size' }).waitFor({ timeout: patienceMs });
    await page.keyboard.press('Enter');
    const classPick = title.filter({ hasText: 'Clone PVC: StorageClass' });
    const dialog = page.locator('.monaco-dialog-box');
    await Promise.race([classPick.waitFor({ timeout: patienceMs }), dialog.waitFor({ timeout: patienceMs })]);
    if (await classPick.isVisible()) await page.keyboard.press('Enter');
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
