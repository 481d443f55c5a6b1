import { describe, expect, it } from 'vitest';
import { uploadBilag } from '../helpers/bilag.ts';
import { useCleanups } from '../helpers/cleanups.ts';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import { sign } from 'hono/jwt';
import {
  ACTIONS,
  PERMISSIONS,
  PHASE_TRANSITIONS,
  ROLES,
  can,
  type Action,
  type Role,
} from '../../shared/access/permissions.ts';
import { PHASES } from '../../shared/meeting.ts';
import { setHeaderField } from '../../shared/minutes/operations.ts';
import { readHeader } from '../../shared/minutes/layout.ts';
import {
  CLOSE_NO_ACCESS,
  CLOSE_TOKEN_EXPIRED,
  CLOSE_TOO_MANY,
  CLOSE_UNKNOWN_MEETING,
} from '../../shared/protocol/closeCodes.ts';
import { MESSAGE_AWARENESS, MESSAGE_REFUSED } from '../../shared/protocol/messages.ts';
import { openRaw, rawUpdate } from '../helpers/rawSocket.ts';
import { startTempServer, type TestServer } from '../helpers/testServer.ts';
import { waitFor } from '../helpers/waitFor.ts';
import {
  anchorOn,
  firstItemId,
  getState,
  meetingInPhase,
  storedState,
  syncedClient,
} from '../helpers/workflow.ts';

const cleanup = useCleanups();

const setup = () => startTempServer(cleanup);

/** Waits until everything the server holds in memory for the meeting is written. */
async function flushed(server: TestServer, id: string) {
  const room = server.rooms.peek(id);
  if (room) await room.persistence.flush();
}

describe('the permission table', () => {
  it('says what the issue and docs/design.md fix', () => {
    // Pinned by hand, so a change of the table itself has to change this test.
    for (const role of ROLES) expect(can(role, 'approved', 'editBody')).toBe(false);
    for (const phase of PHASES) {
      expect(can('member', phase, 'editBody')).toBe(false);
      expect(can('observer', phase, 'comment')).toBe(false);
      expect(can('observer', phase, 'read')).toBe(true);
    }
    expect(can('member', 'review', 'comment')).toBe(true);
    expect(can('member', 'review', 'approve')).toBe(true);
    expect(can('minuteTaker', 'meeting', 'editBody')).toBe(true);
    expect(can('minuteTaker', 'review', 'editBody')).toBe(true);
    expect(can('organiser', 'agenda', 'invite')).toBe(true);
    expect(PHASE_TRANSITIONS.approved).toEqual([]);
    expect(Object.keys(PERMISSIONS)).toEqual([...PHASES]);
  });
});

describe('every role in every phase, over websocket and REST', () => {
  for (const phase of PHASES) {
    it(`phase ${phase}: allowed actions work, refused ones change nothing`, async () => {
      const { server, dataDir } = await setup();
      for (const role of ROLES) {
        const { id, tokens } = await meetingInPhase(server, phase);
        const token = tokens[role];
        const watcher = await syncedClient(server, id, server.organiserToken, cleanup);
        const expectStatus = async (action: Action, res: Response, okStatus: number) => {
          const expected = can(role, phase, action) ? okStatus : 403;
          expect(res.status, `${role} ${action} in ${phase}: ${await res.clone().text()}`).toBe(
            expected,
          );
        };

        // read: REST and websocket
        const get = await server.api(`/meetings/${id}`, { token });
        await expectStatus('read', get, 200);
        expect(((await get.json()) as { you: { role: Role } }).you.role).toBe(role);
        const client = await syncedClient(server, id, token, cleanup);
        expect(readHeader(client.doc).title).toBe('Driftsforum');

        // comment (REST)
        const before = await storedState(dataDir, id);
        const comment = await server.api(`/meetings/${id}/comments`, {
          token,
          body: {
            itemId: firstItemId(client.doc),
            anchor: anchorOn(client.doc, firstItemId(client.doc), 'dagsorden'),
            quote: 'dagsorden',
            text: `Kommentar fra ${role}`,
          },
        });
        await expectStatus('comment', comment, 201);
        if (!can(role, phase, 'comment')) expect(await storedState(dataDir, id)).toEqual(before);

        // approve (REST): every invitee is an approver here, so only the table decides
        const hash = (await getState(server, id)).contentHash ?? '0'.repeat(64);
        const approvalsBefore = (await getState(server, id)).approvals.length;
        const approve = await server.approve(id, token, hash);
        await expectStatus('approve', approve, 200);
        expect((await getState(server, id)).approvals.length).toBe(
          approvalsBefore + (can(role, phase, 'approve') ? 1 : 0),
        );

        // invite and audit (REST)
        const invite = await server.api(`/meetings/${id}/invites`, {
          token,
          body: { name: 'Ny gæst', role: 'observer' },
        });
        await expectStatus('invite', invite, 201);
        await expectStatus('invite', await server.api(`/meetings/${id}/invites`, { token }), 200);
        await expectStatus('viewAudit', await server.api(`/meetings/${id}/audit`, { token }), 200);

        // editBody (REST): a bilag upload; readClosed: the full agenda package
        const pdf = new TextEncoder().encode('%PDF-1.7\n');
        const upload = await uploadBilag(server, id, firstItemId(client.doc), 'b.pdf', pdf, token);
        await expectStatus('editBody', upload, 201);
        const fullPackage = await server.api(`/meetings/${id}/package?public=0`, { token });
        await expectStatus('readClosed', fullPackage, 200);

        // editBody (websocket): allowed edits arrive; refused ones are not applied,
        // stored or relayed, and the client is told.
        await flushed(server, id);
        const stored = await storedState(dataDir, id);
        const refusedBefore = client.channel.refused?.count ?? 0;
        setHeaderField(client.doc, 'place', `Sted fra ${role}`);
        if (can(role, phase, 'editBody')) {
          await waitFor(
            () => readHeader(watcher.doc).place === `Sted fra ${role}`,
            `${role}'s edit reaches the others in ${phase}`,
          );
          await waitFor(() => client.tracker.state === 'saved', 'saved');
        } else {
          await waitFor(
            () => (client.channel.refused?.count ?? 0) > refusedBefore,
            `${role} told the edit was refused in ${phase}`,
          );
          expect(client.channel.refused?.phase).toBe(phase);
          // A later edit from someone allowed (or nobody, once approved) arrives after
          // the refused one would have: the watcher never saw the refused one.
          await flushed(server, id);
          expect(readHeader(watcher.doc).place).toBe('');
          const room = await server.rooms.read(id, (r) => readHeader(r.doc).place);
          expect(room).toBe('');
          expect(await storedState(dataDir, id)).toEqual(stored);
        }

        // changePhase (REST), last: it moves the meeting on
        const to = PHASE_TRANSITIONS[phase][0] ?? 'review';
        const change = await server.api(`/meetings/${id}/phase`, { token, body: { to } });
        await expectStatus('changePhase', change, 200);
        expect((await getState(server, id)).meta.phase).toBe(
          can(role, phase, 'changePhase') ? to : phase,
        );
      }
    });
  }

  it('covers every action of the table', () => {
    // The walk above checks read, comment, approve, invite, viewAudit, editBody, changePhase;
    // reportAbsence (afbud) is walked by role and phase in rosters.test.ts.
    // The walk above checks read, comment, approve, invite, viewAudit, editBody, changePhase, readClosed.
    expect([...ACTIONS].sort()).toEqual(
      [
        'read',
        'comment',
        'approve',
        'invite',
        'viewAudit',
        'editBody',
        'changePhase',
        'reportAbsence',
        'readClosed',
      ].sort(),
    );
  });
});

describe('crafted attacks', () => {
  it('a member’s raw Yjs update to the body in review is refused and stores nothing', async () => {
    const { server, dataDir } = await setup();
    const { id, tokens } = await meetingInPhase(server, 'review');
    const other = await syncedClient(server, id, tokens.minuteTaker, cleanup);
    await flushed(server, id);
    const before = await storedState(dataDir, id);
    const state = await server.rooms.read(id, (r) => Y.encodeStateAsUpdate(r.doc));

    const raw = await openRaw(`${server.wsBase}/${id}`, tokens.member);
    cleanup(() => raw.ws.close());
    raw.ws.send(rawUpdate((doc) => doc.getMap('header').set('place', 'Hacket'), state));
    raw.ws.send(rawUpdate((doc) => doc.getText('evil').insert(0, 'new root type')));
    await waitFor(
      () => raw.received.filter((m) => m[0] === MESSAGE_REFUSED).length >= 2,
      'two refusals',
    );
    // Someone allowed edits after: the other client gets that, never the attack.
    const third = await syncedClient(server, id, tokens.minuteTaker, cleanup);
    setHeaderField(third.doc, 'chair', 'Formand');
    await waitFor(() => readHeader(other.doc).chair === 'Formand', 'allowed edit relayed');
    expect(readHeader(other.doc).place).toBe('');
    expect(other.doc.share.has('evil')).toBe(false);
    setHeaderField(third.doc, 'chair', '');
    await waitFor(() => third.tracker.state === 'saved', 'saved');
    // Stored: the document as before plus only the allowed (and reverted) edit.
    const now = await server.rooms.read(id, (r) => r.doc);
    expect(readHeader(now).place).toBe('');
    expect(now.share.has('evil')).toBe(false);
    const audit = (await (await server.api(`/meetings/${id}/audit`)).json()) as {
      entries: { kind: string; detail: { role: string } }[];
    };
    expect(
      audit.entries.some((e) => e.kind === 'refused-write' && e.detail.role === 'member'),
    ).toBe(true);
    // Before the allowed edit, nothing had been written at all.
    expect(Object.keys(await storedState(dataDir, id))).toEqual(Object.keys(before));
  });

  it('keeps stored state byte-identical when a member only attacks', async () => {
    const { server, dataDir } = await setup();
    const { id, tokens } = await meetingInPhase(server, 'review');
    await flushed(server, id);
    const before = await storedState(dataDir, id);
    const raw = await openRaw(`${server.wsBase}/${id}`, tokens.member);
    cleanup(() => raw.ws.close());
    for (let i = 0; i < 25; i++) {
      raw.ws.send(rawUpdate((doc) => doc.getMap('header').set('title', `Hacket ${i}`)));
    }
    // A connection that keeps trying is closed.
    expect((await raw.closed).code).toBe(CLOSE_TOO_MANY);
    await flushed(server, id);
    expect(await storedState(dataDir, id)).toEqual(before);
  });

  it('refuses a token for another meeting, expired and tampered tokens, and no token', async () => {
    const { server } = await setup();
    const a = await meetingInPhase(server, 'meeting');
    const b = await meetingInPhase(server, 'meeting');
    const secret = 'test-token-secret-0123456789';
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      iss: 'referat',
      typ: 'access',
      sub: 'u-x',
      name: 'X',
      mid: a.id,
      role: 'member',
      jti: 'x',
      cred: { kind: 'session', sessionId: 'x' },
    };
    const expired = await sign({ ...claims, iat: now - 100, exp: now - 10 }, secret, 'HS256');
    const [h, p, s] = a.tokens.member.split('.');
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString());
    const tampered = [
      h,
      Buffer.from(JSON.stringify({ ...payload, role: 'organiser' })).toString('base64url'),
      s,
    ].join('.');
    const unsigned = [
      Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url'),
      Buffer.from(JSON.stringify({ ...payload, role: 'organiser' })).toString('base64url'),
      '',
    ].join('.');
    const otherSecret = await sign(
      { ...claims, exp: now + 100 },
      'another-secret-0123456789',
      'HS256',
    );

    // REST: wrong meeting 403; bad tokens 401; the same answer whether the meeting exists or not.
    expect((await server.api(`/meetings/${b.id}`, { token: a.tokens.organiser })).status).toBe(403);
    expect(
      (await server.api(`/meetings/zzzzzzzzzzzzzzzz`, { token: a.tokens.organiser })).status,
    ).toBe(403);
    for (const token of [expired, tampered, unsigned, otherSecret, 'garbage', null]) {
      for (const target of [a.id, 'zzzzzzzzzzzzzzzz']) {
        const res = await server.api(`/meetings/${target}`, { token });
        expect(res.status, `${token?.slice(0, 20)} on ${target}`).toBe(401);
        expect(await res.text()).not.toContain('not found');
      }
      expect((await server.api(`/meetings`, { token })).status).toBe(401);
      expect((await server.api(`/meetings/${a.id}/document`, { token })).status).toBe(401);
    }
    const expiredRes = await server.api(`/meetings/${a.id}`, { token: expired });
    expect(((await expiredRes.json()) as { error: string }).error).toMatch(/expired/);
    // An invitee cannot create meetings.
    expect(
      (await server.api('/meetings', { token: a.tokens.organiser, body: { title: 'x' } })).status,
    ).toBe(403);

    // A token without exp is refused outright, on REST and websocket.
    const eternal = await sign(claims, secret, 'HS256');
    expect((await server.api(`/meetings/${a.id}`, { token: eternal })).status).toBe(401);
    // Websocket: an expired token is told so (the client renews it and reconnects)…
    const stale = await openRaw(`${server.wsBase}/${a.id}`, expired);
    expect((await stale.closed).code).toBe(CLOSE_TOKEN_EXPIRED);
    // …any other bad token is closed 4403 before anything is sent, whether the meeting exists or not.
    for (const [token, target] of [
      [a.tokens.member, b.id],
      [eternal, a.id],
      [tampered, a.id],
      [unsigned, a.id],
      ['', a.id],
      ['', 'zzzzzzzzzzzzzzzz'],
    ]) {
      const raw = await openRaw(`${server.wsBase}/${target}`, token);
      expect((await raw.closed).code).toBe(CLOSE_NO_ACCESS);
      expect(raw.received).toHaveLength(0);
    }
    // With a valid organiser login, an unknown meeting is reported as such.
    const raw = await openRaw(`${server.wsBase}/zzzzzzzzzzzzzzzz`, server.organiserToken);
    expect((await raw.closed).code).toBe(CLOSE_UNKNOWN_MEETING);
  });

  it('a revoked invite stops working at once, also on an open connection', async () => {
    const { server } = await setup();
    const { id } = await meetingInPhase(server, 'meeting');
    const { token, invite } = await server.invite(id, 'Bo', 'minuteTaker');
    const raw = await openRaw(`${server.wsBase}/${id}`, token);
    const res = await server.api(`/meetings/${id}/invites/${invite.id}`, { method: 'DELETE' });
    expect(res.status).toBe(200);
    expect((await raw.closed).code).toBe(CLOSE_NO_ACCESS);
    expect((await server.api(`/meetings/${id}`, { token })).status).toBe(401);
  });

  it('an observer’s presence spam is dropped, then the connection closed; nothing stored', async () => {
    const { server, dataDir } = await setup();
    const { id, tokens } = await meetingInPhase(server, 'meeting');
    const other = await syncedClient(server, id, tokens.member, cleanup);
    let received = 0;
    other.provider.awareness.on('change', () => received++);
    await flushed(server, id);
    const before = await storedState(dataDir, id);

    const raw = await openRaw(`${server.wsBase}/${id}`, tokens.observer);
    const fake = new awarenessProtocol.Awareness(new Y.Doc());
    let sent = 0;
    while (raw.ws.readyState === raw.ws.OPEN && sent < 2000) {
      fake.setLocalState({ user: { name: 'Spam', color: '#ff0000' }, n: sent++ });
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, MESSAGE_AWARENESS);
      encoding.writeVarUint8Array(
        e,
        awarenessProtocol.encodeAwarenessUpdate(fake, [fake.clientID]),
      );
      raw.ws.send(encoding.toUint8Array(e));
    }
    expect((await raw.closed).code).toBe(CLOSE_TOO_MANY);
    fake.destroy();
    // At most the burst (40) and a few coalesced ones got through, plus the removal on close.
    expect(received).toBeLessThanOrEqual(50);
    expect(await storedState(dataDir, id)).toEqual(before);
  });

  it('nothing changes after approval: edits, comments, phase, approvals, versions', async () => {
    const { server, dataDir } = await setup();
    const { id, tokens, chairToken } = await meetingInPhase(server, 'approved');
    const organiser = await syncedClient(server, id, server.organiserToken, cleanup);
    await flushed(server, id);
    const before = await storedState(dataDir, id);
    setHeaderField(organiser.doc, 'title', 'Ændret efter godkendelse');
    await waitFor(() => (organiser.channel.refused?.count ?? 0) > 0, 'organiser told');
    for (const token of [server.organiserToken, tokens.minuteTaker, chairToken]) {
      for (const [path, body] of [
        ['phase', { to: 'review' }],
        ['phase', { to: 'meeting' }],
        ['approvals', { hash: '0'.repeat(64) }],
        ['versions', { name: 'Efter' }],
        ['comments', { itemId: firstItemId(organiser.doc), anchor: {}, text: 'x' }],
      ] as const) {
        const res = await server.api(`/meetings/${id}/${path}`, { token, body });
        expect(res.status, `${path} ${JSON.stringify(body)}`).toBe(403);
      }
    }
    await flushed(server, id);
    expect(await storedState(dataDir, id)).toEqual(before);
    expect((await getState(server, id)).meta.phase).toBe('approved');
  });
});

describe('bad input on the workflow routes', () => {
  it('answers 400 for malformed bodies and ids, 404 for unknown ones', async () => {
    const { server } = await setup();
    const { id, tokens } = await meetingInPhase(server, 'review');
    const cases: [string, string, unknown, number, string?][] = [
      ['POST', 'phase', { to: 'nonsense' }, 400],
      ['POST', 'phase', { to: 'approved' }, 409],
      ['POST', 'phase', 'not an object', 400],
      ['POST', 'invites', { name: '', role: 'member' }, 400],
      ['POST', 'invites', { name: 'x', role: 'king' }, 400],
      ['POST', 'invites', { name: 'x'.repeat(101), role: 'member' }, 400],
      ['POST', 'invites', { name: 'x', role: 'member', approver: 'yes' }, 400],
      ['PATCH', 'invites/not-a-uuid', { approver: true }, 400],
      ['PATCH', 'invites/00000000-0000-4000-8000-000000000000', { approver: true }, 404],
      ['DELETE', 'invites/00000000-0000-4000-8000-000000000000', undefined, 404],
      ['POST', 'approvals', { hash: 'abc' }, 400],
      // an approver approving other content than the current one
      ['POST', 'approvals', { hash: 'f'.repeat(64) }, 409, tokens.member],
      ['POST', 'versions', { name: '' }, 400],
      ['GET', 'versions/../../etc', undefined, 404],
      ['GET', 'versions/x1', undefined, 400],
      ['GET', 'versions/v999', undefined, 404],
      ['GET', 'diff?from=../x', undefined, 400],
      ['POST', 'comments', { itemId: 'nope', anchor: {}, text: 'x' }, 400],
      ['POST', 'comments', { itemId: 5, text: 'x' }, 400],
      ['POST', 'comments/not-a-uuid/replies', { text: 'x' }, 400],
      ['POST', 'comments/00000000-0000-4000-8000-000000000000/replies', { text: 'x' }, 404],
      ['POST', 'comments/00000000-0000-4000-8000-000000000000/resolve', { resolved: 'x' }, 400],
    ];
    for (const [method, path, body, status, token] of cases) {
      const res = await server.api(`/meetings/${id}/${path}`, { method, body, token });
      expect(res.status, `${method} ${path} ${JSON.stringify(body)}`).toBe(status);
    }
    // A comment anchored in another item than it names is refused.
    const c = await syncedClient(server, id, server.organiserToken, cleanup);
    const [first, second] = (await import('../../shared/minutes/layout.ts')).visibleItemIds(c.doc);
    const res = await server.api(`/meetings/${id}/comments`, {
      body: { itemId: second, anchor: anchorOn(c.doc, first, 'dagsorden'), text: 'x' },
    });
    expect(res.status).toBe(400);
    const tooLong = await server.api(`/meetings/${id}/comments`, {
      body: { itemId: first, anchor: anchorOn(c.doc, first, 'dagsorden'), text: 'x'.repeat(4001) },
    });
    expect(tooLong.status).toBe(400);
  });

  it('organiser sign-in: wrong key 401, then rate-limited; right key gives an organiser token', async () => {
    const { server } = await setup();
    const signIn = (key: unknown, name: unknown = 'Sekretariatet') =>
      server.api('/session', { token: null, body: { key, name } });
    expect((await signIn('test-organiser-key-0123456789', '')).status).toBe(400);
    const ok = await signIn('test-organiser-key-0123456789');
    expect(ok.status).toBe(201);
    const { token, credential } = (await ok.json()) as { token: string; credential: string };
    expect((await server.api('/meetings', { token })).status).toBe(200);
    // The sign-in's credential is not an access token, and renews one.
    expect((await server.api('/meetings', { token: credential })).status).toBe(401);
    expect(await server.accessFor(credential)).toMatch(/\./);
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await signIn(`wrong-${i}`)).status);
    // Five free failures and the sixth that starts the wait, then refused unread.
    expect(statuses.slice(0, 6).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(6)).toEqual([429, 429]);
    expect((await signIn(42)).status).toBe(429);
  });
});
