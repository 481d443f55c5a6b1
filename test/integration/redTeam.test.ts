/**
 * Regression tests for the red team's findings (issue 12), one per finding,
 * named after it. Each reproduces the attack as it was made (an ordinary
 * participant, a crafted message or request, a server on loopback) and
 * checks that it no longer crashes, blocks or breaks anything.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { useCleanups } from '../helpers/cleanups.ts';
import { openRaw, rawUpdate } from '../helpers/rawSocket.ts';
import { startTempServer, type TestServer } from '../helpers/testServer.ts';
import { waitFor } from '../helpers/waitFor.ts';
import {
  firstItemId,
  getState,
  meetingInPhase,
  storedState,
  syncedClient,
} from '../helpers/workflow.ts';
import {
  itemBody,
  itemMap,
  itemsMap,
  readHeader,
  visibleItemIds,
} from '../../shared/minutes/layout.ts';
import { setHeaderField } from '../../shared/minutes/operations.ts';
import { CLOSE_INVALID_UPDATE } from '../../shared/protocol/closeCodes.ts';
import { MESSAGE_REFUSED, MESSAGE_SYNC } from '../../shared/protocol/messages.ts';
import type { RefusedMessage } from '../../shared/protocol/extraMessages.ts';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { craftUpdate } from '../helpers/craftUpdate.ts';
import { listStart } from '../../shared/minutes/content.ts';
import { encodeSaveRequest } from '../../shared/protocol/extraMessages.ts';
import { sign } from 'hono/jwt';
import { chmod, mkdir, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { CLOSE_TOKEN_EXPIRED } from '../../shared/protocol/closeCodes.ts';
import { MAX_NAMED_VERSIONS } from '../../shared/access/workflow.ts';
import { ensurePrivateDir } from '../../server/storage/fsUtil.ts';
import { TEST_ORGANISER_KEY } from '../helpers/testServer.ts';

const cleanup = useCleanups();

/** Nests `depth` elements into the first item's body: the red team's update. */
function deepNesting(depth: number) {
  return (doc: Y.Doc) => {
    let parent: Y.XmlFragment = itemBody(doc, visibleItemIds(doc)[0])!;
    for (let i = 0; i < depth; i++) {
      const el = new Y.XmlElement('blockquote');
      parent.insert(0, [el]);
      parent = el;
    }
    const p = new Y.XmlElement('paragraph');
    parent.insert(0, [p]);
    p.insert(0, [new Y.XmlText('bund')]);
  };
}

function refusals(received: Uint8Array[]): RefusedMessage[] {
  return received
    .filter((m) => m[0] === MESSAGE_REFUSED)
    .map((m) => {
      const d = decoding.createDecoder(m);
      decoding.readVarUint(d);
      return JSON.parse(decoding.readVarString(d)) as RefusedMessage;
    });
}

/** Everything a reader of the meeting uses answers: meeting, JSON, every export. */
async function meetingStillReadable(server: TestServer, id: string, token?: string) {
  expect((await server.api(`/meetings/${id}`, { token })).status).toBe(200);
  const doc = await server.api(`/meetings/${id}/document`, { token });
  expect(doc.status).toBe(200);
  for (const format of ['html', 'docx', 'pdf']) {
    const res = await server.api(`/meetings/${id}/export?format=${format}`, { token });
    expect(res.status, `export ${format}`).toBe(200);
  }
  expect((await server.api(`/health`)).status).toBe(200);
}

describe('red-team findings (issue 12)', () => {
  it('1. one deeply nested update from a minute-taker in review neither crashes the server nor breaks the meeting', async () => {
    const { server, dataDir, restart } = await startTempServer(cleanup);
    const { id, tokens } = await meetingInPhase(server, 'review');
    const honest = await syncedClient(server, id, tokens.organiser, cleanup);
    const state = await server.rooms.read(id, (r) => Y.encodeStateAsUpdate(r.doc));
    const before = await storedState(dataDir, id);

    const raw = await openRaw(`${server.wsBase}/${id}`, tokens.minuteTaker);
    cleanup(() => raw.ws.close());
    for (const depth of [6000, 8000, 10_000]) raw.ws.send(rawUpdate(deepNesting(depth), state));
    // Refused (not applied), the sender told; a third violation closes the socket.
    expect((await raw.closed).code).toBe(CLOSE_INVALID_UPDATE);
    expect(refusals(raw.received).map((r) => r.kind)).toEqual(['invalid', 'invalid', 'invalid']);

    // The content hash refresh, the JSON, the exports and the phase change all work.
    const text = honest.doc;
    setHeaderField(text, 'place', 'Mødelokale 3');
    await waitFor(() => honest.tracker.state === 'saved', 'an honest edit saved');
    await meetingStillReadable(server, id);
    expect((await getState(server, id)).contentHash).toMatch(/^[0-9a-f]{64}$/);
    const after = await storedState(dataDir, id);
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    const audit = (await (await server.api(`/meetings/${id}/audit`)).json()) as {
      entries: { kind: string; detail: { invalid?: string } }[];
    };
    expect(audit.entries.some((e) => e.kind === 'refused-write' && e.detail.invalid)).toBe(true);

    // And after a restart, a plain GET of the meeting does not bring it down.
    honest.destroy();
    const again = await restart();
    await meetingStillReadable(again, id);
    expect(readHeader(await again.rooms.read(id, (r) => r.doc)).place).toBe('Mødelokale 3');
    expect((await again.api(`/meetings/${id}/phase`, { body: { to: 'meeting' } })).status).toBe(
      200,
    );
  });

  it('9. a meeting’s document cannot grow without limit, nor hold content outside the approval hash', async () => {
    const { server, dataDir } = await startTempServer(cleanup, {
      maxDocumentBytes: 256 * 1024,
    });
    const { id, tokens } = await meetingInPhase(server, 'meeting');
    const state = await server.rooms.read(id, (r) => Y.encodeStateAsUpdate(r.doc));
    const before = await storedState(dataDir, id);
    // Unknown item fields: refused whatever their size.
    const raw = await openRaw(`${server.wsBase}/${id}`, tokens.minuteTaker);
    cleanup(() => raw.ws.close());
    raw.ws.send(
      rawUpdate(
        (d) => itemMap(d, visibleItemIds(d)[0])!.set('notes', 'x'.repeat(1_900_000)),
        state,
      ),
    );
    await waitFor(() => refusals(raw.received).length === 1, 'refused');
    expect(refusals(raw.received)[0].kind).toBe('invalid');
    expect(await storedState(dataDir, id)).toEqual(before);

    // Valid text, but more than the meeting may hold: the edits that fit are
    // taken, the one that would cross the limit is refused.
    const writer = await syncedClient(server, id, tokens.minuteTaker, cleanup);
    const item = firstItemId(writer.doc);
    const chunk = 'Referattekst '.repeat(4000); // ~52 KB
    let refusedAt = -1;
    for (let i = 0; i < 10 && refusedAt < 0; i++) {
      const body = itemBody(writer.doc, item)!;
      writer.doc.transact(() => {
        const p = new Y.XmlElement('paragraph');
        const section = body.get(body.length - 1) as Y.XmlElement;
        section.insert(section.length, [p]);
        p.insert(0, [new Y.XmlText(chunk)]);
      });
      await waitFor(
        () => writer.tracker.state === 'saved' || writer.channel.refused !== null,
        'saved or refused',
      );
      if (writer.channel.refused) refusedAt = i;
    }
    expect(writer.channel.refused?.kind).toBe('tooLarge');
    expect(refusedAt).toBeGreaterThan(0);
    expect(server.rooms.peek(id)!.documentBytes).toBeLessThanOrEqual(256 * 1024);
  });
});

describe('fault isolation', () => {
  it('a throwing timer, a rejected promise and unreadable stored content stay in their meeting', async () => {
    const { server, dataDir, restart } = await startTempServer(cleanup);
    const broken = await server.createMeeting('Brudt', 'driftsforum');
    const fine = await server.createMeeting('Fint', 'driftsforum');
    const [a, b] = [
      await syncedClient(server, fine, server.organiserToken, cleanup),
      await syncedClient(server, fine, server.organiserToken, cleanup),
    ];
    const watcher = await syncedClient(server, broken, server.organiserToken, cleanup);

    // A timer of the meeting throws.
    const room = server.rooms.peek(broken)!;
    setTimeout(
      room.guard('test timer', () => {
        throw new Error('injected timer fault');
      }),
      0,
    );
    await waitFor(() => watcher.channel.state?.failure?.kind === 'failing', 'clients told');
    expect(await (await server.api('/health')).json()).toMatchObject({ meetingsFailing: 1 });
    // Read-only now: edits are refused, nothing is lost, reads and exports work.
    setHeaderField(watcher.doc, 'place', 'efter fejlen');
    await waitFor(() => watcher.channel.refused?.kind === 'failing', 'edit refused');
    await meetingStillReadable(server, broken);
    expect(
      (await server.api(`/meetings/${broken}/phase`, { body: { to: 'meeting' } })).status,
    ).toBe(409);
    // A rejected promise of the meeting: the same, and the process stays up.
    room.watch('test promise', Promise.reject(new Error('injected rejection')));
    // The other meeting syncs on.
    setHeaderField(a.doc, 'place', 'stadig i gang');
    await waitFor(() => readHeader(b.doc).place === 'stadig i gang', 'other meeting syncs');
    await waitFor(() => a.tracker.state === 'saved', 'and saves');
    watcher.destroy();

    // Stored content that cannot be converted: a meeting nested 10,000 deep,
    // written straight to its log (as if stored before the checks existed).
    const deep = await server.createMeeting('Dyb', 'driftsforum');
    const base = await server.rooms.read(deep, (r) => Y.encodeStateAsUpdate(r.doc));
    const doc = new Y.Doc();
    Y.applyUpdate(doc, base);
    const sv = Y.encodeStateVector(doc);
    doc.transact(() => deepNesting(10_000)(doc));
    await server.rooms.read(deep, () => null); // loaded, so the append goes to its log
    await server.storage.documents.append(deep, [Y.encodeStateAsUpdate(doc, sv)]);
    await server.storage.documents.append(deep, [Uint8Array.of(255, 255, 255, 255, 255, 255)]);
    a.destroy();
    b.destroy();
    const again = await restart();
    const rawBytes = await storedState(dataDir, deep);
    // It opens read-only: meeting, JSON (with the deep part flattened and reported), exports.
    await meetingStillReadable(again, deep);
    const json = (await (await again.api(`/meetings/${deep}/document`)).json()) as {
      problems: string[];
    };
    expect(json.problems.join('\n')).toMatch(/deeper than/);
    expect((await getState(again, deep)).failure?.kind).toBe('damaged');
    expect(await (await again.api('/health')).json()).toMatchObject({ meetingsFailing: 1 });
    // The websocket does not serve it live; its stored bytes are kept as they were.
    const raw = await openRaw(`${again.wsBase}/${deep}`, again.organiserToken);
    expect((await raw.closed).code).toBe(4409);
    await again.rooms.flushAll();
    expect(await storedState(dataDir, deep)).toEqual(rawBytes);
  });
});

describe('red-team findings on credentials and approvals (issue 12)', () => {
  it('2. issuing an invite link is audited, kills the earlier link, and an approval records the credential and its issuer', async () => {
    const { server } = await startTempServer(cleanup);
    const { id } = await meetingInPhase(server, 'meeting');
    const chair = await server.invite(id, 'Kirsten Formand', 'member', true);
    await server.api(`/meetings/${id}/phase`, { body: { to: 'review' } });
    const open = await openRaw(`${server.wsBase}/${id}`, chair.token);

    // The old GET that handed out links silently is gone; a new link is a POST, audited.
    expect((await server.api(`/meetings/${id}/invites/${chair.invite.id}/link`)).status).toBe(404);
    const reissued = await server.api(`/meetings/${id}/invites/${chair.invite.id}/link`, {
      method: 'POST',
    });
    expect(reissued.status).toBe(201);
    const { credential, link } = (await reissued.json()) as { credential: string; link: string };
    expect(link).toBe(`/m/${id}#invite=${credential}`);

    // Everything from the earlier link stops working at once.
    expect((await open.closed).code).toBe(4403);
    expect((await server.api(`/meetings/${id}`, { token: chair.token })).status).toBe(401);
    const old = await server.api('/session/token', {
      token: null,
      body: { credential: chair.credential },
    });
    expect(old.status).toBe(401);

    // Approving with the new link records how the approver was established.
    const token = await server.accessFor(credential);
    const hash = (await getState(server, id, token)).contentHash;
    const approved = await server.approve(id, token, hash);
    expect(approved.status).toBe(200);
    const state = await getState(server, id);
    const approval = state.approvals.find((a) => a.name === 'Kirsten Formand')!;
    expect(approval.credential).toMatchObject({
      kind: 'invite',
      inviteId: chair.invite.id,
      generation: 2,
      issuedBy: 'Sekretariatet',
    });
    expect(approval.credential?.tokenId).toMatch(/^[0-9a-f-]{36}$/);
    const audit = (await (await server.api(`/meetings/${id}/audit`)).json()) as {
      entries: { kind: string; name: string; detail: Record<string, unknown> }[];
    };
    const issued = audit.entries.filter((e) => e.kind === 'invite-link');
    expect(issued).toHaveLength(1);
    expect(issued[0]).toMatchObject({
      name: 'Sekretariatet',
      detail: { inviteId: chair.invite.id, linkGeneration: 2 },
    });
    const approve = audit.entries.find((e) => e.kind === 'approve')!;
    expect(approve.detail.credential).toMatchObject({ issuedBy: 'Sekretariatet', generation: 2 });
  });

  it('5. failed sign-ins from one source never lock the secretariat out from another', async () => {
    const { server } = await startTempServer(cleanup, { trustProxy: true });
    const signIn = (key: string, from: string) =>
      fetch(`${server.base}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
        body: JSON.stringify({ key, name: 'Sekretariatet' }),
      });
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await signIn(`guess-${i}`, '203.0.113.66')).status);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(20);
    // The attacker's source waits, whatever it sends…
    expect((await signIn(TEST_ORGANISER_KEY, '203.0.113.66')).status).toBe(429);
    // …while the secretariat, elsewhere, signs in at once.
    expect((await signIn(TEST_ORGANISER_KEY, '198.51.100.7')).status).toBe(201);
    // A client cannot dodge the limit by claiming another address in front of the proxy's.
    const spoofed = await fetch(`${server.base}/api/session`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-forwarded-for': '198.51.100.99, 203.0.113.66',
      },
      body: JSON.stringify({ key: 'guess', name: 'x' }),
    });
    expect(spoofed.status).toBe(429);
  });

  it('6. versions saved by hand cannot stop the draft from being sent or the minutes from freezing', async () => {
    const { server } = await startTempServer(cleanup);
    const { id, tokens } = await meetingInPhase(server, 'meeting');
    const save = (token: string, n: number) =>
      server.api(`/meetings/${id}/versions`, { token, body: { name: `v ${n}` } });
    // One person saving fast is slowed down…
    const quick: number[] = [];
    for (let i = 0; i < 8; i++) quick.push((await save(tokens.minuteTaker, i)).status);
    expect(quick.slice(0, 5)).toEqual([201, 201, 201, 201, 201]);
    expect(quick.slice(5)).toContain(429);
    // …and many people together reach the cap for versions saved by hand.
    const statuses: number[] = [];
    for (let person = 0; statuses.length < 60; person++) {
      const { token } = await server.invite(id, `Referent ${person}`, 'minuteTaker');
      for (let i = 0; i < 5; i++) statuses.push((await save(token, i)).status);
    }
    expect(statuses).toContain(413);
    const saved = (await getState(server, id)).versions.filter((v) => v.kind === 'named');
    expect(saved.length).toBe(MAX_NAMED_VERSIONS);
    // Sending the draft and freezing still work.
    expect((await server.api(`/meetings/${id}/phase`, { body: { to: 'review' } })).status).toBe(
      200,
    );
    const approvers = (await getState(server, id)).approvers.length;
    expect(approvers).toBeGreaterThan(0);
    const { frozen } = await approveAll(server, id);
    expect(frozen).toBe(true);
    expect((await getState(server, id)).versions.map((v) => v.kind)).toContain('approved');
  });

  it('8. the approver set is fixed once the draft is sent out', async () => {
    const { server } = await startTempServer(cleanup);
    const id = await server.createMeeting('Driftsforum', 'driftsforum');
    const chair = await server.invite(id, 'Kirsten Formand', 'member', true);
    const cochair = await server.invite(id, 'Lars Næstformand', 'member', true);
    for (const to of ['meeting', 'review'])
      await server.api(`/meetings/${id}/phase`, { body: { to } });
    // Un-ticking the chair, or adding an approver, is refused during review.
    const untick = await server.api(`/meetings/${id}/invites/${chair.invite.id}`, {
      method: 'PATCH',
      body: { approver: false },
    });
    expect(untick.status).toBe(409);
    const added = await server.api(`/meetings/${id}/invites`, {
      body: { name: 'Ny', role: 'member', approver: true },
    });
    expect(added.status).toBe(409);
    // Revoking the chair's invite is allowed (a leaked link) but does not drop
    // the chair from the approvers: the co-chair alone cannot freeze the minutes.
    expect(
      (await server.api(`/meetings/${id}/invites/${chair.invite.id}`, { method: 'DELETE' })).status,
    ).toBe(200);
    const hash = (await getState(server, id)).contentHash;
    const res = await server.approve(id, cochair.token, hash);
    expect(((await res.json()) as { frozen: boolean }).frozen).toBe(false);
    expect((await getState(server, id)).approvers.map((a) => a.name)).toEqual([
      'Kirsten Formand',
      'Lars Næstformand',
    ]);
    // Changing the set means withdrawing the draft, which voids the approval (audited).
    expect((await server.api(`/meetings/${id}/phase`, { body: { to: 'meeting' } })).status).toBe(
      200,
    );
    const state = await getState(server, id);
    expect(state.approvals.every((a) => a.voidedAt)).toBe(true);
    const audit = (await (await server.api(`/meetings/${id}/audit`)).json()) as {
      entries: { kind: string; detail: Record<string, unknown> }[];
    };
    expect(audit.entries.some((e) => e.kind === 'phase' && e.detail.to === 'meeting')).toBe(true);
  });

  it('10. an open socket is closed when its token expires, and a token without exp is refused', async () => {
    const { server } = await startTempServer(cleanup, { accessTtlSeconds: 2 });
    const { id } = await meetingInPhase(server, 'meeting');
    const { token, credential } = await server.invite(id, 'Bo Referent', 'minuteTaker');
    const raw = await openRaw(`${server.wsBase}/${id}`, token);
    expect((await raw.closed).code).toBe(CLOSE_TOKEN_EXPIRED);
    // Editing with it is over; the credential renews a token that works.
    expect((await server.api(`/meetings/${id}`, { token })).status).toBe(401);
    const fresh = await server.accessFor(credential);
    expect((await server.api(`/meetings/${id}`, { token: fresh })).status).toBe(200);
    // A token signed without exp is worth nothing, REST or websocket.
    const claims = JSON.parse(Buffer.from(fresh.split('.')[1], 'base64url').toString());
    delete claims.exp;
    const eternal = await sign(claims, 'test-token-secret-0123456789', 'HS256');
    expect((await server.api(`/meetings/${id}`, { token: eternal })).status).toBe(401);
    expect((await (await openRaw(`${server.wsBase}/${id}`, eternal)).closed).code).toBe(4403);
  });

  it('11. every answer carries the security headers, errors included', async () => {
    const { server } = await startTempServer(cleanup);
    const answers = [
      await fetch(`${server.base}/`),
      await fetch(`${server.base}/api/health`),
      await fetch(`${server.base}/api/meetings`),
      await fetch(`${server.base}/api/nothing-here`),
      await server.api('/meetings', { body: { title: 'x', template: 'nope' } }),
    ];
    expect(answers.map((r) => r.status)).toEqual([503, 200, 401, 404, 400]);
    for (const res of answers) {
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('permissions-policy')).toContain('camera=()');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
    }
  });

  it('12. no access token travels in a URL; downloads use short-lived single-purpose links', async () => {
    const { server } = await startTempServer(cleanup);
    const { id, tokens } = await meetingInPhase(server, 'meeting');
    const other = await server.createMeeting('Andet møde');
    // REST ignores ?token=; the websocket ignores it too.
    const q = await fetch(`${server.base}/api/meetings/${id}?token=${tokens.member}`);
    expect(q.status).toBe(401);
    const ws = await openRaw(`${server.wsBase}/${id}?token=${tokens.member}`);
    expect((await ws.closed).code).toBe(4403);
    // The invite link carries a credential in the fragment (never sent to a
    // server), and a credential is not an access token.
    const invite = await server.invite(id, 'Ole', 'observer');
    expect(invite.link).toMatch(new RegExp(`^/m/${id}#invite=`));
    expect((await server.api(`/meetings/${id}`, { token: invite.credential })).status).toBe(401);
    // A download link: this meeting, this format and version, for a minute.
    const made = await server.api(`/meetings/${id}/downloads`, {
      token: invite.token,
      body: { format: 'pdf', public: true },
    });
    expect(made.status).toBe(201);
    const { url, expiresAt } = (await made.json()) as { url: string; expiresAt: string };
    expect(Date.parse(expiresAt) - Date.now()).toBeLessThanOrEqual(60_000);
    expect(url).not.toContain(invite.token);
    expect((await fetch(server.base + url)).status).toBe(200);
    expect((await fetch(server.base + url.replace('format=pdf', 'format=docx'))).status).toBe(403);
    expect((await fetch(server.base + url.replace('&public=1', ''))).status).toBe(403);
    expect((await fetch(server.base + url.replace(id, other))).status).toBe(403);
    // A link token is not an access token either.
    const dl = new URL(server.base + url).searchParams.get('dl')!;
    expect((await server.api(`/meetings/${id}`, { token: dl })).status).toBe(401);
    // An expired link is refused.
    const claims = JSON.parse(Buffer.from(dl.split('.')[1], 'base64url').toString());
    const expired = await sign(
      { ...claims, exp: Math.floor(Date.now() / 1000) - 1 },
      'test-token-secret-0123456789',
      'HS256',
    );
    expect((await fetch(server.base + url.replace(dl, expired))).status).toBe(401);
  });

  it('13. meeting files and directories are private to the server’s user', async () => {
    const { server, dataDir } = await startTempServer(cleanup);
    const { id, tokens } = await meetingInPhase(server, 'review');
    const writer = await syncedClient(server, id, tokens.minuteTaker, cleanup);
    setHeaderField(writer.doc, 'place', 'Lokale 1');
    await waitFor(() => writer.tracker.state === 'saved', 'saved');
    await server.api(`/meetings/${id}/versions`, {
      token: tokens.minuteTaker,
      body: { name: 'Mellemversion' },
    });
    await server.rooms.flushAll();
    const walk = async (dir: string): Promise<{ path: string; mode: number; dir: boolean }[]> => {
      const out = [{ path: dir, mode: (await stat(dir)).mode & 0o777, dir: true }];
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) out.push(...(await walk(full)));
        else out.push({ path: full, mode: (await stat(full)).mode & 0o777, dir: false });
      }
      return out;
    };
    const entries = await walk(path.join(dataDir, 'meetings'));
    expect(entries.length).toBeGreaterThan(6);
    for (const e of entries) {
      expect(e.mode & 0o077, `${e.path} is ${e.mode.toString(8)}`).toBe(0);
    }
    // An existing data directory left open by an older version is closed on start.
    const old = path.join(dataDir, 'old-install');
    await mkdir(old, { mode: 0o755 });
    await chmod(old, 0o755);
    await ensurePrivateDir(old);
    expect((await stat(old)).mode & 0o777).toBe(0o700);
  });
});

/** Every required approver approves the current content (their invites are made here). */
async function approveAll(server: TestServer, id: string) {
  const state = await getState(server, id);
  let frozen = false;
  const invites = (await (await server.api(`/meetings/${id}/invites`)).json()) as {
    invites: { id: string; userId: string }[];
  };
  for (const approver of state.approvers) {
    const invite = invites.invites.find((i) => i.userId === approver.userId)!;
    const link = (await (
      await server.api(`/meetings/${id}/invites/${invite.id}/link`, { method: 'POST' })
    ).json()) as { credential: string };
    const token = await server.accessFor(link.credential);
    const res = await server.approve(id, token, state.contentHash);
    frozen = ((await res.json()) as { frozen: boolean }).frozen;
  }
  return { frozen };
}

describe('second red-team review (issue 12)', () => {
  it('R1. a struct overlapping what the server has cannot land under another parent', async () => {
    const { server, restart } = await startTempServer(cleanup, { idleEvictMs: 50 });
    const { id, tokens } = await meetingInPhase(server, 'agenda');
    const raw = await openRaw(`${server.wsBase}/${id}`, tokens.minuteTaker);
    cleanup(() => raw.ws.close());
    // An honest edit by client 424243: its only struct is a new item's Y.Map.
    const state = await server.rooms.read(id, (r) => Y.encodeStateAsUpdate(r.doc));
    const mine = new Y.Doc();
    Y.applyUpdate(mine, state);
    mine.clientID = 424243;
    const before = Y.encodeStateVector(mine);
    mine.transact(() => itemsMap(mine).set('myitem', new Y.Map()));
    raw.ws.send(frameOf(Y.encodeStateAsUpdate(mine, before)));
    // Then clock 0 again, length 2, "in itemOrder": Yjs would hang the new tail next to
    // clock 0 (the item's Y.Map), i.e. as a string value in `items`.
    raw.ws.send(
      frameOf(
        craftUpdate([
          { client: 424243, clock: 0, parent: 'itemOrder', content: { any: ['zzz', 'pwned'] } },
        ]),
      ),
    );
    await waitFor(() => refusals(raw.received).length === 1, 'refused');
    expect(refusals(raw.received)[0].kind).toBe('invalid');
    const doc = await server.rooms.read(id, (r) => r.doc);
    expect(itemsMap(doc).get('myitem')).toBeInstanceOf(Y.Map);
    raw.ws.close();
    const again = await restart();
    await meetingStillReadable(again, id);
    expect((await getState(again, id)).failure).toBeNull();
  });

  it('R2. a paragraph of 128,000 formatted runs reads, hashes and exports', async () => {
    const { server } = await startTempServer(cleanup);
    const { id, tokens } = await meetingInPhase(server, 'review');
    const writer = await syncedClient(server, id, tokens.minuteTaker, cleanup);
    const marks = ['bold', 'italic', 'strike', 'underline'];
    let text: Y.XmlText | null = null;
    for (let round = 0; round < 4; round++) {
      writer.doc.transact(() => {
        if (!text) {
          const body = itemBody(writer.doc, firstItemId(writer.doc))!;
          const section = body.get(body.length - 1) as Y.XmlElement;
          const p = new Y.XmlElement('paragraph');
          section.insert(section.length, [p]);
          text = new Y.XmlText();
          p.insert(0, [text]);
        }
        // Appended to the same paragraph, 32,000 runs an update (each under 2 MiB).
        text.applyDelta([
          { retain: text.length },
          ...Array.from({ length: 32_000 }, (_, i) => ({
            insert: 'ab',
            attributes: { [marks[i % 4]]: {} },
          })),
        ]);
      });
      await waitFor(() => writer.tracker.state === 'saved', `round ${round} saved`);
    }
    expect(writer.channel.refused).toBeNull();
    await meetingStillReadable(server, id);
    await waitFor(async () => (await getState(server, id)).contentHash !== null, 'hashed');
    expect((await getState(server, id)).failure).toBeNull();
  });

  it('R3. an update after a gap in its client’s clock is not applied, not stored and not confirmed', async () => {
    const { server } = await startTempServer(cleanup);
    const { id, tokens } = await meetingInPhase(server, 'meeting');
    const raw = await openRaw(`${server.wsBase}/${id}`, tokens.minuteTaker);
    cleanup(() => raw.ws.close());
    const vector = await server.rooms.read(id, (r) => Y.encodeStateVector(r.doc));
    const ids = Array.from({ length: 50_000 }, () => 'abcdefghijklmnopqrst');
    for (let i = 0; i < 5; i++) {
      raw.ws.send(
        frameOf(
          craftUpdate([
            {
              client: 77777,
              clock: 1_000_000 * (i + 1),
              parent: 'itemOrder',
              content: { any: ids },
            },
          ]),
        ),
      );
    }
    raw.ws.send(saveRequestFrame(1));
    // The server asked this client for what it lacks instead (a sync step 1)…
    await waitFor(() => raw.received.some((m) => m[0] === 0 && m[1] === 0), 'resync asked');
    // …and confirms nothing until it comes.
    const room = server.rooms.peek(id)!;
    expect(Y.encodeStateVector(room.doc)).toEqual(vector);
    expect(room.doc.store.pendingStructs).toBeNull();
    expect(raw.received.some((m) => m[0] === 101)).toBe(false);
  });

  it('R4. a flood of sync requests is closed, without the server buffering the document each time', async () => {
    const { server } = await startTempServer(cleanup);
    const { id, tokens } = await meetingInPhase(server, 'meeting');
    const raw = await openRaw(`${server.wsBase}/${id}`, tokens.observer);
    const step1 = Uint8Array.of(0, 0, 1, 0); // sync step 1 with an empty state vector
    for (let i = 0; i < 100; i++) raw.ws.send(step1);
    expect((await raw.closed).code).toBe(4429);
  });

  it('R5. attribute values must have their schema type (a list starting at "abc" is refused)', async () => {
    const { server } = await startTempServer(cleanup);
    const { id, tokens } = await meetingInPhase(server, 'meeting');
    const raw = await openRaw(`${server.wsBase}/${id}`, tokens.minuteTaker);
    cleanup(() => raw.ws.close());
    const state = await server.rooms.read(id, (r) => Y.encodeStateAsUpdate(r.doc));
    raw.ws.send(
      rawUpdate((d) => {
        const body = itemBody(d, visibleItemIds(d)[0])!;
        const section = body.get(body.length - 1) as Y.XmlElement;
        const list = new Y.XmlElement('orderedList');
        section.insert(0, [list]);
        list.setAttribute('start', 'abc' as never);
      }, state),
    );
    await waitFor(() => refusals(raw.received).length === 1, 'refused');
    // And a value stored before the check is read as 1, so every export works.
    expect(listStart('abc')).toBe(1);
    expect(listStart(3)).toBe(3);
  });

  it('R7. refused writes fill the audit log slowly, however many sockets are opened', async () => {
    const { server } = await startTempServer(cleanup);
    const { id, tokens } = await meetingInPhase(server, 'meeting');
    const state = await server.rooms.read(id, (r) => Y.encodeStateAsUpdate(r.doc));
    for (let i = 0; i < 40; i++) {
      const raw = await openRaw(`${server.wsBase}/${id}`, tokens.observer);
      raw.ws.send(rawUpdate((d) => setHeaderField(d, 'place', `x${i}`), state));
      await waitFor(() => refusals(raw.received).length === 1, 'refused');
      raw.ws.close();
    }
    const audit = (await (await server.api(`/meetings/${id}/audit`)).json()) as {
      entries: { kind: string; name: string }[];
      total: number;
    };
    const refused = audit.entries.filter((e) => e.kind === 'refused-write');
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.length).toBeLessThanOrEqual(6);
  });

  it('R9. a download link is for one meeting and works once, also the secretariat’s', async () => {
    const { server } = await startTempServer(cleanup);
    const a = await server.createMeeting('A');
    const b = await server.createMeeting('B');
    const { url } = (await (
      await server.api(`/meetings/${a}/downloads`, { body: { format: 'html', public: false } })
    ).json()) as { url: string };
    expect((await fetch(server.base + url.replace(a, b))).status).toBe(403);
    expect((await fetch(server.base + url)).status).toBe(200);
    expect((await fetch(server.base + url)).status).toBe(410);
  });

  it('R12. unknown API paths answer with a JSON 404, never the app page', async () => {
    const { server } = await startTempServer(cleanup);
    const res = await fetch(`${server.base}/api/no/such/thing`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: 'not found', code: 'notFound' });
  });
});

/** A sync-update frame around an update. */
function frameOf(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_SYNC);
  syncProtocol.writeUpdate(e, update);
  return encoding.toUint8Array(e);
}

function saveRequestFrame(id: number): Uint8Array {
  return encodeSaveRequest(id);
}
