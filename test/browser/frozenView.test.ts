import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { insertItem, writeMeetingContent } from '../../shared/minutes/operations.ts';
import { SCREENSHOT_DIR, newUserPage, openInvite, useBrowserEnv } from '../helpers/browser.ts';
import { useCleanups } from '../helpers/cleanups.ts';
import { waitFor } from '../helpers/waitFor.ts';
import { getState, syncedClient } from '../helpers/workflow.ts';

const env = useBrowserEnv();
const cleanup = useCleanups();

/** What a reader sees: visible elements only. */
const visibleCount = (page: Page, selector: string) =>
  page
    .locator(selector)
    .evaluateAll(
      (els) =>
        els.filter(
          (el) => (el as HTMLElement).offsetParent !== null || el.getClientRects().length > 0,
        ).length,
    );

describe('the approved minutes, read-only', () => {
  it('show what was written, without placeholders or empty sections', async () => {
    const { server } = env;
    // A Driftsforum agenda as a secretariat leaves it: some fields filled, some not.
    const id = await server.createMeeting('Driftsforum', 'driftsforum');
    const writer = await syncedClient(server, id, server.organiserToken, cleanup);
    writeMeetingContent(writer.doc, {
      header: {
        forum: 'Driftsforum Nord',
        date: '2026-03-03',
        startTime: '09:00',
        chair: 'Maj Skårhøj',
      },
      participants: [
        {
          name: 'Anne Holm',
          title: '',
          role: '',
          organisation: 'Aalborg Kommune',
          status: 'present',
        },
        // A row someone started and never named: not a participant of the minutes.
        {
          name: ' ',
          title: 'Konsulent',
          role: '',
          organisation: 'Aalborg Kommune',
          status: 'present',
        },
        {
          name: 'Bo Nielsen',
          title: 'Klinikchef',
          role: '',
          organisation: 'Psykiatrien',
          status: 'absent',
        },
      ],
      items: [],
    });
    insertItem(
      writer.doc,
      {
        title: 'Orientering om budgettet',
        presenter: 'Maj Skårhøj',
        sections: [
          { type: 'sagsfremstilling', blocks: [{ paragraph: 'Budgettet er lagt.' }] },
          { type: 'uddybning', blocks: [] },
        ],
      },
      1,
    );
    await waitFor(() => writer.tracker.state === 'saved', 'content saved');

    // Sent out and approved by the chair: frozen.
    const chair = await server.invite(id, 'Maj Skårhøj', 'member', true);
    for (const to of ['meeting', 'review']) {
      expect((await server.api(`/meetings/${id}/phase`, { body: { to } })).status).toBe(200);
    }
    const { contentHash } = await getState(server, id, chair.token);
    const approved = await server.approve(id, chair.token, contentHash);
    expect(approved.status).toBe(200);
    expect((await getState(server, id)).meta.phase).toBe('approved');

    const { link } = await server.invite(id, 'Ole Observatør', 'observer', false, { claim: false });
    const page = await newUserPage(env.browser);
    await page.goto(server.base + link);
    await page.locator('.item-body').nth(4).waitFor();
    await expect
      .poll(() => page.locator('.item-body').first().innerText())
      .toContain('Godkendelse af dagsorden');

    // Nothing to type into, and no placeholder text anywhere in the document.
    expect(await visibleCount(page, '.sheet input, .sheet select, .sheet textarea')).toBe(0);
    expect(await visibleCount(page, '.sheet [placeholder], .sheet [data-placeholder]')).toBe(0);
    const sheet = await page.locator('.sheet').innerText();
    for (const placeholder of ['oplægsholder', 'Stilling', 'Rolle', 'Punktets titel', 'Mødested']) {
      expect(sheet, placeholder).not.toContain(placeholder);
    }
    expect(sheet).not.toMatch(/^\s*[–-]\s*$/m);

    // What was filled in is there, as text.
    expect(sheet).toContain('Driftsforum Nord');
    expect(sheet).toContain('Maj Skårhøj');
    expect(sheet).toContain('v. Maj Skårhøj');
    expect(sheet).toMatch(/Anne Holm\s*\n/);
    expect(sheet).toContain('Bo Nielsen – Klinikchef – afbud');
    expect(sheet).not.toContain('Konsulent');
    expect(sheet).toContain('1 til stede · 1 afbud');

    // Sections with text are shown; sections nobody wrote in are left out.
    const sections = await page.locator('.item-body .section').evaluateAll((els) =>
      els.map((el) => ({
        type: el.getAttribute('data-section'),
        text: (el as HTMLElement).innerText.trim(),
        shown: el.getClientRects().length > 0,
      })),
    );
    expect(sections.filter((s) => s.shown && s.text === '')).toEqual([]);
    expect(sections.filter((s) => s.shown).map((s) => [s.type, s.text])).toEqual([
      ['indstilling', 'Det indstilles, at dagsordenen godkendes.'],
      ['sagsfremstilling', 'Budgettet er lagt.'],
    ]);
    // The empty ones are still in the document, only not shown.
    expect(sections.filter((s) => !s.shown).map((s) => s.type)).toEqual([
      'beslutning',
      'uddybning',
      'referat',
      'referat',
      'referat',
    ]);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'frozen-view.png'), fullPage: true });
  });

  it('the moment the minutes are approved, an open page leaves out the empty sections', async () => {
    const { server } = env;
    const id = await server.createMeeting('Driftsforum', 'driftsforum');
    const chair = await server.invite(id, 'Maj Skårhøj', 'member', true);
    const page = await openInvite(env.browser, server, id, 'Rita Referent', 'minuteTaker');
    for (const to of ['meeting', 'review']) {
      expect((await server.api(`/meetings/${id}/phase`, { body: { to } })).status).toBe(200);
    }
    const shownSections = () =>
      page
        .locator('.item-body .section')
        .evaluateAll((els) => els.filter((el) => el.getClientRects().length > 0).length);
    // While she may write, every section is a place to type.
    await expect.poll(shownSections).toBe(5);
    await expect.poll(() => visibleCount(page, '.presenter input')).toBe(4);

    const { contentHash } = await getState(server, id, chair.token);
    const res = await server.approve(id, chair.token, contentHash);
    expect(res.status).toBe(200);
    // Frozen: only the indstilling with its text is left; no fields to fill in.
    await expect.poll(shownSections).toBe(1);
    expect(await visibleCount(page, '.sheet input, .sheet select, .sheet textarea')).toBe(0);
    // Nobody was listed: no "Deltagere 0 til stede · 0 afbud" heading over nothing (as in the exports).
    await expect.poll(() => page.locator('.sheet .participants').count()).toBe(0);
    expect(await page.locator('.sheet').innerText()).not.toContain('Deltagere');
  });
});
