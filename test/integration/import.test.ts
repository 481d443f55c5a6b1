import type { JSONContent } from '@tiptap/core';
import { describe, expect, it } from 'vitest';
import {
  meetingContentFromJSON,
  type Block,
  type MeetingContent,
  type SectionContent,
} from '../../shared/minutes/content.ts';
import { writeMeetingContent } from '../../shared/minutes/operations.ts';
import { FIXTURE_MEETINGS, fixtureText } from '../fixtures/referater.ts';
import { useCleanups } from '../helpers/cleanups.ts';
import { startTestServer, tempDir, type TestServer } from '../helpers/testServer.ts';
import { waitFor } from '../helpers/waitFor.ts';
import { syncedClient } from '../helpers/workflow.ts';

const cleanup = useCleanups();
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

async function setup() {
  const data = await tempDir();
  cleanup(() => data.remove());
  const server = await startTestServer({ dataDir: data.dir });
  cleanup(() => server.close());
  return server;
}

async function importBody(
  server: TestServer,
  body: string | Uint8Array,
  type: string,
  token?: string | null,
) {
  const t = token === undefined ? server.organiserToken : token;
  return fetch(`${server.base}/api/meetings/import`, {
    method: 'POST',
    headers: { 'content-type': type, ...(t ? { authorization: `Bearer ${t}` } : {}) },
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });
}

async function imported(server: TestServer, res: Response) {
  expect(res.status, await res.clone().text()).toBe(201);
  const body = (await res.json()) as {
    meeting: { id: string; phase: string };
    unrecognised: string[];
  };
  const doc = (await (await server.api(`/meetings/${body.meeting.id}/document`)).json()) as {
    document: JSONContent;
    problems: string[];
  };
  expect(doc.problems).toEqual([]);
  return { ...body, content: meetingContentFromJSON(doc.document) };
}

const flat = (b: Block): string[] =>
  'paragraph' in b
    ? [b.paragraph]
    : 'points' in b
      ? b.points.flatMap((p) => (typeof p === 'string' ? [p] : [p.text, ...p.sub]))
      : b.bullets;
const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
const textOf = (sections: SectionContent[], types: string[]) =>
  norm(
    sections
      .filter((s) => types.includes(s.type))
      .flatMap((s) => s.blocks.flatMap(flat))
      .join(' '),
  );

describe('import of existing minutes', () => {
  for (const [name, expected] of Object.entries(FIXTURE_MEETINGS)) {
    it(`${name} as plain text: items, indstilling, referat/beslutning and participants`, async () => {
      const server = await setup();
      const result = await imported(
        server,
        await importBody(server, fixtureText(name), 'text/plain'),
      );
      const got = result.content;
      expect(result.meeting.phase).toBe('meeting'); // it says "Referat"
      // Every agenda item, numbered in order, with its title.
      expect(got.items.map((i, n) => `${n + 1}. ${i.title}`)).toEqual(
        expected.items.map((i, n) => `${n + 1}. ${i.title}`),
      );
      expected.items.forEach((item, n) => {
        const mine = got.items[n];
        expect(textOf(mine.sections, ['indstilling']), `item ${n + 1} indstilling`).toBe(
          textOf(item.sections, ['indstilling']),
        );
        expect(textOf(mine.sections, ['referat', 'beslutning']), `item ${n + 1} referat`).toBe(
          textOf(item.sections, ['referat', 'beslutning']),
        );
        // Numbered indstilling points stay numbered points.
        const points = (s: SectionContent[]) =>
          s
            .filter((x) => x.type === 'indstilling')
            .flatMap((x) => x.blocks)
            .filter((b) => 'points' in b).length;
        expect(points(mine.sections), `item ${n + 1} indstilling points`).toBe(
          points(item.sections),
        );
      });
      // Participants with organisation, title, role and afbud.
      expect(
        got.participants.map(({ name, organisation, status, title, role }) => ({
          name,
          organisation,
          status,
          title,
          role,
        })),
      ).toEqual(
        expected.participants.map(({ name, organisation, status, title, role }) => ({
          name,
          organisation,
          status,
          title,
          role,
        })),
      );
      // Only the 2020-12-09 minutes print a header (the other starts at item 1).
      if (name === 'driftsforum-midt-2020-12-09.txt') {
        for (const field of ['forum', 'date', 'startTime', 'endTime', 'place', 'chair'] as const) {
          expect(got.header[field], field).toBe(expected.header[field]);
        }
      }
    });
  }

  it('keeps what it could not place, in the right item, and lists it', async () => {
    const server = await setup();
    const text = fixtureText('driftsforum-midt-2020-12-09.txt');
    const result = await imported(server, await importBody(server, text, 'text/plain'));
    // Bare links (the PDF's link annotations) are kept under the item's Bilag and listed.
    const links = result.unrecognised.filter((u) => u.includes('https://'));
    expect(links.length).toBeGreaterThan(3);
    expect(
      links.some((l) =>
        /^Link uden tekst, lagt under Bilag i punkt 3 «Drøftelse og opfølgning.*https:\/\/rn\.dk\/sundhed\//.test(
          l,
        ),
      ),
    ).toBe(true);
    const bilag = result.content.items[2].sections.find((s) => s.type === 'bilag')!;
    expect(JSON.stringify(bilag)).toContain('https://rn.dk/sundhed/');
    // Nothing of the text is lost: every word of the source is in the meeting.
    const all = JSON.stringify(result.content);
    for (const word of ['Nordjysk', 'IPS-metoden', 'Dashboard', 'Årshjulet', 'Lønne']) {
      expect(all).toContain(word);
    }
    // Text before the first item that is not a header field is kept and listed.
    const odd = await imported(
      server,
      await importBody(
        server,
        'Referat\nForum X\nEn løs linje før punkterne\n1. Første punkt\nReferat:\nIntet.\n',
        'text/plain',
      ),
    );
    expect(odd.unrecognised).toEqual([
      'Stod før første punkt, lagt under Sagsfremstilling i punkt 1 «Første punkt»: En løs linje før punkterne',
    ]);
    expect(JSON.stringify(odd.content.items[0])).toContain('En løs linje før punkterne');
  });

  it('a DOCX exported from a meeting imports back to the same structure', async () => {
    const server = await setup();
    for (const content of Object.values(FIXTURE_MEETINGS)) {
      const source: MeetingContent = structuredClone(content);
      const id = await server.createMeeting(source.header.title || 'Referat');
      const c = await syncedClient(server, id, server.organiserToken, cleanup);
      writeMeetingContent(c.doc, source);
      await waitFor(() => c.tracker.state === 'saved', 'saved');
      const docx = Buffer.from(
        await (await server.api(`/meetings/${id}/export?format=docx`)).arrayBuffer(),
      );
      const result = await imported(server, await importBody(server, docx, DOCX));
      const got = result.content;
      const shape = (m: MeetingContent) => ({
        header: Object.fromEntries(
          (['forum', 'date', 'startTime', 'endTime', 'place', 'chair'] as const).map((f) => [
            f,
            m.header[f] ?? '',
          ]),
        ),
        participants: m.participants.map(({ name, title, role, organisation, status }) => ({
          name,
          title,
          role,
          organisation,
          status,
        })),
        items: m.items.map((i) => ({
          title: i.title,
          presenter: i.presenter ?? '',
          sections: i.sections,
        })),
      });
      const expected = shape(source);
      // Without a date in the header the export prints the meeting's date (set at creation).
      expected.header.date ||= '2020-12-09';
      // The export groups participants by organisation, absent ones last.
      const byOrg = (list: typeof expected.participants) => {
        const present = list.filter((p) => p.status !== 'absent');
        const absent = list.filter((p) => p.status === 'absent');
        const group = (l: typeof list) =>
          [...new Set(l.map((p) => p.organisation))].flatMap((o) =>
            l.filter((p) => p.organisation === o),
          );
        return [...group(present), ...group(absent)];
      };
      expected.participants = byOrg(expected.participants);
      expect(shape(got)).toEqual(expected);
    }
  });

  it('refuses bad input and callers who are not the organiser', async () => {
    const server = await setup();
    expect((await importBody(server, 'hello', 'application/json')).status).toBe(415);
    expect((await importBody(server, Buffer.from([1, 2, 3, 4]), DOCX)).status).toBe(400);
    expect((await importBody(server, 'bare tekst uden struktur', 'text/plain')).status).toBe(422);
    expect((await importBody(server, '1. Punkt', 'text/plain', null)).status).toBe(401);
    const id = await server.createMeeting('Møde');
    const { token } = await server.invite(id, 'Bo', 'organiser');
    expect((await importBody(server, '1. Punkt', 'text/plain', token)).status).toBe(403);
    const list = (await (await server.api('/meetings')).json()) as { meetings: unknown[] };
    expect(list.meetings).toHaveLength(1);
  });
});
