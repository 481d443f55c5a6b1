import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { JSONContent } from '@tiptap/core';
import { SECTION_TYPES } from '../../shared/schema/index.ts';
import { itemBody, visibleItemIds, deletedItemIds } from '../../shared/minutes/layout.ts';
import {
  addParticipant,
  deleteItem,
  insertItem,
  moveItem,
  restoreItem,
  setHeaderField,
  setItemFlag,
  updateParticipant,
  writeMeetingContent,
} from '../../shared/minutes/operations.ts';
import { meetingToJSON } from '../../shared/minutes/toJSON.ts';
import { FIXTURE_MEETINGS } from '../fixtures/referater.ts';
import { useCleanups } from '../helpers/cleanups.ts';
import { connectClient, type TestClient } from '../helpers/clients.ts';
import { startTempServer, type TestServer } from '../helpers/testServer.ts';
import { waitFor } from '../helpers/waitFor.ts';
import { expectMeetingMatches } from '../helpers/minutes.ts';

const cleanup = useCleanups();

async function setup() {
  const temp = await startTempServer(cleanup);
  let server = temp.server;
  return {
    server: () => server,
    async restart() {
      server = await temp.restart();
    },
  };
}

function client(server: TestServer, meetingId: string): TestClient {
  const c = connectClient(server.wsBase, meetingId, server.organiserToken);
  cleanup(() => c.destroy());
  return c;
}

async function serverDocument(server: TestServer, id: string) {
  const res = await server.api(`/meetings/${id}/document`);
  expect(res.status).toBe(200);
  return (await res.json()) as {
    document: JSONContent;
    deletedItems: JSONContent[];
    problems: string[];
  };
}

async function createMeeting(server: TestServer, body: Record<string, unknown>) {
  const res = await server.api('/meetings', { body });
  return { status: res.status, body: (await res.json()) as { meeting: { id: string } } };
}

const sameState = (a: Y.Doc, b: Y.Doc) =>
  JSON.stringify(meetingToJSON(a)) === JSON.stringify(meetingToJSON(b));

const itemTitles = (json: JSONContent) =>
  json.content!.slice(2).map((item) => item.content![0].content?.[0]?.text ?? '');

describe('structured minutes through the server', () => {
  for (const [file, meeting] of Object.entries(FIXTURE_MEETINGS)) {
    it(`${file}: written by a client, read back as the server's JSON, also after a restart`, async () => {
      const env = await setup();
      const id = await env.server().createMeeting();
      const a = client(env.server(), id);
      await a.synced();
      writeMeetingContent(a.doc, meeting);
      await waitFor(() => a.tracker.state === 'saved', 'content saved');

      const check = async () => {
        const served = await serverDocument(env.server(), id);
        expect(served.problems).toEqual([]);
        expect(served.document).toEqual(meetingToJSON(a.doc).document);
        expectMeetingMatches(a.doc, meeting);
      };
      await check();
      await env.restart();
      await check();
    });
  }

  it('numbering follows inserts, deletes and moves on every client', async () => {
    const env = await setup();
    const id = await env.server().createMeeting();
    const a = client(env.server(), id);
    const b = client(env.server(), id);
    await Promise.all([a.synced(), b.synced()]);
    const follow = async (expected: string[]) => {
      await waitFor(
        () => itemTitles(meetingToJSON(b.doc).document).join('|') === expected.join('|'),
        `b sees ${expected.join(', ')}`,
      );
      expect(itemTitles(meetingToJSON(a.doc).document)).toEqual(expected);
    };
    const [one, two, three] = ['Et', 'To', 'Tre'].map((t) =>
      insertItem(a.doc, { title: t, sections: [] }),
    );
    await follow(['Et', 'To', 'Tre']);
    insertItem(b.doc, { title: 'Ny', sections: [] }, 0);
    await waitFor(() => visibleItemIds(a.doc).length === 4, 'a sees the new item');
    await follow(['Ny', 'Et', 'To', 'Tre']);
    moveItem(a.doc, three, 1);
    await follow(['Ny', 'Tre', 'Et', 'To']);
    deleteItem(a.doc, one);
    await follow(['Ny', 'Tre', 'To']);
    moveItem(b.doc, two, 0);
    await waitFor(() => visibleItemIds(a.doc)[0] === two, 'a sees the move');
    await follow(['To', 'Ny', 'Tre']);
  });

  it('one moves an item while the other types in it and both add sections: nothing lost', async () => {
    const env = await setup();
    const id = await env.server().createMeeting();
    const a = client(env.server(), id);
    const b = client(env.server(), id);
    await Promise.all([a.synced(), b.synced()]);
    insertItem(a.doc, { title: 'Første', sections: [] });
    const moving = insertItem(a.doc, {
      title: 'Flyttes',
      sections: [{ type: 'referat', blocks: [{ paragraph: 'Start.' }] }],
    });
    await waitFor(() => visibleItemIds(b.doc).length === 2, 'b has both items');

    a.provider.disconnect();
    b.provider.disconnect();
    moveItem(a.doc, moving, 0);
    addSection(a.doc, moving, 'indstilling', 'INDSTILLING-A', 1);
    typeInto(b.doc, moving, 'TYPED-B', 0.99);
    addSection(b.doc, moving, 'beslutning', 'BESLUTNING-B', 2);
    a.provider.connect();
    b.provider.connect();
    await waitFor(() => sameState(a.doc, b.doc), 'a and b converge');

    const { document, problems } = meetingToJSON(a.doc);
    expect(problems).toEqual([]);
    expect(itemTitles(document)).toEqual(['Flyttes', 'Første']);
    const text = JSON.stringify(document.content![2]);
    for (const token of ['INDSTILLING-A', 'TYPED-B', 'BESLUTNING-B', 'Start.']) {
      expect(text).toContain(token);
    }
  });

  it('random concurrent structural edits from two providers end valid and lossless', async () => {
    const env = await setup();
    const seeds = Number(process.env.REFERAT_FUZZ_SEEDS ?? 50);
    for (let seed = 1; seed <= seeds; seed++) {
      const id = await env.server().createMeeting();
      const clients = [client(env.server(), id), client(env.server(), id)];
      await Promise.all(clients.map((c) => c.synced()));
      const random = mulberry32(seed);
      const tokens: string[] = [];
      for (let round = 0; round < 4; round++) {
        for (const c of clients) c.provider.disconnect();
        clients.forEach((c, who) => {
          for (let op = 0; op < 8; op++) {
            const token = `s${seed}r${round}c${who}o${op}x`;
            if (randomOp(c.doc, random, token)) tokens.push(token);
          }
        });
        for (const c of clients) c.provider.connect();
        await waitFor(
          () =>
            sameState(clients[0].doc, clients[1].doc) && clients.every((c) => c.provider.synced),
          `seed ${seed} round ${round}: clients converge`,
        );
      }
      await waitFor(() => clients.every((c) => c.tracker.state === 'saved'), 'all saved');
      const mine = meetingToJSON(clients[0].doc);
      const served = await serverDocument(env.server(), id);
      expect(served.problems, `seed ${seed}`).toEqual([]);
      expect(mine.problems, `seed ${seed}`).toEqual([]);
      expect(served.document, `seed ${seed}: server agrees`).toEqual(mine.document);
      const everything = JSON.stringify([served.document, served.deletedItems]);
      const lost = tokens.filter((t) => !everything.includes(t));
      expect(lost, `seed ${seed}: lost edits`).toEqual([]);
      for (const c of clients) c.destroy();
    }
  });
});

describe('meetings from a template and from the previous meeting', () => {
  it('the meeting list follows forum and date edited in the document header', async () => {
    const env = await setup();
    const server = env.server();
    const id = await server.createMeeting('Møde');
    const a = client(server, id);
    await a.synced();
    setHeaderField(a.doc, 'forum', 'Driftsforum Voksenpsykiatri – Klynge NORD');
    setHeaderField(a.doc, 'date', '2027-01-15');
    setHeaderField(a.doc, 'startTime', 'not a date, ignored by the list');
    const listed = async () => {
      const res = await env.server().api('/meetings');
      const { meetings } = (await res.json()) as {
        meetings: { id: string; forum: string; date: string }[];
      };
      return meetings.find((m) => m.id === id);
    };
    await waitFor(async () => (await listed())?.date === '2027-01-15', 'list shows the new date');
    expect((await listed())?.forum).toBe('Driftsforum Voksenpsykiatri – Klynge NORD');
    setHeaderField(a.doc, 'date', '15. januar'); // not ISO: the list keeps the last good date
    await waitFor(() => a.tracker.state === 'saved', 'saved');
    await env.restart();
    expect((await listed())?.date).toBe('2027-01-15');
  });

  it('creates a Driftsforum agenda with the standing items', async () => {
    const env = await setup();
    const created = await createMeeting(env.server(), {
      title: 'Driftsforum Voksenpsykiatri – Klynge MIDT',
      forum: 'Driftsforum Voksenpsykiatri – Klynge MIDT',
      date: '2026-12-02',
      template: 'driftsforum',
    });
    expect(created.status).toBe(201);
    const served = await serverDocument(env.server(), created.body.meeting.id);
    expect(served.problems).toEqual([]);
    expect(itemTitles(served.document)).toEqual([
      'Godkendelse af dagsorden',
      'Gensidig orientering om temaer med relevans for Driftsforum',
      'Punkter til næste møde',
      'Eventuelt',
    ]);
    expect(served.document.content![0].attrs).toMatchObject({
      forum: 'Driftsforum Voksenpsykiatri – Klynge MIDT',
      date: '2026-12-02',
    });
  });

  it('"from the previous meeting" carries participants, items to put on the agenda again and standing items', async () => {
    const env = await setup();
    const server = env.server();
    const prevId = await server.createMeeting('Driftsforum Midt december');
    const a = client(server, prevId);
    await a.synced();
    const fixture = FIXTURE_MEETINGS['driftsforum-midt-2020-12-09.txt'];
    writeMeetingContent(a.doc, fixture);
    await waitFor(() => a.tracker.state === 'saved', 'previous meeting saved');

    const created = await createMeeting(server, { from: prevId, date: '2021-03-03' });
    expect(created.status).toBe(201);
    const next = await serverDocument(server, created.body.meeting.id);
    expect(next.problems).toEqual([]);
    const [header, participants] = next.document.content!;
    expect(header.attrs).toMatchObject({
      forum: fixture.header.forum,
      chair: 'Maj Skårhøj',
      date: '2021-03-03',
    });
    // Everybody carried over, afbud reset: they are invited again.
    expect(participants.content!.map((p) => [p.attrs!.name, p.attrs!.organisation])).toEqual(
      fixture.participants.map((p) => [p.name, p.organisation]),
    );
    expect(participants.content!.every((p) => p.attrs!.status === 'present')).toBe(true);

    const carried = fixture.items.filter((i) => i.carryOver && !i.standing).map((i) => i.title);
    const standing = fixture.items.filter((i) => i.standing).map((i) => i.title);
    expect(carried).toHaveLength(2);
    expect(itemTitles(next.document)).toEqual([...carried, ...standing]);
    const firstCarried = JSON.stringify(next.document.content![2]);
    expect(firstCarried).toContain('Dagsordenssat igen fra mødet 2020-12-09, punkt 5.');
    expect(firstCarried).toContain('"type":"indstilling"');
    expect(firstCarried).not.toContain('"type":"beslutning"');
    expect(next.document.content![2].attrs!.carryOver).toBe(false);
  });

  it('refuses bad template and previous-meeting input', async () => {
    const env = await setup();
    const server = env.server();
    for (const body of [
      { title: 'x', template: 'nope' },
      { title: 'x', template: 42 },
      { from: '../../etc' },
      { from: 7 },
    ]) {
      expect((await createMeeting(server, body)).status, JSON.stringify(body)).toBe(400);
    }
    expect((await createMeeting(server, { from: 'abcdefabcdefabcd' })).status).toBe(404);
    expect((await server.api('/meetings/..%2F..%2Fx/document')).status).toBe(400);
    expect((await server.api('/meetings/abcdefabcdefabcd/document')).status).toBe(404);
  });
});

// --- random structural edits, at the Yjs level, as the editors make them ---

function mulberry32(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function paragraphWith(text: string): Y.XmlElement {
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText(text)]);
  return p;
}

function addSection(doc: Y.Doc, itemId: string, type: string, token: string, at: number) {
  const body = itemBody(doc, itemId)!;
  const section = new Y.XmlElement(type);
  section.insert(0, [paragraphWith(token)]);
  body.insert(Math.max(1, Math.min(at, body.length)), [section]);
}

/** Types into a text of the item (its title or a section's paragraph), as an editor would. */
function typeInto(doc: Y.Doc, itemId: string, token: string, pick = 0) {
  const body = itemBody(doc, itemId)!;
  const texts: Y.XmlText[] = [];
  const walk = (el: Y.XmlElement | Y.XmlFragment) => {
    for (const child of el.toArray()) {
      if (child instanceof Y.XmlText) texts.push(child);
      else if (child instanceof Y.XmlElement) walk(child);
    }
  };
  walk(body);
  const target = texts[Math.floor(pick * texts.length)];
  // At either end of the text: an insert inside another token would split it
  // and make the loss check fail for the wrong reason.
  if (target) target.insert((pick * texts.length) % 1 < 0.5 ? 0 : target.length, ` ${token} `);
  else addSection(doc, itemId, 'referat', token, body.length);
}

/** One random edit; returns true when it wrote `token` into the document. */
function randomOp(doc: Y.Doc, random: () => number, token: string): boolean {
  const visible = visibleItemIds(doc);
  const anyItem = () => visible[Math.floor(random() * visible.length)];
  const r = random();
  if (visible.length < 2 || r < 0.15) {
    insertItem(
      doc,
      { title: token, sections: [{ type: 'sagsfremstilling', blocks: [] }] },
      Math.floor(random() * (visible.length + 1)),
    );
    return true;
  }
  if (r < 0.4) {
    typeInto(doc, anyItem(), token, random());
    return true;
  }
  if (r < 0.55) {
    const type = SECTION_TYPES[Math.floor(random() * SECTION_TYPES.length)];
    addSection(doc, anyItem(), type, token, 1 + Math.floor(random() * 4));
    return true;
  }
  if (r < 0.75) {
    moveItem(doc, anyItem(), Math.floor(random() * visible.length));
    return false;
  }
  if (r < 0.82) {
    deleteItem(doc, anyItem());
    return false;
  }
  if (r < 0.87) {
    const deleted = deletedItemIds(doc);
    if (deleted.length) restoreItem(doc, deleted[0], 0);
    return false;
  }
  if (r < 0.93) {
    setItemFlag(doc, anyItem(), 'carryOver', random() < 0.5);
    return false;
  }
  const id = addParticipant(doc, {
    name: token,
    title: '',
    role: '',
    organisation: 'Org',
    status: 'present',
  });
  updateParticipant(doc, id, { status: 'absent' });
  return true;
}
