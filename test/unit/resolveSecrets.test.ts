import { describe, expect, it } from 'vitest';
import { resolveSecrets } from '../../server/app/resolveSecrets.ts';
import { DEFAULT_CONFIG } from '../../server/core/config.ts';
import { MemorySecrets } from '../../server/storage/MemorySecrets.ts';

describe('resolveSecrets', () => {
  it('generates each missing secret once and keeps it: a restart gets the same ones', async () => {
    const secrets = new MemorySecrets();
    const first = await resolveSecrets(DEFAULT_CONFIG, secrets);
    expect(first.tokenSecret).toMatch(/^[\w-]{32}$/);
    expect(first.organiserKey).toMatch(/^[\w-]{32}$/);
    expect(first.organiserKey).not.toBe(first.tokenSecret);
    expect(await secrets.read('organiser-key')).toBe(first.organiserKey);
    const again = await resolveSecrets(DEFAULT_CONFIG, secrets);
    expect([again.tokenSecret, again.organiserKey]).toEqual([
      first.tokenSecret,
      first.organiserKey,
    ]);
  });

  it('uses what the configuration gives and stores nothing for it', async () => {
    const secrets = new MemorySecrets();
    const given = { ...DEFAULT_CONFIG, organiserKey: 'configured-organiser-key-0123' };
    const resolved = await resolveSecrets(given, secrets);
    expect(resolved.organiserKey).toBe('configured-organiser-key-0123');
    expect(await secrets.read('organiser-key')).toBeNull();
    expect(await secrets.read('token-secret')).toBe(resolved.tokenSecret);
  });
});
