import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureText } from '../fixtures/referater.ts';
import { SCREENSHOT_DIR, noSidewaysScroll, useBrowserEnv } from '../helpers/browser.ts';
import { axeViolations, describeViolations } from '../helpers/axe.ts';
import { getState, meetingInPhase } from '../helpers/workflow.ts';

const env = useBrowserEnv();

/** A touch phone of this size opening `link`, once the first item's editor is drawn. */
async function phoneOpening(link: string, viewport: { width: number; height: number }) {
  const context = await env.browser.newContext({
    viewport,
    isMobile: true,
    hasTouch: true,
    locale: 'da-DK',
  });
  const phone = await context.newPage();
  phone.setDefaultTimeout(20_000);
  await phone.goto(env.server.base + link);
  await phone.locator('.item-body').first().waitFor();
  return { context, phone };
}

describe('on a phone (390 x 844)', () => {
  it('a chair reads real minutes, comments on a selection and approves; nothing scrolls sideways', async () => {
    const { server, browser } = env;
    // Real minutes (the Driftsforum fixture), sent for comments and approval.
    const res = await fetch(`${server.base}/api/meetings/import`, {
      method: 'POST',
      headers: {
        'content-type': 'text/plain; charset=utf-8',
        authorization: `Bearer ${server.organiserToken}`,
      },
      body: fixtureText('driftsforum-midt-2020-12-09.txt'),
    });
    expect(res.status).toBe(201);
    const id = ((await res.json()) as { meeting: { id: string } }).meeting.id;
    const { link } = await server.invite(id, 'Kirsten Formand', 'member', true, { claim: false });
    // An imported meeting starts in 'meeting' (its minutes are written already).
    expect((await getState(server, id)).meta.phase).toBe('meeting');
    expect((await server.api(`/meetings/${id}/phase`, { body: { to: 'review' } })).status).toBe(
      200,
    );

    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'da-DK',
    });
    const phone = await context.newPage();
    phone.setDefaultTimeout(20_000);
    await phone.goto(server.base + link);

    // Reading: the document takes the screen, the side panel waits behind a button.
    const body = phone.locator('.item-body').first();
    await body.waitFor();
    await expect.poll(() => phone.locator('.save-status').getAttribute('data-state')).toBe('saved');
    expect(await phone.locator('aside.side').isVisible()).toBe(false);
    const sheet = await phone.locator('.sheet').boundingBox();
    expect(sheet!.width).toBeGreaterThan(340);
    const toggle = phone.getByRole('button', { name: /Fase, godkendelse og kommentarer/ });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await toggle.innerText()).toContain('Din godkendelse afventes');
    await noSidewaysScroll(phone, 'reading');
    // The header fields sit one under the other, none overlapping.
    const boxes = await phone
      .locator('.doc-header .header-field')
      .evaluateAll((els) => els.map((el) => el.getBoundingClientRect().toJSON()));
    for (let i = 1; i < boxes.length; i++) {
      expect(boxes[i].top).toBeGreaterThanOrEqual(boxes[i - 1].bottom - 1);
    }
    await phone.screenshot({ path: path.join(SCREENSHOT_DIR, 'phone-read.png') });
    // Further down: an item far into the agenda reads as well.
    await phone.locator('.agenda-item').nth(3).scrollIntoViewIfNeeded();
    await noSidewaysScroll(phone, 'scrolled');
    await phone.screenshot({ path: path.join(SCREENSHOT_DIR, 'phone-item.png') });

    // Comment on a selection: the composer opens in the drawer, sending closes it.
    const word = body.locator('p').first();
    await word.scrollIntoViewIfNeeded();
    await word.dblclick();
    await phone.getByRole('button', { name: /Kommentér markeret tekst/ }).click();
    const box = phone.getByRole('textbox', { name: /Skriv en kommentar/ });
    await box.waitFor();
    expect(await phone.locator('aside.side').isVisible()).toBe(true);
    await noSidewaysScroll(phone, 'composer open');
    await phone.screenshot({ path: path.join(SCREENSHOT_DIR, 'phone-comment.png') });
    await box.fill('Tilføj venligst hvem der deltog.');
    await phone.locator('.thread.draft').getByRole('button', { name: 'Send' }).click();
    await expect.poll(async () => (await getState(server, id)).threads.length).toBe(1);
    await expect.poll(() => phone.locator('aside.side').isVisible()).toBe(false);
    await expect.poll(() => phone.locator('.comment-mark').count()).toBeGreaterThan(0);

    // Approve: open the drawer, the approve button, a dialog with the fingerprint, confirm.
    await toggle.click();
    await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('true');
    await noSidewaysScroll(phone, 'drawer open');
    expect(describeViolations(await axeViolations(phone))).toEqual([]);
    await phone.screenshot({ path: path.join(SCREENSHOT_DIR, 'phone-drawer.png') });
    await phone.getByRole('button', { name: 'Godkend referatet' }).click();
    const dialog = phone.getByRole('dialog', { name: 'Godkend referatet?' });
    await dialog.waitFor();
    const hash = (await getState(server, id)).contentHash!;
    const shown = (await dialog.locator('.fingerprint code').innerText()).replace(/\s/g, '');
    expect(hash.startsWith(shown)).toBe(true);
    expect(shown.length).toBe(16);
    await noSidewaysScroll(phone, 'dialog open');
    await phone.screenshot({ path: path.join(SCREENSHOT_DIR, 'phone-approve-dialog.png') });
    await dialog.getByRole('button', { name: 'Ja, godkend' }).click();
    await expect.poll(() => phone.locator('.meeting-bar .phase').innerText()).toBe('Godkendt');
    await phone.locator('.frozen').waitFor();
    expect((await getState(server, id)).meta.frozen?.hash).toBe(hash);
    await noSidewaysScroll(phone, 'approved');
    await phone.screenshot({ path: path.join(SCREENSHOT_DIR, 'phone-approved.png') });
    // Back to the approved minutes: read-only, no sideways scroll.
    await phone.getByRole('button', { name: /Tilbage til referatet/ }).click();
    await expect.poll(() => phone.locator('aside.side').isVisible()).toBe(false);
    await noSidewaysScroll(phone, 'approved, reading');
    expect(describeViolations(await axeViolations(phone))).toEqual([]);
    await phone.screenshot({ path: path.join(SCREENSHOT_DIR, 'phone-approved-read.png') });
    await context.close();
  });

  it('a minute-taker at 360 px edits the header and participants: fields stacked, nothing sideways', async () => {
    const { server } = env;
    const id = await server.createMeeting('Driftsforum', 'driftsforum');
    expect((await server.api(`/meetings/${id}/phase`, { body: { to: 'meeting' } })).status).toBe(
      200,
    );
    const { link } = await server.invite(id, 'Mette Referent', 'minuteTaker', false, {
      claim: false,
    });
    const { context, phone } = await phoneOpening(link, { width: 360, height: 740 });
    await noSidewaysScroll(phone, 'editing');
    await phone.screenshot({ path: path.join(SCREENSHOT_DIR, 'phone-minute-taker.png') });
    const fields = await phone
      .locator('.doc-header .header-field input')
      .evaluateAll((els) => els.map((el) => el.getBoundingClientRect().toJSON()));
    expect(fields.length).toBeGreaterThan(3);
    for (let i = 1; i < fields.length; i++) {
      expect(fields[i].top).toBeGreaterThanOrEqual(fields[i - 1].bottom - 1);
      expect(fields[i].width).toBeGreaterThan(250);
    }
    // Typing into a header field and an item works at this width.
    await phone.getByLabel('Mødested').fill('Regionshuset, mødelokale 2');
    const title = phone.locator('.item-body').first().locator('.item-title');
    await title.click();
    await phone.keyboard.press('End');
    await phone.keyboard.type(' (rettet)');
    await expect.poll(() => phone.locator('.save-status').getAttribute('data-state')).toBe('saved');
    await noSidewaysScroll(phone, 'after typing');
    expect(describeViolations(await axeViolations(phone))).toEqual([]);
    await phone.locator('.participants').scrollIntoViewIfNeeded();
    await phone.screenshot({ path: path.join(SCREENSHOT_DIR, 'phone-participants.png') });
    await context.close();
  });

  it('the open drawer keeps the keyboard: the skip links behind it are inert, Escape in the approve dialog closes only the dialog', async () => {
    const { server } = env;
    const { id } = await meetingInPhase(server, 'meeting');
    const { link } = await server.invite(id, 'Kirsten Formand', 'member', true, { claim: false });
    expect((await server.api(`/meetings/${id}/phase`, { body: { to: 'review' } })).status).toBe(
      200,
    );
    const { context, phone } = await phoneOpening(link, { width: 390, height: 844 });
    await expect.poll(() => phone.locator('.save-status').getAttribute('data-state')).toBe('saved');
    const toggle = phone.getByRole('button', { name: /Fase, godkendelse og kommentarer/ });
    await toggle.click();
    await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('true');
    // Tabbing on past the drawer's end never lands on a link that jumps behind it.
    const stops: string[] = [];
    for (let i = 0; i < 30; i++) {
      await phone.keyboard.press('Tab');
      stops.push(
        await phone.evaluate(() => {
          const el = document.activeElement;
          if (!el || el === document.body) return 'body';
          return el.closest('aside') ? 'drawer' : `outside: ${el.textContent ?? ''}`;
        }),
      );
    }
    expect(stops.filter((s) => s.startsWith('outside'))).toEqual([]);
    expect(
      await phone.locator('nav.skip-links').evaluate((el) => el.closest('[inert]') !== null),
      'skip links hidden from the reader while the drawer is open',
    ).toBe(true);

    // The approve dialog, cancelled with Escape: the drawer stays, the focus is on the button again.
    const approve = phone.getByRole('button', { name: 'Godkend referatet' });
    await approve.focus();
    await phone.keyboard.press('Enter');
    const dialog = phone.getByRole('dialog', { name: 'Godkend referatet?' });
    await dialog.waitFor();
    await phone.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    expect(await phone.locator('aside.side').isVisible()).toBe(true);
    await expect.poll(() => approve.evaluate((el) => el === document.activeElement)).toBe(true);
    // Escape once more closes the drawer, back to its toggle.
    await phone.keyboard.press('Escape');
    await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('false');
    await expect.poll(() => toggle.evaluate((el) => el === document.activeElement)).toBe(true);
    await context.close();
  });
});
