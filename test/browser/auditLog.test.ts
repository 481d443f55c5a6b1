import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { visibleItemIds } from '../../shared/minutes/layout.ts';
import {
  SCREENSHOT_DIR,
  newUserPage,
  signInAsOrganiser,
  useBrowserEnv,
} from '../helpers/browser.ts';
import { useCleanups } from '../helpers/cleanups.ts';
import { waitFor } from '../helpers/waitFor.ts';
import { getState, meetingInPhase, syncedClient, typeAfter } from '../helpers/workflow.ts';

const env = useBrowserEnv();
const cleanup = useCleanups();

describe('the audit log in the side panel', () => {
  it('reads as sentences with the right actor and time, details on demand, and stays inside its panel', async () => {
    const { server } = env;
    const { id, tokens, chairToken } = await meetingInPhase(server, 'review');
    const { contentHash } = await getState(server, id, chairToken);
    expect((await server.approve(id, chairToken, contentHash)).status).toBe(200);
    const writer = await syncedClient(server, id, tokens.minuteTaker, cleanup);
    typeAfter(writer.doc, visibleItemIds(writer.doc)[0], 'godkendes', ' uden ændringer');
    await waitFor(
      () => writer.channel.state?.approvals.some((a) => a.voidedAt) === true,
      'approval voided',
    );

    const page = await newUserPage(env.browser);
    await signInAsOrganiser(page, server.base, 'Sekretariatet');
    await page.goto(`${server.base}/m/${id}`);
    await page.locator('details.invites > summary').click();
    await page.locator('details.audit > summary').click();
    const entries = page.locator('.audit-entry');
    await expect.poll(() => entries.count()).toBeGreaterThan(6);

    const log = await page.locator('details.audit ol').innerText();
    expect(log).toContain('Sekretariatet sendte udkastet til kommentering og godkendelse');
    expect(log).toContain('Formand godkendte referatet (fingeraftryk');
    expect(log).not.toMatch(/approval-voided|refused-write|\{"/);
    const voided = page.locator('.audit-entry[data-kind="approval-voided"]');
    expect(await voided.getAttribute('data-actor')).toBe('Test minuteTaker');
    expect(await voided.locator('.audit-sentence').innerText()).toBe(
      'Formands godkendelse bortfaldt, fordi Test minuteTaker ændrede referatet bagefter.',
    );
    // The time, as the reader writes it, with seconds.
    expect(await voided.locator('time').innerText()).toMatch(
      /\d{1,2}\.\d{1,2}\.\d{4}.*\d{2}\.\d{2}\.\d{2}/,
    );

    // The raw record behind a toggle.
    const approve = page.locator('.audit-entry[data-kind="approve"]');
    await expect.poll(() => approve.locator('pre').isVisible()).toBe(false);
    await approve.locator('.audit-detail > summary').click();
    await expect
      .poll(() => approve.locator('pre').innerText())
      .toContain(`"hash": "${contentHash}"`);

    // Long lines wrap: nothing in the log is wider than its panel, nothing scrolls sideways.
    const overflowing = await page.locator('details.invites').evaluate((panel) => {
      const right = panel.getBoundingClientRect().right;
      return [...panel.querySelectorAll('.audit, .audit *')]
        .filter(
          (el) =>
            el.getClientRects().length > 0 &&
            (el.getBoundingClientRect().right > right + 1 || el.scrollWidth > el.clientWidth + 1),
        )
        .map((el) => `${el.tagName}.${el.className}`);
    });
    expect(overflowing).toEqual([]);
    await page
      .locator('details.invites')
      .screenshot({ path: path.join(SCREENSHOT_DIR, 'audit-log.png') });

    // In the English UI, in English.
    await page.getByRole('button', { name: 'Language: English' }).click();
    await expect
      .poll(() => voided.locator('.audit-sentence').innerText())
      .toBe('Formand’s approval lapsed because Test minuteTaker changed the minutes afterwards.');
  });

  it('says why when the log cannot be read, never "no entries"', async () => {
    const { server } = env;
    const id = await server.createMeeting('Driftsforum', 'driftsforum');
    const page = await newUserPage(env.browser);
    await signInAsOrganiser(page, server.base, 'Sekretariatet');
    // The server is busy (or the network drops) when the log is opened.
    await page.route('**/api/meetings/*/audit', (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify({ error: 'busy', code: 'busy' }),
      }),
    );
    await page.goto(`${server.base}/m/${id}`);
    await page.locator('details.invites > summary').click();
    await page.locator('details.audit > summary').click();
    const alert = page.locator('details.audit').getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toContain('Serveren har travlt');
    expect(await page.locator('details.audit').innerText()).not.toContain('Ingen hændelser');
  });
});
