// Clone PVC… into another namespace from our tree, in the real editor, on the sandbox with the
// CrossNamespaceVolumeDataSource gate on: the namespace pick offers the source's namespace first and
// says, from the engine's server dry run, that a clone there is made with a ReferenceGrant; the clone
// binds and shows under its source. The runner then proves from the audit log what was written, where
// and when (auditOfCrossNamespaceClone).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { answerNameAndSize, patienceMs, type ExplorerRun } from './ui-kubernetes-explorer.js';

export interface CrossNamespaceRun {
  readonly page: Page;
  readonly namespace: string;
  readonly target: string;
  readonly source: string;
  readonly cloneName: string;
  readonly resultsDir: string;
  step: ExplorerRun['step'];
  /** When the flow started and when "Create Clone" was clicked: the audit log's window for "nothing written before". */
  readonly times: { started?: Date; approved?: Date };
}

const exact = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

export async function crossNamespaceSteps(run: CrossNamespaceRun): Promise<void> {
  const { page, step } = run;
  await step(`Clone PVC… from our tree into another namespace: the pick says the engine's dry-run verdict per namespace (a ReferenceGrant clone, the gate being on), the clone binds and shows under its source, marked "in ${run.target}", and its namespace says so`, async () => {
    const sourceRow = page.locator('.monaco-list-row').filter({ has: page.locator('.label-name', { hasText: exact(run.source) }) }).first();
    // a click on the active container's icon would close the side bar
    if (!await sourceRow.isVisible()) await page.locator('.activitybar .action-item a[aria-label^="kubectl-clone"], .activitybar .action-item[aria-label^="kubectl-clone"]').first().click();
    await sourceRow.waitFor({ timeout: patienceMs });
    run.times.started = new Date();
    await sourceRow.hover();
    await sourceRow.locator('.action-label[aria-label^="Clone PVC"]').click();
    const title = await answerNameAndSize(page, run.cloneName);
    await title.filter({ hasText: 'Clone PVC: StorageClass' }).waitFor({ timeout: patienceMs });
    await page.keyboard.press('Enter');
    await title.filter({ hasText: 'Clone PVC: namespace' }).waitFor({ timeout: patienceMs });
    const rows = page.locator('.quick-input-list .monaco-list-row');
    const first = await rows.first().innerText();
    if (!first.startsWith(run.namespace) || !first.includes('the source\'s namespace')) throw new Error(`the first row is: ${first}`);
    // the verdicts arrive as the dry runs answer: wait for the source's and the target's
    await page.waitForFunction(() => document.querySelector('.quick-input-list .monaco-list-row')?.textContent?.includes('CSI clone (CSIClone:'), undefined, { timeout: patienceMs });
    const verdict = `CSI clone, allowed by a ReferenceGrant made in ${run.namespace}`;
    await rows.filter({ hasText: verdict }).first().waitFor({ timeout: patienceMs });
    await page.screenshot({ path: join(run.resultsDir, 'ui-namespace-pick.png') });
    await page.keyboard.type(run.target);
    // the filter catches up with the typing: wait until the target's row, with its verdict, is the only one
    await page.waitForFunction(([target, expected]) => {
      const shown = [...document.querySelectorAll('.quick-input-list .monaco-list-row')].map((element) => element.textContent ?? '');
      return shown.length === 1 && shown[0]!.includes(target!) && shown[0]!.includes(expected!);
    }, [run.target, verdict], { timeout: patienceMs }).catch(async (error: Error) => {
      throw new Error(`typed "${run.target}", the rows are: ${(await rows.allInnerTexts()).join(' | ')} (${error.message.split('\n')[0]})`);
    });
    await page.keyboard.press('Enter');
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ timeout: patienceMs });
    const question = await dialog.innerText();
    if (!question.includes(`Clone ${run.namespace}/${run.source} to ${run.target}/${run.cloneName}?`)) throw new Error(`the question is: ${question.slice(0, 300)}`);
    run.times.approved = new Date();
    await dialog.locator('.monaco-button', { hasText: 'Create Clone' }).click();
    await page.locator('.notification-toast', { hasText: `${run.target}/${run.cloneName} is Bound` }).first().waitFor({ timeout: patienceMs });
    const cloneRow = page.locator('.monaco-list-row').filter({ has: page.locator('.label-name', { hasText: exact(run.cloneName) }) }).first();
    await cloneRow.waitFor({ timeout: patienceMs });
    const row = await cloneRow.innerText();
    if (!row.includes(`in ${run.target} · Bound · 1Gi · csi-hostpath`)) throw new Error(`the clone's row says: ${row}`);
    // under its source: the row is one level deeper than the source's
    const [sourceLevel, cloneLevel] = [await sourceRow.getAttribute('aria-level'), await cloneRow.getAttribute('aria-level')];
    if (Number(cloneLevel) !== Number(sourceLevel) + 1) throw new Error(`the clone's row is at level ${cloneLevel}, its source's at ${sourceLevel}`);
    const targetRow = await page.locator('.monaco-list-row').filter({ has: page.locator('.label-name', { hasText: exact(run.target) }) }).first().innerText();
    if (!targetRow.includes('1 PVC · 1 shown under its source in another namespace')) throw new Error(`the target namespace's row says: ${targetRow}`);
    await page.screenshot({ path: join(run.resultsDir, 'ui-cross-namespace-cloned.png') });
  });
  // a failed step must not leave its pick or question in the way of the next steps
  for (const open of ['.quick-input-widget', '.monaco-dialog-box']) if (await page.locator(open).isVisible()) await page.keyboard.press('Escape');
}

interface AuditEvent {
  verb: string;
  stage: string;
  requestURI: string;
  userAgent?: string;
  requestReceivedTimestamp: string;
  objectRef?: { resource?: string; namespace?: string; name?: string };
  responseStatus?: { code?: number };
  requestObject?: { metadata?: { name?: string } };
  responseObject?: { metadata?: { name?: string }; status?: { phase?: string } };
}

const writes = new Set(['create', 'update', 'patch', 'delete', 'deletecollection']);

/**
 * What the apiserver recorded of the flow: our real writes before the approval (must be none), the
 * claim's real creates in the target namespace and in the source's (one and none), the grant made in
 * the source's namespace, the dry runs, and whether the claim's status became Bound.
 */
export function auditOfCrossNamespaceClone(auditLogPath: string, run: { namespace: string; target: string; cloneName: string; started: Date; approved: Date }) {
  const events = readFileSync(auditLogPath, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as AuditEvent)
    .filter((event) => event.stage === 'ResponseComplete');
  const ours = events.filter((event) => /^kubectl-clone\/[^ ]+ \(vscode\)$/.test(event.userAgent ?? ''));
  // an access review is a create that stores nothing: the engine asks them before any write
  const real = (event: AuditEvent) => writes.has(event.verb) && !/[?&]dryRun=/.test(event.requestURI) && !/^self(subjectaccess|subjectrules)reviews$/.test(event.objectRef?.resource ?? '');
  const at = (event: AuditEvent) => new Date(event.requestReceivedTimestamp);
  const named = (event: AuditEvent) => (event.objectRef?.name ?? event.requestObject?.metadata?.name ?? event.responseObject?.metadata?.name) === run.cloneName;
  const claimCreates = (namespace: string) => ours.filter((event) => event.verb === 'create' && event.objectRef?.resource === 'persistentvolumeclaims' && event.objectRef.namespace === namespace && named(event) && event.responseStatus?.code === 201);
  return {
    writesBeforeApproval: ours.filter((event) => real(event) && at(event) >= run.started && at(event) < run.approved).map((event) => `${event.verb} ${event.requestURI}`),
    dryRunsBeforeApproval: ours.filter((event) => writes.has(event.verb) && /[?&]dryRun=/.test(event.requestURI) && at(event) >= run.started && at(event) < run.approved).length,
    createdInTarget: claimCreates(run.target).filter(real).length,
    createdInSource: claimCreates(run.namespace).filter(real).length,
    grantsInSource: ours.filter((event) => real(event) && event.verb === 'create' && event.objectRef?.resource === 'referencegrants' && event.objectRef.namespace === run.namespace && event.responseStatus?.code === 201).length,
    bound: events.some((event) => event.objectRef?.resource === 'persistentvolumeclaims' && event.objectRef.namespace === run.target && named(event) && event.responseObject?.status?.phase === 'Bound'),
  };
}
