import { expect, it } from 'vitest';
import type { MeetingMeta } from '../../../shared/meeting.ts';
import type { MeetingStorage } from '../../../server/storage/MeetingStorage.ts';
import {
  BAD_MEETING_IDS,
  MEETING,
  OTHER_MEETING,
  expectRefused,
  type StoreFixture,
} from './storeFixture.ts';

export type MeetingFixture = StoreFixture<MeetingStorage>;

/** A store whose writes can be cut short from outside (files), for the damage contract. */
export interface DamageableMeetingFixture extends MeetingFixture {
  /** What a crash mid-replace leaves of the meta's and workflow's next version, beside them. */
  leaveTornWrites(meetingId: string): Promise<void>;
  /** Damage from outside a write (a bad disk block, a hand edit): the meta no longer parses. */
  breakMeta(meetingId: string): Promise<void>;
}

export function meta(id = MEETING, overrides: Partial<MeetingMeta> = {}): MeetingMeta {
  return {
    id,
    title: 'Driftsforum Łukasz Żółć',
    forum: 'Driftsforum',
    date: '2020-12-09',
    phase: 'agenda',
    createdAt: '2020-12-01T10:00:00.000Z',
    ...overrides,
  };
}

/** What every MeetingStorage promises (MeetingStorage.ts), run against one implementation. */
export function meetingStorageContract(make: () => Promise<MeetingFixture>) {
  it('knows no meeting before one is created', async () => {
    const { store } = await make();
    expect(await store.list()).toEqual([]);
    expect(await store.get(MEETING)).toBeNull();
    expect(await store.readWorkflow(MEETING)).toBeNull();
  });

  it('lists a meeting once it is created, not when only its document exists', async () => {
    const fixture = await make();
    await fixture.addMeeting(MEETING);
    expect(await fixture.store.list()).toEqual([]);
    await fixture.store.create(meta());
    await fixture.addMeeting(OTHER_MEETING);
    await fixture.store.create(meta(OTHER_MEETING, { title: 'Andet møde' }));
    const again = await fixture.reopen();
    expect(await again.get(MEETING)).toEqual(meta());
    const listed = (await again.list()).sort((a, b) => a.id.localeCompare(b.id));
    expect(listed).toEqual([meta(), meta(OTHER_MEETING, { title: 'Andet møde' })]);
  });

  it('refuses to create a meeting that exists, and keeps its meta', async () => {
    const fixture = await make();
    await fixture.addMeeting(MEETING);
    await fixture.store.create(meta());
    await expect(fixture.store.create(meta(MEETING, { title: 'Overskrevet' }))).rejects.toThrow();
    expect(await fixture.store.get(MEETING)).toEqual(meta());
  });

  it('replaces the whole meta on update, across a restart', async () => {
    const fixture = await make();
    await fixture.addMeeting(MEETING);
    const frozen = { versionId: 'v1', hash: 'abc', at: '2020-12-20T10:00:00.000Z' };
    await fixture.store.create(meta(MEETING, { approvalDeadline: '2020-12-19' }));
    await fixture.store.update(meta(MEETING, { phase: 'approved', frozen }));
    // No field of the old meta survives the update (approvalDeadline is gone).
    expect(await (await fixture.reopen()).get(MEETING)).toEqual(
      meta(MEETING, { phase: 'approved', frozen }),
    );
  });

  it('refuses to update a meeting that was not created, and creates none', async () => {
    const fixture = await make();
    // Its document exists (a creation cut short), its meta does not.
    await fixture.addMeeting(MEETING);
    await expect(fixture.store.update(meta())).rejects.toThrow();
    expect(await fixture.store.get(MEETING)).toBeNull();
    expect(await fixture.store.list()).toEqual([]);
  });

  it('replaces the workflow record whole, and hands out copies', async () => {
    const fixture = await make();
    await fixture.addMeeting(MEETING);
    await fixture.store.create(meta());
    const first = { approvals: [{ userId: 'u1' }], versions: [] as unknown[] };
    await fixture.store.writeWorkflow(MEETING, first);
    first.approvals.push({ userId: 'changed after writing' });
    const read = (await fixture.store.readWorkflow(MEETING)) as typeof first;
    expect(read).toEqual({ approvals: [{ userId: 'u1' }], versions: [] });
    read.versions.push('changed after reading');
    await fixture.store.writeWorkflow(MEETING, { bilag: [] });
    expect(await (await fixture.reopen()).readWorkflow(MEETING)).toEqual({ bilag: [] });
    expect(await fixture.store.readWorkflow(OTHER_MEETING)).toBeNull();
  });

  it('refuses invalid meeting ids before touching storage', async () => {
    const fixture = await make();
    const { store } = fixture;
    await expectRefused(
      fixture,
      BAD_MEETING_IDS.flatMap((id) => [
        () => store.create(meta(id)),
        () => store.update(meta(id)),
        () => store.get(id),
        () => store.readWorkflow(id),
        () => store.writeWorkflow(id, {}),
      ]),
    );
  });
}

/** Replacing is atomic (MeetingStorage.ts): what a cut-short write leaves is never read. */
export function meetingDamageContract(make: () => Promise<DamageableMeetingFixture>) {
  it('a write cut short leaves the old meta and workflow readable, and listing works', async () => {
    const fixture = await make();
    await fixture.addMeeting(MEETING);
    await fixture.store.create(meta());
    await fixture.store.writeWorkflow(MEETING, { approvals: [] });
    await fixture.leaveTornWrites(MEETING);
    const store = await fixture.reopen();
    expect(await store.list()).toEqual([meta()]);
    expect(await store.get(MEETING)).toEqual(meta());
    expect(await store.readWorkflow(MEETING)).toEqual({ approvals: [] });
    await store.update(meta(MEETING, { phase: 'meeting' }));
    expect(await store.get(MEETING)).toEqual(meta(MEETING, { phase: 'meeting' }));
  });

  it('an unreadable meta is reported and that meeting left out of the list; the others list', async () => {
    const fixture = await make();
    for (const id of [MEETING, OTHER_MEETING]) {
      await fixture.addMeeting(id);
      await fixture.store.create(meta(id));
    }
    await fixture.breakMeta(MEETING);
    const store = await fixture.reopen();
    // One damaged meeting must not take the list (and the server's start, which lists) with it.
    expect(await store.list()).toEqual([meta(OTHER_MEETING)]);
    expect(fixture.reports()).toBeGreaterThan(0);
  });
}
