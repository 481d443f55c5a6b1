import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import {
  SCREENSHOT_DIR,
  editorText,
  newUserPage,
  openInvite,
  signInAsOrganiser,
  useBrowserEnv,
} from '../helpers/browser.ts';
import { meetingInPhase } from '../helpers/workflow.ts';

const env = useBrowserEnv();

/** The most Tab presses any main action may take from the top of the page. */
const MAX_TABS = 10;

/** What has the focus, for failure messages. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return '<body>';
    const name = el.getAttribute('aria-label') ?? (el as HTMLElement).innerText?.slice(0, 40);
    return `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}> ${name ?? ''}`.trim();
  });

/** Whether `target` has the focus (false, without waiting, when it is not on the page). */
const hasFocus = async (target: Locator) =>
  (await target.count()) > 0 && (await target.evaluate((el) => el === document.activeElement));
const focusWithin = (target: Locator) =>
  target.evaluate((el) => el.contains(document.activeElement));

/**
 * Presses `key` (Tab, or Shift+Tab to go back) until `target` has the focus,
 * at most `max` times; returns how many presses it took.
 */
async function pressUntil(page: Page, target: Locator, max: number, key = 'Tab') {
  for (let presses = 1; presses <= max; presses++) {
    await page.keyboard.press(key);
    if (await hasFocus(target)) return presses;
  }
  throw new Error(`${key} ×${max} did not reach the target; focus is on ${await focused(page)}`);
}

/** The meeting page once it is live: editors drawn, side panel filled, everything saved. */
async function meetingReady(page: Page) {
  await page.locator('.item-body').first().waitFor();
  await page.locator('.workflow').waitFor();
  await expect.poll(() => page.locator('.save-status').getAttribute('data-state')).toBe('saved');
}

const skipLink = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Genveje på siden' }).getByRole('link', { name });

/**
 * From the top of a freshly loaded page: Tab to the skip link, Enter, then
 * Tab to the action. Returns the Tab presses in all (the Enter not counted).
 */
async function tabsVia(page: Page, link: string, action: Locator): Promise<number> {
  await page.reload();
  await meetingReady(page);
  const toLink = await pressUntil(page, skipLink(page, link), MAX_TABS);
  await page.keyboard.press('Enter');
  // Every skip link moves the focus (an editor takes it in the next frame).
  await expect.poll(() => hasFocus(skipLink(page, link))).toBe(false);
  if (await hasFocus(action)) return toLink;
  return toLink + (await pressUntil(page, action, MAX_TABS - toLink));
}

/** The live region that announces phase changes, approvals and people coming and going. */
const announced = (page: Page) => page.locator('main .sr-only[aria-live="polite"]').innerText();

describe('keyboard', () => {
  it(`every main action is at most ${MAX_TABS} Tab presses from the top of the page`, async () => {
    const { id } = await meetingInPhase(env.server, 'agenda');
    const organiser = await newUserPage(env.browser);
    await signInAsOrganiser(organiser, env.server.base, 'Anne Sekretær');
    await organiser.goto(`${env.server.base}/m/${id}`);
    const counts: Record<string, number> = {};

    counts['+ Nyt punkt'] = await tabsVia(
      organiser,
      'Gå til dagsorden',
      organiser.getByRole('button', { name: '+ Nyt punkt' }),
    );
    counts['Start mødet'] = await tabsVia(
      organiser,
      'Gå til godkendelse',
      organiser.getByRole('button', { name: 'Start mødet' }),
    );
    const firstEditor = organiser.getByRole('textbox', { name: 'Punkt 1', exact: true });
    counts['first item, its text'] = await tabsVia(organiser, 'Gå til punkt 1', firstEditor);

    // Comment on a selection: select the title from the keyboard, then on to the button.
    await organiser.keyboard.press('Shift+End');
    const commentButton = organiser.getByRole('button', { name: /Kommentér markeret tekst/ });
    await commentButton.waitFor();
    counts['comment on a selection'] =
      counts['first item, its text'] +
      (await pressUntil(organiser, commentButton, MAX_TABS - counts['first item, its text']));

    // The approve button, for an approver in review.
    const chair = await openInvite(env.browser, env.server, id, 'Kirsten Formand', 'member', {
      approver: true,
    });
    await meetingReady(chair);
    for (const to of ['meeting', 'review']) {
      const res = await env.server.api(`/meetings/${id}/phase`, { body: { to } });
      expect(res.status).toBe(200);
    }
    await chair.getByRole('button', { name: 'Godkend referatet' }).waitFor();
    counts['Godkend referatet'] = await tabsVia(
      chair,
      'Gå til godkendelse',
      chair.getByRole('button', { name: 'Godkend referatet' }),
    );
    counts['the member comments on a selection'] = await tabsVia(
      chair,
      'Gå til punkt 1',
      chair.getByRole('textbox', { name: 'Punkt 1', exact: true }),
    );
    await chair.keyboard.press('Shift+End');
    const chairComment = chair.getByRole('button', { name: /Kommentér markeret tekst/ });
    await chairComment.waitFor();
    counts['the member comments on a selection'] += await pressUntil(
      chair,
      chairComment,
      MAX_TABS - counts['the member comments on a selection'],
    );

    console.log('Tab presses from the top of the page:', JSON.stringify(counts));
    for (const [action, tabs] of Object.entries(counts)) {
      expect(tabs, action).toBeLessThanOrEqual(MAX_TABS);
    }
  });

  it('keyboard only: create a meeting and an item, add sections, comment on selected text, approve', async () => {
    const anne = await newUserPage(env.browser, 1000);
    await signInAsOrganiser(anne, env.server.base, 'Anne Sekretær');

    // Start page: the new-meeting form, typed; Enter creates it.
    await pressUntil(anne, anne.getByRole('textbox', { name: 'Titel' }), 40);
    await anne.keyboard.type('Driftsforum februar');
    await anne.keyboard.press('Tab');
    await anne.keyboard.type('Driftsforum Voksenpsykiatri');
    await anne.keyboard.press('Enter');
    await anne.waitForURL(/\/m\/[a-z0-9-]+$/);
    const meetingId = anne.url().split('/m/')[1];
    await meetingReady(anne);
    // The new page starts at its first skip link, not on <body>.
    await expect.poll(() => hasFocus(skipLink(anne, 'Gå til dagsorden'))).toBe(true);
    expect(await anne.title()).toBe('Driftsforum februar – Referat');
    await anne.screenshot({ path: path.join(SCREENSHOT_DIR, 'keyboard-skip-links.png') });

    // The chair is invited (as the secretariat would, from the panel) to approve.
    const kirsten = await openInvite(
      env.browser,
      env.server,
      meetingId,
      'Kirsten Formand',
      'member',
      { approver: true, height: 1000 },
    );

    // "+ Nyt punkt": the new item's title has the focus, its placeholder beside the number.
    await anne.keyboard.press('Enter');
    await pressUntil(anne, anne.getByRole('button', { name: '+ Nyt punkt' }), 1);
    await anne.keyboard.press('Enter');
    const item = anne.getByTestId('agenda-item').nth(1);
    await expect.poll(() => focusWithin(item.locator('.item-body'))).toBe(true);
    await expect.poll(() => item.locator('.item-title.is-empty').count()).toBe(1);
    await item.screenshot({ path: path.join(SCREENSHOT_DIR, 'keyboard-new-item.png') });
    await anne.keyboard.type('Budget 2027');
    await anne.keyboard.press('Enter');
    await anne.keyboard.type('Budgettet blev gennemgået.');
    // A section by shortcut, another by the "/" menu.
    await anne.keyboard.press('Control+Alt+b');
    await anne.keyboard.type('Driftsforum godkendte budgettet.');
    await anne.keyboard.press('Enter');
    await anne.keyboard.type('/bilag');
    await expect.poll(() => anne.locator('.slash-entry > span').allInnerTexts()).toEqual(['Bilag']);
    await anne.keyboard.press('Enter');
    await anne.keyboard.type('Budgetoversigt');
    await expect
      .poll(() =>
        item
          .locator('[role="group"]')
          .evaluateAll((groups) => groups.map((g) => g.getAttribute('aria-label'))),
      )
      .toEqual(['Sagsfremstilling', 'Indstilling', 'Bilag', 'Beslutning']);

    // Back up to the skip links, "Gå til godkendelse", "Start mødet": the focus
    // lands on the panel's heading and the change is announced.
    await pressUntil(anne, skipLink(anne, 'Gå til godkendelse'), 80, 'Shift+Tab');
    await anne.keyboard.press('Enter');
    // The link may first open the side panel (a drawer on a phone), then focus its heading.
    const workflowHeading = anne.getByRole('heading', { name: 'Fase og godkendelse' });
    await expect.poll(() => hasFocus(workflowHeading)).toBe(true);
    await pressUntil(anne, anne.getByRole('button', { name: 'Start mødet' }), 1);
    await anne.keyboard.press('Enter');
    await expect.poll(() => anne.locator('.meeting-bar .phase').innerText()).toBe('Møde i gang');
    await expect.poll(() => hasFocus(workflowHeading)).toBe(true);
    await expect.poll(() => announced(anne)).toBe('Fasen er nu: Møde i gang');
    await pressUntil(anne, anne.getByRole('button', { name: 'Send udkast til kommentering' }), 1);
    await anne.keyboard.press('Enter');
    await expect
      .poll(() => anne.locator('.meeting-bar .phase').innerText())
      .toBe('Udkast til referat');
    await expect.poll(() => hasFocus(workflowHeading)).toBe(true);

    // Kirsten, a member: to item 2, select its title with the keyboard, comment.
    await meetingReady(kirsten);
    await expect.poll(() => announced(kirsten)).toBe('Fasen er nu: Udkast til referat');
    await pressUntil(kirsten, skipLink(kirsten, 'Gå til punkt 2'), MAX_TABS);
    await kirsten.keyboard.press('Enter');
    const kirstenItem = kirsten.getByTestId('agenda-item').nth(1);
    await expect.poll(() => focusWithin(kirstenItem.locator('.item-body'))).toBe(true);
    await kirsten.keyboard.press('Shift+End');
    const commentButton = kirsten.getByRole('button', { name: /Kommentér markeret tekst/ });
    await commentButton.waitFor();
    await pressUntil(kirsten, commentButton, 1);
    await kirsten.keyboard.press('Enter');
    const composer = kirsten.getByRole('textbox', { name: /Skriv en kommentar/ });
    await expect.poll(() => hasFocus(composer)).toBe(true);
    await kirsten.keyboard.type('Hvilket år gælder tallene?');
    await kirsten.keyboard.press('Control+Enter');
    await expect.poll(() => anne.locator('.comments .thread').innerText()).toContain('Budget 2027');
    expect(await anne.locator('.comments .thread').innerText()).toContain(
      'Hvilket år gælder tallene?',
    );
    // The composer closed: back in the text the comment is on, which she could not change.
    await expect.poll(() => focusWithin(kirstenItem.locator('.item-body'))).toBe(true);
    await kirsten.keyboard.type('xyz');
    await kirsten.keyboard.press('Enter');
    await kirsten.keyboard.press('Backspace');
    expect(await editorText(kirstenItem.locator('.item-body'))).not.toContain('xyz');
    expect(await editorText(kirstenItem.locator('.item-title'))).toBe('2.Budget 2027');
    expect(await kirsten.getByRole('alert').count()).toBe(0);
    await kirsten.screenshot({
      path: path.join(SCREENSHOT_DIR, 'keyboard-comment.png'),
      fullPage: true,
    });

    // Approve: back to the skip links, "Gå til godkendelse", the button; frozen.
    await pressUntil(kirsten, skipLink(kirsten, 'Gå til godkendelse'), 40, 'Shift+Tab');
    await kirsten.keyboard.press('Enter');
    const approve = kirsten.getByRole('button', { name: 'Godkend referatet' });
    await pressUntil(kirsten, approve, 3);
    await kirsten.keyboard.press('Enter');
    // The dialog asks first, the focus on the harmless "Annullér"; Escape would cancel.
    const dialog = kirsten.getByRole('dialog', { name: 'Godkend referatet?' });
    await dialog.waitFor();
    await expect.poll(() => hasFocus(dialog.getByRole('button', { name: 'Annullér' }))).toBe(true);
    await kirsten.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => hasFocus(approve)).toBe(true);
    await kirsten.keyboard.press('Enter');
    await pressUntil(kirsten, dialog.getByRole('button', { name: 'Ja, godkend' }), 2, 'Shift+Tab');
    await kirsten.keyboard.press('Enter');
    for (const page of [kirsten, anne]) {
      await expect.poll(() => page.locator('.meeting-bar .phase').innerText()).toBe('Godkendt');
    }
    await expect
      .poll(() => hasFocus(kirsten.getByRole('heading', { name: 'Fase og godkendelse' })))
      .toBe(true);
    await expect.poll(() => announced(anne)).toMatch(/Godkendt|Kirsten Formand/);
    await kirsten.screenshot({
      path: path.join(SCREENSHOT_DIR, 'keyboard-approved.png'),
      fullPage: true,
    });
  });
});
