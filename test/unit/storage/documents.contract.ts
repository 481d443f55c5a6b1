import { expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DocumentStorage } from '../../../server/storage/DocumentStorage.ts';
import {
  BAD_MEETING_IDS,
  MEETING,
  OTHER_MEETING,
  expectRefused,
  type StoreFixture,
} from './storeFixture.ts';

export type DocumentFixture = StoreFixture<DocumentStorage>;

/** A store that can be damaged from outside (files; later a table), for the damage contract. */
export interface DamageableDocumentFixture extends DocumentFixture {
  /** A crash mid-append: a torn record at the end of the newest log. */
  tearLogTail(meetingId: string): Promise<void>;
  /** Flipped bits in the newest snapshot. */
  breakNewestSnapshot(meetingId: string): Promise<void>;
}

/** A document that records its updates, as the server's room does, and reads back as text. */
function editor() {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  const text = doc.getText('t');
  return {
    doc,
    text,
    /** The updates made since the last call. */
    take: () => updates.splice(0),
    type: (s: string) => text.insert(text.length, s),
  };
}

function textOf(updates: Uint8Array[]): string {
  const doc = new Y.Doc();
  for (const u of updates) Y.applyUpdate(doc, u);
  return doc.getText('t').toString();
}

/** What every DocumentStorage promises (DocumentStorage.ts), run against one implementation. */
export function documentStorageContract(make: () => Promise<DocumentFixture>) {
  it('loads what a document was created with, and nothing for one created empty', async () => {
    const { store } = await make();
    const e = editor();
    e.type('Dagsorden');
    await store.create(MEETING, Y.encodeStateAsUpdate(e.doc));
    await store.create(OTHER_MEETING);
    expect(textOf((await store.load(MEETING)).updates)).toBe('Dagsorden');
    expect(await store.load(OTHER_MEETING)).toEqual({ updates: [], problems: [] });
  });

  it('refuses to create a document that exists, and keeps its content', async () => {
    const { store } = await make();
    const e = editor();
    e.type('først');
    await store.create(MEETING, Y.encodeStateAsUpdate(e.doc));
    const other = editor();
    other.type('anden');
    await expect(store.create(MEETING, Y.encodeStateAsUpdate(other.doc))).rejects.toThrow();
    expect(textOf((await store.load(MEETING)).updates)).toBe('først');
  });

  it('keeps every appended update, in order, across a restart; append answers the growing log size', async () => {
    const fixture = await make();
    const e = editor();
    await fixture.store.create(MEETING);
    await fixture.store.load(MEETING);
    const sizes: number[] = [];
    for (let i = 0; i < 12; i++) {
      e.type(`${i} æøå,`);
      sizes.push((await fixture.store.append(MEETING, e.take())).logBytes);
    }
    expect(sizes.every((size, i) => i === 0 || size > sizes[i - 1])).toBe(true);
    const loaded = await (await fixture.reopen()).load(MEETING);
    expect(loaded.problems).toEqual([]);
    expect(textOf(loaded.updates)).toBe(e.text.toString());
  });

  it('after a compaction loads its state and the updates after it, and counts the log from zero', async () => {
    const fixture = await make();
    const { store } = fixture;
    const e = editor();
    await store.create(MEETING);
    await store.load(MEETING);
    e.type('før komprimering ');
    const before = await store.append(MEETING, e.take());
    await store.compact(MEETING, Y.encodeStateAsUpdate(e.doc));
    e.type('efter');
    const after = await store.append(MEETING, e.take());
    expect(after.logBytes).toBeLessThan(before.logBytes);
    e.type(' og mere');
    await store.compact(MEETING, Y.encodeStateAsUpdate(e.doc));
    e.type('!');
    await store.append(MEETING, e.take());
    await store.close(MEETING);
    const loaded = await (await fixture.reopen()).load(MEETING);
    expect(loaded.problems).toEqual([]);
    expect(textOf(loaded.updates)).toBe('før komprimering efter og mere!');
  });

  it('keeps meetings apart', async () => {
    const { store } = await make();
    const [a, b] = [editor(), editor()];
    await store.create(MEETING);
    await store.create(OTHER_MEETING);
    await store.load(MEETING);
    await store.load(OTHER_MEETING);
    a.type('A');
    b.type('B');
    await store.append(MEETING, a.take());
    await store.append(OTHER_MEETING, b.take());
    expect(textOf((await store.load(MEETING)).updates)).toBe('A');
    expect(textOf((await store.load(OTHER_MEETING)).updates)).toBe('B');
  });

  it('refuses appends and compactions to a document that is not loaded (never, or closed since)', async () => {
    const { store } = await make();
    const e = editor();
    await store.create(MEETING);
    e.type('før');
    await expect(store.append(MEETING, e.take())).rejects.toThrow();
    await expect(store.compact(MEETING, Y.encodeStateAsUpdate(e.doc))).rejects.toThrow();
    await store.load(MEETING);
    await store.append(MEETING, [Y.encodeStateAsUpdate(e.doc)]);
    await store.close(MEETING);
    // A room that left memory while a write was under way: that write must fail loudly.
    e.type(' efter');
    await expect(store.append(MEETING, e.take())).rejects.toThrow();
    await expect(store.compact(MEETING, Y.encodeStateAsUpdate(e.doc))).rejects.toThrow();
    expect(textOf((await store.load(MEETING)).updates)).toBe('før');
    await expect(store.append(OTHER_MEETING, e.take())).rejects.toThrow();
  });

  it('rejects loading a document that was never created', async () => {
    const { store } = await make();
    await expect(store.load(MEETING)).rejects.toThrow();
  });

  it('refuses invalid meeting ids before touching storage', async () => {
    const fixture = await make();
    await expectRefused(
      fixture,
      BAD_MEETING_IDS.flatMap((id) => [
        () => fixture.store.create(id, Uint8Array.of(1)),
        () => fixture.store.load(id),
      ]),
    );
  });
}

/** What a DocumentStorage does with damage (DocumentStorage.load): repaired, kept, reported, never thrown. */
export function documentDamageContract(make: () => Promise<DamageableDocumentFixture>) {
  it('a torn log tail is cut, reported and never thrown; appends after it load', async () => {
    const fixture = await make();
    const e = editor();
    await fixture.store.create(MEETING);
    await fixture.store.load(MEETING);
    e.type('gemt');
    await fixture.store.append(MEETING, e.take());
    await fixture.store.close(MEETING);
    await fixture.tearLogTail(MEETING);

    const store = await fixture.reopen();
    const loaded = await store.load(MEETING);
    expect(textOf(loaded.updates)).toBe('gemt');
    expect(loaded.problems).toHaveLength(1);
    expect(fixture.reports()).toBeGreaterThan(0);
    e.type(' og mere');
    await store.append(MEETING, e.take());
    await store.close(MEETING);
    const again = await (await fixture.reopen()).load(MEETING);
    expect(again.problems).toEqual([]);
    expect(textOf(again.updates)).toBe('gemt og mere');
  });

  it('a damaged newest snapshot is reported, and the older generation rebuilds the same state', async () => {
    const fixture = await make();
    const { store } = fixture;
    const e = editor();
    await store.create(MEETING);
    await store.load(MEETING);
    for (const word of ['en ', 'to ', 'tre']) {
      e.type(word);
      await store.append(MEETING, e.take());
      await store.compact(MEETING, Y.encodeStateAsUpdate(e.doc));
    }
    await store.close(MEETING);
    await fixture.breakNewestSnapshot(MEETING);
    const loaded = await (await fixture.reopen()).load(MEETING);
    expect(loaded.problems).toHaveLength(1);
    expect(textOf(loaded.updates)).toBe('en to tre');
  });
}
