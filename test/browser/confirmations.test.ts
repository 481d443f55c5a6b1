import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { visibleItemIds } from '../../shared/minutes/layout.ts';
import { axeViolations, describeViolations } from '../helpers/axe.ts';
import {
  SCREENSHOT_DIR,
  newUserPage,
  noSidewaysScroll,
  stickingOut,
  openInvite,
  signInAsOrganiser,
  useBrowserEnv,
} from '../helpers/browser.ts';
import { useCleanups } from '../helpers/cleanups.ts';
import { getState, syncedClient, typeAfter } from '../helpers/workflow.ts';

const env = useBrowserEnv();
const cleanup = useCleanups();

/** A Driftsforum meeting sent for approval to two chairs, with a minute-taker. */
async function inReview() {
  const { server } = env;
  const id = await server.createMeeting('Driftsforum', 'driftsforum');
  const kirsten = await server.invite(id, 'Kirsten Formand', 'member', true, { claim: false });
  const lars = await server.invite(id, 'Lars Næstformand', 'member', true);
  const mette = await server.invite(id, 'Mette Referent', 'minuteTaker');
  for (const to of ['meeting', 'review']) {
    expect((await server.api(`/meetings/${id}/phase`, { body: { to } })).status).toBe(200);
  }
  return { id, kirsten, lars, mette };
}

async function ready(page: Page) {
  await page.locator('.item-body').first().waitFor();
  await expect.poll(() => page.locator('.save-status').getAttribute('data-state')).toBe('saved');
}

/** The secretariat on a new Driftsforum meeting, ready to edit. */
async function organiserOnNewMeeting(): Promise<Page> {
  const { server, browser } = env;
  const id = await server.createMeeting('Driftsforum', 'driftsforum');
  const page = await newUserPage(browser);
  await signInAsOrganiser(page, server.base, 'Anne Sekretær');
  await page.goto(`${server.base}/m/${id}`);
  await ready(page);
  return page;
}

const fingerprintOf = async (page: Page) =>
  (await page.locator('.approve-dialog .fingerprint code').innerText()).replace(/\s/g, '');

describe('confirmations', () => {
  it('approving asks first: what, its fingerprint, cancel does nothing, a change while open is shown', async () => {
    const { server, browser } = env;
    const { id, kirsten, mette } = await inReview();
    const page = await newUserPage(browser);
    await page.goto(server.base + kirsten.link);
    await ready(page);
    const approve = page.getByRole('button', { name: 'Godkend referatet' });
    await approve.click();
    const dialog = page.getByRole('dialog', { name: 'Godkend referatet?' });
    await dialog.waitFor();
    const before = (await getState(server, id)).contentHash!;
    expect(before.startsWith(await fingerprintOf(page))).toBe(true);
    const text = await dialog.innerText();
    expect(text).toContain('Driftsforum');
    expect(text).toContain('bortfalder din godkendelse'); // another approver still to come
    expect(describeViolations(await axeViolations(page))).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'confirm-approve.png') });

    // Annullér: nothing approved, the focus back on the button.
    await dialog.getByRole('button', { name: 'Annullér' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await approve.evaluate((el) => el === document.activeElement)).toBe(true);
    expect((await getState(server, id)).approvals).toEqual([]);

    // Open again; the minute-taker edits meanwhile: the dialog says so and shows the new text's print.
    await approve.click();
    await dialog.waitFor();
    const client = await syncedClient(server, id, mette.token, cleanup);
    typeAfter(client.doc, visibleItemIds(client.doc)[0], 'godkendes', ' Rettet under læsning.');
    await expect.poll(async () => (await getState(server, id)).contentHash).not.toBe(before);
    await dialog.getByRole('alert').waitFor();
    expect(await dialog.getByRole('alert').innerText()).toContain('Teksten blev ændret');
    const after = (await getState(server, id)).contentHash!;
    await expect.poll(() => fingerprintOf(page)).toBe(after.slice(0, 16));
    await dialog.getByRole('button', { name: 'Ja, godkend' }).click();
    await expect
      .poll(async () => (await getState(server, id)).approvals.map((a) => a.hash))
      .toEqual([after]);
    expect((await getState(server, id)).approvals[0].userId).toBe(kirsten.invite.userId);
  });

  it('a minute-taker is told, before editing, that an edit voids the approval given', async () => {
    const { server, browser } = env;
    const { id, kirsten } = await inReview();
    const page = await openInvite(browser, server, id, 'Mette Referent', 'minuteTaker');
    await ready(page);
    const notice = page.locator('.voiding-notice');
    expect(await notice.count()).toBe(0);
    const state = await getState(server, id);
    const res = await server.approve(
      id,
      await server.accessFor(kirsten.credential),
      state.contentHash,
    );
    expect(res.status).toBe(200);
    await notice.waitFor();
    expect(await notice.getAttribute('role')).toBe('status');
    expect(await notice.innerText()).toContain('Kirsten Formand har godkendt');
    expect(await notice.innerText()).toContain('bortfalder godkendelsen');
    // The side panel with two approvers and the version form fits its column.
    await noSidewaysScroll(page, 'review, minute-taker, 1280 px');
    expect(await stickingOut(page, 'aside.side')).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'confirm-voiding-notice.png') });
    // She edits anyway: the approval is voided and the notice goes.
    const body = page.locator('.item-body').first();
    await body.locator('p').last().click();
    await page.keyboard.press('End');
    await page.keyboard.type(' Tilføjet.');
    await expect.poll(() => notice.count()).toBe(0);
    await expect
      .poll(async () => (await getState(server, id)).approvals[0]?.voidedAt ?? null)
      .not.toBeNull();
  });

  it('deleting an item offers an undo that puts it back where it was', async () => {
    const page = await organiserOnNewMeeting();
    const titles = () =>
      page
        .locator('.agenda-item .item-title')
        .evaluateAll((els) => els.map((el) => el.textContent ?? ''));
    const original = await titles();
    expect(original.length).toBeGreaterThan(2);
    // The live region is there, empty, before anything is deleted: what appears in it is read out.
    const region = page.locator('.toast-region');
    expect(await region.getAttribute('role')).toBe('status');
    expect(await region.innerText()).toBe('');
    await page.getByRole('button', { name: 'Slet punkt 2' }).click();
    const toast = region.locator('.toast');
    await toast.waitFor();
    const secondTitle = original[1].replace(/^\d+\.\s*/, '');
    expect(await toast.innerText()).toContain(`Punkt 2 «${secondTitle}» er slettet`);
    expect(await toast.innerText()).toContain('nederst på dagsordenen');
    expect((await titles()).length).toBe(original.length - 1);
    expect(describeViolations(await axeViolations(page))).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'confirm-undo.png') });
    await toast.getByRole('button', { name: 'Fortryd' }).click();
    await expect.poll(titles).toEqual(original);
    expect(await toast.count()).toBe(0);
    // The restored item has the focus.
    const second = page.locator('.agenda-item').nth(1);
    await expect
      .poll(() => second.evaluate((el) => el.contains(document.activeElement)))
      .toBe(true);
    // Dismissed instead: the item waits in "Slettede punkter".
    await page.getByRole('button', { name: 'Slet punkt 2' }).click();
    await toast.waitFor();
    await toast.getByRole('button', { name: 'Luk besked' }).click();
    await expect.poll(() => toast.count()).toBe(0);
    await page.getByText('Slettede punkter (1)').click();
    expect(await page.locator('.deleted-items li').first().innerText()).toContain(secondTitle);
  });

  it('dismissing the undo notice from the keyboard leaves the focus on the agenda, not on <body>', async () => {
    const page = await organiserOnNewMeeting();
    const toast = page.locator('.toast');
    const focusIsOnAgendaHeading = () =>
      page.evaluate(() => document.activeElement?.id === 'agenda-heading');
    for (const how of ['Escape', 'Luk besked'] as const) {
      await page.getByRole('button', { name: 'Slet punkt 1' }).focus();
      await page.keyboard.press('Enter');
      // Deleting moves the focus to the next item (a frame later); then on to the notice.
      await expect
        .poll(() => page.evaluate(() => !!document.activeElement?.closest('.agenda-item')))
        .toBe(true);
      await toast.getByRole('button', { name: 'Fortryd' }).focus();
      if (how === 'Escape') await page.keyboard.press('Escape');
      else await toast.getByRole('button', { name: how }).press('Enter');
      await expect.poll(() => toast.count()).toBe(0);
      await expect.poll(focusIsOnAgendaHeading, { message: how }).toBe(true);
    }
  });
});
