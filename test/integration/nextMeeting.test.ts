import { describe, expect, it } from 'vitest';
import type { JSONContent } from '@tiptap/core';
import type { AuditEntry, Invite } from '../../shared/access/workflow.ts';
import type { MeetingMeta } from '../../shared/meeting.ts';
import { itemContentFromJSON, type MeetingContent } from '../../shared/minutes/content.ts';
import { driftsforumItems } from '../../shared/minutes/templates.ts';
import { useCleanups } from '../helpers/cleanups.ts';
import { meetingWith } from '../helpers/exports.ts';
import { startTempServer, type TestServer } from '../helpers/testServer.ts';

const cleanup = useCleanups();

async function json<T>(res: Response, status = 200): Promise<T> {
  const text = await res.text();
  if (res.status !== status) throw new Error(`${res.status}, not ${status}: ${text}`);
  return JSON.parse(text) as T;
}

const createNext = (server: TestServer, from: string, date?: string) =>
  server.api('/meetings', { body: { from, ...(date === undefined ? {} : { date }) } });

async function itemsOf(server: TestServer, id: string) {
  const { document } = await json<{ document: JSONContent }>(
    await server.api(`/meetings/${id}/document`),
  );
  return (document.content ?? [])
    .filter((n) => n.type === 'agendaItem')
    .map((n) => ({ standing: n.attrs?.standing as string, ...itemContentFromJSON(n) }));
}

const invitesOf = async (server: TestServer, id: string) =>
  (await json<{ invites: Invite[] }>(await server.api(`/meetings/${id}/invites`))).invites;

/**
 * Last meeting of "Driftsforum Nord" as held: the agenda approved, what
 * was said written under the standing items (under "Gensidig orientering"
 * also as a sagsfremstilling, as an import leaves it), one item to be put
 * on the agenda again; three people invited, one of them revoked.
 */
const held: MeetingContent = {
  header: { title: 'Driftsforum Nord', forum: 'Driftsforum Nord', date: '2026-12-02' },
  participants: [],
  items: [
    {
      title: 'Godkendelse af dagsorden',
      standing: 'start',
      sections: [
        {
          type: 'indstilling',
          blocks: [{ paragraph: 'Det indstilles, at dagsordenen godkendes.' }],
        },
        {
          type: 'beslutning',
          blocks: [{ paragraph: 'Dagsordenen blev godkendt uden ændringer.' }],
        },
      ],
    },
    {
      title: 'Udredning af børn og unge',
      carryOver: true,
      sections: [
        { type: 'sagsfremstilling', blocks: [{ paragraph: 'Ventetiden er steget.' }] },
        { type: 'beslutning', blocks: [{ paragraph: 'Punktet dagsordenssættes igen.' }] },
      ],
    },
    {
      title: 'Gensidig orientering om temaer med relevans for Driftsforum',
      standing: 'end',
      sections: [
        { type: 'sagsfremstilling', blocks: [{ paragraph: 'Psykiatrien har fået ny direktør.' }] },
        { type: 'referat', blocks: [{ paragraph: 'Kommunen orienterede om nye bosteder.' }] },
      ],
    },
    {
      title: 'Punkter til næste møde',
      standing: 'end',
      sections: [{ type: 'referat', blocks: [{ paragraph: 'Budget 2027.' }] }],
    },
    {
      title: 'Fast punkt om nøgletal',
      standing: 'end',
      sections: [
        { type: 'sagsfremstilling', blocks: [{ paragraph: 'Nøgletal for december.' }] },
        { type: 'referat', blocks: [{ paragraph: 'Taget til efterretning.' }] },
      ],
    },
    {
      title: 'Eventuelt',
      standing: 'end',
      sections: [{ type: 'referat', blocks: [{ paragraph: 'Intet.' }] }],
    },
  ],
};

async function previousMeeting(server: TestServer) {
  const id = await meetingWith(server, held, cleanup);
  await server.invite(id, 'Anne Holm', 'member', true);
  await server.invite(id, 'Bo Nielsen', 'minuteTaker', false);
  const carl = await server.invite(id, 'Carl Berg', 'observer', false);
  const revoked = await server.api(`/meetings/${id}/invites/${carl.invite.id}`, {
    method: 'DELETE',
  });
  expect(revoked.status).toBe(200);
  return id;
}

describe('"Næste møde"', () => {
  it('titles the new meeting from forum and date, never twice the same, and needs the date', async () => {
    const { server } = await startTempServer(cleanup);
    const prev = await previousMeeting(server);

    expect((await createNext(server, prev)).status).toBe(400);
    expect((await createNext(server, prev, '')).status).toBe(400);

    const first = await json<{ meeting: MeetingMeta }>(
      await createNext(server, prev, '2027-03-03'),
      201,
    );
    expect(first.meeting.title).toBe('Driftsforum Nord – 3. marts 2027');
    expect(first.meeting.date).toBe('2027-03-03');
    expect(first.meeting.forum).toBe('Driftsforum Nord');
    const { document } = await json<{ document: JSONContent }>(
      await server.api(`/meetings/${first.meeting.id}/document`),
    );
    expect(document.content![0].attrs).toMatchObject({
      title: 'Driftsforum Nord – 3. marts 2027',
      date: '2027-03-03',
    });

    // The same date again (twice at once): the list still has no two meetings of one name.
    const again = await Promise.all([
      createNext(server, prev, '2027-03-03'),
      createNext(server, prev, '2027-03-03'),
    ]);
    expect(again.map((r) => r.status)).toEqual([201, 201]);
    const { meetings } = await json<{ meetings: MeetingMeta[] }>(await server.api('/meetings'));
    const titles = meetings.map((m) => m.title);
    expect(new Set(titles).size).toBe(titles.length);
    expect(titles.filter((t) => t.startsWith('Driftsforum Nord – 3. marts 2027')).sort()).toEqual([
      'Driftsforum Nord – 3. marts 2027',
      'Driftsforum Nord – 3. marts 2027 (2)',
      'Driftsforum Nord – 3. marts 2027 (3)',
    ]);
  });

  it('carries the invitations over with new links, audited; revoked ones stay behind', async () => {
    const { server } = await startTempServer(cleanup);
    const prev = await previousMeeting(server);
    const before = await invitesOf(server, prev);
    const { meeting } = await json<{ meeting: MeetingMeta }>(
      await createNext(server, prev, '2027-03-03'),
      201,
    );

    const carried = await invitesOf(server, meeting.id);
    expect(carried.map((i) => [i.name, i.role, i.approver, i.revokedAt ?? null])).toEqual([
      ['Anne Holm', 'member', true, null],
      ['Bo Nielsen', 'minuteTaker', false, null],
    ]);
    // New invites: no id or user id shared with the previous meeting's.
    const oldIds = new Set(before.flatMap((i) => [i.id, i.userId]));
    expect(carried.filter((i) => oldIds.has(i.id) || oldIds.has(i.userId))).toEqual([]);
    // Anne is an approver of the new meeting.
    const state = await json<{ state: { approvers: { name: string }[] } }>(
      await server.api(`/meetings/${meeting.id}`),
    );
    expect(state.state.approvers.map((a) => a.name)).toEqual(['Anne Holm']);

    // A link the secretariat sends for the new meeting opens it, and only it.
    const link = await json<{ credential: string; link: string }>(
      await server.api(`/meetings/${meeting.id}/invites/${carried[0].id}/link`, { body: {} }),
      201,
    );
    expect(link.link).toMatch(new RegExp(`^/m/${meeting.id}#invite=`));
    const token = await server.accessFor(link.credential);
    expect((await server.api(`/meetings/${meeting.id}`, { token })).status).toBe(200);
    expect((await server.api(`/meetings/${prev}`, { token })).status).toBe(403);

    const { entries } = await json<{ entries: AuditEntry[] }>(
      await server.api(`/meetings/${meeting.id}/audit`),
    );
    expect(entries.map((e) => e.kind)).toEqual([
      'created',
      'invite',
      'invite',
      'invite-link',
      'invite-claim',
    ]);
    expect(entries[0].detail).toMatchObject({ from: prev });
    expect(entries.slice(1, 3).map((e) => [e.detail.name, e.detail.carriedFrom])).toEqual([
      ['Anne Holm', prev],
      ['Bo Nielsen', prev],
    ]);
    expect(entries[1].name).toBe('Sekretariatet');
  });

  it("standing items come with their usual sections and none of last meeting's text", async () => {
    const { server } = await startTempServer(cleanup);
    const prev = await previousMeeting(server);
    const { meeting } = await json<{ meeting: MeetingMeta }>(
      await createNext(server, prev, '2027-03-03'),
      201,
    );
    const items = await itemsOf(server, meeting.id);
    expect(items.map((i) => i.title)).toEqual([
      'Godkendelse af dagsorden',
      'Udredning af børn og unge',
      'Gensidig orientering om temaer med relevans for Driftsforum',
      'Punkter til næste møde',
      'Fast punkt om nøgletal',
      'Eventuelt',
    ]);
    const template = Object.fromEntries(driftsforumItems().map((i) => [i.title, i.sections]));
    const sections = (title: string) => items.find((i) => i.title === title)!.sections;
    const empty = (type: string) => ({ type, blocks: [{ paragraph: '' }] });

    // As in the Driftsforum template: indstilling with its standard text, an empty beslutning.
    expect(sections('Godkendelse af dagsorden')).toEqual([
      template['Godkendelse af dagsorden'][0],
      empty('beslutning'),
    ]);
    // Last meeting's orientation is not copied: an empty referat, nothing else.
    expect(sections('Gensidig orientering om temaer med relevans for Driftsforum')).toEqual([
      empty('referat'),
    ]);
    expect(sections('Punkter til næste møde')).toEqual([empty('referat')]);
    expect(sections('Eventuelt')).toEqual([empty('referat')]);
    // A standing item the template does not know keeps its kinds of section, emptied.
    expect(sections('Fast punkt om nøgletal')).toEqual([
      empty('sagsfremstilling'),
      empty('referat'),
    ]);
    // The carried item keeps its preparation, not its decision.
    const carried = JSON.stringify(sections('Udredning af børn og unge'));
    expect(carried).toContain('Ventetiden er steget.');
    expect(carried).not.toContain('dagsordenssættes igen.');

    const all = JSON.stringify(items);
    for (const text of [
      'Kommunen orienterede',
      'ny direktør',
      'Budget 2027',
      'Nøgletal for december',
      'Taget til efterretning',
      'Intet.',
      'uden ændringer',
    ]) {
      expect(all, text).not.toContain(text);
    }
  });
});
