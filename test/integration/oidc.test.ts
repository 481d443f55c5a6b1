import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Approval, AuditEntry, Invite } from '../../shared/access/workflow.ts';
import { useCleanups } from '../helpers/cleanups.ts';
import {
  CookieJar,
  SECRETARIAT_GROUP,
  browse,
  signInAt,
  startOidcProvider,
  type TestOidcProvider,
} from '../helpers/oidcProvider.ts';
import { startTempServer, type TestServer } from '../helpers/testServer.ts';
import { getState } from '../helpers/workflow.ts';
import { openRaw } from '../helpers/rawSocket.ts';
import { CLOSE_TOKEN_EXPIRED } from '../../shared/protocol/closeCodes.ts';

/**
 * Sign-in through an identity provider, against a real one on loopback (the
 * certified oidc-provider package, its own login page): sessions, claims of
 * invitations by the person they name, step-up before approving, and every
 * failure answering its clear error and granting nothing.
 */

const ACCOUNTS = {
  sek: { email: 'sek@region.test', name: 'Sara Sekretær', groups: [SECRETARIAT_GROUP] },
  chair: { email: 'formand@kommune.test', name: 'Łukasz Żółć', organisation: 'Kommunen' },
  member: { email: 'medlem@region.test', name: 'Maja Medlem' },
  mallory: { email: 'mallory@elsewhere.test', name: 'Mallory' },
  // A provider that lets people type any address, and says it has not checked it.
  typed: { email: 'formand@kommune.test', name: 'Łukasz Żółć', emailVerified: false },
  // Identifiers too long to be real (and LONG_SUBJECT); cut short they would name someone else.
  longmail: { email: `${'x'.repeat(250)}@kommune.test`, name: 'Long Mail' },
};

const LONG_SUBJECT = 's'.repeat(300);

const cleanup = useCleanups();
let provider: TestOidcProvider;

beforeAll(async () => {
  provider = await startOidcProvider({
    ...ACCOUNTS,
    [LONG_SUBJECT]: { email: 'long@region.test', name: 'Long Subject' },
  });
});
afterAll(() => provider.close());

async function start(config: Parameters<typeof startTempServer>[1] = {}) {
  const env = await startTempServer(cleanup, {
    oidc: [
      provider.config(),
      // The same provider as seen from a server whose clock runs two hours ahead.
      provider.config({ id: 'late', clockSkewSeconds: 7200 }),
    ],
    ...config,
  });
  provider.register(`${env.server.base}/auth/callback`);
  return env;
}

/** A person signed in: their cookie jar and CSRF token. */
async function person(server: TestServer, login: keyof typeof ACCOUNTS) {
  const jar = new CookieJar();
  const { response } = await signInAt(jar, server.base, login);
  expect(response!.status).toBe(303);
  const me = await browse(jar, `${server.base}/api/session/me`);
  expect(me.status).toBe(200);
  const { csrf } = (await me.json()) as { csrf: string };
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.base}/api${path}`, {
      method: 'POST',
      headers: {
        cookie: jar.header(server.base),
        'content-type': 'application/json',
        'x-csrf-token': csrf,
        ...headers,
      },
      body: JSON.stringify(body),
    });
  const token = async (body: Record<string, unknown> = {}) => {
    const res = await post('/session/token', body);
    return { res, token: res.ok ? ((await res.json()) as { token: string }).token : '' };
  };
  return { jar, csrf, post, token };
}

/**
 * A step-up in the browser of `jar`, and an access token for the meeting from
 * the session it made (a new cookie, a new CSRF token).
 */
async function steppedUp(server: TestServer, jar: CookieJar, login: string, meetingId: string) {
  const stepUp = await signInAt(jar, server.base, login, { stepUp: true });
  expect(stepUp.response!.status).toBe(303);
  const me = await browse(jar, `${server.base}/api/session/me`);
  const { csrf } = (await me.json()) as { csrf: string };
  const renewed = await browse(jar, `${server.base}/api/session/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
    body: JSON.stringify({ meetingId }),
  });
  return ((await renewed.json()) as { token: string }).token;
}

const codeOf = async (res: Response) => ((await res.json()) as { code: string }).code;

/** A meeting the secretariat (signed in through the provider) made, with invitations by e-mail. */
async function meetingWithInvites(server: TestServer, secretariat: string) {
  const api = (path: string, body?: unknown, method?: string) =>
    server.api(path, { body, token: secretariat, ...(method ? { method } : {}) });
  const created = await api('/meetings', {
    title: 'Psykiatriudvalget',
    forum: 'Psykiatriudvalget',
    date: '2030-06-12',
    template: 'driftsforum',
  });
  expect(created.status).toBe(201);
  const id = ((await created.json()) as { meeting: { id: string } }).meeting.id;
  const invite = async (name: string, email: string, role: string, approver: boolean) => {
    const res = await api(`/meetings/${id}/invites`, { name, email, role, approver });
    expect(res.status).toBe(201);
    return (await res.json()) as { invite: Invite; credential: string };
  };
  const chair = await invite('Łukasz Żółć', 'Formand@Kommune.test', 'member', true);
  const member = await invite('Maja Medlem', 'medlem@region.test', 'member', false);
  /** A change to an invitation (e-mail, approver flag). */
  const patch = (inviteId: string, body: Record<string, unknown>) =>
    api(`/meetings/${id}/invites/${inviteId}`, body, 'PATCH');
  /** The meeting held and the draft sent out for approval. */
  const toReview = async () => {
    for (const to of ['meeting', 'review']) {
      expect((await api(`/meetings/${id}/phase`, { to })).status).toBe(200);
    }
  };
  return { id, api, chair, member, patch, toReview };
}

describe('sign-in through an identity provider', () => {
  it('signs the secretariat in with an HttpOnly SameSite=Strict session, CSRF-checked; sign-out ends it on the server', async () => {
    const { server } = await start();
    const jar = new CookieJar();
    const { response } = await signInAt(jar, server.base, 'sek', { returnTo: '/m/abc' });
    expect(response!.status).toBe(303);
    expect(response!.headers.get('location')).toBe('/m/abc');
    const cookie = response!.headers.getSetCookie().find((c) => c.startsWith('referat_session='));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Path=\//);
    // Served over plain http here: no Secure flag (it is set when the public URL is https).
    expect(cookie).not.toMatch(/Secure/i);

    const sek = await person(server, 'sek');
    const me = (await (await browse(sek.jar, `${server.base}/api/session/me`)).json()) as {
      name: string;
      secretariat: boolean;
      issuer: string;
    };
    expect(me).toMatchObject({ name: 'Sara Sekretær', secretariat: true, issuer: provider.issuer });

    // Cookie calls need the CSRF token: a cross-site form can send the cookie, never the header.
    const noCsrf = await sek.post('/session/token', {}, { 'x-csrf-token': '' });
    expect(noCsrf.status).toBe(403);
    expect(await codeOf(noCsrf)).toBe('csrf');
    const { res, token } = await sek.token();
    expect(res.status).toBe(200);
    expect((await server.api('/meetings', { token })).status).toBe(200);

    // The organiser key does nothing when people sign in through a provider.
    const key = await server.api('/session', {
      body: { key: 'test-organiser-key-0123456789', name: 'X' },
      token: null,
    });
    expect(key.status).toBe(403);

    // Sign-out ends the session here: the cookie and every access token from it stop working.
    expect((await sek.post('/session/logout', {})).status).toBe(200);
    expect((await browse(sek.jar, `${server.base}/api/session/me`)).status).toBe(401);
    expect((await server.api('/meetings', { token })).status).toBe(401);
    expect((await sek.post('/session/token', {})).status).toBe(401);
  });

  it('a person signed in sees the meetings inviting them, and no others', async () => {
    const { server } = await start();
    const sek = await person(server, 'sek');
    const { id } = await meetingWithInvites(server, (await sek.token()).token);
    await meetingWithInvites(server, (await sek.token()).token); // another meeting, same people
    const other = await server.api('/meetings', {
      token: (await sek.token()).token,
      body: { title: 'Andet udvalg', forum: 'Andet udvalg', date: '2030-07-01' },
    });
    const otherId = ((await other.json()) as { meeting: { id: string } }).meeting.id;
    const list = async (jar: CookieJar) =>
      (
        (await (await browse(jar, `${server.base}/api/session/meetings`)).json()) as {
          meetings: { id: string }[];
        }
      ).meetings.map((m) => m.id);
    const member = await person(server, 'member');
    const mine = await list(member.jar);
    expect(mine).toHaveLength(2);
    expect(mine).toContain(id);
    expect(mine).not.toContain(otherId);
    // After claiming (through a token), still listed; someone else sees none of them.
    expect((await member.token({ meetingId: id })).res.status).toBe(200);
    expect(await list(member.jar)).toContain(id);
    expect(await list((await person(server, 'mallory')).jar)).toEqual([]);
    expect((await fetch(`${server.base}/api/session/meetings`)).status).toBe(401);
  });

  it('a member signed in is not the secretariat and gets no token for all meetings', async () => {
    const { server } = await start();
    const member = await person(server, 'member');
    const { res } = await member.token();
    expect(res.status).toBe(403);
    expect(await codeOf(res)).toBe('organiserOnly');
  });

  it('claims an invitation by signing in as its person; a forwarded one is refused; approval needs a fresh sign-in and records issuer and subject', async () => {
    const { server } = await start();
    const sek = await person(server, 'sek');
    const secretariat = (await sek.token()).token;
    const { id, api, chair, member } = await meetingWithInvites(server, secretariat);

    // Forwarded: Mallory, signed in, opens the chair's link. Refused, nothing claimed.
    const mallory = await person(server, 'mallory');
    const forwarded = await mallory.post('/session/claim', { credential: chair.credential });
    expect(forwarded.status).toBe(403);
    expect(await codeOf(forwarded)).toBe('inviteForSomeoneElse');
    const malloryToken = await mallory.token({ meetingId: id });
    expect(malloryToken.res.status).toBe(403);
    expect(await codeOf(malloryToken.res)).toBe('notOnInvitation');
    // The link alone, without anyone signed in, grants nothing either.
    const bare = await server.api('/session/token', {
      body: { credential: chair.credential },
      token: null,
    });
    expect(bare.status).toBe(401);
    expect(await codeOf(bare)).toBe('signInRequired');

    // The chair signs in (e-mail compared without case) and claims it.
    const chairPerson = await person(server, 'chair');
    const claimed = await chairPerson.post('/session/claim', { credential: chair.credential });
    expect(claimed.status).toBe(200);
    // After the claim: the same person again is fine, anyone else is refused for good.
    expect(
      (await chairPerson.post('/session/claim', { credential: chair.credential })).status,
    ).toBe(200);
    const late = await mallory.post('/session/claim', { credential: chair.credential });
    expect(late.status).toBe(409);
    expect(await codeOf(late)).toBe('inviteClaimed');
    // The member never opens the link: signing in as the person named is enough.
    const memberPerson = await person(server, 'member');
    expect((await memberPerson.token({ meetingId: id })).res.status).toBe(200);
    expect(member.invite.email).toBe('medlem@region.test');

    // The member comments with a token through their session.
    const memberToken = (await memberPerson.token({ meetingId: id })).token;
    for (const to of ['meeting', 'review']) {
      expect((await api(`/meetings/${id}/phase`, { to })).status).toBe(200);
    }
    const state = await getState(server, id, memberToken);
    expect(state.meta.phase).toBe('review');

    // Approving with an authentication older than the step-up window: sign in again first.
    const chairToken = (await chairPerson.token({ meetingId: id })).token;
    for (const session of sessionsOf(server)) session.authTime -= 3600;
    const stale = await server.approve(id, chairToken, state.contentHash);
    expect(stale.status).toBe(401);
    expect(await codeOf(stale)).toBe('stepUpRequired');
    expect((await getState(server, id)).approvals).toEqual([]);

    const approved = await server.approve(
      id,
      await steppedUp(server, chairPerson.jar, 'chair', id),
      state.contentHash,
    );
    expect(approved.status).toBe(200);

    const after = await getState(server, id);
    expect(after.meta.phase).toBe('approved');
    const approval: Approval = after.approvals[0];
    expect(approval.proof).toMatchObject({
      kind: 'oidc',
      issuer: provider.issuer,
      subject: 'chair',
      email: 'formand@kommune.test',
    });
    expect(approval.proof?.kind === 'oidc' && Date.parse(approval.proof.authTime)).toBeGreaterThan(
      Date.now() - 60_000,
    );
    const audit = (await (await api(`/meetings/${id}/audit`)).json()) as {
      entries: AuditEntry[];
    };
    const claims = audit.entries.filter((e) => e.kind === 'invite-claim');
    expect(claims.map((e) => e.detail.subject)).toEqual(['chair', 'member']);
    // Mallory's two tries with the forwarded link: before and after the chair's claim.
    const refused = audit.entries.filter((e) => e.kind === 'invite-claim-refused');
    expect(refused.map((e) => [e.detail.reason, e.detail.email, e.detail.subject])).toEqual([
      ['inviteForSomeoneElse', 'mallory@elsewhere.test', 'mallory'],
      ['inviteClaimed', 'mallory@elsewhere.test', 'mallory'],
    ]);
    const approve = audit.entries.find((e) => e.kind === 'approve')!;
    expect(approve.detail.credential).toMatchObject({ kind: 'oidc', subject: 'chair' });

    // The frozen version's export names who approved, checkably.
    const html = await (await api(`/meetings/${id}/export?format=html`)).text();
    expect(html).toContain('formand@kommune.test');
    expect(html).toContain(provider.issuer);
  });

  it('nobody can approve for the chair: not by a new link, not by changing the e-mail, not with their own token', async () => {
    const { server } = await start();
    const sek = await person(server, 'sek');
    const secretariat = (await sek.token()).token;
    const { id, api, chair } = await meetingWithInvites(server, secretariat);
    const chairPerson = await person(server, 'chair');
    expect(
      (await chairPerson.post('/session/claim', { credential: chair.credential })).status,
    ).toBe(200);
    for (const to of ['meeting', 'review']) {
      expect((await api(`/meetings/${id}/phase`, { to })).status).toBe(200);
    }
    const hash = (await getState(server, id)).contentHash;

    // 1. A new link for the chair's invitation: the link alone, or claimed by the secretariat.
    const relinked = await api(`/meetings/${id}/invites/${chair.invite.id}/link`, {});
    expect(relinked.status).toBe(201);
    const { credential } = (await relinked.json()) as { credential: string };
    const alone = await server.api('/session/token', { body: { credential }, token: null });
    expect(alone.status).toBe(401);
    const byEmailClaim = await sek.post('/session/claim', { credential });
    expect(byEmailClaim.status).toBe(409);
    expect(await codeOf(byEmailClaim)).toBe('inviteClaimed');

    // 2. The chair's e-mail changed to the secretariat's own: refused once claimed.
    const moved = await api(
      `/meetings/${id}/invites/${chair.invite.id}`,
      { email: 'sek@region.test' },
      'PATCH',
    );
    expect(moved.status).toBe(409);
    expect(await codeOf(moved)).toBe('emailFixed');

    // 3. The secretariat's own token, and a meeting token asked for without a claim.
    const own = await server.approve(id, secretariat, hash);
    expect(own.status).toBe(403);
    expect(await codeOf(own)).toBe('notApprover');
    const noClaim = await sek.token({ meetingId: id });
    expect(noClaim.res.status).toBe(403);

    // 4. The approver set is fixed during review.
    const flag = await api(
      `/meetings/${id}/invites/${chair.invite.id}`,
      { approver: false },
      'PATCH',
    );
    expect(flag.status).toBe(409);

    expect((await getState(server, id)).approvals).toEqual([]);
    expect((await getState(server, id)).meta.phase).toBe('review');
  });

  it('nobody can approve for a chair who has not claimed yet: the address is fixed while the draft is out', async () => {
    const { server } = await start();
    const sek = await person(server, 'sek');
    const secretariat = (await sek.token()).token;
    const { id, chair, member, patch, toReview } = await meetingWithInvites(server, secretariat);
    await toReview();
    // The secretariat points the chair's invitation at its own address, to claim it.
    const moved = await patch(chair.invite.id, { email: 'sek@region.test' });
    expect(moved.status).toBe(409);
    expect(await codeOf(moved)).toBe('approversFixed');
    const claim = await sek.post('/session/claim', { credential: chair.credential });
    expect(claim.status).toBe(403);
    expect(await codeOf(claim)).toBe('inviteForSomeoneElse');
    // Someone who approves nothing may still have their address corrected.
    const fixed = await patch(member.invite.id, { email: 'maja@region.test' });
    expect(fixed.status).toBe(200);
    expect((await getState(server, id)).approvals).toEqual([]);
  });

  it('a sign-in that does not say when the person authenticated is not fresh enough to approve', async () => {
    const { server } = await start();
    // A provider like Entra ID: auth_time only when max_age asks for it.
    provider.register(`${server.base}/auth/callback`, { requireAuthTime: false });
    const sek = await person(server, 'sek');
    const { id, chair, toReview } = await meetingWithInvites(server, (await sek.token()).token);
    const chairPerson = await person(server, 'chair');
    expect(
      (await chairPerson.post('/session/claim', { credential: chair.credential })).status,
    ).toBe(200);
    await toReview();
    const hash = (await getState(server, id)).contentHash;
    // A sign-in whose id token does not date the authentication (it may have been the
    // provider's own session, no password asked): not fresh.
    const again = await person(server, 'chair');
    const token = (await again.token({ meetingId: id })).token;
    const stale = await server.approve(id, token, hash);
    expect(stale.status).toBe(401);
    expect(await codeOf(stale)).toBe('stepUpRequired');
    // The step-up asks the provider for a fresh authentication, which it dates.
    const fresh = await steppedUp(server, again.jar, 'chair', id);
    expect((await server.approve(id, fresh, hash)).status).toBe(200);
  });

  it('shows nobody the session cookie: not in the approval everyone sees, the audit, or a token', async () => {
    const { server } = await start();
    const sek = await person(server, 'sek');
    const secretariat = (await sek.token()).token;
    const { id, api, chair, member, toReview } = await meetingWithInvites(server, secretariat);
    const chairPerson = await person(server, 'chair');
    expect(
      (await chairPerson.post('/session/claim', { credential: chair.credential })).status,
    ).toBe(200);
    const memberPerson = await person(server, 'member');
    expect(
      (await memberPerson.post('/session/claim', { credential: member.credential })).status,
    ).toBe(200);
    await toReview();
    const chairToken = (await chairPerson.token({ meetingId: id })).token;
    const hash = (await getState(server, id)).contentHash;
    expect((await server.approve(id, chairToken, hash)).status).toBe(200);

    const cookie = chairPerson.jar.get(server.base, 'referat_session')!;
    expect(cookie.length).toBeGreaterThan(20);
    // What a member sees of the approval, what the audit keeps, what a token carries.
    const memberToken = (await memberPerson.token({ meetingId: id })).token;
    const seen = JSON.stringify(await getState(server, id, memberToken));
    const audit = await (await api(`/meetings/${id}/audit`)).text();
    const payload = (token: string) => Buffer.from(token.split('.')[1], 'base64url').toString();
    for (const text of [seen, audit, payload(chairToken), payload(secretariat)]) {
      expect(text).not.toContain(cookie);
    }
    // Nor anything that works as the cookie.
    const approval = (await getState(server, id, memberToken)).approvals[0];
    const sessionId =
      approval.credential?.kind === 'oidc' ? approval.credential.sessionId : 'missing';
    const stolen = new CookieJar();
    stolen.take(
      server.base,
      new Response(null, { headers: { 'set-cookie': `referat_session=${sessionId}; Path=/` } }),
    );
    expect((await browse(stolen, `${server.base}/api/session/me`)).status).toBe(401);
  });

  it('sign-out closes the open sockets of that sign-in; signing in as someone else ends the earlier sign-in', async () => {
    const { server } = await start();
    const sek = await person(server, 'sek');
    const secretariat = (await sek.token()).token;
    const { id, member } = await meetingWithInvites(server, secretariat);
    const memberPerson = await person(server, 'member');
    expect(
      (await memberPerson.post('/session/claim', { credential: member.credential })).status,
    ).toBe(200);
    const socket = await openRaw(
      `${server.wsBase}/${id}`,
      (await memberPerson.token({ meetingId: id })).token,
    );
    // The secretariat's socket (another sign-in) stays open.
    const other = await openRaw(`${server.wsBase}/${id}`, secretariat);
    expect((await memberPerson.post('/session/logout', {})).status).toBe(200);
    expect((await socket.closed).code).toBe(CLOSE_TOKEN_EXPIRED);
    expect(other.ws.readyState).toBe(other.ws.OPEN);
    other.ws.close();

    // A shared computer: the member signs in, then Mallory in the same browser.
    const withCookie = (value: string) => {
      const jar = new CookieJar();
      jar.take(
        server.base,
        new Response(null, { headers: { 'set-cookie': `referat_session=${value}; Path=/` } }),
      );
      return jar;
    };
    const first = new CookieJar();
    await signInAt(first, server.base, 'member');
    const before = first.get(server.base, 'referat_session')!;
    // The same browser (its Referat cookie), Mallory at the provider.
    const shared = withCookie(before);
    await signInAt(shared, server.base, 'mallory');
    const now = (await (await browse(shared, `${server.base}/api/session/me`)).json()) as {
      email: string;
    };
    expect(now.email).toBe('mallory@elsewhere.test');
    const earlier = withCookie(before);
    expect((await browse(earlier, `${server.base}/api/session/me`)).status).toBe(401);
  });

  describe('every failure answers a clear error, is logged and grants nothing', () => {
    const noSession = async (server: TestServer, jar: CookieJar) => {
      expect(jar.get(server.base, 'referat_session')).toBeUndefined();
      expect((await browse(jar, `${server.base}/api/session/me`)).status).toBe(401);
    };
    const failedWith = (res: Response, code: string) => {
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe(`/login?signInError=${code}`);
    };

    it('unknown issuer', async () => {
      const { server } = await start();
      const jar = new CookieJar();
      failedWith(
        await browse(jar, `${server.base}/auth/login/nowhere?returnTo=/`),
        'unknownIssuer',
      );
      await noSession(server, jar);
    });

    it('state mismatch', async () => {
      const { server } = await start();
      const jar = new CookieJar();
      const { callbackUrl } = await signInAt(jar, server.base, 'chair', { stopAtCallback: true });
      const tampered = new URL(callbackUrl);
      tampered.searchParams.set('state', 'forged-state');
      failedWith(await browse(jar, tampered.href), 'signInFailed');
      await noSession(server, jar);
    });

    it('a callback from another browser (no sign-in under way there)', async () => {
      const { server } = await start();
      const { callbackUrl } = await signInAt(new CookieJar(), server.base, 'chair', {
        stopAtCallback: true,
      });
      const other = new CookieJar();
      failedWith(await browse(other, callbackUrl), 'signInFailed');
      await noSession(server, other);
    });

    it('a replayed code', async () => {
      const { server } = await start();
      const jar = new CookieJar();
      const first = await signInAt(jar, server.base, 'chair');
      expect(first.response!.status).toBe(303);
      const replay = new CookieJar();
      // Even with a sign-in of its own under way, the old code is refused.
      const mine = await signInAt(replay, server.base, 'mallory', { stopAtCallback: true });
      const replayed = new URL(first.callbackUrl);
      replayed.searchParams.set('state', new URL(mine.callbackUrl).searchParams.get('state')!);
      failedWith(await browse(replay, replayed.href), 'signInFailed');
      await noSession(server, replay);
    });

    it('an expired id token', async () => {
      const { server } = await start();
      const jar = new CookieJar();
      const { response } = await signInAt(jar, server.base, 'chair', { issuerId: 'late' });
      failedWith(response!, 'signInExpired');
      await noSession(server, jar);
    });

    it('an e-mail address the provider has not verified', async () => {
      const { server } = await start();
      const sek = await person(server, 'sek');
      const { chair } = await meetingWithInvites(server, (await sek.token()).token);
      const jar = new CookieJar();
      const { response } = await signInAt(jar, server.base, 'typed');
      failedWith(response!, 'emailUnverified');
      await noSession(server, jar);
      // Nothing to claim the chair's invitation with.
      const claim = await fetch(`${server.base}/api/session/claim`, {
        method: 'POST',
        headers: { cookie: jar.header(server.base), 'content-type': 'application/json' },
        body: JSON.stringify({ credential: chair.credential }),
      });
      expect(claim.status).toBe(401);
    });

    it('a subject or an e-mail address too long to be real', async () => {
      const { server } = await start();
      for (const login of [LONG_SUBJECT, 'longmail']) {
        const jar = new CookieJar();
        const { response } = await signInAt(jar, server.base, login);
        failedWith(response!, 'signInFailed');
        await noSession(server, jar);
      }
    });

    it('bad input to the session routes', async () => {
      const { server } = await start();
      const member = await person(server, 'member');
      for (const body of [
        { credential: 'x'.repeat(5000) },
        { meetingId: '../../etc' },
        { credential: 'not.a.token' },
      ]) {
        const res = await member.post('/session/token', body);
        expect([400, 401]).toContain(res.status);
      }
      const claim = await member.post('/session/claim', { credential: 'a.b.c' });
      expect(claim.status).toBe(401);
      const noCookie = await fetch(`${server.base}/api/session/logout`, { method: 'POST' });
      expect(noCookie.status).toBe(401);
    });
  });
});

/** The server's sign-in sessions (to age them: time passing, without waiting for it). */
function sessionsOf(server: TestServer): { authTime: number }[] {
  const people = server.people as unknown as { sessions: Map<string, { authTime: number }> };
  return [...people.sessions.values()];
}
