import { expect, it } from 'vitest';
import type { SessionStorage } from '../../../server/storage/SessionStorage.ts';
import type { StoreFixture } from './storeFixture.ts';

export type SessionFixture = StoreFixture<SessionStorage>;

/** A store that can be damaged from outside (files), for the damage contract. */
export interface DamageableSessionFixture extends SessionFixture {
  /** Makes the stored table unreadable (a hand edit, flipped bytes). */
  spoil(): Promise<void>;
}

const session = (id: string) => ({
  id,
  issuer: 'https://idp.example',
  subject: 's1',
  name: 'Łukasz Żółć',
  expiresAt: 4_102_444_800,
});

/** What every SessionStorage promises (SessionStorage.ts), run against one implementation. */
export function sessionStorageContract(make: () => Promise<SessionFixture>) {
  it('reads the sessions as last written, across a restart; none before', async () => {
    const fixture = await make();
    expect(await fixture.store.read()).toEqual([]);
    await fixture.store.write([session('a'), session('b')]);
    expect(await (await fixture.reopen()).read()).toEqual([session('a'), session('b')]);
  });

  it('replaces the whole table at each write', async () => {
    const fixture = await make();
    await fixture.store.write([session('a'), session('b')]);
    await fixture.store.write([session('c')]);
    expect(await (await fixture.reopen()).read()).toEqual([session('c')]);
    await fixture.store.write([]);
    expect(await fixture.store.read()).toEqual([]);
  });
}

/** An unreadable table is reported and read as empty, never thrown (SessionStorage.read). */
export function sessionDamageContract(make: () => Promise<DamageableSessionFixture>) {
  it('reads an unreadable table as no sessions, reports it, and writes anew', async () => {
    const fixture = await make();
    await fixture.store.write([session('a')]);
    await fixture.spoil();
    const store = await fixture.reopen();
    expect(await store.read()).toEqual([]);
    expect(fixture.reports()).toBeGreaterThan(0);
    await store.write([session('b')]);
    expect(await (await fixture.reopen()).read()).toEqual([session('b')]);
  });
}
