import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { CLIENT_DIST, launchBrowser, openInvite } from '../helpers/browser.ts';
import { useCleanups } from '../helpers/cleanups.ts';
import { startTempServer } from '../helpers/testServer.ts';

const cleanup = useCleanups();

/** Selects a word of the first item and sends a comment on it from the comments panel. */
async function comment(page: Page, text: string) {
  await page.locator('.item-body').first().getByText('dagsordenen', { exact: false }).dblclick();
  await page.getByRole('button', { name: /Kommentér markeret tekst/ }).click();
  await page.getByRole('textbox', { name: /Skriv en kommentar/ }).fill(text);
  await page.locator('.thread.draft').getByRole('button', { name: 'Send' }).click();
}

describe('comment limits in the UI', () => {
  it('too fast and meeting full are told in Danish, and the text stays in the box', async () => {
    // One comment per person, then a wait; 100 bytes of comment text per meeting.
    const { server } = await startTempServer(cleanup, {
      clientDir: CLIENT_DIST,
      commentBurst: 1,
      commentIntervalMs: 60_000,
      maxCommentBytes: 100,
    });
    const browser = await launchBrowser();
    cleanup(() => browser.close());
    const id = await server.createMeeting('Driftsforum', 'driftsforum');
    for (const to of ['meeting', 'review']) {
      expect((await server.api(`/meetings/${id}/phase`, { body: { to } })).status).toBe(200);
    }
    const kirsten = await openInvite(browser, server, id, 'Kirsten Madsen', 'member');
    const lars = await openInvite(browser, server, id, 'Lars Jensen', 'member');

    await comment(kirsten, 'Kort.');
    await expect.poll(() => lars.locator('.comments .thread').count()).toBe(1);

    // Lars's comment alone is 100 bytes: the meeting would pass its limit.
    await comment(lars, 'x'.repeat(100));
    await expect
      .poll(() => lars.locator('.comments [role="alert"]').innerText())
      .toContain('mødet kan ikke rumme flere kommentarer');
    expect(await lars.getByRole('textbox', { name: /Skriv en kommentar/ }).inputValue()).toBe(
      'x'.repeat(100),
    );

    // Kirsten's second comment comes too soon after her first.
    await comment(kirsten, 'Igen.');
    await expect
      .poll(() => kirsten.locator('.comments [role="alert"]').innerText())
      .toContain('mange kommentarer på kort tid');
    expect(await kirsten.getByRole('textbox', { name: /Skriv en kommentar/ }).inputValue()).toBe(
      'Igen.',
    );
    expect(await kirsten.locator('.comments .thread:not(.draft)').count()).toBe(1);
  });
});
