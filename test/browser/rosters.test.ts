import { describe, expect, it } from 'vitest';
import type { Invite } from '../../shared/access/workflow.ts';
import type { Participant } from '../../shared/minutes/fields.ts';
import { readParticipants } from '../../shared/minutes/layout.ts';
import { axeViolations, describeViolations } from '../helpers/axe.ts';
import {
  newUserPage,
  noSidewaysScroll,
  signInAsOrganiser,
  useBrowserEnv,
} from '../helpers/browser.ts';

const env = useBrowserEnv();

const participantsOf = (id: string): Promise<Participant[]> =>
  env.server.rooms.read(id, (room) => readParticipants(room.doc));

describe('forum rosters in the browser', () => {
  it('the secretariat builds a roster of three, creates a meeting from it, a member sends regrets', async () => {
    const { server } = env;
    const page = await newUserPage(env.browser);
    await signInAsOrganiser(page, server.base, 'Sekretariatet');

    // From the start page to the rosters, and a new one for the forum.
    await page.getByRole('link', { name: 'Medlemslister' }).click();
    await page.getByRole('heading', { name: 'Medlemslister' }).waitFor();
    await page.getByLabel('Forum').fill('Driftsforum Vest');
    await page.getByRole('button', { name: 'Opret medlemsliste' }).click();
    await page.getByRole('heading', { name: 'Medlemsliste for Driftsforum Vest' }).waitFor();

    // Two members with the mouse…
    const form = page.locator('form.member-form');
    const add = async (fields: Record<string, string>, approver = false, role?: string) => {
      for (const [label, value] of Object.entries(fields)) {
        await form.getByLabel(label, { exact: true }).fill(value);
      }
      if (role) await form.getByLabel('Rolle i Referat').selectOption({ label: role });
      if (approver) await form.getByLabel('Godkender referatet').check();
      await form.getByRole('button', { name: 'Tilføj medlem' }).click();
      await expect
        .poll(() => page.getByRole('status').first().innerText())
        .toBe(`${fields.Navn} er tilføjet.`);
    };
    await add(
      {
        Navn: 'Anne Holm',
        'E-mail': 'Anne.Holm@region.dk',
        Organisation: 'Region Vest',
        Stilling: 'Klinikchef',
        'Rolle i forummet': 'formand',
      },
      true,
    );
    await add(
      {
        Navn: 'Σοφία Παπαδοπούλου',
        'E-mail': 'sofia@region.dk',
        Organisation: 'Region Vest',
        'Rolle i forummet': 'sekretær',
      },
      false,
      'Referent',
    );
    // …and one with the keyboard only: type, Tab to the next field, Enter submits.
    await form.getByLabel('Navn', { exact: true }).focus();
    await page.keyboard.type('Łukasz Nowak');
    await page.keyboard.press('Tab');
    await page.keyboard.type('lukasz@kommune.dk');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Holstebro Kommune');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByRole('status').first().innerText())
      .toBe('Łukasz Nowak er tilføjet.');

    const table = page.getByRole('table', { name: 'Medlemmer af Driftsforum Vest' });
    await expect.poll(() => table.locator('tbody tr').count()).toBe(3);
    expect(await table.getByRole('columnheader').allInnerTexts()).toEqual(
      expect.arrayContaining(['NAVN', 'E-MAIL', 'ORGANISATION']),
    );
    expect(await table.locator('tbody').innerText()).toContain('anne.holm@region.dk');
    // The roster's changes, in sentences.
    await expect.poll(() => page.locator('.roster-audit li').count()).toBe(4);
    const violations = await axeViolations(page);
    expect(describeViolations(violations)).toEqual([]);
    // On a phone: nothing sticks out of the page (the table scrolls in its own region).
    await page.setViewportSize({ width: 390, height: 844 });
    await noSidewaysScroll(page, 'roster page at 390 px');
    expect(describeViolations(await axeViolations(page))).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 900 });

    // A meeting of the forum (spelled differently) takes its people from the roster.
    await page.getByRole('link', { name: '← Alle medlemslister' }).click();
    await page.getByRole('link', { name: '← Alle møder' }).click();
    await page.getByRole('heading', { name: 'Møder' }).waitFor();
    const newMeeting = page.locator('form.new-meeting');
    await newMeeting.getByLabel('Titel', { exact: true }).fill('Driftsforum Vest – marts');
    await newMeeting.getByLabel('Forum', { exact: true }).fill('driftsforum  vest');
    await newMeeting.getByLabel('Dato', { exact: true }).fill('2099-03-04');
    await newMeeting.getByRole('button', { name: 'Opret' }).click();
    await page.waitForURL((url) => url.pathname.startsWith('/m/'));
    const meetingId = new URL(page.url()).pathname.split('/').pop()!;
    const participants = page.locator('section.participants [data-testid="participant"]');
    await expect.poll(() => participants.count()).toBe(3);
    const names = await participants
      .locator('input.p-name')
      .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
    // Grouped by organisation: Region Vest first, then the municipality.
    expect(names).toEqual(['Anne Holm', 'Σοφία Παπαδοπούλου', 'Łukasz Nowak']);
    const invites = (
      (await (await server.api(`/meetings/${meetingId}/invites`)).json()) as { invites: Invite[] }
    ).invites;
    expect(invites.map((i) => [i.name, i.email, i.role, i.approver])).toEqual([
      ['Anne Holm', 'anne.holm@region.dk', 'member', true],
      ['Σοφία Παπαδοπούλου', 'sofia@region.dk', 'minuteTaker', false],
      ['Łukasz Nowak', 'lukasz@kommune.dk', 'member', false],
    ]);

    // Łukasz opens his invitation and sends regrets himself.
    const lukasz = invites[2];
    const { link } = (await (
      await server.api(`/meetings/${meetingId}/invites/${lukasz.id}/link`, { method: 'POST' })
    ).json()) as { link: string };
    const member = await newUserPage(env.browser);
    await member.goto(server.base + link);
    await member.getByRole('button', { name: 'Meld afbud' }).click();
    await member.getByRole('button', { name: 'Fortryd afbud' }).waitFor();
    await member.getByRole('status').filter({ hasText: 'Dit afbud er registreret.' }).waitFor();
    // He has no such button for anyone else, and cannot edit the list.
    expect(await member.getByRole('button', { name: 'Meld afbud' }).count()).toBe(0);
    expect(await member.locator('section.participants select').count()).toBe(0);

    // The secretariat sees it at once, in its open page.
    const row = participants.filter({ has: page.locator('input[value="Łukasz Nowak"]') });
    await expect
      .poll(() => row.getByRole('combobox', { name: 'Status' }).inputValue())
      .toBe('absent');
    expect((await participantsOf(meetingId)).map((p) => p.status)).toEqual([
      'present',
      'present',
      'absent',
    ]);
    await member.context().close();
    await page.context().close();
  });
});
