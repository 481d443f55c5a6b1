import { describe, expect, it } from 'vitest';
import { createLogger } from '../../server/core/log.ts';
import { PersonSessions, type Person } from '../../server/resources/access/PersonSessions.ts';
import { MemorySessions } from '../../server/storage/MemorySessions.ts';

const PERSON: Person = {
  issuerId: 'idp',
  issuer: 'https://idp.example',
  subject: 'lukasz',
  email: 'lukasz@example.dk',
  name: 'Łukasz Żółć',
  organisation: 'Aalborg Kommune',
  secretariat: false,
};
const DAY = 86_400;

/** The sessions as a restarted server has them: loaded from the same store. */
async function restarted(storage: MemorySessions): Promise<PersonSessions> {
  const people = new PersonSessions(storage, createLogger('silent'));
  await people.load();
  return people;
}

describe('PersonSessions through its store', () => {
  it('keeps a sign-in across a restart, and forgets it once ended', async () => {
    const storage = new MemorySessions();
    const people = await restarted(storage);
    const { session, cookie } = await people.start(PERSON, 1_700_000_000, DAY);
    const other = await people.start({ ...PERSON, subject: 'olga' }, 1_700_000_000, DAY);

    const after = await restarted(storage);
    expect(after.fromCookie(cookie)).toEqual(session);
    expect(await after.end(session.id)).toBe(true);
    const later = await restarted(storage);
    expect(later.fromCookie(cookie)).toBeNull();
    expect(later.fromCookie(other.cookie)?.subject).toBe('olga');
  });

  it('skips stored entries that are not sessions (a hand edit) and loads the rest', async () => {
    const storage = new MemorySessions();
    const people = await restarted(storage);
    const kept = await people.start(PERSON, 1_700_000_000, DAY);
    await storage.write([null, 'spild', ...(await storage.read())]);

    const after = await restarted(storage);
    expect(after.fromCookie(kept.cookie)).toEqual(kept.session);
  });
});
