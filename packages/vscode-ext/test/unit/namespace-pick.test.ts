import { describe, expect, it } from 'vitest';
import { detailText, pickNamespace, previewLimit, type NamespaceItem, type NamespaceQuickPick } from '../../src/namespace-pick.js';
import type { TargetPreview } from '../../src/target-namespace.js';
import { FakeQuickPick } from './fake-vscode.js';

const allowed = (message: string): TargetPreview => ({ allowed: true, message, findings: [], gaps: [] });
const refused = (message: string): TargetPreview => ({ allowed: false, message, findings: [], gaps: [] });

/** A describe whose answers the test releases one by one, recording what was asked. */
function scripted() {
  const asked: string[] = [];
  const pending = new Map<string, (preview: TargetPreview | undefined) => void>();
  const describe = (namespace: string) => new Promise<TargetPreview | undefined>((resolve) => { asked.push(namespace); pending.set(namespace, resolve); });
  const answer = async (namespace: string, preview: TargetPreview | undefined) => {
    pending.get(namespace)!(preview);
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { asked, describe, answer };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));
const rows = (pick: FakeQuickPick<NamespaceItem>) => pick.items.map((item) => [item.label, item.description, item.detail]);

describe('the target-namespace pick', () => {
  it('lists the source\'s namespace first and marked, fills in each namespace\'s dry-run verdict as it arrives, keeps the cursor, and returns the accepted one', async () => {
    const pick = new FakeQuickPick<NamespaceItem>();
    const { asked, describe, answer } = scripted();
    const choices = { choices: [{ name: 'shop', isSource: true }, { name: 'dev', isSource: false, isCurrent: true }, { name: 'locked', isSource: false }, { name: 'qa', isSource: false }] };
    const picked = pickNamespace(pick as unknown as NamespaceQuickPick, choices, describe);
    await settle();
    expect(pick.shown).toBe(true);
    expect(pick.title).toBe('Clone PVC: namespace');
    // three previews at a time, in the order shown
    expect(asked).toEqual(['shop', 'dev', 'locked']);
    expect(rows(pick)).toEqual([
      ['shop', 'the source\'s namespace', detailText.asking],
      ['dev', 'current', detailText.asking],
      ['locked', '', detailText.asking],
      ['qa', '', detailText.asking],
    ]);
    expect(pick.busy).toBe(true);

    pick.focus('locked');
    await answer('dev', allowed('CSI clone, allowed by a ReferenceGrant made in shop (CSIClone: x)'));
    expect(asked).toEqual(['shop', 'dev', 'locked', 'qa']);
    await answer('locked', refused('refusing to clone shop/data: you may not create persistentvolumeclaims in namespace locked (no RBAC rule allows it); nothing was created'));
    expect(pick.items[1]!.detail).toBe('$(pass) CSI clone, allowed by a ReferenceGrant made in shop (CSIClone: x)');
    expect(pick.items[2]!.detail).toBe('$(error) refusing to clone shop/data: you may not create persistentvolumeclaims in namespace locked (no RBAC rule allows it); nothing was created');
    expect(pick.activeItems.map((item) => item.label)).toEqual(['locked']);
    await answer('shop', allowed('CSI clone (CSIClone: x)'));
    await answer('qa', allowed('copy through pods (CrossNamespaceGateOff: y)'));
    expect(pick.busy).toBe(false);

    pick.focus('dev');
    pick.accept();
    expect(await picked).toBe('dev');
    expect(pick.disposed).toBe(true);
  });

  it('offers a typed name that is not listed (listing forbidden), checked only once picked; a bad name is not offered', async () => {
    const pick = new FakeQuickPick<NamespaceItem>();
    const { asked, describe, answer } = scripted();
    const listProblem = 'cannot list namespaces (namespaces is forbidden: User "restricted" cannot list resource "namespaces"): type the namespace\'s name';
    const picked = pickNamespace(pick as unknown as NamespaceQuickPick, { choices: [{ name: 'shop', isSource: true }], listProblem }, describe);
    expect(pick.placeholder).toBe(listProblem);
    await answer('shop', allowed('CSI clone (CSIClone: x)'));
    pick.type('Not_A_Name');
    expect(pick.visible()).toEqual([]);
    pick.type('team-b');
    expect(rows(pick)[0]).toEqual(['team-b', 'typed', detailText.whenPicked]);
    expect(pick.visible().map((item) => item.label)).toEqual(['team-b']);
    pick.accept();
    expect(await picked).toBe('team-b');
    expect(asked).toEqual(['shop']);
  });

  it('a cursor left on a row the filter hides never moves back there; with no row under the cursor, Enter takes the typed name', async () => {
    const pick = new FakeQuickPick<NamespaceItem>();
    const { describe, answer } = scripted();
    const picked = pickNamespace(pick as unknown as NamespaceQuickPick, { choices: [{ name: 'shop', isSource: true }, { name: 'shop-target', isSource: false }] }, describe);
    pick.focus('shop');
    // the host still has the cursor on "shop" while the user has typed on: a new item list must not put it back there
    pick.value = 'shop-target';
    await answer('shop', allowed('CSI clone'));
    expect(pick.activeItems.map((item) => item.label)).toEqual(['shop-target']);
    pick.acceptWithoutCursor();
    expect(await picked).toBe('shop-target');
  });

  it(`asks the cluster about the first ${previewLimit} namespaces only; Escape returns nothing`, async () => {
    const pick = new FakeQuickPick<NamespaceItem>();
    const { asked, describe, answer } = scripted();
    const names = Array.from({ length: 20 }, (_, i) => `ns-${String(i).padStart(2, '0')}`);
    const picked = pickNamespace(pick as unknown as NamespaceQuickPick, { choices: names.map((name, i) => ({ name, isSource: i === 0 })) }, describe);
    for (const name of names.slice(0, previewLimit)) await answer(name, allowed('CSI clone'));
    expect(asked).toEqual(names.slice(0, previewLimit));
    expect(pick.items.at(-1)!.detail).toBe(detailText.whenPicked);
    expect(pick.busy).toBe(false);
    pick.hide();
    expect(await picked).toBeUndefined();
  });
});
