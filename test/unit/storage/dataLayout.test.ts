import { cp, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { MeetingMeta } from '../../../shared/meeting.ts';
import type { Roster, RosterAuditEntry } from '../../../shared/rosters/roster.ts';
import { createLogger } from '../../../server/core/log.ts';
import { createFileStorage } from '../../../server/storage/createFileStorage.ts';
import { parseRecords, parseSnapshot } from '../../../server/storage/recordFormat.ts';
import { useCleanups } from '../../helpers/cleanups.ts';
import { tempDir } from '../../helpers/testServer.ts';
import { listFiles } from './storeFixture.ts';

const cleanup = useCleanups();

/**
 * A data directory written by the storage as it was before it was split by
 * aggregate (one FileStorage, PersonSessions and resolveSecrets writing
 * their own files), read and written here through createFileStorage: every kind of file, with a compacted document and a
 * compacted comment log. Existing data directories must keep working.
 */
const GOLDEN = path.resolve(import.meta.dirname, '../../fixtures/data-layout-v1');
const MEETING = 'golden-meeting-01';
const FORUM = 'f0123456789abcdef0123456789abcdef';
const BILAG = '0f8fad5b-d9cb-469f-a165-70867728950e';
const MAIL = '0123456789abcdef0123456789abcdef';

const stores = (dataDir: string) => createFileStorage(dataDir, createLogger('silent'));

const golden = (file: string) => readFile(path.join(GOLDEN, file));
const goldenText = async (file: string) => (await golden(file)).toString('utf8');
const goldenJson = async (file: string) => JSON.parse(await goldenText(file));
const goldenLines = async (file: string) =>
  (await goldenText(file))
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
const inMeeting = (file: string) => `meetings/${MEETING}/${file}`;

describe('the data directory', () => {
  it('written before the split reads through the stores', async () => {
    const data = await tempDir();
    cleanup(() => data.remove());
    await cp(GOLDEN, data.dir, { recursive: true });
    const s = stores(data.dir);
    cleanup(() => s.documents.close(MEETING));

    const doc = new Y.Doc();
    const loaded = await s.documents.load(MEETING);
    for (const update of loaded.updates) Y.applyUpdate(doc, update);
    expect(loaded.problems).toEqual([]);
    expect(doc.getText('t').toString()).toBe('Dagsorden: punkt 1. tages til efterretning');
    expect(await s.meetings.list()).toEqual([await goldenJson(inMeeting('meta.json'))]);
    expect(await s.meetings.readWorkflow(MEETING)).toEqual({
      approvals: [{ userId: 'u1', hash: 'abc' }],
      versions: [{ id: 'v1' }],
    });
    expect(await s.comments.read(MEETING)).toEqual({
      snapshot: { threads: [{ id: 't1' }] },
      events: [{ type: 'reply', id: 't1', text: 'svar æøå' }],
      bytes: Buffer.byteLength('{"type":"reply","id":"t1","text":"svar æøå"}\n'),
      problems: [],
    });
    expect((await s.audit.read(MEETING)).map((e) => (e as { kind: string }).kind)).toEqual([
      'create',
      'phase',
    ]);
    expect(JSON.parse((await s.versions.read(MEETING, 'v1'))!)).toMatchObject({ text: 'frosset' });
    expect(Array.from((await s.bilag.read(MEETING, BILAG))!)).toEqual([
      37, 80, 68, 70, 0, 1, 2, 255,
    ]);
    expect(await s.outbox.readAll()).toEqual([
      { id: MAIL, status: 'queued', to: ['a@example.dk'] },
    ]);
    expect((await s.rosters.list()).map((r) => r.id)).toEqual([FORUM]);
    expect(await s.rosters.readAudit(FORUM)).toHaveLength(1);
    expect(await s.sessions.read()).toMatchObject([
      { issuer: 'https://idp.example', name: 'Anne' },
    ]);
    expect(await s.secrets.read('token-secret')).toBe(
      (await goldenText('secrets/token-secret')).trim(),
    );
    expect(await s.secrets.read('organiser-key')).toMatch(/^[\w-]{32}$/);
  });

  it('is written byte for byte as before the split, with the same files and modes', async () => {
    const data = await tempDir();
    cleanup(() => data.remove());
    const s = stores(data.dir);
    cleanup(() => s.documents.close(MEETING));

    // The same calls the old storage got, with the values read from its files.
    const log0 = parseRecords(await golden(inMeeting('log-0.bin'))).records;
    const log1 = parseRecords(await golden(inMeeting('log-1.bin'))).records;
    await s.documents.create(MEETING, log0[0]);
    await s.meetings.create((await goldenJson(inMeeting('meta.json'))) as MeetingMeta);
    await s.documents.load(MEETING);
    await s.documents.append(MEETING, log0.slice(1));
    await s.documents.compact(MEETING, parseSnapshot(await golden(inMeeting('snapshot-1.bin')))!);
    await s.documents.append(MEETING, log1);
    await s.meetings.writeWorkflow(MEETING, await goldenJson(inMeeting('workflow.json')));
    await s.comments.append(MEETING, await goldenLines(inMeeting('comments-events-0.jsonl')));
    await s.comments.compact(MEETING, await goldenJson(inMeeting('comments-snapshot-1.json')));
    await s.comments.append(MEETING, await goldenLines(inMeeting('comments-events-1.jsonl')));
    for (const entry of await goldenLines(inMeeting('audit.jsonl'))) {
      await s.audit.append(MEETING, entry);
    }
    await s.versions.write(MEETING, 'v1', await goldenText(inMeeting('versions/v1.json')));
    await s.bilag.write(MEETING, BILAG, await golden(inMeeting(`bilag/${BILAG}.bin`)));
    await s.outbox.write(MAIL, await goldenJson(`outbox/${MAIL}.json`));
    await s.rosters.write((await goldenJson(`rosters/${FORUM}/roster.json`)) as Roster);
    for (const entry of await goldenLines(`rosters/${FORUM}/audit.jsonl`)) {
      await s.rosters.appendAudit(FORUM, entry as RosterAuditEntry);
    }
    await s.sessions.write(await goldenJson('sessions/people.json'));
    for (const name of ['token-secret', 'organiser-key'] as const) {
      await s.secrets.create(name, (await goldenText(`secrets/${name}`)).trim());
    }

    // comments.json is the comment store of meetings from before the event log: only read now.
    const expected = (await listFiles(GOLDEN)).filter((f) => !f.endsWith('/comments.json'));
    const written = await listFiles(data.dir);
    expect(written).toEqual(expected);
    for (const file of written) {
      const info = await stat(path.join(data.dir, file));
      const mode = info.mode & 0o777;
      if (info.isDirectory()) {
        expect({ file, mode }).toEqual({ file, mode: 0o700 });
        continue;
      }
      expect({ file, mode }).toEqual({ file, mode: file.includes('/versions/') ? 0o400 : 0o600 });
      expect({ file, bytes: await readFile(path.join(data.dir, file)) }).toEqual({
        file,
        bytes: await golden(file),
      });
    }
  });
});
