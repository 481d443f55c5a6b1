import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { mkdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { CLIENT_DIST, SCREENSHOT_DIR, launchBrowser, openInvite } from '../helpers/browser.ts';
import { useCleanups } from '../helpers/cleanups.ts';
import { contentHash } from '../../server/resources/versions/contentHash.ts';
import { startTempServer } from '../helpers/testServer.ts';

const cleanup = useCleanups();

/** "Godkend referatet", then "Ja, godkend" in the dialog that shows what is approved. */
async function approveVia(
  page: Page,
  button = page.getByRole('button', { name: 'Godkend referatet' }),
) {
  await button.click();
  await page
    .getByRole('dialog', { name: 'Godkend referatet?' })
    .getByRole('button', { name: 'Ja, godkend' })
    .click();
}

const status = (page: Page, name: string) =>
  page.locator('.approvers li', { hasText: name }).locator('.status').innerText();

describe('review and approval in three browsers', () => {
  it('draft sent, comment, fix, approvals voided by an edit, freeze, read-only, hash verified after restart', async () => {
    const { server, dataDir, restart } = await startTempServer(cleanup, {
      clientDir: CLIENT_DIST,
    });
    const browser = await launchBrowser();
    cleanup(() => browser.close());
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    const id = await server.createMeeting(
      'Driftsforum Voksenpsykiatri – Klynge MIDT',
      'driftsforum',
    );
    expect((await server.api(`/meetings/${id}/phase`, { body: { to: 'meeting' } })).status).toBe(
      200,
    );
    const mette = await openInvite(browser, server, id, 'Mette Referent', 'minuteTaker');
    const kirsten = await openInvite(browser, server, id, 'Kirsten Formand', 'member', {
      approver: true,
    });
    const lars = await openInvite(browser, server, id, 'Lars Næstformand', 'member', {
      approver: true,
    });

    // During the meeting the minute-taker writes; the chairs follow, read-only.
    const metteItem = mette.locator('.item-body').first();
    await metteItem.locator('p').first().click();
    await mette.keyboard.press('End');
    await mette.keyboard.type(' Dagsordenen blev godkendt uden bemærkninger.');
    await expect
      .poll(() => kirsten.locator('.item-body').first().innerText())
      .toContain('uden bemærkninger');
    expect(await kirsten.locator('.item-body').first().getAttribute('contenteditable')).toBe(
      'false',
    );
    await expect.poll(() => mette.getByRole('status').first().innerText()).toBe('Gemt');

    // Draft sent out: every browser moves to review.
    await mette.getByRole('button', { name: 'Send udkast til kommentering' }).click();
    for (const page of [mette, kirsten, lars]) {
      await expect
        .poll(() => page.locator('.meeting-bar .phase').innerText())
        .toBe('Udkast til referat');
    }

    // Kirsten comments on a word of the draft.
    await kirsten
      .locator('.item-body')
      .first()
      .getByText('bemærkninger', { exact: false })
      .dblclick();
    await kirsten.getByRole('button', { name: /Kommentér markeret tekst/ }).click();
    await kirsten
      .getByRole('textbox', { name: /Skriv en kommentar/ })
      .fill('Skriv hvem der deltog.');
    await kirsten.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => mette.locator('.comments .thread').count()).toBe(1);
    await expect.poll(() => mette.locator('.comment-mark').count()).toBeGreaterThan(0);
    expect(await mette.locator('.comments .thread').innerText()).toContain(
      'Skriv hvem der deltog.',
    );

    // Mette fixes the text and resolves the thread; Kirsten sees it resolved live.
    await metteItem.locator('p').first().click();
    await mette.keyboard.press('End');
    await mette.keyboard.type(' Alle medlemmer deltog.');
    await mette.locator('.comments .thread').getByRole('button', { name: 'Løs' }).click();
    await expect.poll(() => kirsten.locator('.comments .thread').count()).toBe(0);

    // Kirsten approves what she sees, once her view has the saved text's fingerprint; Lars sees it.
    await expect.poll(() => mette.getByRole('status').first().innerText()).toBe('Gemt');
    // The hash of the live document, as the server checks an approval against
    // it (the state's hash is refreshed a little after each edit, so it may lag).
    const serverHash = () =>
      server.rooms.read(id, (room) => contentHash(room.doc, server.store.peek(id)!.workflow.bilag));
    const approveButton = kirsten.getByRole('button', { name: 'Godkend referatet' });
    await expect
      .poll(async () => (await approveButton.getAttribute('data-hash')) === (await serverHash()))
      .toBe(true);
    await approveVia(kirsten, approveButton);
    await expect.poll(() => status(lars, 'Kirsten Formand')).toMatch(/^Godkendt/);

    // An edit between approvals voids Kirsten's approval, visibly, for everyone.
    await metteItem.locator('p').first().click();
    await mette.keyboard.press('End');
    await mette.keyboard.type(' Referatet blev rettet.');
    for (const page of [mette, kirsten, lars]) {
      await expect.poll(() => status(page, 'Kirsten Formand')).toMatch(/Annulleret/);
    }
    await kirsten.screenshot({ path: path.join(SCREENSHOT_DIR, 'approval-voided-kirsten.png') });

    // The changes since the draft are readable.
    await mette.getByRole('button', { name: 'Ændringer siden udkastet' }).click();
    await expect
      .poll(() => mette.locator('.changes ins').allInnerTexts())
      .toContainEqual(expect.stringContaining('Alle medlemmer deltog'));
    expect(await mette.locator('.changes').innerText()).toContain('Mette Referent');
    await mette.screenshot({ path: path.join(SCREENSHOT_DIR, 'approval-changes-mette.png') });

    // Both approve the final text: frozen, read-only for everyone.
    await expect.poll(() => mette.getByRole('status').first().innerText()).toBe('Gemt');
    for (const page of [kirsten, lars]) {
      const button = page.getByRole('button', { name: 'Godkend referatet' });
      await expect
        .poll(async () => (await button.getAttribute('data-hash')) === (await serverHash()))
        .toBe(true);
    }
    await approveVia(kirsten, approveButton);
    await expect.poll(() => status(lars, 'Kirsten Formand')).toMatch(/^Godkendt/);
    await approveVia(lars);
    for (const page of [mette, kirsten, lars]) {
      await expect.poll(() => page.locator('.frozen').count()).toBe(1);
      await expect.poll(() => page.locator('.meeting-bar .phase').innerText()).toBe('Godkendt');
      expect(await page.locator('.item-body').first().getAttribute('contenteditable')).toBe(
        'false',
      );
    }
    expect(await mette.getByRole('button', { name: '+ Nyt punkt' }).count()).toBe(0);
    await mette.screenshot({ path: path.join(SCREENSHOT_DIR, 'approval-frozen-mette.png') });
    const { state } = (await (await server.api(`/meetings/${id}`)).json()) as {
      state: { meta: { frozen: { versionId: string; hash: string } } };
    };
    const frozen = state.meta.frozen;

    // The approved minutes download as PDF from the UI, with the approval stamp.
    const [download] = await Promise.all([
      lars.waitForEvent('download'),
      lars.locator('.export-row').first().getByRole('button', { name: 'PDF' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^referat-.*\.pdf$/);
    const pdfFile = path.join(dataDir, 'download.pdf');
    await download.saveAs(pdfFile);
    const { stdout } = await promisify(execFile)('pdftotext', ['-enc', 'UTF-8', pdfFile, '-']);
    const pdf = stdout.replace(/\s+/g, ' ');
    expect(pdf).toContain('Referatet blev rettet.');
    expect(pdf).toMatch(/Godkendt .* af Kirsten Formand .*Lars Næstformand/);
    expect(pdf.replace(/ /g, '')).toContain(frozen.hash);

    // Restart on the same data: the frozen file verifies, and the page still shows it locked.
    const again = await restart();
    const check = (await (
      await again.api(`/meetings/${id}/versions/${frozen.versionId}`)
    ).json()) as {
      verified: boolean;
      version: { hash: string; document: unknown };
    };
    expect(check.verified).toBe(true);
    expect(check.version.hash).toBe(frozen.hash);
    expect(JSON.stringify(check.version.document)).toContain('Referatet blev rettet.');
    const reader = await openInvite(browser, again, id, 'Ole Observatør', 'observer');
    await expect.poll(() => reader.locator('.frozen').count()).toBe(1);
    expect(await reader.locator('.frozen').innerText()).toContain(frozen.hash.slice(0, 12));
    await reader.screenshot({ path: path.join(SCREENSHOT_DIR, 'approval-after-restart.png') });
  });
});
