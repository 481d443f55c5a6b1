import { describe, expect, it } from 'vitest';
import { axeViolations, describeViolations } from '../helpers/axe.ts';
import {
  launchBrowser,
  newUserPage,
  noSidewaysScroll,
  signInAsOrganiser,
} from '../helpers/browser.ts';
import { CLIENT_DIST } from '../helpers/chromium.ts';
import { useCleanups } from '../helpers/cleanups.ts';
import { mailConfig, startSmtpReceiver } from '../helpers/smtp.ts';
import { startTempServer } from '../helpers/testServer.ts';
import { waitFor } from '../helpers/waitFor.ts';

const cleanup = useCleanups();

describe('invitations by mail in the invites panel', () => {
  it('invites with an e-mail address, mails the invitation, and shows its delivery; accessible at 390 px', async () => {
    const smtp = await startSmtpReceiver();
    cleanup(() => smtp.close());
    const { server } = await startTempServer(cleanup, {
      ...mailConfig(smtp),
      clientDir: CLIENT_DIST,
    });
    const browser = await launchBrowser();
    cleanup(() => browser.close());
    const id = await server.createMeeting('Driftsforum', 'driftsforum');

    const page = await newUserPage(browser);
    await signInAsOrganiser(page, server.base, 'Sekretariatet');
    await page.goto(`${server.base}/m/${id}`);
    await page.locator('details.invites > summary').click();
    const form = page.locator('form.invite-form');
    await form.getByLabel('Navn', { exact: true }).fill('Łukasz Żółć');
    await form.getByLabel('E-mail (valgfri)').fill('Lukasz@Region.test');
    await form.getByLabel('Sprog i mails').selectOption('en');
    await form.getByRole('button', { name: 'Opret invitation' }).click();
    await page.getByText('Łukasz Żółć <lukasz@region.test>').waitFor();

    await page
      .getByRole('button', { name: 'Send invitation med mail til Łukasz Żółć (nyt link)' })
      .click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Invitationen til Łukasz Żółć er lagt i kø' })
      .waitFor();
    await waitFor(() => smtp.mails.length === 1, 'the invitation arrived');
    expect(smtp.mails[0].envelopeTo).toEqual(['lukasz@region.test']);
    expect(smtp.mails[0].text).toContain('Dear Łukasz Żółć');

    await page.locator('details.mails > summary').click();
    const entry = page.locator('.mail-entry');
    await expect.poll(() => entry.innerText(), { timeout: 10_000 }).toContain('Status: Sendt');
    expect(await entry.innerText()).toContain('Invitation');

    expect(describeViolations(await axeViolations(page))).toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    expect(describeViolations(await axeViolations(page))).toEqual([]);
    await noSidewaysScroll(page, 'mails panel at 390 px');
  });
});
