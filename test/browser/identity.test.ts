import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { useCleanups } from '../helpers/cleanups.ts';
import {
  CLIENT_DIST,
  SCREENSHOT_DIR,
  launchBrowser,
  newUserPage,
  useBrowserEnv,
} from '../helpers/browser.ts';
import { describeViolations, axeViolations } from '../helpers/axe.ts';
import {
  SECRETARIAT_GROUP,
  startOidcProvider,
  type TestOidcProvider,
} from '../helpers/oidcProvider.ts';
import { mailConfig, startSmtpReceiver } from '../helpers/smtp.ts';
import { startTempServer } from '../helpers/testServer.ts';
import { getState } from '../helpers/workflow.ts';

const cleanup = useCleanups();

describe('embedded mode: an invitation belongs to the browser that claimed it', () => {
  const env = useBrowserEnv();

  it('a claimed link opened in another browser is refused, with a clear Danish message; the first browser keeps working', async () => {
    const { server, browser } = env;
    const id = await server.createMeeting('Driftsforum', 'driftsforum');
    const { link } = await server.invite(id, 'Kirsten Formand', 'member', true, { claim: false });
    const first = await newUserPage(browser);
    await first.goto(server.base + link);
    await first.locator('.item-body').first().waitFor();

    // Forwarded: the same link in another browser (its own storage and keys).
    const other = await newUserPage(browser);
    await other.goto(server.base + link);
    const alert = other.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toContain('Invitationen er allerede taget i brug');
    expect(await other.locator('.item-body').count()).toBe(0);
    // The refused browser does not present itself as Kirsten.
    await expect.poll(() => other.locator('.who').count()).toBe(0);
    expect(describeViolations(await axeViolations(other))).toEqual([]);
    await other.screenshot({ path: path.join(SCREENSHOT_DIR, 'invitation-claimed-elsewhere.png') });

    // The first browser, reloaded, is still Kirsten (its device proves it).
    await first.reload();
    await first.locator('.item-body').first().waitFor();
    expect(await first.locator('.who').innerText()).toContain('Kirsten Formand');
    const audit = (await (await server.api(`/meetings/${id}/audit`)).json()) as {
      entries: { kind: string }[];
    };
    expect(audit.entries.filter((e) => e.kind === 'invite-claim')).toHaveLength(1);
  });
});

describe('through an identity provider, in the browser', () => {
  let provider: TestOidcProvider;
  let browser: Browser;
  beforeAll(async () => {
    provider = await startOidcProvider({
      sek: { email: 'sek@region.test', name: 'Sara Sekretær', groups: [SECRETARIAT_GROUP] },
      chair: { email: 'formand@kommune.test', name: 'Łukasz Żółć' },
      cochair: { email: 'naestformand@region.test', name: 'Zoë Šimić' },
      member: { email: 'medlem@region.test', name: 'Maja Medlem' },
      referent: { email: 'referent@region.test', name: 'Rasmus Referent' },
    });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await provider?.close();
  });

  /** Signs in on the provider's own login page as `login`, from wherever the page is sent there. */
  async function providerLogin(page: Page, login: string) {
    await page.waitForURL((url) => url.href.startsWith(provider.issuer));
    await page.locator('input[name="login"]').fill(login);
    await page.locator('input[name="password"]').fill('whatever');
    await page.locator('button[type="submit"]').click();
  }

  it('secretariat, member and two chairs sign in; invitations claimed by signing in; both chairs approve after a fresh sign-in; the frozen minutes name issuer and subject', async () => {
    const smtp = await startSmtpReceiver();
    cleanup(() => smtp.close());
    const { server } = await startTempServer(cleanup, {
      clientDir: CLIENT_DIST,
      oidc: [provider.config()],
      stepUpSeconds: 600,
      ...mailConfig(smtp),
    });
    provider.register(`${server.base}/auth/callback`);

    // The secretariat signs in through the provider and makes the meeting.
    const sek = await newUserPage(browser);
    await sek.goto(`${server.base}/login`);
    expect(describeViolations(await axeViolations(sek))).toEqual([]);
    await sek.getByRole('link', { name: 'Log ind med Testregionens login' }).click();
    await providerLogin(sek, 'sek');
    await sek.waitForURL(`${server.base}/`);
    await sek.getByText('Sara Sekretær').first().waitFor();
    const token = await sek.evaluate(async () => {
      const me = await (await fetch('/api/session/me')).json();
      const res = await fetch('/api/session/token', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrf },
        body: '{}',
      });
      return (await res.json()).token as string;
    });
    const api = (p: string, body?: unknown) => server.api(p, { body, token });

    // A roster of the forum: two chairs (approvers) and a member, each with their e-mail.
    const roster = await api('/rosters', { forum: 'Psykiatriudvalget' });
    expect(roster.status).toBe(201);
    const forumId = ((await roster.json()) as { roster: { id: string } }).roster.id;
    const members = {
      chair: { name: 'Łukasz Żółć', email: 'formand@kommune.test', approver: true },
      cochair: { name: 'Zoë Šimić', email: 'naestformand@region.test', approver: true },
      member: { name: 'Maja Medlem', email: 'medlem@region.test', approver: false },
    };
    for (const m of Object.values(members)) {
      const added = await api(`/rosters/${forumId}/members`, {
        ...m,
        organisation: 'Region Test',
        role: 'member',
      });
      expect(added.status).toBe(201);
    }
    const referent = { name: 'Rasmus Referent', email: 'referent@region.test' };
    const addedReferent = await api(`/rosters/${forumId}/members`, {
      ...referent,
      organisation: 'Region Test',
      role: 'minuteTaker',
    });
    expect(addedReferent.status).toBe(201);
    // The meeting takes its participants and invitations from the roster.
    const created = await api('/meetings', {
      title: 'Psykiatriudvalget',
      forum: 'Psykiatriudvalget',
      date: '2030-06-12',
      template: 'driftsforum',
    });
    const id = ((await created.json()) as { meeting: { id: string } }).meeting.id;
    const { invites } = (await (await api(`/meetings/${id}/invites`)).json()) as {
      invites: { id: string; email?: string }[];
    };
    expect(invites.map((i) => i.email).sort()).toEqual(
      [...Object.values(members), referent].map((m) => m.email).sort(),
    );
    // The invitations go out by mail; each person's link comes from their mail.
    for (const invite of invites) {
      expect((await api(`/meetings/${id}/invites/${invite.id}/mail`, {})).status).toBe(201);
    }
    const linkFor = async (email: string) => {
      await expect.poll(() => smtp.to(email).length).toBe(1);
      const link = /https?:\/\/[^\s]+\/m\/[^\s#]+#invite=\S+/.exec(smtp.to(email)[0].text);
      expect(link).not.toBeNull();
      return new URL(link![0]);
    };
    const links = {
      chair: await linkFor(members.chair.email),
      cochair: await linkFor(members.cochair.email),
      member: await linkFor(members.member.email),
      referent: await linkFor(referent.email),
    };

    // Each invitee opens the link, is asked to sign in, and lands in the meeting.
    const open = async (who: keyof typeof links) => {
      const page = await newUserPage(browser);
      await page.goto(server.base + links[who].pathname + links[who].hash);
      await page.getByText('Log ind med din organisations login').waitFor();
      await page.getByRole('link', { name: 'Log ind med Testregionens login' }).click();
      await providerLogin(page, who);
      await page.locator('.item-body').first().waitFor();
      return page;
    };
    // The minute-taker signs in and writes during the meeting.
    const minuteTaker = await open('referent');
    expect((await api(`/meetings/${id}/phase`, { to: 'meeting' })).status).toBe(200);
    const body = minuteTaker.locator('.item-body').first();
    await body.getByText('godkendes', { exact: false }).click();
    await minuteTaker.keyboard.press('End');
    await minuteTaker.keyboard.type(' Referatet skrives af Rasmus.');
    await expect
      .poll(() => minuteTaker.locator('.save-status').getAttribute('data-state'))
      .toBe('saved');
    const member = await open('member');
    const chair = await open('chair');
    const cochair = await open('cochair');
    await chair.screenshot({ path: path.join(SCREENSHOT_DIR, 'oidc-chair-signed-in.png') });

    expect((await api(`/meetings/${id}/phase`, { to: 'review' })).status).toBe(200);
    // The member comments on a word of the draft.
    await expect
      .poll(() => member.locator('.meeting-bar .phase').innerText())
      .toBe('Udkast til referat');
    await member.locator('.item-body').first().getByText('godkendes', { exact: false }).dblclick();
    await member.getByRole('button', { name: /Kommentér markeret tekst/ }).click();
    await member.getByRole('textbox', { name: /Skriv en kommentar/ }).fill('Tilføj datoen.');
    await member.getByRole('button', { name: 'Send' }).click();
    await expect
      .poll(async () => (await getState(server, id)).threads.map((t) => t.messages[0].authorName))
      .toEqual(['Maja Medlem']);

    // The chairs' sign-ins are made old: approving sends them to the provider again first.
    const people = server.people as unknown as { sessions: Map<string, { authTime: number }> };
    for (const s of people.sessions.values()) s.authTime -= 3600;
    for (const [page, login] of [
      [chair, 'chair'],
      [cochair, 'cochair'],
    ] as const) {
      await page.getByRole('button', { name: 'Godkend referatet' }).click();
      await page.getByRole('button', { name: 'Ja, godkend' }).click();
      await providerLogin(page, login);
      await page.locator('.item-body').first().waitFor();
    }
    // Frozen: approved, and the approved version written (its fingerprint in the meta).
    await expect.poll(async () => !!(await getState(server, id)).meta.frozen).toBe(true);
    const state = await getState(server, id);
    expect(
      state.approvals.map((a) => a.proof?.kind === 'oidc' && [a.proof.issuer, a.proof.subject]),
    ).toEqual([
      [provider.issuer, 'chair'],
      [provider.issuer, 'cochair'],
    ]);
    const html = await (await api(`/meetings/${id}/export?format=html`)).text();
    expect(html).toContain('Referatet skrives af Rasmus.');
    expect(html).toContain(`via ${provider.issuer} som formand@kommune.test (id chair)`);
    expect(html).toContain(`via ${provider.issuer} som naestformand@region.test (id cochair)`);

    // The member's start page lists the meetings inviting them (from the server, not this browser).
    await member.goto(`${server.base}/`);
    await expect
      .poll(() => member.getByRole('link', { name: /Psykiatriudvalget/ }).count())
      .toBeGreaterThan(0);
  });
});
