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
};

const cleanup = useCleanups();
let provider: TestOidcProvider;

beforeAll(async () => {
  provider = await startOidcProvider(ACCOUNTS);
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
  return { id, api, chair, member };
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

    const stepUp = await signInAt(chairPerson.jar, server.base, 'chair', { stepUp: true });
    expect(stepUp.response!.status).toBe(303);
    // The step-up replaced the session: a new cookie, a new CSRF token.
    const fresh = await browse(chairPerson.jar, `${server.base}/api/session/me`);
    const { csrf } = (await fresh.json()) as { csrf: string };
    const renewed = await fetch(`${server.base}/api/session/token`, {
      method: 'POST',
      headers: {
        cookie: chairPerson.jar.header(server.base),
        'content-type': 'application/json',
        'x-csrf-token': csrf,
      },
      body: JSON.stringify({ meetingId: id }),
    });
    const approved = await server.approve(
      id,
      ((await renewed.json()) as { token: string }).token,
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
