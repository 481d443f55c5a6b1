import { expect, it } from 'vitest';
import type { CommentStorage } from '../../../server/storage/CommentStorage.ts';
import {
  BAD_MEETING_IDS,
  MEETING,
  OTHER_MEETING,
  expectRefused,
  type StoreFixture,
} from './storeFixture.ts';

export type CommentFixture = StoreFixture<CommentStorage>;

/** A store that can be damaged from outside (files), for the damage contract. */
export interface DamageableCommentFixture extends CommentFixture {
  /** A crash mid-append: half an event at the end of the newest events. */
  tearLastEvent(meetingId: string): Promise<void>;
  /** Makes the newest snapshot unreadable (flipped bytes, a hand edit). */
  breakNewestSnapshot(meetingId: string): Promise<void>;
}

const thread = (n: number) => ({ type: 'thread', id: `t${n}`, text: `kommentar ${n} – æøå` });

/** What every CommentStorage promises (CommentStorage.ts), run against one implementation. */
export function commentStorageContract(make: () => Promise<CommentFixture>) {
  it('reads nothing for a meeting without comments', async () => {
    const fixture = await make();
    await fixture.addMeeting(MEETING);
    expect(await fixture.store.read(MEETING)).toEqual({
      snapshot: null,
      events: [],
      bytes: 0,
      problems: [],
    });
  });

  it('reads appended events in order across a restart, and counts their bytes', async () => {
    const fixture = await make();
    await fixture.addMeeting(MEETING);
    const first = await fixture.store.append(MEETING, [thread(1)]);
    const second = await fixture.store.append(MEETING, [thread(2), thread(3)]);
    expect(first.bytes).toBeGreaterThan(0);
    expect(second.bytes).toBeGreaterThan(first.bytes);
    const read = await (await fixture.reopen()).read(MEETING);
    expect(read).toEqual({
      snapshot: null,
      events: [thread(1), thread(2), thread(3)],
      bytes: second.bytes,
      problems: [],
    });
  });

  it('after a compaction reads the snapshot and only the events after it: none lost, none twice', async () => {
    const fixture = await make();
    await fixture.addMeeting(MEETING);
    const { store } = fixture;
    await store.append(MEETING, [thread(1), thread(2)]);
    await store.compact(MEETING, { threads: ['t1', 't2'] });
    expect(await store.read(MEETING)).toEqual({
      snapshot: { threads: ['t1', 't2'] },
      events: [],
      bytes: 0,
      problems: [],
    });
    const after = await store.append(MEETING, [thread(3)]);
    await store.compact(MEETING, { threads: ['t1', 't2', 't3'] });
    await store.append(MEETING, [thread(4)]);
    const read = await (await fixture.reopen()).read(MEETING);
    expect(read.snapshot).toEqual({ threads: ['t1', 't2', 't3'] });
    expect(read.events).toEqual([thread(4)]);
    // One event since the snapshot, of the same size as the one after the first compaction.
    expect(read.bytes).toBe(after.bytes);
  });

  it('keeps meetings apart', async () => {
    const fixture = await make();
    await fixture.addMeeting(MEETING);
    await fixture.addMeeting(OTHER_MEETING);
    await fixture.store.append(MEETING, [thread(1)]);
    await fixture.store.compact(OTHER_MEETING, { threads: [] });
    expect((await fixture.store.read(MEETING)).snapshot).toBeNull();
    expect((await fixture.store.read(OTHER_MEETING)).events).toEqual([]);
  });

  it('refuses invalid meeting ids before touching storage', async () => {
    const fixture = await make();
    const { store } = fixture;
    await expectRefused(
      fixture,
      BAD_MEETING_IDS.flatMap((id) => [
        () => store.read(id),
        () => store.append(id, [thread(1)]),
        () => store.compact(id, {}),
      ]),
    );
  });
}

/** Damage is skipped and reported, never thrown, and never glued to the next event. */
export function commentDamageContract(make: () => Promise<DamageableCommentFixture>) {
  it('a torn last event is skipped and reported; the next append starts on a clean line', async () => {
    const fixture = await make();
    await fixture.addMeeting(MEETING);
    await fixture.store.append(MEETING, [thread(1)]);
    await fixture.tearLastEvent(MEETING);

    const store = await fixture.reopen();
    const torn = await store.read(MEETING);
    expect(torn.events).toEqual([thread(1)]);
    expect(torn.problems).toHaveLength(1);
    expect(fixture.reports()).toBeGreaterThan(0);
    await store.append(MEETING, [thread(2)]);
    const read = await (await fixture.reopen()).read(MEETING);
    expect(read.events).toEqual([thread(1), thread(2)]);
    expect(read.problems).toEqual([]);
  });

  it('an unreadable newest snapshot is reported; the generation before it rebuilds every event', async () => {
    const fixture = await make();
    await fixture.addMeeting(MEETING);
    const { store } = fixture;
    await store.append(MEETING, [thread(1)]);
    await store.compact(MEETING, { threads: ['t1'] });
    await store.append(MEETING, [thread(2)]);
    await store.compact(MEETING, { threads: ['t1', 't2'] });
    await store.append(MEETING, [thread(3)]);
    await fixture.breakNewestSnapshot(MEETING);
    const read = await (await fixture.reopen()).read(MEETING);
    expect(read.snapshot).toEqual({ threads: ['t1'] });
    expect(read.events).toEqual([thread(2), thread(3)]);
    expect(read.problems).toHaveLength(1);
  });
}
