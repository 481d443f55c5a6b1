import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations, describeViolations } from '../helpers/axe.ts';
import { makePdf, readBookmarks } from '../helpers/bilag.ts';
import { SCREENSHOT_DIR, openInvite, useBrowserEnv } from '../helpers/browser.ts';
import { useCleanups } from '../helpers/cleanups.ts';
import { meetingWith } from '../helpers/exports.ts';
import { getState } from '../helpers/workflow.ts';

const env = useBrowserEnv();
const cleanup = useCleanups();

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const NAME = 'Bilag 1 – Budget 2027.pdf';

/** What a download saved, as bytes, and the name the browser chose. */
async function downloaded(page: Page, click: () => Promise<void>) {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const file = await download.path();
  return { name: download.suggestedFilename(), bytes: new Uint8Array(await readFile(file)) };
}

describe('bilag in the editor', () => {
  it('uploads a PDF to an item, lists it, downloads it and builds the agenda package', async () => {
    const { server, browser } = env;
    const id = await meetingWith(
      server,
      {
        header: { forum: 'Driftsforum', title: 'Driftsforum', date: '2027-03-01' },
        participants: [],
        items: [
          {
            title: 'Budget 2027',
            sections: [{ type: 'sagsfremstilling', blocks: [{ paragraph: 'Budgettet.' }] }],
          },
          { title: 'Eventuelt', sections: [] },
        ],
      },
      cleanup,
    );
    const page = await openInvite(browser, server, id, 'Anne Sekretær', 'organiser');
    cleanup(() => page.context().close());
    const files = page.getByRole('region', { name: 'Bilag (filer) til punkt 1' });
    await files.waitFor();
    await expect.poll(() => files.getByText('Ingen filer vedhæftet.').isVisible()).toBe(true);

    // A real file input with its label.
    const pdf = await makePdf(['Budgetbilag til punkt 1']);
    await files.getByLabel('Vedhæft fil (PDF, Word, PNG, JPEG)').setInputFiles({
      name: NAME,
      mimeType: 'application/pdf',
      buffer: Buffer.from(pdf),
    });
    // Announced, and listed with type and size.
    await expect.poll(() => files.getByRole('status').innerText()).toBe(`«${NAME}» er vedhæftet.`);
    const link = files.getByRole('button', { name: `Hent «${NAME}»` });
    await link.waitFor();
    await expect.poll(() => files.getByTestId('bilag-file').innerText()).toContain('PDF · ');
    expect((await getState(server, id)).bilag.map((b) => b.name)).toEqual([NAME]);

    // No violations with a bilag listed.
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'bilag-listed.png'), fullPage: true });
    expect(describeViolations(await axeViolations(page))).toEqual([]);

    // Download: the same bytes under the Danish name.
    const file = await downloaded(page, () => link.click());
    expect(file.name).toBe(NAME);
    expect(sha256(file.bytes)).toBe(sha256(pdf));

    // The agenda package from the export panel: the bilag bookmarked under its item.
    const exportPanel = page.getByRole('region', { name: 'Eksport' });
    const pkg = await downloaded(page, () =>
      exportPanel.getByRole('button', { name: 'Dagsordenspakke' }).first().click(),
    );
    expect(pkg.name).toMatch(/^pakke-dagsorden-driftsforum-[\d-]+\.pdf$/);
    const marks = await readBookmarks(pkg.bytes);
    expect(marks.map((m) => m.title)).toEqual(['Dagsorden', '1. Budget 2027', '2. Eventuelt']);
    expect(marks[1].children.map((c) => c.title)).toEqual([NAME]);

    // Delete, after a confirmation.
    await files.getByRole('button', { name: `Slet bilaget «${NAME}»` }).click();
    await files.getByText(`Slet «${NAME}»? Det kan ikke fortrydes.`).waitFor();
    await files.getByRole('group').getByRole('button', { name: 'Slet' }).click();
    await expect.poll(() => files.getByRole('status').innerText()).toBe(`«${NAME}» er slettet.`);
    await expect.poll(async () => (await getState(server, id)).bilag.length).toBe(0);
  });

  it('works at phone width, and shows no upload to a member', async () => {
    const { server, browser } = env;
    const id = await meetingWith(
      server,
      {
        header: { forum: 'Driftsforum', title: 'Driftsforum', date: '2027-03-02' },
        participants: [],
        items: [{ title: 'Budget', sections: [] }],
      },
      cleanup,
    );
    const page = await openInvite(browser, server, id, 'Mette Referent', 'minuteTaker');
    cleanup(() => page.context().close());
    await page.setViewportSize({ width: 390, height: 844 });
    const files = page.getByRole('region', { name: 'Bilag (filer) til punkt 1' });
    await files.getByLabel('Vedhæft fil (PDF, Word, PNG, JPEG)').setInputFiles({
      name: 'Łukasz Żółć – notat.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from(await makePdf(['Notat'])),
    });
    await files.getByRole('button', { name: 'Hent «Łukasz Żółć – notat.pdf»' }).waitFor();
    // Nothing wider than the phone's screen.
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    expect(describeViolations(await axeViolations(page))).toEqual([]);

    const member = await openInvite(browser, server, id, 'Bo Medlem', 'member');
    cleanup(() => member.context().close());
    const seen = member.getByRole('region', { name: 'Bilag (filer) til punkt 1' });
    await seen.getByRole('button', { name: 'Hent «Łukasz Żółć – notat.pdf»' }).waitFor();
    expect(await seen.getByLabel('Vedhæft fil (PDF, Word, PNG, JPEG)').count()).toBe(0);
    expect(await seen.getByRole('button', { name: /^Slet/ }).count()).toBe(0);
  });
});
