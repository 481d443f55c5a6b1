import { expect, it } from 'vitest';
import type { AuditStorage } from '../../../server/storage/AuditStorage.ts';
import {
  BAD_MEETING_IDS,
  MEETING,
  OTHER_MEETING,
  expectRefused,
  type StoreFixture,
} from './storeFixture.ts';

export type AuditFixture = StoreFixture<AuditStorage>;

/** A store that can be damaged from outside (files), for the damage contract. */
export interface DamageableAuditFixture extends AuditFixture {
  /** A crash mid-append: half an entry at the end of the log. */
  tearLastEntry(meetingId: string): Promise<void>;
}

const entry = (n: number) => ({
  at: `2020-12-0${n}T10:00:00.000Z`,
  kind: 'phase',
  userId: 'organiser:s',
  name: 'Sekretariatet',
  detail: { n, name: 'Łukasz Żółć' },
});

/** What every AuditStorage promises (AuditStorage.ts), run against one implementation. */
export function auditStorageContract(make: () => Promise<AuditFixture>) {
  it('reads every entry in the order appended, across a restart; none before', async () => {
    const fixture = await make();
    await fixture.addMeeting(MEETING);
    expect(await fixture.store.read(MEETING)).toEqual([]);
    for (const n of [1, 2, 3]) await fixture.store.append(MEETING, entry(n));
    expect(await (await fixture.reopen()).read(MEETING)).toEqual([entry(1), entry(2), entry(3)]);
  });

  it('keeps meetings apart', async () => {
    const fixture = await make();
    await fixture.addMeeting(MEETING);
    await fixture.addMeeting(OTHER_MEETING);
    await fixture.store.append(MEETING, entry(1));
    await fixture.store.append(OTHER_MEETING, entry(2));
    expect(await fixture.store.read(MEETING)).toEqual([entry(1)]);
    expect(await fixture.store.read(OTHER_MEETING)).toEqual([entry(2)]);
  });

  it('refuses invalid meeting ids before touching storage', async () => {
    const fixture = await make();
    const { store } = fixture;
    await expectRefused(
      fixture,
      BAD_MEETING_IDS.flatMap((id) => [() => store.append(id, entry(1)), () => store.read(id)]),
    );
  });
}

/** Damage is skipped and reported, never thrown (AuditStorage.read). */
export function auditDamageContract(make: () => Promise<DamageableAuditFixture>) {
  it('a torn last entry is skipped and reported, never thrown', async () => {
    const fixture = await make();
    await fixture.addMeeting(MEETING);
    await fixture.store.append(MEETING, entry(1));
    await fixture.tearLastEntry(MEETING);
    expect(await (await fixture.reopen()).read(MEETING)).toEqual([entry(1)]);
    expect(fixture.reports()).toBeGreaterThan(0);
  });
}
