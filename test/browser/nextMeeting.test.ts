import { describe, expect, it } from 'vitest';
import type { Invite } from '../../shared/access/workflow.ts';
import { newUserPage, signInAsOrganiser, useBrowserEnv } from '../helpers/browser.ts';

const env = useBrowserEnv();

describe('the secretariat starts the next meeting and imports', () => {
  it('"Næste møde" asks for the date, then opens the new meeting titled by forum and date', async () => {
    const { server } = env;
    const res = await server.api('/meetings', {
      body: {
        title: 'Driftsforum Syd',
        forum: 'Driftsforum Syd',
        date: '2026-12-02',
        template: 'driftsforum',
      },
    });
    const prev = ((await res.json()) as { meeting: { id: string } }).meeting.id;
    await server.invite(prev, 'Anne Holm', 'member', true);

    const page = await newUserPage(env.browser);
    await signInAsOrganiser(page, server.base, 'Sekretariatet');
    await page.goto(`${server.base}/m/${prev}`);
    // Annullér puts the focus back on the button that opened the form.
    const open = page.getByRole('button', { name: /^Næste møde/ });
    await open.click();
    await page.locator('.next-meeting').getByRole('button', { name: 'Annullér' }).press('Enter');
    await expect.poll(() => open.evaluate((el) => el === document.activeElement)).toBe(true);
    await open.click();
    // Nothing is made before the date is given.
    const create = page.getByRole('button', { name: 'Opret næste møde' });
    expect(await create.isDisabled()).toBe(true);
    await page.getByLabel('Dato for næste møde').fill('2027-03-03');
    await create.click();

    await page.waitForURL((url) => url.pathname.startsWith('/m/') && !url.pathname.endsWith(prev));
    await expect
      .poll(() => page.locator('.meeting-bar h1').innerText())
      .toBe('Driftsforum Syd – 3. marts 2027');
    const next = new URL(page.url()).pathname.split('/').pop()!;
    const invites = (
      (await (await server.api(`/meetings/${next}/invites`)).json()) as {
        invites: Invite[];
      }
    ).invites;
    expect(invites.map((i) => [i.name, i.approver])).toEqual([['Anne Holm', true]]);
  });

  it('after an import the list of meetings shows the new meeting, and the lines to check say where they went', async () => {
    const page = await newUserPage(env.browser);
    await signInAsOrganiser(page, env.server.base, 'Sekretariatet');
    await page.locator('details.import > summary').click();
    await page
      .getByLabel('Tekst')
      .fill('Referat\nForum Øst\nEn løs linje før punkterne\n1. Første punkt\nReferat:\nIntet.\n');
    await page.getByRole('button', { name: 'Importér', exact: true }).click();
    await expect
      .poll(() => page.locator('.import-result li').allInnerTexts())
      .toEqual([
        // Least sure first: the loose line, then the forum read from its place under the title.
        'Ikke genkendt – lagt i sagsfremstillingen under punkt 1: En løs linje før punkterne',
        'Tolket som forum i mødehovedet: Forum Øst',
      ]);
    // The list above shows it without reloading the page.
    await expect.poll(() => page.locator('table.meetings').innerText()).toContain('Forum Øst');
  });
});
