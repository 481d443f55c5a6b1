import { appendFile, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createLogger } from '../../../server/core/log.ts';
import { FileDocuments } from '../../../server/storage/FileDocuments.ts';
import { FileMeetings } from '../../../server/storage/FileMeetings.ts';
import { encodeRecord } from '../../../server/storage/recordFormat.ts';
import { tempDir } from '../../helpers/testServer.ts';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

const ID = 'meeting0001';

async function setup() {
  const data = await tempDir();
  cleanups.push(() => data.remove());
  const storage = new FileDocuments(data.dir, createLogger('silent'));
  const meetings = new FileMeetings(data.dir, createLogger('silent'));
  cleanups.push(() => storage.close(ID));
  await storage.create(ID);
  await meetings.create({
    id: ID,
    title: 'Driftsforum',
    forum: 'Driftsforum',
    date: '2020-12-09',
    phase: 'agenda',
    createdAt: new Date().toISOString(),
  });
  const dir = path.join(data.dir, 'meetings', ID);
  return { storage, meetings, dir, dataDir: data.dir };
}

/** A document recording its updates, as the server's room does. */
function recordingDoc() {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  return { doc, updates, text: doc.getText('t') };
}

function rebuild(updates: Uint8Array[]): string {
  const doc = new Y.Doc();
  for (const u of updates) Y.applyUpdate(doc, u);
  return doc.getText('t').toString();
}

describe('FileDocuments', () => {
  it('round-trips appended updates', async () => {
    const { storage } = await setup();
    const { text, updates } = recordingDoc();
    await storage.load(ID);
    for (let i = 0; i < 20; i++) {
      text.insert(text.length, `${i},`);
      await storage.append(ID, updates.splice(0));
    }
    await storage.close(ID);
    const loaded = await storage.load(ID);
    expect(loaded.problems).toEqual([]);
    expect(rebuild(loaded.updates)).toBe(text.toString());
  });

  it('cuts a torn tail, keeps the bytes aside and serves the valid prefix', async () => {
    const { storage, dir } = await setup();
    const { text, updates } = recordingDoc();
    await storage.load(ID);
    text.insert(0, 'gemt');
    await storage.append(ID, updates.splice(0));
    await storage.close(ID);
    text.insert(4, ' – ikke gemt');
    const torn = encodeRecord(updates[0]).subarray(0, 11);
    await appendFile(path.join(dir, 'log-0.bin'), torn);

    const loaded = await storage.load(ID);
    expect(rebuild(loaded.updates)).toBe('gemt');
    expect(loaded.problems).toHaveLength(1);
    const kept = await readdir(path.join(dir, 'quarantine'));
    expect(kept).toHaveLength(1);
    expect(await readFile(path.join(dir, 'quarantine', kept[0]))).toEqual(Buffer.from(torn));
    // The log was cut back, so new appends follow valid records.
    text.insert(0, '>');
    await storage.append(ID, [Y.encodeStateAsUpdate(recordingDoc().doc)]);
    await storage.close(ID);
    expect((await storage.load(ID)).problems).toEqual([]);
  });

  it('detects a flipped bit by checksum', async () => {
    const { storage, dir } = await setup();
    const { text, updates } = recordingDoc();
    await storage.load(ID);
    text.insert(0, 'første');
    await storage.append(ID, updates.splice(0));
    text.insert(0, 'anden ');
    await storage.append(ID, updates.splice(0));
    await storage.close(ID);
    const file = path.join(dir, 'log-0.bin');
    const bytes = await readFile(file);
    bytes[bytes.length - 2] ^= 0x10;
    await writeFile(file, bytes);
    const loaded = await storage.load(ID);
    expect(rebuild(loaded.updates)).toBe('første');
    expect(loaded.problems[0]).toMatch(/checksum/);
  });

  it('compacts into generations and falls back to the previous snapshot if the newest is corrupt', async () => {
    const { storage, dir } = await setup();
    const { doc, text, updates } = recordingDoc();
    await storage.load(ID);
    for (let round = 0; round < 4; round++) {
      for (let i = 0; i < 10; i++) {
        text.insert(text.length, `r${round}i${i} `);
        await storage.append(ID, updates.splice(0));
      }
      await storage.compact(ID, Y.encodeStateAsUpdate(doc));
    }
    text.insert(0, 'efter ');
    await storage.append(ID, updates.splice(0));
    await storage.close(ID);

    const files = (await readdir(dir)).sort();
    expect(files.filter((f) => f.startsWith('snapshot-'))).toEqual([
      'snapshot-3.bin',
      'snapshot-4.bin',
    ]);
    expect(rebuild((await storage.load(ID)).updates)).toBe(text.toString());
    await storage.close(ID);

    const snap = path.join(dir, 'snapshot-4.bin');
    const bytes = await readFile(snap);
    bytes[20] ^= 0xff;
    await writeFile(snap, bytes);
    const loaded = await storage.load(ID);
    expect(rebuild(loaded.updates)).toBe(text.toString());
    expect(loaded.problems).toHaveLength(1);
    expect(await readdir(path.join(dir, 'quarantine'))).toHaveLength(1);
    // Appends continue in the newest generation and survive another load.
    text.insert(0, 'igen ');
    await storage.append(ID, updates.splice(0));
    await storage.close(ID);
    expect(rebuild((await storage.load(ID)).updates)).toBe(text.toString());
  });

  it('refuses ids that are not valid before building a path', async () => {
    const { storage, meetings } = await setup();
    await expect(storage.load('../../etc')).rejects.toThrow(/invalid meeting id/);
    expect(await meetings.get('nosuchmeeting')).toBeNull();
  });
});
