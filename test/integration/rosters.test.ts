import { describe, expect, it } from 'vitest';
import { can, ROLES } from '../../shared/access/permissions.ts';
import type { AuditEntry, Invite } from '../../shared/access/workflow.ts';
import type { Participant } from '../../shared/minutes/fields.ts';
import { readParticipants } from '../../shared/minutes/layout.ts';
import {
  MAX_ROSTER_MEMBERS,
  type Roster,
  type RosterAuditEntry,
  type RosterMember,
} from '../../shared/rosters/roster.ts';
import { createLogger } from '../../server/core/log.ts';
import { forumIdOf } from '../../server/resources/rosters/forumId.ts';
import { RosterService } from '../../server/resources/rosters/RosterService.ts';
import { MemoryRosters } from '../../server/storage/MemoryRosters.ts';
import { useCleanups } from '../helpers/cleanups.ts';
import { TestClock } from '../helpers/clock.ts';
import { startTempServer, type TestServer } from '../helpers/testServer.ts';
import { waitFor } from '../helpers/waitFor.ts';
import { syncedClient } from '../helpers/workflow.ts';

const cleanup = useCleanups();

async function json<T>(res: Response, status = 200): Promise<T> {
  const text = await res.text();
  if (res.status !== status) throw new Error(`${res.status}, not ${status}: ${text}`);
  return JSON.parse(text) as T;
}

async function refused(res: Response, status: number, code?: string) {
  const body = (await res.json()) as { code: string };
  expect(res.status, JSON.stringify(body)).toBe(status);
  if (code) expect(body.code).toBe(code);
}

/**
 * Half past midnight on 1 July 2026 in Copenhagen (still 30 June in UTC):
 * the servers' clock, so which memberships are current never depends on
 * the day the tests run.
 */
const NOW = '2026-06-30T22:30:00Z';

async function setup() {
  return (await startTempServer(cleanup, {}, { now: new TestClock(NOW).now })).server;
}

const ANNE = {
  name: 'Anne Holm',
  email: 'Anne.Holm@Region.DK',
  organisation: 'Region Nord',
  title: 'Klinikchef',
  forumRole: 'formand',
  role: 'member',
  approver: true,
};
const LUKASZ = {
  name: 'Łukasz Nowak',
  email: 'lukasz@kommune.dk',
  organisation: 'Aalborg Kommune',
  title: 'Overlæge',
  forumRole: 'medlem',
  role: 'member',
};
const SOFIA = {
  name: 'Σοφία Παπαδοπούλου',
  email: 'sofia@region.dk',
  organisation: 'Region Nord',
  forumRole: 'sekretær',
  role: 'minuteTaker',
};

async function makeRoster(server: TestServer, forum: string, members: object[] = []) {
  const { roster } = await json<{ roster: Roster }>(
    await server.api('/rosters', { body: { forum } }),
    201,
  );
  const made: RosterMember[] = [];
  for (const m of members) {
    made.push(
      (
        await json<{ member: RosterMember }>(
          await server.api(`/rosters/${roster.id}/members`, { body: m }),
          201,
        )
      ).member,
    );
  }
  return { roster, members: made };
}

async function createMeeting(server: TestServer, body: object) {
  return (await json<{ meeting: { id: string } }>(await server.api('/meetings', { body }), 201))
    .meeting.id;
}

async function participantsOf(server: TestServer, id: string): Promise<Participant[]> {
  return server.rooms.read(id, (room) => readParticipants(room.doc));
}

const invitesOf = async (server: TestServer, id: string) =>
  (await json<{ invites: Invite[] }>(await server.api(`/meetings/${id}/invites`))).invites;

const auditOf = async (server: TestServer, id: string) =>
  (await json<{ entries: AuditEntry[] }>(await server.api(`/meetings/${id}/audit`))).entries;

/** An access token for an invite made through the API (the link's credential exchanged). */
async function tokenFor(server: TestServer, id: string, invite: Invite) {
  const { credential } = await json<{ credential: string }>(
    await server.api(`/meetings/${id}/invites/${invite.id}/link`, { method: 'POST' }),
    201,
  );
  return server.accessFor(credential);
}

describe('roster routes (the secretariat)', () => {
  it('creates a roster, adds, changes and deactivates members, each audited', async () => {
    const server = await setup();
    const { roster } = await makeRoster(server, 'Driftsforum Nord');
    expect(roster.id).toBe(forumIdOf('driftsforum  NORD'));
    // Another spelling of the same forum is the same roster.
    await refused(
      await server.api('/rosters', { body: { forum: '  DRIFTSFORUM   nord ' } }),
      409,
      'rosterExists',
    );

    const { member } = await json<{ member: RosterMember }>(
      await server.api(`/rosters/${roster.id}/members`, { body: ANNE }),
      201,
    );
    expect(member).toMatchObject({
      name: 'Anne Holm',
      email: 'anne.holm@region.dk',
      organisation: 'Region Nord',
      forumRole: 'formand',
      role: 'member',
      approver: true,
      activeFrom: '',
      activeTo: '',
    });
    // The e-mail is unique on the roster, in any case.
    await refused(
      await server.api(`/rosters/${roster.id}/members`, {
        body: { ...LUKASZ, email: 'ANNE.holm@region.dk' },
      }),
      409,
      'emailOnRoster',
    );

    const patched = await json<{ member: RosterMember }>(
      await server.api(`/rosters/${roster.id}/members/${member.id}`, {
        method: 'PATCH',
        body: { title: 'Direktør', approver: false, name: 'Anne Holm' },
      }),
    );
    expect(patched.member).toMatchObject({ title: 'Direktør', approver: false });
    await refused(
      await server.api(`/rosters/${roster.id}/members/${member.id}`, {
        method: 'PATCH',
        body: { activeFrom: '2027-01-01', activeTo: '2026-01-01' },
      }),
      400,
      'datesReversed',
    );
    const gone = await json<{ member: RosterMember }>(
      await server.api(`/rosters/${roster.id}/members/${member.id}`, { method: 'DELETE' }),
    );
    // Inactive from today in Denmark: active up to and including yesterday there.
    expect(gone.member.activeTo).toBe('2026-06-30');

    const got = await json<{ roster: Roster }>(await server.api(`/rosters/${roster.id}`));
    expect(got.roster.members).toHaveLength(1);
    const list = await json<{ rosters: { id: string; members: number; active: number }[] }>(
      await server.api('/rosters'),
    );
    expect(list.rosters).toEqual([
      expect.objectContaining({ id: roster.id, forum: 'Driftsforum Nord', members: 1, active: 0 }),
    ]);
    expect(JSON.stringify(list)).not.toContain('anne.holm');

    const { entries } = await json<{ entries: RosterAuditEntry[] }>(
      await server.api(`/rosters/${roster.id}/audit`),
    );
    expect(entries.map((e) => e.kind)).toEqual([
      'roster-created',
      'member-added',
      'member-changed',
      'member-deactivated',
    ]);
    for (const e of entries) expect(e.name).toBe('Sekretariatet');
    // Only what changed: the name was sent unchanged and is not listed.
    expect(entries[2].changes).toEqual({
      title: { from: 'Klinikchef', to: 'Direktør' },
      approver: { from: true, to: false },
    });
    expect(entries[3]).toMatchObject({
      memberId: member.id,
      memberName: 'Anne Holm',
      changes: { activeTo: { from: '', to: '2026-06-30' } },
    });
  });

  it('refuses bad input with 400 and names nothing it did not store', async () => {
    const server = await setup();
    const { roster } = await makeRoster(server, 'MED Syd');
    const bad: object[] = [
      {},
      { ...ANNE, email: 'not-an-address' },
      { ...ANNE, email: 'a@b.dk'.padStart(300, 'x') },
      { ...ANNE, name: '   ' },
      { ...ANNE, name: 'x'.repeat(101) },
      { ...ANNE, role: 'organiser' },
      { ...ANNE, approver: 'yes' },
      { ...ANNE, organisation: 'x'.repeat(201) },
      { ...ANNE, activeFrom: '2026-02-30' },
      { ...ANNE, activeTo: '1. januar 2027' },
      { ...ANNE, isAdmin: true },
    ];
    for (const body of bad) {
      await refused(
        await server.api(`/rosters/${roster.id}/members`, { body }),
        400,
        'invalidInput',
      );
    }
    await refused(
      await server.api(`/rosters/${roster.id}/members`, {
        body: { ...ANNE, activeFrom: '2027-01-01', activeTo: '2026-12-31' },
      }),
      400,
      'datesReversed',
    );
    await refused(await server.api('/rosters', { body: { forum: '' } }), 400, 'invalidInput');
    await refused(await server.api('/rosters', { body: { forum: 'x'.repeat(201) } }), 400);
    await refused(await server.api('/rosters/..%2f..%2fetc'), 400, 'invalidInput');
    await refused(await server.api(`/rosters/f${'0'.repeat(32)}`), 404, 'notFound');
    await refused(
      await server.api(`/rosters/${roster.id}/members/not-a-uuid`, { method: 'PATCH', body: {} }),
      400,
    );
    const { member } = await json<{ member: RosterMember }>(
      await server.api(`/rosters/${roster.id}/members`, { body: ANNE }),
      201,
    );
    await refused(
      await server.api(`/rosters/${roster.id}/members/${member.id}`, { method: 'PATCH', body: {} }),
      400,
      'invalidInput',
    );
    await refused(
      await server.api(`/rosters/${roster.id}/members/${crypto.randomUUID()}`, {
        method: 'DELETE',
      }),
      404,
    );
    const { roster: stored } = await json<{ roster: Roster }>(
      await server.api(`/rosters/${roster.id}`),
    );
    expect(stored.members).toHaveLength(1);
  });

  it('lets nobody but the secretariat read or change a roster', async () => {
    const server = await setup();
    const { roster, members } = await makeRoster(server, 'Driftsforum Nord', [ANNE]);
    const { roster: other } = await makeRoster(server, 'MED Syd', [LUKASZ]);
    const meetingId = await createMeeting(server, {
      title: 'Møde',
      forum: 'Driftsforum Nord',
      date: '2026-03-04',
    });
    const anne = (await invitesOf(server, meetingId)).find((i) => i.memberId === members[0].id)!;
    const tokens = {
      member: await tokenFor(server, meetingId, anne),
      minuteTaker: (await server.invite(meetingId, 'Referent', 'minuteTaker')).token,
      observer: (await server.invite(meetingId, 'Gæst', 'observer')).token,
      invitedOrganiser: (await server.invite(meetingId, 'Formand', 'organiser')).token,
    };
    const memberPath = `/rosters/${roster.id}/members/${members[0].id}`;
    const attempts: { path: string; method?: string; body?: unknown }[] = [
      { path: '/rosters' },
      { path: '/rosters', body: { forum: 'Nyt forum' } },
      { path: `/rosters/${roster.id}` },
      { path: `/rosters/${other.id}` },
      { path: `/rosters/${roster.id}/audit` },
      { path: `/rosters/${roster.id}/members`, body: { ...LUKASZ, email: 'ny@x.dk' } },
      { path: memberPath, method: 'PATCH', body: { email: 'mig@x.dk', approver: true } },
      { path: memberPath, method: 'DELETE' },
    ];
    for (const attempt of attempts) {
      await refused(await server.api(attempt.path, { ...attempt, token: null }), 401);
      await refused(await server.api(attempt.path, { ...attempt, token: 'x.y.z' }), 401);
      for (const token of Object.values(tokens)) {
        await refused(await server.api(attempt.path, { ...attempt, token }), 403, 'organiserOnly');
      }
    }
    const { roster: after } = await json<{ roster: Roster }>(
      await server.api(`/rosters/${roster.id}`),
    );
    expect(after.members).toEqual(members);
    expect((await json<{ rosters: unknown[] }>(await server.api('/rosters'))).rosters).toHaveLength(
      2,
    );

    // A member reads their own entry, and nobody else's.
    const own = await json<{ forum: string; member: RosterMember }>(
      await server.api('/rosters/me', { token: tokens.member }),
    );
    expect(own).toEqual({ forum: 'Driftsforum Nord', member: members[0] });
    for (const token of [tokens.minuteTaker, tokens.observer, server.organiserToken]) {
      await refused(await server.api('/rosters/me', { token }), 404, 'notOnRoster');
    }
    await refused(await server.api('/rosters/me', { token: null }), 401);
    // Revoking the invitation ends that, too.
    await server.api(`/meetings/${meetingId}/invites/${anne.id}`, { method: 'DELETE' });
    await refused(await server.api('/rosters/me', { token: tokens.member }), 401, 'inviteRevoked');
  });

  it('keeps its limits: members per roster', async () => {
    const service = new RosterService(new MemoryRosters(), createLogger('silent'));
    const actor = { userId: 'organiser:x', name: 'Sekretariatet' };
    const roster = await service.create(actor, 'Stort forum');
    for (let n = 0; n < MAX_ROSTER_MEMBERS; n++) {
      await service.addMember(actor, roster.id, { ...LUKASZ, email: `m${n}@x.dk`, role: 'member' });
    }
    await expect(
      service.addMember(actor, roster.id, { ...LUKASZ, email: 'en-til@x.dk', role: 'member' }),
    ).rejects.toMatchObject({ status: 413, code: 'rosterFull' });
  });

  it('stores rosters durably: a restarted server has them, in private files', async () => {
    const temp = await startTempServer(cleanup);
    const { roster } = await makeRoster(temp.server, 'Driftsforum Nord', [ANNE]);
    const again = await temp.restart();
    const got = await json<{ roster: Roster }>(await again.api(`/rosters/${roster.id}`));
    expect(got.roster.members[0].email).toBe('anne.holm@region.dk');
    const { stat } = await import('node:fs/promises');
    const file = `${temp.dataDir}/rosters/${roster.id}/roster.json`;
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await stat(`${temp.dataDir}/rosters/${roster.id}/audit.jsonl`)).mode & 0o777).toBe(
      0o600,
    );
  });
});

describe('new meetings of a forum with a roster', () => {
  async function rosterOfThree(server: TestServer) {
    // Anne is active; Łukasz only from 2027; Sofia is active until the end of 2026.
    return makeRoster(server, 'Driftsforum Nord', [
      ANNE,
      { ...LUKASZ, activeFrom: '2027-01-01' },
      { ...SOFIA, activeTo: '2026-12-31' },
    ]);
  }

  it('a meeting from a template gets the active members as participants and invitations', async () => {
    const server = await setup();
    const { roster, members } = await rosterOfThree(server);
    const id = await createMeeting(server, {
      title: 'Driftsforum december',
      forum: '  driftsforum  NORD ',
      date: '2026-12-31',
      template: 'driftsforum',
    });
    const participants = await participantsOf(server, id);
    expect(participants.map((p) => [p.name, p.organisation, p.role, p.title])).toEqual([
      ['Anne Holm', 'Region Nord', 'formand', 'Klinikchef'],
      ['Σοφία Παπαδοπούλου', 'Region Nord', 'sekretær', ''],
    ]);
    const invites = await invitesOf(server, id);
    expect(
      invites.map((i) => [i.name, i.email, i.role, i.approver, i.memberId, i.participantId]),
    ).toEqual([
      ['Anne Holm', 'anne.holm@region.dk', 'member', true, members[0].id, participants[0].id],
      [
        'Σοφία Παπαδοπούλου',
        'sofia@region.dk',
        'minuteTaker',
        false,
        members[2].id,
        participants[1].id,
      ],
    ]);
    const audit = await auditOf(server, id);
    expect(audit.find((e) => e.kind === 'created')?.detail).toMatchObject({
      roster: roster.id,
      rosterMembers: 2,
    });
    expect(audit.filter((e) => e.kind === 'invite').map((e) => e.detail.fromRoster)).toEqual([
      roster.id,
      roster.id,
    ]);

    // In 2027 the roster says Łukasz, not Sofia.
    const later = await createMeeting(server, {
      title: 'Driftsforum januar',
      forum: 'Driftsforum Nord',
      date: '2027-01-06',
    });
    expect((await participantsOf(server, later)).map((p) => p.name)).toEqual([
      'Anne Holm',
      'Łukasz Nowak',
    ]);
    // A forum without a roster: as before, nobody.
    const plain = await createMeeting(server, {
      title: 'Andet',
      forum: 'MED Syd',
      date: '2027-01-06',
    });
    expect(await participantsOf(server, plain)).toEqual([]);
    expect(await invitesOf(server, plain)).toEqual([]);
  });

  it('a meeting without a date yet gets the members active today in Denmark, by the server’s clock', async () => {
    const server = await setup();
    // The server's today is 1 July 2026 in Denmark (30 June in UTC).
    await makeRoster(server, 'Driftsforum Nord', [
      { ...ANNE, activeTo: '2026-06-30' },
      { ...LUKASZ, activeTo: '2026-07-01' },
      { ...SOFIA, activeFrom: '2026-07-02' },
    ]);
    const id = await createMeeting(server, { title: 'Udateret', forum: 'Driftsforum Nord' });
    expect((await participantsOf(server, id)).map((p) => p.name)).toEqual(['Łukasz Nowak']);
    expect((await invitesOf(server, id)).map((i) => i.name)).toEqual(['Łukasz Nowak']);
  });

  it('the next meeting takes participants and invitations from the roster, not the last meeting', async () => {
    const server = await setup();
    const { roster, members } = await makeRoster(server, 'Driftsforum Nord', [
      ANNE,
      { ...LUKASZ, activeFrom: '2999-01-01' },
      SOFIA,
    ]);
    const first = await createMeeting(server, {
      title: 'Driftsforum Nord',
      forum: 'Driftsforum Nord',
      date: '2099-05-06',
    });
    expect((await participantsOf(server, first)).map((p) => p.name)).toEqual([
      'Anne Holm',
      'Σοφία Παπαδοπούλου',
    ]);
    // Someone invited by hand to the first meeting only.
    await server.invite(first, 'Gæst Gæstesen', 'observer');
    // Sofia leaves today; Łukasz's start is moved forward.
    await server.api(`/rosters/${roster.id}/members/${members[2].id}`, { method: 'DELETE' });
    await server.api(`/rosters/${roster.id}/members/${members[1].id}`, {
      method: 'PATCH',
      body: { activeFrom: '' },
    });
    const next = await json<{ meeting: { id: string } }>(
      await server.api('/meetings', { body: { from: first, date: '2099-06-03' } }),
      201,
    );
    const participants = await participantsOf(server, next.meeting.id);
    // Grouped by organisation: Region Nord, then Aalborg Kommune.
    expect(participants.map((p) => p.name)).toEqual(['Anne Holm', 'Łukasz Nowak']);
    const invites = await invitesOf(server, next.meeting.id);
    expect(invites.every((i) => i.memberId && i.email)).toBe(true);
    expect(invites.map((i) => i.name)).not.toContain('Gæst Gæstesen');
    expect(invites.map((i) => i.participantId).sort()).toEqual(
      participants.map((p) => p.id).sort(),
    );
    expect(
      (await auditOf(server, next.meeting.id)).find((e) => e.kind === 'created')?.detail,
    ).toMatchObject({ from: first, roster: roster.id });
  });

  it('an import links roster members to participants already in the document', async () => {
    const server = await setup();
    const { members } = await makeRoster(server, 'Driftsforum Nord', [
      ANNE,
      LUKASZ,
      { ...SOFIA, name: 'Bo Berg', email: 'bo@region.dk' },
    ]);
    const text = [
      'Referat',
      'Driftsforum Nord',
      '',
      'Onsdag d. 9. december 2026 kl. 8.30 – 11.30',
      '',
      'Deltagere:',
      'Region Nord:',
      '- ANNE  HOLM – Klinikchef',
      'Aalborg Kommune:',
      '- łukasz nowak – Overlæge',
      '- Lukasz Novak – Konsulent',
      '',
      '1. Godkendelse af dagsorden',
      'Referat:',
      'Godkendt.',
    ].join('\n');
    const res = await fetch(`${server.base}/api/meetings/import`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', authorization: `Bearer ${server.organiserToken}` },
      body: text,
    });
    const { meeting } = await json<{ meeting: { id: string; forum: string } }>(res, 201);
    expect(meeting.forum).toBe('Driftsforum Nord');
    const participants = await participantsOf(server, meeting.id);
    expect(participants.map((p) => p.name)).toEqual([
      'ANNE  HOLM',
      'łukasz nowak',
      'Lukasz Novak',
      'Bo Berg',
    ]);
    const invites = await invitesOf(server, meeting.id);
    const linked = Object.fromEntries(invites.map((i) => [i.memberId, i.participantId]));
    expect(linked).toEqual({
      [members[0].id]: participants[0].id,
      [members[1].id]: participants[1].id,
      [members[2].id]: participants[3].id,
    });
  });
});

describe('afbud', () => {
  async function meetingWithRoster(server: TestServer) {
    const { members } = await makeRoster(server, 'Driftsforum Nord', [ANNE, LUKASZ]);
    const id = await createMeeting(server, {
      title: 'Møde',
      forum: 'Driftsforum Nord',
      date: '2026-03-04',
    });
    const invites = await invitesOf(server, id);
    const anne = invites.find((i) => i.memberId === members[0].id)!;
    const lukasz = invites.find((i) => i.memberId === members[1].id)!;
    return { id, anne, lukasz, anneToken: await tokenFor(server, id, anne) };
  }
  const statusOf = async (server: TestServer, id: string, participantId: string) =>
    (await participantsOf(server, id)).find((p) => p.id === participantId)?.status;

  it('a member registers and withdraws their own absence; the chair sees it live; audited', async () => {
    const server = await setup();
    const { id, anne, lukasz, anneToken } = await meetingWithRoster(server);
    const chair = await syncedClient(server, id, server.organiserToken, cleanup);
    const res = await json<{ participantId: string; status: string }>(
      await server.api(`/meetings/${id}/absence`, {
        method: 'PUT',
        body: { absent: true },
        token: anneToken,
      }),
    );
    expect(res).toEqual({ participantId: anne.participantId, status: 'absent' });
    await waitFor(
      () =>
        readParticipants(chair.doc).find((p) => p.id === anne.participantId)?.status === 'absent',
      'the chair’s document shows the afbud',
    );
    expect(await statusOf(server, id, lukasz.participantId!)).toBe('present');
    const you = await json<{ you: { participantId: string | null } }>(
      await server.api(`/meetings/${id}`, { token: anneToken }),
    );
    expect(you.you.participantId).toBe(anne.participantId);

    await server.api(`/meetings/${id}/absence`, {
      method: 'PUT',
      body: { absent: false },
      token: anneToken,
    });
    expect(await statusOf(server, id, anne.participantId!)).toBe('present');
    const entries = (await auditOf(server, id)).filter((e) => e.kind === 'absence');
    expect(entries.map((e) => [e.name, e.detail.participantId, e.detail.absent])).toEqual([
      ['Anne Holm', anne.participantId, true],
      ['Anne Holm', anne.participantId, false],
    ]);
  });

  it('is stored: after a restart the absence is in the document', async () => {
    const temp = await startTempServer(cleanup);
    const { id, anne, anneToken } = await meetingWithRoster(temp.server);
    await json(
      await temp.server.api(`/meetings/${id}/absence`, {
        method: 'PUT',
        body: { absent: true },
        token: anneToken,
      }),
    );
    const again = await temp.restart();
    expect(await statusOf(again, id, anne.participantId!)).toBe('absent');
  });

  it('cannot be set for anyone else, nor without a linked participant, nor by bad input', async () => {
    const server = await setup();
    const { id, lukasz, anneToken } = await meetingWithRoster(server);
    const put = (body: unknown, token: string | null, meetingId = id) =>
      server.api(`/meetings/${meetingId}/absence`, { method: 'PUT', body, token });
    // Naming someone else's participant is not part of the request.
    await refused(await put({ absent: true, participantId: lukasz.participantId }, anneToken), 400);
    await refused(await put({ absent: 'yes' }, anneToken), 400, 'invalidInput');
    await refused(await put({}, anneToken), 400, 'invalidInput');
    await refused(await put({ absent: true }, null), 401);
    // The secretariat's sign-in and invitees without a participant have no afbud of their own.
    await refused(await put({ absent: true }, server.organiserToken), 409, 'noParticipant');
    const unlinked = await server.invite(id, 'Uden deltager', 'member');
    await refused(await put({ absent: true }, unlinked.token), 409, 'noParticipant');
    // Another meeting: the token is for this one only.
    const other = await createMeeting(server, { title: 'Andet', forum: 'MED Syd' });
    await refused(await put({ absent: true }, anneToken, other), 403, 'notForThisMeeting');
    expect(await statusOf(server, id, lukasz.participantId!)).toBe('present');
    expect((await auditOf(server, id)).filter((e) => e.kind === 'absence')).toEqual([]);
  });

  it('follows the permission table by role and phase (not once the draft is out)', async () => {
    const server = await setup();
    const { id } = await meetingWithRoster(server);
    const participants = await participantsOf(server, id);
    const tokens = new Map<string, string>();
    for (const role of ROLES) {
      const res = await server.api(`/meetings/${id}/invites`, {
        body: { name: `Som ${role}`, role, participantId: participants[0].id },
      });
      const { credential } = await json<{ credential: string }>(res, 201);
      tokens.set(role, await server.accessFor(credential));
    }
    for (const phase of ['agenda', 'meeting', 'review'] as const) {
      if (phase !== 'agenda') {
        await json(await server.api(`/meetings/${id}/phase`, { body: { to: phase } }));
      }
      for (const role of ROLES) {
        const res = await server.api(`/meetings/${id}/absence`, {
          method: 'PUT',
          body: { absent: true },
          token: tokens.get(role)!,
        });
        if (can(role, phase, 'reportAbsence')) expect(res.status, `${role} ${phase}`).toBe(200);
        else await refused(res, 403, 'phaseForbids');
      }
    }
  });
});
