import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import { createLogger } from '../../server/core/log.ts';
import { DANISH_MONTHS } from '../../server/resources/import/parseMinutes.ts';
import { FileDocuments } from '../../server/storage/FileDocuments.ts';
import { createMeetings, organiserToken, startServer } from './servers.ts';
import { writeMeetingContent } from '../../shared/minutes/operations.ts';
import { itemBody, visibleItemIds } from '../../shared/minutes/layout.ts';
import type { ItemContent } from '../../shared/minutes/content.ts';
import { FIXTURE_MEETINGS } from '../../test/fixtures/referater.ts';

/**
 * "A year of minutes" in one meeting document: the agenda items of the
 * published fixtures, repeated month by month until there are `items`
 * (with their real sagsfremstilling, indstilling, referat and beslutning
 * texts), then a typing history on top: `edits` single transactions, each
 * inserting a character or short word at a random place of a random
 * item's text, or deleting one (15 %), as typing and correcting produce.
 * Deterministic (seeded), so every run and every bench builds the same.
 */
export function largeMeeting({ items = 72, edits = 100_000, seed = 1 } = {}) {
  let state = seed;
  const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const [first, second] = Object.values(FIXTURE_MEETINGS);
  const source = [...first.items, ...second.items];
  const all: ItemContent[] = [];
  for (let i = 0; all.length < items; i++) {
    const item = source[i % source.length];
    const month = DANISH_MONTHS[Math.floor(i / source.length) % DANISH_MONTHS.length];
    all.push({ ...structuredClone(item), id: undefined, title: `${item.title} (${month})` });
  }
  const doc = new Y.Doc();
  writeMeetingContent(doc, { header: first.header, participants: first.participants, items: all });
  const initial = Y.encodeStateAsUpdate(doc);

  const texts = visibleItemIds(doc).map((id) => {
    const found: Y.XmlText[] = [];
    const visit = (node: Y.XmlFragment | Y.XmlElement) => {
      for (const child of node.toArray()) {
        if (child instanceof Y.XmlText) found.push(child);
        else if (child instanceof Y.XmlElement) visit(child);
      }
    };
    visit(itemBody(doc, id)!);
    return found;
  });
  const history: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => history.push(update));
  const words = [
    'og',
    'at',
    'Driftsforum',
    'kommunen',
    'regionen',
    'aftale',
    'tages til efterretning',
    'psykiatri',
  ];
  for (let n = 0; n < edits; n++) {
    const inItem = texts[Math.floor(random() * texts.length)];
    const text = inItem[Math.floor(random() * inItem.length)];
    const at = Math.floor(random() * (text.length + 1));
    if (random() < 0.15 && text.length > 0) text.delete(Math.min(at, text.length - 1), 1);
    else text.insert(at, random() < 0.8 ? 'e' : ` ${words[Math.floor(random() * words.length)]}`);
  }
  const chars = texts.flat().reduce((sum, t) => sum + t.length, 0);
  return { doc, initial, history, items: all.length, chars };
}

/**
 * Stores `meeting` the way the server stores it: a meeting created by a
 * Referat server, then its log filled with one record per update, appended
 * in group commits of 20. Returns where, and an organiser token for it.
 */
export async function storeLargeMeeting(meeting: ReturnType<typeof largeMeeting>) {
  const { base, dataDir, ids, token } = await storeMeetings([
    [meeting.initial, ...meeting.history],
  ]);
  return { base, dataDir, id: ids[0], token };
}

/**
 * Meetings stored as a Referat server stores them: each created by a server
 * (its record and secrets), then its updates appended to its log in group
 * commits of 20; with `compact`, compacted into a snapshot afterwards, as
 * the server does once the log grows (the normal case). `env` goes to the
 * server (e.g. a longer token life for a long bench).
 */
export async function storeMeetings(
  meetings: Uint8Array[][],
  options: { compact?: boolean; env?: Record<string, string> } = {},
) {
  const base = await mkdtemp(path.join(os.tmpdir(), 'referat-large-'));
  const dataDir = path.join(base, 'data');
  const setup = await startServer('referat', { dataDir, env: options.env });
  const token = await organiserToken(setup.port);
  const ids = await createMeetings(setup.port, token, meetings.length);
  await setup.stop();
  const documents = new FileDocuments(dataDir, createLogger('silent'));
  for (const [m, updates] of meetings.entries()) {
    const id = ids[m];
    const loaded = await documents.load(id);
    for (let i = 0; i < updates.length; i += 20) {
      await documents.append(id, updates.slice(i, i + 20));
    }
    if (options.compact) {
      const doc = new Y.Doc();
      doc.transact(() => [...loaded.updates, ...updates].forEach((u) => Y.applyUpdate(doc, u)));
      await documents.compact(id, Y.encodeStateAsUpdate(doc));
      doc.destroy();
    }
    await documents.close(id);
  }
  return { base, dataDir, ids, token };
}
