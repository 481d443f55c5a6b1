import { expect, it } from 'vitest';
import type { Roster, RosterAuditEntry } from '../../../shared/rosters/roster.ts';
import type { RosterStorage } from '../../../server/storage/RosterStorage.ts';
import { expectRefused, type StoreFixture } from './storeFixture.ts';

export type RosterFixture = StoreFixture<RosterStorage>;

/** A store that can be damaged from outside (files), for the damage contract. */
export interface DamageableRosterFixture extends RosterFixture {
  /** A crash mid-append: half an entry at the end of the roster's audit log. */
  tearLastAudit(forumId: string): Promise<void>;
  /** Damage from outside a write (a bad block, a hand edit): the roster no longer parses. */
  breakRoster(forumId: string): Promise<void>;
}

const FORUM = 'f' + '0123456789abcdef'.repeat(2);
const OTHER_FORUM = 'f' + 'fedcba9876543210'.repeat(2);

function roster(id = FORUM, members: Roster['members'] = []): Roster {
  return {
    id,
    forum: 'Driftsforum',
    createdAt: '2020-11-01T00:00:00.000Z',
    createdBy: 'organiser:s',
    updatedAt: '2020-11-01T00:00:00.000Z',
    members,
  };
}

const member: Roster['members'][number] = {
  id: 'm1',
  name: 'Łukasz Żółć',
  email: 'lukasz@example.dk',
  organisation: 'Aalborg Kommune',
  title: 'Klinikchef',
  forumRole: 'formand',
  role: 'member',
  approver: true,
  activeFrom: '',
  activeTo: '',
  addedAt: '2020-11-01T00:00:00.000Z',
  addedBy: 'organiser:s',
};

const audit = (n: number): RosterAuditEntry => ({
  at: `2020-11-0${n}T00:00:00.000Z`,
  kind: 'member-added',
  userId: 'organiser:s',
  name: 'Sekretariatet',
  memberId: `m${n}`,
  memberName: 'Łukasz Żółć',
});

/** What every RosterStorage promises (RosterStorage.ts), run against one implementation. */
export function rosterStorageContract(make: () => Promise<RosterFixture>) {
  it('reads and lists rosters as written, across a restart; none before', async () => {
    const fixture = await make();
    expect(await fixture.store.list()).toEqual([]);
    expect(await fixture.store.read(FORUM)).toBeNull();
    await fixture.store.write(roster());
    await fixture.store.write(roster(OTHER_FORUM));
    const again = await fixture.reopen();
    expect(await again.read(FORUM)).toEqual(roster());
    const listed = (await again.list()).sort((a, b) => a.id.localeCompare(b.id));
    expect(listed).toEqual([roster(), roster(OTHER_FORUM)]);
  });

  it('replaces a roster whole', async () => {
    const fixture = await make();
    await fixture.store.write(roster(FORUM, [member]));
    await fixture.store.write(roster(FORUM, []));
    expect(await (await fixture.reopen()).read(FORUM)).toEqual(roster(FORUM, []));
  });

  it('reads a roster audit log in the order appended, per forum, across a restart', async () => {
    const fixture = await make();
    expect(await fixture.store.readAudit(FORUM)).toEqual([]);
    await fixture.store.write(roster());
    for (const n of [1, 2, 3]) await fixture.store.appendAudit(FORUM, audit(n));
    await fixture.store.appendAudit(OTHER_FORUM, audit(4));
    const again = await fixture.reopen();
    expect(await again.readAudit(FORUM)).toEqual([audit(1), audit(2), audit(3)]);
    expect(await again.readAudit(OTHER_FORUM)).toEqual([audit(4)]);
  });

  it('refuses invalid forum ids before touching storage', async () => {
    const fixture = await make();
    const { store } = fixture;
    const bad = ['../' + FORUM, FORUM.toUpperCase(), FORUM.slice(1), 'f1', ''];
    await expectRefused(
      fixture,
      bad.flatMap((id) => [
        () => store.read(id),
        () => store.write(roster(id)),
        () => store.appendAudit(id, audit(1)),
        () => store.readAudit(id),
      ]),
    );
    expect(await store.list()).toEqual([]);
  });
}

/** Damage is skipped and reported, never thrown (RosterStorage.readAudit). */
export function rosterDamageContract(make: () => Promise<DamageableRosterFixture>) {
  it('a torn last audit entry is skipped and reported, never thrown', async () => {
    const fixture = await make();
    await fixture.store.write(roster());
    await fixture.store.appendAudit(FORUM, audit(1));
    await fixture.tearLastAudit(FORUM);
    expect(await (await fixture.reopen()).readAudit(FORUM)).toEqual([audit(1)]);
    expect(fixture.reports()).toBeGreaterThan(0);
  });

  it('an unreadable roster is reported and left out of the list; the others list', async () => {
    const fixture = await make();
    await fixture.store.write(roster());
    await fixture.store.write(roster(OTHER_FORUM));
    await fixture.breakRoster(FORUM);
    expect(await (await fixture.reopen()).list()).toEqual([roster(OTHER_FORUM)]);
    expect(fixture.reports()).toBeGreaterThan(0);
  });
}
