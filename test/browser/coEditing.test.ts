import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SCREENSHOT_DIR, useBrowserEnv } from '../helpers/browser.ts';

const env = useBrowserEnv();

async function userPage(name: string | null, colour = '#b91c1c'): Promise<Page> {
  // A separate context per user: separate storage, separate IndexedDB, like two laptops.
  const context = await env.browser.newContext({
    viewport: { width: 1280, height: 800 },
    locale: 'da-DK',
  });
  if (name) {
    await context.addInitScript(
      ([n, c]) => localStorage.setItem('referat.identity', JSON.stringify({ name: n, color: c })),
      [name, colour],
    );
  }
  return context.newPage();
}

describe('two browsers co-editing', () => {
  it('creates a meeting, shows each other’s text, carets and presence, and reaches "Gemt"', async () => {
    const anne = await userPage(null);
    await anne.goto(env.server.base + '/');
    await expect.poll(() => anne.getByRole('heading', { name: 'Møder' }).count()).toBe(1);
    await anne.getByLabel('Titel').fill('Driftsforum Voksenpsykiatri – Klynge MIDT');
    await anne.getByRole('textbox', { name: 'Forum', exact: true }).fill('Driftsforum');
    await anne.getByLabel('Dato').fill('2020-12-09');
    await anne.getByRole('button', { name: 'Opret' }).click();
    await anne.waitForURL(/\/m\/[a-z0-9-]+$/);
    const meetingUrl = anne.url();

    // First visit to a meeting asks for the name.
    await anne.getByLabel('Dit navn').fill('Anne Jensen');
    await anne.getByRole('button', { name: 'Fortsæt' }).click();

    const bo = await userPage('Bo Nielsen', '#047857');
    await bo.goto(meetingUrl);

    const anneEditor = anne.locator('.item-body').first();
    const boEditor = bo.locator('.item-body').first();
    await anneEditor.click();
    await anne.keyboard.type('Punkt 1: Godkendelse af dagsorden');
    await anne.keyboard.press('Enter');
    await anne.keyboard.type('Dagsordenen blev godkendt.');
    await expect.poll(() => boEditor.innerText()).toContain('Dagsordenen blev godkendt.');

    await boEditor.click();
    await bo.keyboard.press('Control+End');
    await bo.keyboard.press('Enter');
    await bo.keyboard.type('Punkt 2: Gensidig orientering');
    await expect.poll(() => anneEditor.innerText()).toContain('Punkt 2: Gensidig orientering');

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

    await expect.poll(() => anne.getByRole('status').innerText(), { timeout: 10_000 }).toBe('Gemt');
    await expect.poll(() => bo.getByRole('status').innerText(), { timeout: 10_000 }).toBe('Gemt');
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
});
