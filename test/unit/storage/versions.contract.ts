import { expect, it } from 'vitest';
import type { VersionStorage } from '../../../server/storage/VersionStorage.ts';
import {
  BAD_MEETING_IDS,
  MEETING,
  OTHER_MEETING,
  expectRefused,
  type StoreFixture,
} from './storeFixture.ts';

export type VersionFixture = StoreFixture<VersionStorage>;

const FROZEN = JSON.stringify({ id: 'v1', hash: 'abc', text: 'Godkendt – Łukasz Żółć 🙂' });

/** What every VersionStorage promises (VersionStorage.ts), run against one implementation. */
export function versionStorageContract(make: () => Promise<VersionFixture>) {
  it('reads a version as written, across a restart; none before', async () => {
    const fixture = await make();
    await fixture.addMeeting(MEETING);
    expect(await fixture.store.read(MEETING, 'v1')).toBeNull();
    await fixture.store.write(MEETING, 'v1', FROZEN);
    expect(await (await fixture.reopen()).read(MEETING, 'v1')).toBe(FROZEN);
    expect(await fixture.store.read(MEETING, 'v2')).toBeNull();
  });

  it('never overwrites a version: a second write is refused and the first stays', async () => {
    const fixture = await make();
    await fixture.addMeeting(MEETING);
    await fixture.store.write(MEETING, 'v1', FROZEN);
    await expect(fixture.store.write(MEETING, 'v1', 'changed')).rejects.toThrow();
    await expect((await fixture.reopen()).write(MEETING, 'v1', 'changed')).rejects.toThrow();
    expect(await fixture.store.read(MEETING, 'v1')).toBe(FROZEN);
  });

  it('keeps meetings apart', async () => {
    const fixture = await make();
    await fixture.addMeeting(MEETING);
    await fixture.addMeeting(OTHER_MEETING);
    await fixture.store.write(MEETING, 'v1', 'A');
    await fixture.store.write(OTHER_MEETING, 'v1', 'B');
    expect(await fixture.store.read(MEETING, 'v1')).toBe('A');
    expect(await fixture.store.read(OTHER_MEETING, 'v1')).toBe('B');
  });

  it('refuses invalid meeting and version ids before touching storage', async () => {
    const fixture = await make();
    await fixture.addMeeting(MEETING);
    const { store } = fixture;
    await expectRefused(fixture, [
      ...BAD_MEETING_IDS.flatMap((id) => [
        () => store.write(id, 'v1', 'x'),
        () => store.read(id, 'v1'),
      ]),
      ...['../v1', 'v1.json', 'V1', 'v', 'v1234567', ''].flatMap((versionId) => [
        () => store.write(MEETING, versionId, 'x'),
        () => store.read(MEETING, versionId),
      ]),
    ]);
  });
}
