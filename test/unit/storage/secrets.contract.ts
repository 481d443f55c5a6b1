import { expect, it } from 'vitest';
import type { SecretName, SecretStorage } from '../../../server/storage/SecretStorage.ts';
import { expectRefused, type StoreFixture } from './storeFixture.ts';

export type SecretFixture = StoreFixture<SecretStorage>;

const VALUE = 'h0dWq3Hq8mXr2xkC1Yb5uFvLtN7pJzAe';

/** What every SecretStorage promises (SecretStorage.ts), run against one implementation. */
export function secretStorageContract(make: () => Promise<SecretFixture>) {
  it('reads a secret as created, across a restart; none before', async () => {
    const fixture = await make();
    expect(await fixture.store.read('token-secret')).toBeNull();
    await fixture.store.create('token-secret', VALUE);
    const again = await fixture.reopen();
    expect(await again.read('token-secret')).toBe(VALUE);
    expect(await again.read('organiser-key')).toBeNull();
  });

  it('never replaces a secret: creating it again is refused and the first stays', async () => {
    const fixture = await make();
    await fixture.store.create('organiser-key', VALUE);
    await expect(
      fixture.store.create('organiser-key', 'another-value-0123456789'),
    ).rejects.toThrow();
    expect(await (await fixture.reopen()).read('organiser-key')).toBe(VALUE);
  });

  it('refuses names that are not secret names before touching storage', async () => {
    const fixture = await make();
    // Untyped input could carry any string past the type.
    const bad = [
      '../token-secret',
      'token-secret.tmp',
      'Token-Secret',
      '',
    ] as string[] as SecretName[];
    await expectRefused(
      fixture,
      bad.flatMap((name) => [
        () => fixture.store.read(name),
        () => fixture.store.create(name, VALUE),
      ]),
    );
  });
}
