import { createHash } from 'node:crypto';
import { readFile, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import type { Role } from '../../shared/access/permissions.ts';
import type { AuditEntry, BilagFile } from '../../shared/access/workflow.ts';
import type { MeetingContent } from '../../shared/minutes/content.ts';
import { visibleItemIds } from '../../shared/minutes/layout.ts';
import { contentHash } from '../../server/resources/versions/contentHash.ts';
import {
  jpegFixture,
  makePdf,
  makePng,
  pageCount,
  pdfToText,
  readBookmarks,
  uploadBilag,
  uploaded,
} from '../helpers/bilag.ts';
import { useCleanups } from '../helpers/cleanups.ts';
import { exportBytes, meetingWith } from '../helpers/exports.ts';
import { startTempServer, type TestServer } from '../helpers/testServer.ts';
import { getState } from '../helpers/workflow.ts';

const cleanup = useCleanups();

const CONTENT: MeetingContent = {
  header: { forum: 'Driftsforum', title: 'Driftsforum', date: '2027-03-01' },
  participants: [],
  items: [
    {
      title: 'Budget 2027',
      sections: [{ type: 'sagsfremstilling', blocks: [{ paragraph: 'Budgettet for 2027.' }] }],
    },
    {
      title: 'Personalesag',
      closed: true,
      sections: [{ type: 'sagsfremstilling', blocks: [{ paragraph: 'Fortroligt.' }] }],
    },
    {
      title: 'Eventuelt',
      sections: [{ type: 'referat', blocks: [{ paragraph: 'Intet.' }] }],
    },
  ],
};

/** A meeting with three items (the second closed) and one invitee per role. */
async function meeting(server: TestServer) {
  const id = await meetingWith(server, CONTENT, cleanup);
  const items = await server.rooms.read(id, (room) => visibleItemIds(room.doc));
  const tokens = { organiser: server.organiserToken } as Record<Role | 'secretariat', string>;
  for (const role of ['organiser', 'minuteTaker', 'member', 'observer'] as Role[]) {
    tokens[role] = (await server.invite(id, `Test ${role}`, role)).token;
  }
  return { id, items, tokens };
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function docxBytes(server: TestServer, id: string): Promise<Uint8Array> {
  return new Uint8Array(await exportBytes(server, id, 'format=docx'));
}

const bilagDir = (dataDir: string, id: string) => path.join(dataDir, 'meetings', id, 'bilag');
const filesIn = (dir: string) => readdir(dir).catch(() => [] as string[]);

describe('bilag: upload', () => {
  it('takes a PDF, a DOCX, a PNG and a JPEG, typed by their bytes, stored 0600 with their checksum', async () => {
    const { server, dataDir } = await startTempServer(cleanup);
    const { id, items } = await meeting(server);
    const pdf = await makePdf(['Budgetbilag side 1']);
    const files = [
      ['Bilag 1 – Budget 2027.pdf', pdf, 'pdf'],
      ['Notat om økonomi.docx', await docxBytes(server, id), 'docx'],
      ['Organisationsdiagram.png', makePng(), 'png'],
      ['Foto fra mødet.jpg', await jpegFixture(), 'jpeg'],
    ] as const;
    for (const [name, bytes, type] of files) {
      const file = await uploaded(server, id, items[0], name, bytes);
      expect(file).toMatchObject({ name, type, size: bytes.length, sha256: sha256(bytes) });
      expect(file.itemId).toBe(items[0]);
      const stored = path.join(bilagDir(dataDir, id), `${file.id}.bin`);
      expect(sha256(await readFile(stored))).toBe(file.sha256);
      expect((await stat(stored)).mode & 0o777).toBe(0o600);
    }
    const state = await getState(server, id);
    expect(state.bilag.map((b) => b.type)).toEqual(['pdf', 'docx', 'png', 'jpeg']);
    // Stored under generated names only, no temp files left.
    expect((await filesIn(bilagDir(dataDir, id))).sort()).toEqual(
      state.bilag.map((b) => `${b.id}.bin`).sort(),
    );
  });

  it('works through app.request() as well, and keeps the extension its bytes call for', async () => {
    const { server } = await startTempServer(cleanup);
    const { id, items } = await meeting(server);
    const query = new URLSearchParams({ item: items[2], name: '../../etc/Referat\u202Egnp.exe' });
    const res = await server.app.request(`/api/meetings/${id}/bilag?${query}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.organiserToken}`, 'content-type': 'image/png' },
      body: await makePdf(['x']),
    });
    expect(res.status).toBe(201);
    const { bilag } = (await res.json()) as { bilag: BilagFile };
    // No path, no bidi override, and the extension of what it really is.
    expect(bilag.name).toBe('Referatgnp.exe.pdf');
    expect(bilag.type).toBe('pdf');
  });

  it('refuses files whose name lies: an executable or HTML called .pdf, a ZIP that is no Word file', async () => {
    const { server, dataDir } = await startTempServer(cleanup);
    const { id, items } = await meeting(server);
    const zip = new JSZip();
    zip.file('a.txt', 'not word');
    const liars: [string, Uint8Array][] = [
      ['budget.pdf', new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 3, 0, 0, 0, 4, 0, 0, 0])],
      ['budget.pdf', new TextEncoder().encode('<!DOCTYPE html><script>alert(1)</script>')],
      ['budget.docx', await zip.generateAsync({ type: 'uint8array' })],
      ['budget.png', new TextEncoder().encode(' %PDF-1.7 leading space')],
    ];
    for (const [name, bytes] of liars) {
      const res = await uploadBilag(server, id, items[0], name, bytes);
      expect(res.status, name).toBe(415);
      expect(((await res.json()) as { code: string }).code).toBe('bilagType');
    }
    expect(await filesIn(bilagDir(dataDir, id))).toEqual([]);
    expect((await getState(server, id)).bilag).toEqual([]);
  });

  it('refuses an empty file, one over the size limit, one too many and one over the meeting total', async () => {
    const { server, dataDir } = await startTempServer(cleanup, {
      maxBilagBytes: 64 * 1024,
      maxBilagFiles: 2,
      maxMeetingBilagBytes: 100 * 1024,
    });
    const { id, items } = await meeting(server);
    const code = async (res: Response) => [
      res.status,
      ((await res.json()) as { code: string }).code,
    ];
    expect(
      await code(await uploadBilag(server, id, items[0], 'tom.pdf', new Uint8Array())),
    ).toEqual([400, 'bilagEmpty']);
    const big = new Uint8Array(64 * 1024 + 1);
    big.set(new TextEncoder().encode('%PDF-1.7\n'));
    expect(await code(await uploadBilag(server, id, items[0], 'stor.pdf', big))).toEqual([
      413,
      'bilagTooLarge',
    ]);
    const sixty = new Uint8Array(60 * 1024);
    sixty.set(makePng());
    await uploaded(server, id, items[0], 'a.png', sixty);
    // 60 KiB + 60 KiB > 100 KiB for the meeting.
    expect(await code(await uploadBilag(server, id, items[0], 'b.png', sixty))).toEqual([
      413,
      'bilagFull',
    ]);
    await uploaded(server, id, items[0], 'c.png', makePng());
    expect(await code(await uploadBilag(server, id, items[0], 'd.png', makePng()))).toEqual([
      413,
      'bilagFull',
    ]);
    expect((await getState(server, id)).bilag.map((b) => b.name)).toEqual(['a.png', 'c.png']);
    expect(await filesIn(bilagDir(dataDir, id))).toHaveLength(2);
  });

  it('refuses bad input and callers without access', async () => {
    const { server } = await startTempServer(cleanup);
    const { id, items, tokens } = await meeting(server);
    const other = await meeting(server);
    const pdf = await makePdf(['x']);
    expect((await uploadBilag(server, id, items[0], 'x.pdf', pdf, null)).status).toBe(401);
    expect((await uploadBilag(server, id, items[0], 'x.pdf', pdf, 'not.a.token')).status).toBe(401);
    // A token for another meeting.
    expect(
      (await uploadBilag(server, id, items[0], 'x.pdf', pdf, other.tokens.minuteTaker)).status,
    ).toBe(403);
    // An item of another meeting, an unknown item, no item.
    expect((await uploadBilag(server, id, other.items[0], 'x.pdf', pdf)).status).toBe(404);
    expect((await uploadBilag(server, id, 'nope', 'x.pdf', pdf)).status).toBe(404);
    const noItem = await fetch(`${server.base}/api/meetings/${id}/bilag?name=x.pdf`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.organiser}` },
      body: pdf,
    });
    expect(noItem.status).toBe(400);
    for (const bad of ['nope', '..%2f..%2fmeta.json', '00000000-0000-0000-0000-00000000000g']) {
      const res = await server.api(`/meetings/${id}/bilag/${bad}`);
      expect(res.status, bad).toBe(400);
    }
    const unknown = await server.api(`/meetings/${id}/bilag/${crypto.randomUUID()}`);
    expect(unknown.status).toBe(404);
    expect((await server.api(`/meetings/${id}/package?public=2`)).status).toBe(400);
    expect((await server.api(`/meetings/${id}/package`, { token: null })).status).toBe(401);
  });
});

describe('bilag: who may do what', () => {
  it('downloads by role: a closed item’s bilag only for roles that may read closed items', async () => {
    const { server } = await startTempServer(cleanup);
    const { id, items, tokens } = await meeting(server);
    const open = await uploaded(
      server,
      id,
      items[0],
      'Bilag 1 – Budget 2027.pdf',
      await makePdf(['Åben']),
    );
    const closed = await uploaded(
      server,
      id,
      items[1],
      'Løn – Łukasz Żółć.pdf',
      await makePdf(['Lukket']),
    );
    const get = (file: BilagFile, token: string | null) =>
      server.api(`/meetings/${id}/bilag/${file.id}`, { token });

    for (const role of ['organiser', 'minuteTaker', 'member', 'observer'] as Role[]) {
      const res = await get(open, tokens[role]);
      expect(res.status, role).toBe(200);
      expect(sha256(new Uint8Array(await res.arrayBuffer()))).toBe(open.sha256);
    }
    const res = await get(open, tokens.organiser);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="Bilag 1 _ Budget 2027.pdf"; filename*=UTF-8''Bilag%201%20%E2%80%93%20Budget%202027.pdf`,
    );
    expect((await get(open, null)).status).toBe(401);

    for (const role of ['organiser', 'minuteTaker', 'member'] as Role[]) {
      expect((await get(closed, tokens[role])).status, role).toBe(200);
    }
    const refused = await get(closed, tokens.observer);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { code: string }).code).toBe('bilagClosed');
    const disposition = (await get(closed, tokens.member)).headers.get('content-disposition')!;
    expect(disposition).toContain(
      `filename*=UTF-8''${encodeURIComponent('Løn – Łukasz Żółć.pdf')}`,
    );
    expect(disposition).toContain('filename="Loen _ _ukasz Zo_c.pdf"');
  });

  it('lets only the roles that may edit upload and delete, and nobody once approved', async () => {
    const { server } = await startTempServer(cleanup);
    const { id, items, tokens } = await meeting(server);
    const pdf = await makePdf(['x']);
    for (const role of ['member', 'observer'] as Role[]) {
      const res = await uploadBilag(server, id, items[0], 'x.pdf', pdf, tokens[role]);
      expect(res.status, role).toBe(403);
    }
    const mine = await uploaded(server, id, items[0], 'x.pdf', pdf, tokens.minuteTaker);
    const del = (file: BilagFile, token: string) =>
      server.api(`/meetings/${id}/bilag/${file.id}`, { method: 'DELETE', token });
    expect((await del(mine, tokens.member)).status).toBe(403);
    expect((await del(mine, tokens.minuteTaker)).status).toBe(200);
    expect((await del(mine, tokens.minuteTaker)).status).toBe(404);
    expect((await getState(server, id)).bilag).toEqual([]);

    // Approved: the files stay, nobody adds or deletes.
    const kept = await uploaded(server, id, items[0], 'kept.pdf', pdf);
    const chair = await server.invite(id, 'Formand', 'member', true);
    for (const to of ['meeting', 'review']) {
      expect((await server.api(`/meetings/${id}/phase`, { body: { to } })).status).toBe(200);
    }
    const hash = (await getState(server, id, chair.token)).contentHash;
    const approve = await server.approve(id, chair.token, hash);
    expect(approve.status).toBe(200);
    expect((await getState(server, id)).meta.phase).toBe('approved');
    expect((await uploadBilag(server, id, items[0], 'late.pdf', pdf)).status).toBe(403);
    expect((await del(kept, tokens.organiser)).status).toBe(403);
    expect((await server.api(`/meetings/${id}/bilag/${kept.id}`)).status).toBe(200);

    // The approved version records the bilag and verifies with them.
    const state = await getState(server, id);
    const versionId = state.meta.frozen!.versionId;
    const read = await server.api(`/meetings/${id}/versions/${versionId}`);
    const body = (await read.json()) as {
      verified: boolean;
      version: { bilag: { name: string; sha256: string; itemId: string }[] };
    };
    expect(body.verified).toBe(true);
    expect(body.version.bilag).toEqual([
      { itemId: items[0], name: 'kept.pdf', sha256: kept.sha256 },
    ]);
  });
});

describe('bilag: part of what is approved', () => {
  it('changes the content hash when a bilag is added or removed in review, voiding approvals', async () => {
    const { server } = await startTempServer(cleanup);
    const { id, items } = await meeting(server);
    const chair = await server.invite(id, 'Formand', 'member', true);
    await server.invite(id, 'Næstformand', 'member', true); // never approves: nothing freezes
    for (const to of ['meeting', 'review']) {
      expect((await server.api(`/meetings/${id}/phase`, { body: { to } })).status).toBe(200);
    }
    const before = (await getState(server, id, chair.token)).contentHash!;
    const liveHash = () =>
      server.rooms.read(id, (room) => contentHash(room.doc, server.store.peek(id)!.workflow.bilag));
    expect(await liveHash()).toBe(before);
    const approve = (hash: string) => server.approve(id, chair.token, hash);
    expect((await approve(before)).status).toBe(200);

    const file = await uploaded(server, id, items[0], 'Nyt bilag.pdf', await makePdf(['nyt']));
    const after = await getState(server, id, chair.token);
    expect(after.contentHash).not.toBe(before);
    expect(after.contentHash).toBe(await liveHash());
    expect(after.approvals).toHaveLength(1);
    expect(after.approvals[0].voidedAt).toBeTruthy();
    // The old hash is refused; the new one is taken.
    expect((await approve(before)).status).toBe(409);
    expect((await approve(after.contentHash!)).status).toBe(200);

    // Removing it voids again and brings back the first hash.
    expect(
      (await server.api(`/meetings/${id}/bilag/${file.id}`, { method: 'DELETE' })).status,
    ).toBe(200);
    const removed = await getState(server, id, chair.token);
    expect(removed.contentHash).toBe(before);
    expect(removed.approvals.filter((a) => !a.voidedAt)).toEqual([]);
    const audit = (await (await server.api(`/meetings/${id}/audit`)).json()) as {
      entries: AuditEntry[];
    };
    const kinds = audit.entries.map((e) => e.kind);
    expect(kinds).toContain('bilag-added');
    expect(kinds).toContain('bilag-removed');
    expect(kinds.filter((k) => k === 'approval-voided')).toHaveLength(2);
  });
});

describe('bilag: the agenda package', () => {
  it('holds the agenda and every bilag, with a bookmark per item and per bilag', async () => {
    const { server, dataDir } = await startTempServer(cleanup);
    const { id, items, tokens } = await meeting(server);
    const agendaPages = await pageCount(await exportBytes(server, id, 'format=pdf'));
    await uploaded(
      server,
      id,
      items[0],
      'Budget – Ærø.pdf',
      await makePdf(['Budgetbilag A', 'Budgetbilag B']),
    );
    await uploaded(server, id, items[0], 'Diagram.png', makePng(40, 20));
    await uploaded(server, id, items[0], 'Notat Ωmega.docx', await docxBytes(server, id));
    await uploaded(server, id, items[1], 'Fortrolig løn.pdf', await makePdf(['Hemmeligt bilag']));
    await uploaded(server, id, items[2], 'Foto.jpg', await jpegFixture());

    const full = await server.api(`/meetings/${id}/package?public=0`);
    expect(full.status, await full.clone().text()).toBe(200);
    expect(full.headers.get('content-type')).toBe('application/pdf');
    expect(full.headers.get('content-disposition')).toMatch(/^attachment; filename="pakke-/);
    const bytes = new Uint8Array(await full.arrayBuffer());
    // Agenda, 2 PDF pages, the image, the DOCX note, 1 closed PDF page, the JPEG.
    expect(await pageCount(bytes)).toBe(agendaPages + 6);
    const marks = await readBookmarks(bytes);
    expect(marks.map((m) => m.title)).toEqual([
      'Dagsorden',
      '1. Budget 2027',
      '2. Personalesag',
      '3. Eventuelt',
    ]);
    expect(marks[0].page).toBe(0);
    expect(marks[1].children.map((c) => [c.title, c.page])).toEqual([
      ['Budget – Ærø.pdf', agendaPages],
      ['Diagram.png', agendaPages + 2],
      ['Notat Ωmega.docx', agendaPages + 3],
    ]);
    expect(marks[2].children.map((c) => [c.title, c.page])).toEqual([
      ['Fortrolig løn.pdf', agendaPages + 4],
    ]);
    expect(marks[3].children.map((c) => [c.title, c.page])).toEqual([
      ['Foto.jpg', agendaPages + 5],
    ]);
    // Each item's bookmark goes to its heading in the agenda.
    for (const mark of marks.slice(1)) expect(mark.page).toBeLessThan(agendaPages);
    const text = await pdfToText(bytes, dataDir);
    expect(text).toContain('Budgetbilag A');
    expect(text).toContain('Budgetbilag B');
    expect(text).toContain('Hemmeligt bilag');
    expect(text).toContain('Bilag: Notat Ωmega.docx');
    expect(text).toContain('kan ikke sættes ind i dagsordenspakken');

    // The public package: no closed item, none of its bilag, nothing of it in the bytes.
    const pub = await server.api(`/meetings/${id}/package?public=1`, { token: tokens.observer });
    expect(pub.status).toBe(200);
    const publicBytes = new Uint8Array(await pub.arrayBuffer());
    const publicAgenda = await pageCount(await exportBytes(server, id, 'format=pdf&public=1'));
    expect(await pageCount(publicBytes)).toBe(publicAgenda + 5);
    const publicMarks = await readBookmarks(publicBytes);
    expect(publicMarks.map((m) => m.title)).toEqual([
      'Dagsorden',
      '1. Budget 2027',
      '3. Eventuelt',
    ]);
    const allTitles = JSON.stringify(publicMarks);
    expect(allTitles).not.toContain('Fortrolig');
    const publicText = await pdfToText(publicBytes, dataDir);
    expect(publicText).not.toContain('Hemmeligt bilag');
    expect(publicText).not.toContain('Personalesag');
    expect(publicText).toContain('Budgetbilag A');
    expect(Buffer.from(publicBytes).includes('Hemmeligt')).toBe(false);

    // The full package needs a role that may read closed items.
    expect(
      (await server.api(`/meetings/${id}/package?public=0`, { token: tokens.observer })).status,
    ).toBe(403);
    expect((await server.api(`/meetings/${id}/package`, { token: tokens.member })).status).toBe(
      200,
    );
  });

  it('names an unreadable PDF on a page of its own instead of failing', async () => {
    const { server, dataDir } = await startTempServer(cleanup);
    const { id, items } = await meeting(server);
    await uploaded(
      server,
      id,
      items[0],
      'Ødelagt.pdf',
      new TextEncoder().encode('%PDF-1.7\ngarbage'),
    );
    const res = await server.api(`/meetings/${id}/package?public=1`);
    expect(res.status).toBe(200);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect((await readBookmarks(bytes))[1].children.map((c) => c.title)).toEqual(['Ødelagt.pdf']);
    expect(await pdfToText(bytes, dataDir)).toContain('Bilag: Ødelagt.pdf');
  });
});

describe('bilag: crash safety', () => {
  it('lists no file a crash left half written, nor one stored but never listed', async () => {
    const temp = await startTempServer(cleanup);
    const { id, items } = await meeting(temp.server);
    const kept = await uploaded(temp.server, id, items[0], 'Kept.pdf', await makePdf(['kept']));
    await temp.stop();
    // What a crash mid-upload leaves: a torn temp file; and between storing and listing: a whole one.
    const dir = bilagDir(temp.dataDir, id);
    const orphan = crypto.randomUUID();
    await writeFile(path.join(dir, `${crypto.randomUUID()}.bin.tmp-0badf00d`), '%PDF-1.7 torn');
    await writeFile(path.join(dir, `${orphan}.bin`), await makePdf(['orphan']));
    const server = await temp.restart();
    const state = await getState(server, id);
    expect(state.bilag.map((b) => b.id)).toEqual([kept.id]);
    expect((await server.api(`/meetings/${id}/bilag/${orphan}`)).status).toBe(404);
    const bytes = new Uint8Array(await (await server.api(`/meetings/${id}/package`)).arrayBuffer());
    expect((await readBookmarks(bytes))[1].children.map((c) => c.title)).toEqual(['Kept.pdf']);
  });

  it('refuses to hand out a stored bilag that no longer matches its checksum', async () => {
    const temp = await startTempServer(cleanup);
    const { id, items } = await meeting(temp.server);
    const file = await uploaded(temp.server, id, items[0], 'x.pdf', await makePdf(['x']));
    const stored = path.join(bilagDir(temp.dataDir, id), `${file.id}.bin`);
    const bytes = await readFile(stored);
    bytes[bytes.length - 2] ^= 0xff;
    await writeFile(stored, bytes);
    const res = await temp.server.api(`/meetings/${id}/bilag/${file.id}`);
    expect(res.status).toBe(500);
    expect(((await res.json()) as { code: string }).code).toBe('bilagDamaged');
  });
});
