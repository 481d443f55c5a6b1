import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURE_MEETINGS, fixtureText } from '../fixtures/referater.ts';
import {
  SCREENSHOT_DIR,
  newUserPage,
  openInvite,
  signInAsOrganiser,
  editorText,
  useBrowserEnv,
} from '../helpers/browser.ts';

const env = useBrowserEnv();

describe('two browsers co-editing', () => {
  it('creates a meeting, shows each other’s text, carets and presence, and reaches "Gemt"', async () => {
    const anne = await newUserPage(env.browser, 800);
    await signInAsOrganiser(anne, env.server.base, 'Anne Jensen');
    await anne.getByLabel('Titel').fill('Driftsforum Voksenpsykiatri – Klynge MIDT');
    await anne.getByRole('textbox', { name: 'Forum', exact: true }).fill('Driftsforum');
    await anne.getByLabel('Dato').fill('2020-12-09');
    await anne.getByRole('button', { name: 'Opret' }).click();
    await anne.waitForURL(/\/m\/[a-z0-9-]+$/);
    const meetingId = anne.url().split('/m/')[1];

    // Bo comes in through his invite link, as minute-taker.
    const bo = await openInvite(env.browser, env.server, meetingId, 'Bo Nielsen', 'minuteTaker', {
      height: 800,
    });

    const anneEditor = anne.locator('.item-body').first();
    const boEditor = bo.locator('.item-body').first();
    await anneEditor.click();
    await anne.keyboard.type('Punkt 1: Godkendelse af dagsorden');
    await anne.keyboard.press('Enter');
    await anne.keyboard.type('Dagsordenen blev godkendt.');
    await expect.poll(() => editorText(boEditor)).toContain('Dagsordenen blev godkendt.');

    await boEditor.click();
    await bo.keyboard.press('Control+End');
    await bo.keyboard.press('Enter');
    await bo.keyboard.type('Punkt 2: Gensidig orientering');
    await expect.poll(() => editorText(anneEditor)).toContain('Punkt 2: Gensidig orientering');

    // Each sees the other's caret with the other's name, and both in the presence list.
    await expect
      .poll(() => bo.locator('.collaboration-carets__label').allInnerTexts())
      .toContain('Anne Jensen');
    await expect
      .poll(() => anne.locator('.collaboration-carets__label').allInnerTexts())
      .toContain('Bo Nielsen');
    await expect
      .poll(async () => (await anne.getByTestId('present-user').allInnerTexts()).join('|'))
      .toMatch(/Anne Jensen[\s\S]*\|[\s\S]*Bo Nielsen/);

    await expect
      .poll(() => anne.locator('.save-status').innerText(), { timeout: 10_000 })
      .toBe('Gemt');
    await expect
      .poll(() => bo.locator('.save-status').innerText(), { timeout: 10_000 })
      .toBe('Gemt');
    await anne.screenshot({ path: path.join(SCREENSHOT_DIR, 'co-editing-anne.png') });
    await bo.screenshot({ path: path.join(SCREENSHOT_DIR, 'co-editing-bo.png') });

    // The meeting list shows the meeting.
    await anne.getByRole('link', { name: '← Alle møder' }).click();
    await expect
      .poll(() => anne.getByRole('link', { name: /Driftsforum Voksenpsykiatri/ }).count())
      .toBe(1);
    await anne.screenshot({ path: path.join(SCREENSHOT_DIR, 'meeting-list.png') });
    // Search by forum or title.
    const rows = () => anne.locator('table.meetings tbody tr').count();
    await anne.getByPlaceholder('Søg i forum eller titel').fill('klynge midt');
    await expect.poll(rows).toBe(1);
    await anne.getByPlaceholder('Søg i forum eller titel').fill('Klynge NORD');
    await expect.poll(rows).toBe(0);
    await anne.getByPlaceholder('Søg i forum eller titel').fill('');

    // English is one click away, and remembered.
    await anne.getByRole('button', { name: 'Language: English' }).click();
    await expect.poll(() => anne.getByRole('heading', { name: 'Meetings' }).count()).toBe(1);
    await anne.reload();
    await expect.poll(() => anne.getByRole('button', { name: 'New meeting' }).count()).toBe(0);
    await expect.poll(() => anne.getByRole('heading', { name: 'New meeting' }).count()).toBe(1);
  });

  it('imports pasted minutes and a Word file from the start page, and downloads exports', async () => {
    const page = await newUserPage(env.browser, 900);
    await signInAsOrganiser(page, env.server.base, 'Sekretariatet');
    await page.getByText('Importér dagsorden eller referat').click();
    await page
      .getByLabel('Tekst', { exact: true })
      .fill(fixtureText('driftsforum-midt-psykiatriens-hus.txt'));
    await page.getByRole('button', { name: 'Importér', exact: true }).click();
    // The lines to check are listed first; the new meeting is a link away.
    await page.locator('.import-result').getByRole('link').click();
    await page.waitForURL(/\/m\/[a-z0-9-]+$/);
    await expect
      .poll(() => page.locator('.item-title').allInnerTexts())
      .toEqual(
        FIXTURE_MEETINGS['driftsforum-midt-psykiatriens-hus.txt'].items.map(
          (i, n) => `${n + 1}.${i.title}`,
        ),
      );
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'imported.png') });

    // The same meeting as Word, downloaded from the meeting page and imported again.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('.export-row').first().getByRole('button', { name: 'Word' }).click(),
    ]);
    const file = path.join(SCREENSHOT_DIR, download.suggestedFilename());
    await download.saveAs(file);
    await page.getByRole('link', { name: '← Alle møder' }).click();
    await page.getByText('Importér dagsorden eller referat').click();
    await page.getByLabel('eller Word-fil (.docx)').setInputFiles(file);
    await page.getByRole('button', { name: 'Importér', exact: true }).click();
    // Straight to the meeting when nothing is left to check, else through the result's link.
    const opened = page.locator('.import-result').getByRole('link');
    await expect
      .poll(async () => /\/m\/[a-z0-9-]+$/.test(page.url()) || (await opened.count()) > 0)
      .toBe(true);
    if (!/\/m\/[a-z0-9-]+$/.test(page.url())) await opened.click();
    await page.waitForURL(/\/m\/[a-z0-9-]+$/);
    await expect.poll(() => page.locator('.item-title').count()).toBe(6);
  });
});
