import { expect, it } from 'vitest';
import type { BilagStorage } from '../../../server/storage/BilagStorage.ts';
import {
  BAD_MEETING_IDS,
  MEETING,
  OTHER_MEETING,
  expectRefused,
  type StoreFixture,
} from './storeFixture.ts';

export type BilagFixture = StoreFixture<BilagStorage>;

const ID = '0f8fad5b-d9cb-469f-a165-70867728950e';
const PDF = Uint8Array.of(0x25, 0x50, 0x44, 0x46, 0x2d, 0, 1, 127, 128, 255);

/** The bytes as a plain list (a Buffer and a Uint8Array of the same bytes compare unequal). */
async function bytesOf(read: Promise<Uint8Array | null>): Promise<number[] | null> {
  const bytes = await read;
  return bytes === null ? null : Array.from(bytes);
}

/** What every BilagStorage promises (BilagStorage.ts), run against one implementation. */
export function bilagStorageContract(make: () => Promise<BilagFixture>) {
  it('reads a bilag as written, byte for byte, across a restart; none before', async () => {
    const fixture = await make();
    await fixture.addMeeting(MEETING);
    expect(await fixture.store.read(MEETING, ID)).toBeNull();
    await fixture.store.write(MEETING, ID, PDF);
    expect(await bytesOf((await fixture.reopen()).read(MEETING, ID))).toEqual(Array.from(PDF));
  });

  it('never writes over a bilag: a second write is refused and the first stays', async () => {
    const fixture = await make();
    await fixture.addMeeting(MEETING);
    await fixture.store.write(MEETING, ID, PDF);
    await expect(fixture.store.write(MEETING, ID, Uint8Array.of(1))).rejects.toThrow();
    expect(await bytesOf(fixture.store.read(MEETING, ID))).toEqual(Array.from(PDF));
  });

  it('hands out copies: changing bytes written or read changes nothing stored', async () => {
    const fixture = await make();
    await fixture.addMeeting(MEETING);
    const written = PDF.slice();
    await fixture.store.write(MEETING, ID, written);
    written[0] = 0;
    (await fixture.store.read(MEETING, ID))![1] = 0;
    expect(await bytesOf(fixture.store.read(MEETING, ID))).toEqual(Array.from(PDF));
  });

  it('deletes a bilag for good, and deleting one that is gone is no error', async () => {
    const fixture = await make();
    await fixture.addMeeting(MEETING);
    await fixture.addMeeting(OTHER_MEETING);
    await fixture.store.write(MEETING, ID, PDF);
    await fixture.store.write(OTHER_MEETING, ID, PDF);
    await fixture.store.delete(MEETING, ID);
    await fixture.store.delete(MEETING, ID);
    const again = await fixture.reopen();
    expect(await again.read(MEETING, ID)).toBeNull();
    expect(await bytesOf(again.read(OTHER_MEETING, ID))).toEqual(Array.from(PDF));
    // Its id is free again (the server never reuses one, but nothing stays behind).
    await again.write(MEETING, ID, Uint8Array.of(7));
    expect(await bytesOf(again.read(MEETING, ID))).toEqual(Array.from(Uint8Array.of(7)));
  });

  it('refuses invalid meeting and bilag ids before touching storage', async () => {
    const fixture = await make();
    await fixture.addMeeting(MEETING);
    const { store } = fixture;
    const badBilag = ['../' + ID, ID.toUpperCase(), ID + '.bin', 'x', ''];
    await expectRefused(fixture, [
      ...BAD_MEETING_IDS.flatMap((id) => [
        () => store.write(id, ID, PDF),
        () => store.read(id, ID),
        () => store.delete(id, ID),
      ]),
      ...badBilag.flatMap((bilagId) => [
        () => store.write(MEETING, bilagId, PDF),
        () => store.read(MEETING, bilagId),
        () => store.delete(MEETING, bilagId),
      ]),
    ]);
  });
}
