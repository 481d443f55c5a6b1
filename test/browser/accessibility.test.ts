import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Phase } from '../../shared/meeting.ts';
import { axeViolations, describeViolations } from '../helpers/axe.ts';
import {
  SCREENSHOT_DIR,
  newUserPage,
  openInvite,
  signInAsOrganiser,
  useBrowserEnv,
} from '../helpers/browser.ts';
import { anchorOn, firstItemId, meetingInPhase, syncedClient } from '../helpers/workflow.ts';
import { useCleanups } from '../helpers/cleanups.ts';

const env = useBrowserEnv();
const cleanup = useCleanups();

/**
 * Runs axe (WCAG 2.0/2.1 A and AA, nothing excluded) on the page, keeps a
 * screenshot of what was checked, and fails with every rule id and target.
 */
async function expectAccessible(page: Page, name: string) {
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `a11y-${name}.png`), fullPage: true });
  const violations = await axeViolations(page);
  expect.soft(describeViolations(violations), name).toEqual([]);
}

/** The meeting page once it is live: the items' editors drawn and the side panel filled. */
async function meetingReady(page: Page) {
  await page.locator('.item-body').first().waitFor();
  await page.locator('.workflow').waitFor();
  await expect.poll(() => page.locator('.save-status').getAttribute('data-state')).toBe('saved');
}

async function organiserPage(name = 'Anne Sekretær'): Promise<Page> {
  const page = await newUserPage(env.browser);
  await signInAsOrganiser(page, env.server.base, name);
  return page;
}

describe('WCAG 2.1 AA: axe finds no violations', () => {
  it('sign-in page', async () => {
    const page = await newUserPage(env.browser);
    await page.goto(`${env.server.base}/login`);
    await page.getByLabel('Dit navn').waitFor();
    await expectAccessible(page, 'sign-in');
  });

  it('start page of the secretariat, with meetings', async () => {
    await env.server.createMeeting('Driftsforum december', 'driftsforum');
    await env.server.createMeeting('Driftsforum januar', 'blank');
    const page = await organiserPage();
    await page.locator('table.meetings tbody tr').first().waitFor();
    await expectAccessible(page, 'start-page');
  });

  const phases: Phase[] = ['agenda', 'meeting', 'review', 'approved'];
  for (const phase of phases) {
    it(`meeting in phase ${phase}, as the secretariat and as a member`, async () => {
      const { id } = await meetingInPhase(env.server, phase);
      const organiser = await organiserPage();
      await organiser.goto(`${env.server.base}/m/${id}`);
      await meetingReady(organiser);
      await expectAccessible(organiser, `${phase}-organiser`);

      const member = await openInvite(env.browser, env.server, id, 'Kirsten Medlem', 'member');
      await meetingReady(member);
      await expectAccessible(member, `${phase}-member`);
    });
  }

  it('review as an approver, with the approve button', async () => {
    const { id } = await meetingInPhase(env.server, 'meeting');
    const chair = await openInvite(env.browser, env.server, id, 'Kirsten Formand', 'member', {
      approver: true,
    });
    expect((await env.server.api(`/meetings/${id}/phase`, { body: { to: 'review' } })).status).toBe(
      200,
    );
    await meetingReady(chair);
    await chair.getByRole('button', { name: 'Godkend referatet' }).waitFor();
    await expectAccessible(chair, 'review-approver');
  });

  it('changes since the draft, open', async () => {
    const { id } = await meetingInPhase(env.server, 'review');
    const page = await organiserPage();
    await page.goto(`${env.server.base}/m/${id}`);
    await meetingReady(page);
    await page.getByRole('button', { name: 'Ændringer siden udkastet' }).click();
    await page.locator('.changes').getByText('Ingen ændringer').waitFor();
    await expectAccessible(page, 'changes');
  });

  it('comments panel with a thread and the composer open', async () => {
    const { id, tokens } = await meetingInPhase(env.server, 'review');
    const client = await syncedClient(env.server, id, tokens.member, cleanup);
    const itemId = firstItemId(client.doc);
    const res = await env.server.api(`/meetings/${id}/comments`, {
      token: tokens.member,
      body: {
        itemId,
        anchor: anchorOn(client.doc, itemId, 'dagsordenen'),
        quote: 'dagsordenen',
        text: 'Skal @Test organiser med?',
      },
    });
    expect(res.status).toBe(201);
    const page = await openInvite(env.browser, env.server, id, 'Lars Medlem', 'member');
    await meetingReady(page);
    await page.locator('.comments .thread').waitFor();
    await page.locator('.comment-mark').first().dblclick();
    await page.getByRole('button', { name: /Kommentér markeret tekst/ }).click();
    await page.getByRole('textbox', { name: /Skriv en kommentar/ }).waitFor();
    await expectAccessible(page, 'comments');
  });

  it('English UI: start page and a meeting in progress', async () => {
    const { id } = await meetingInPhase(env.server, 'meeting');
    const page = await organiserPage('Anne Secretary');
    await page.getByRole('button', { name: 'Language: English' }).click();
    await page.getByRole('heading', { name: 'Meetings' }).waitFor();
    await expectAccessible(page, 'english-start-page');
    await page.goto(`${env.server.base}/m/${id}`);
    await meetingReady(page);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    const skipLinks = page.getByRole('navigation', { name: 'Shortcuts on this page' });
    expect(await skipLinks.getByRole('link').allInnerTexts()).toEqual([
      'Go to the agenda',
      'Go to approval',
      ...[1, 2, 3, 4].map((n) => `Go to item ${n}`),
    ]);
    expect(
      await page
        .locator('.item-body')
        .first()
        .locator('[role="group"]')
        .first()
        .getAttribute('aria-label'),
    ).toBe('Recommendation');
    await expectAccessible(page, 'english-meeting');
  });

  it('one banner, one main, the side panel labelled; no motion when the reader asks for none', async () => {
    const { id } = await meetingInPhase(env.server, 'meeting');
    const context = await env.browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'da-DK',
      reducedMotion: 'reduce',
    });
    const page = await context.newPage();
    await signInAsOrganiser(page, env.server.base, 'Anne Sekretær');
    await page.goto(`${env.server.base}/m/${id}`);
    await meetingReady(page);
    expect(await page.getByRole('banner').count()).toBe(1);
    expect(await page.getByRole('main').count()).toBe(1);
    expect(await page.getByRole('complementary', { name: 'Mødeværktøjer' }).count()).toBe(1);
    expect(await page.getByRole('banner').getByRole('heading', { level: 1 }).innerText()).toBe(
      'Driftsforum',
    );
    const chip = page.locator('.item-tools .chip').first();
    expect(await chip.evaluate((el) => getComputedStyle(el).transitionDuration)).toBe('0s');
    await context.close();
  });
});
