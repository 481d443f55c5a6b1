import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  SCREENSHOT_DIR,
  newUserPage,
  openInvite,
  signInAsOrganiser,
  useBrowserEnv,
} from '../helpers/browser.ts';

const env = useBrowserEnv();

/** "n. Title" of every item, as drawn (number from the editor, title from the document). */
function agenda(page: Page): Promise<string[]> {
  return page
    .locator('.item-title')
    .evaluateAll((titles) => titles.map((t) => (t.textContent ?? '').replace(/^(\d+\.)/, '$1 ')));
}

describe('structured minutes in the browser', () => {
  it('template, item with indstilling and beslutning via slash menu and shortcuts, move; the other browser follows', async () => {
    const anne = await newUserPage(env.browser, 1000);
    await signInAsOrganiser(anne, env.server.base, 'Anne Jensen');
    await anne.getByLabel('Titel').fill('Driftsforum Voksenpsykiatri – Klynge MIDT');
    await anne
      .getByRole('textbox', { name: 'Forum', exact: true })
      .fill('Driftsforum Voksenpsykiatri – Klynge MIDT');
    await anne.getByLabel('Dato').fill('2026-12-02');
    expect(await anne.getByLabel('Skabelon').inputValue()).toBe('driftsforum');
    await anne.getByRole('button', { name: 'Opret' }).click();
    await anne.waitForURL(/\/m\/[a-z0-9-]+$/);

    const meetingId = anne.url().split('/m/')[1];
    const bo = await openInvite(env.browser, env.server, meetingId, 'Bo Nielsen', 'minuteTaker', {
      height: 1000,
    });
    const standing = [
      '1. Godkendelse af dagsorden',
      '2. Gensidig orientering om temaer med relevans for Driftsforum',
      '3. Punkter til næste møde',
      '4. Eventuelt',
    ];
    await expect.poll(() => agenda(bo)).toEqual(standing);

    // A new item goes before the closing standing items, title focused.
    await anne.getByRole('button', { name: '+ Nyt punkt' }).click();
    await anne.keyboard.type('Orientering om Psykiatriens Hus');
    await anne.keyboard.press('Enter'); // on to the sagsfremstilling
    await anne.keyboard.type('Psykiatriens Hus blev vedtaget i 2020.');
    // Slash menu: "/indst" + Enter jumps into the item's indstilling.
    await anne.keyboard.press('Enter');
    await anne.keyboard.type('/indst');
    await expect
      .poll(() => anne.locator('.slash-entry > span').allInnerTexts())
      .toEqual(['Indstilling']);
    await anne.keyboard.press('Enter');
    await anne.keyboard.type('1. Tager orienteringen til efterretning.');
    await anne.keyboard.press('Enter');
    await anne.keyboard.type('Drøfter samarbejdet.');
    // Shortcut: Ctrl+Alt+B makes the beslutning.
    await anne.keyboard.press('Control+Alt+b');
    await anne.keyboard.type('1. Driftsforum tog orienteringen til efterretning.');
    // Slash menu for a bilag, then a standard phrase by click.
    await anne.keyboard.press('Enter');
    await anne.keyboard.press('Enter');
    await anne.keyboard.type('/bilag');
    await anne.keyboard.press('Enter');
    await anne.keyboard.type('Oplæg fra Psykiatriens Hus');

    const newItem = bo.getByTestId('agenda-item').nth(1);
    await expect
      .poll(() => agenda(bo))
      .toEqual([
        standing[0],
        '2. Orientering om Psykiatriens Hus',
        ...standing.slice(1).map((t, i) => t.replace(/^\d+/, String(i + 3))),
      ]);
    // The sections arrive with their labels drawn by the editor, in referat order.
    await expect
      .poll(() =>
        newItem.locator('.section').evaluateAll((sections) =>
          sections.map((s) => {
            const text = s.cloneNode(true) as Element;
            text.querySelectorAll('.collaboration-carets__caret').forEach((c) => c.remove());
            return [getComputedStyle(s, '::before').content.replace(/"/g, ''), text.textContent];
          }),
        ),
      )
      .toEqual([
        ['Sagsfremstilling', 'Psykiatriens Hus blev vedtaget i 2020.'],
        ['Indstilling', 'Tager orienteringen til efterretning.Drøfter samarbejdet.'],
        ['Bilag', 'Oplæg fra Psykiatriens Hus'],
        ['Beslutning', 'svarer på indstilling 1Driftsforum tog orienteringen til efterretning.'],
      ]);
    expect(await newItem.locator('.section-indstilling ol li').count()).toBe(2);
    expect(await newItem.locator('.section-beslutning .answers').getAttribute('title')).toBe(
      'Tager orienteringen til efterretning.',
    );

    // "Dagsordenssættes igen" by click: phrase in the beslutning and the item flagged.
    const anneItem = anne.getByTestId('agenda-item').nth(1);
    await anneItem.getByRole('button', { name: 'Dagsordenssættes igen' }).click();
    await expect
      .poll(() => newItem.getByRole('checkbox', { name: 'Dagsordenssættes igen' }).isChecked())
      .toBe(true);
    await expect
      .poll(() => newItem.locator('.section-beslutning').innerText())
      .toContain('Punktet dagsordenssættes igen.');

    // Move down by shortcut, then up by button, then to the top by drag: Bo's numbers follow.
    await anneItem.locator('.item-body').click();
    await anne.keyboard.press('Control+Alt+ArrowDown');
    await expect.poll(async () => (await agenda(bo))[2]).toBe('3. Orientering om Psykiatriens Hus');
    await anne.getByTestId('agenda-item').nth(2).getByRole('button', { name: 'Flyt op' }).click();
    await expect.poll(async () => (await agenda(bo))[1]).toBe('2. Orientering om Psykiatriens Hus');
    // Both items in view first: a scroll in the middle of the drag cancels it.
    await anne.getByTestId('agenda-item').nth(0).scrollIntoViewIfNeeded();
    await anne
      .getByTestId('agenda-item')
      .nth(1)
      .locator('.drag-handle')
      .dragTo(anne.getByTestId('agenda-item').nth(0));
    await expect.poll(async () => (await agenda(bo))[0]).toBe('1. Orientering om Psykiatriens Hus');
    expect((await agenda(bo)).slice(1)).toEqual([
      '2. Godkendelse af dagsorden',
      '3. Gensidig orientering om temaer med relevans for Driftsforum',
      '4. Punkter til næste møde',
      '5. Eventuelt',
    ]);

    // Participants, grouped by organisation, with afbud.
    await bo.getByPlaceholder('Navn').last().fill('Maj Skårhøj');
    await bo.getByPlaceholder('Organisation').fill('Psykiatrien');
    await bo.getByRole('button', { name: 'Tilføj deltager' }).click();
    await bo.getByPlaceholder('Navn').last().fill('Anne Louise Dall');
    await bo.getByPlaceholder('Organisation').fill('Aalborg Kommune');
    await bo.getByLabel('Status').last().selectOption('absent');
    await bo.getByRole('button', { name: 'Tilføj deltager' }).click();
    await expect
      .poll(() => anne.locator('.org-group h3').allInnerTexts())
      .toEqual(['Psykiatrien', 'Aalborg Kommune']);
    await expect
      .poll(() => anne.locator('.participants .count').innerText())
      .toBe('1 til stede · 1 afbud');

    await expect
      .poll(() => anne.locator('.save-status').innerText(), { timeout: 10_000 })
      .toBe('Gemt');
    await expect
      .poll(() => bo.locator('.save-status').innerText(), { timeout: 10_000 })
      .toBe('Gemt');
    await anne.screenshot({
      path: path.join(SCREENSHOT_DIR, 'structured-anne.png'),
      fullPage: true,
    });
    await bo.screenshot({ path: path.join(SCREENSHOT_DIR, 'structured-bo.png'), fullPage: true });
  });
});
