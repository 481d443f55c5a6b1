import { expect, it } from 'vitest';
import type { OutboxStorage } from '../../../server/storage/OutboxStorage.ts';
import { expectRefused, type StoreFixture } from './storeFixture.ts';

export type OutboxFixture = StoreFixture<OutboxStorage>;

/** A store that can be damaged from outside (files), for the damage contract. */
export interface DamageableOutboxFixture extends OutboxFixture {
  /** Makes the stored entry unreadable (flipped bytes, a hand edit). */
  spoilEntry(entryId: string): Promise<void>;
  /** Where spoiled entries went, if the store keeps them aside (relative paths). */
  keptAside(): Promise<string[]>;
}

const A = '0123456789abcdef0123456789abcdef';
const B = 'fedcba9876543210fedcba9876543210';
const mail = (id: string, status: string) => ({ id, status, to: ['łukasz@example.dk'] });
const byId = (entries: unknown[]) =>
  (entries as { id: string }[]).slice().sort((x, y) => x.id.localeCompare(y.id));

/** What every OutboxStorage promises (OutboxStorage.ts), run against one implementation. */
export function outboxStorageContract(make: () => Promise<OutboxFixture>) {
  it('reads every entry written, across a restart; none before', async () => {
    const fixture = await make();
    expect(await fixture.store.readAll()).toEqual([]);
    await fixture.store.write(A, mail(A, 'queued'));
    await fixture.store.write(B, mail(B, 'sent'));
    expect(byId(await (await fixture.reopen()).readAll())).toEqual([
      mail(A, 'queued'),
      mail(B, 'sent'),
    ]);
  });

  it('replaces an entry whole when written again under its id', async () => {
    const fixture = await make();
    await fixture.store.write(A, { ...mail(A, 'sending'), attempt: 1 });
    await fixture.store.write(A, mail(A, 'sent'));
    expect(await (await fixture.reopen()).readAll()).toEqual([mail(A, 'sent')]);
  });

  it('refuses invalid entry ids before touching storage', async () => {
    const fixture = await make();
    const bad = ['../' + A, A.toUpperCase(), A + '.json', 'abc', ''];
    await expectRefused(
      fixture,
      bad.map((id) => () => fixture.store.write(id, mail(id, 'queued'))),
    );
    expect(await fixture.store.readAll()).toEqual([]);
  });
}

/** An unreadable entry is kept aside and reported, never thrown (OutboxStorage.readAll). */
export function outboxDamageContract(make: () => Promise<DamageableOutboxFixture>) {
  it('leaves an unreadable entry out, keeps it aside and reports it; the others read', async () => {
    const fixture = await make();
    await fixture.store.write(A, mail(A, 'queued'));
    await fixture.store.write(B, mail(B, 'queued'));
    await fixture.spoilEntry(A);
    expect(await (await fixture.reopen()).readAll()).toEqual([mail(B, 'queued')]);
    expect(fixture.reports()).toBeGreaterThan(0);
    expect(await fixture.keptAside()).toHaveLength(1);
    // Kept aside, not read again: the next start reads no damage.
    expect(await (await fixture.reopen()).readAll()).toEqual([mail(B, 'queued')]);
  });
}
