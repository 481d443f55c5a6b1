import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readParticipants } from '../../shared/minutes/layout.ts';
import { addParticipant } from '../../shared/minutes/operations.ts';
import { isIsoDate } from '../../shared/meeting.ts';
import {
  dayBefore,
  isActiveOn,
  normaliseForum,
  sameName,
  todayInDenmark,
  type RosterMember,
} from '../../shared/rosters/roster.ts';
import { forumIdOf } from '../../server/resources/rosters/forumId.ts';
import { placeMembers } from '../../server/resources/rosters/rosterParticipants.ts';

describe('normaliseForum and forumIdOf: one forum, however it is spelled', () => {
  const same: [string, string][] = [
    ['Driftsforum Nord', '  driftsforum   NORD '],
    ['MED – Syd', 'med - syd'],
    ['MED—Syd', 'MED-Syd'],
    ['Ærø Forum', 'ærø forum'],
    ['Café', 'Cafe\u0301'], // composed and decomposed é
    ['ΣΥΜΒΟΎΛΙΟ', 'συμβούλιο'],
    ['Driftsforum\tNord', 'Driftsforum\u00a0Nord'],
  ];
  it.each(same)('%j is %j', (a, b) => {
    expect(normaliseForum(a)).toBe(normaliseForum(b));
    expect(forumIdOf(a)).toBe(forumIdOf(b));
  });
  const different: [string, string][] = [
    ['Driftsforum Nord', 'Driftsforum Syd'],
    ['Aerø', 'Ærø'],
    ['Lodz', 'Łódź'],
    ['Driftsforum Nord', 'DriftsforumNord'],
  ];
  it.each(different)('%j is not %j', (a, b) => expect(forumIdOf(a)).not.toBe(forumIdOf(b)));
  it('gives a file-name-safe id, and none for an empty forum', () => {
    expect(forumIdOf('../../etc/passwd')).toMatch(/^f[0-9a-f]{32}$/);
    expect(forumIdOf('   ')).toBeNull();
    expect(forumIdOf('')).toBeNull();
  });
});

describe('isActiveOn: the meeting date within from..to, both included', () => {
  const cases: [string, string, string, boolean][] = [
    ['', '', '2026-05-01', true],
    ['2026-05-01', '', '2026-05-01', true],
    ['2026-05-02', '', '2026-05-01', false],
    ['', '2026-05-01', '2026-05-01', true],
    ['', '2026-04-30', '2026-05-01', false],
    ['2026-01-01', '2026-12-31', '2026-07-01', true],
    ['2026-01-01', '2026-12-31', '2027-01-01', false],
    ['2026-01-01', '2026-12-31', '2025-12-31', false],
  ];
  it.each(cases)('from %j to %j on %s: %s', (activeFrom, activeTo, date, expected) =>
    expect(isActiveOn({ activeFrom, activeTo }, date)).toBe(expected),
  );
  it('dayBefore crosses months, years and leap days', () => {
    expect(dayBefore('2026-03-01')).toBe('2026-02-28');
    expect(dayBefore('2028-03-01')).toBe('2028-02-29');
    expect(dayBefore('2027-01-01')).toBe('2026-12-31');
  });
  it('today is the Danish date (after midnight in Copenhagen, before it in UTC)', () => {
    expect(todayInDenmark(new Date('2026-06-30T22:30:00Z'))).toBe('2026-07-01');
    expect(todayInDenmark(new Date('2026-12-31T22:59:00Z'))).toBe('2026-12-31');
    expect(todayInDenmark(new Date('2026-12-31T23:01:00Z'))).toBe('2027-01-01');
  });
  it('dates must exist (2026-02-30 does not)', () => {
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-02-30')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
  });
});

describe('sameName: the same person as written in minutes', () => {
  const same: [string, string][] = [
    ['Anne Holm', 'ANNE  HOLM'],
    ['Jørgen Ærbø', 'jørgen ærbø'],
    ['Åse Aagaard', 'åse ågaard'],
    ['Łukasz Nowak', 'łukasz nowak'],
    ['Σοφία Παπαδοπούλου', 'ΣΟΦΊΑ ΠΑΠΑΔΟΠΟΎΛΟΥ'],
    ['Zoë Müller', 'Zoe\u0308 Müller'],
  ];
  it.each(same)('%j = %j', (a, b) => expect(sameName(a, b)).toBe(true));
  const different: [string, string][] = [
    ['Lukasz Nowak', 'Łukasz Nowak'],
    ['Søren Holm', 'Soren Holm'],
    ['Anne Holm', 'Anne Holmm'],
    ['Σοφία', 'Σοφια'],
    ['', ''],
    ['Anne Holm', 'Holm Anne'],
  ];
  it.each(different)('%j ≠ %j', (a, b) => expect(sameName(a, b)).toBe(false));
});

const member = (name: string, organisation: string): RosterMember => ({
  id: crypto.randomUUID(),
  name,
  email: `${name.split(' ')[0].toLowerCase()}@x.dk`,
  organisation,
  title: 'Titel',
  forumRole: 'medlem',
  role: 'member',
  approver: false,
  activeFrom: '',
  activeTo: '',
  addedAt: '',
  addedBy: '',
});

describe('placeMembers: roster members into a document', () => {
  it('adds them grouped by organisation, in the roster’s order of first appearance', () => {
    const doc = new Y.Doc();
    const members = [
      member('Anne Holm', 'Region'),
      member('Bo Berg', 'Kommune'),
      member('Carl Dahl', 'Region'),
    ];
    const placed = placeMembers(doc, members);
    const participants = readParticipants(doc);
    expect(participants.map((p) => [p.name, p.organisation, p.role, p.status])).toEqual([
      ['Anne Holm', 'Region', 'medlem', 'present'],
      ['Carl Dahl', 'Region', 'medlem', 'present'],
      ['Bo Berg', 'Kommune', 'medlem', 'present'],
    ]);
    expect(placed.map((p) => [p.member.name, p.participantId])).toEqual([
      ['Anne Holm', participants[0].id],
      ['Carl Dahl', participants[1].id],
      ['Bo Berg', participants[2].id],
    ]);
    expect(new Set(participants.map((p) => p.id)).size).toBe(3);
  });

  it('links a member to a participant already there instead of adding them twice', () => {
    const doc = new Y.Doc();
    const existing = addParticipant(doc, {
      name: 'ANNE HOLM',
      title: '',
      role: '',
      organisation: '',
      status: 'absent',
    });
    const placed = placeMembers(doc, [member('Anne Holm', 'Region'), member('Anne  holm', 'X')]);
    // One name is linked once: a second member with the same name gets a participant of their own.
    expect(placed[0].participantId).toBe(existing);
    expect(placed[1].participantId).not.toBe(existing);
    expect(readParticipants(doc).map((p) => [p.name, p.status])).toEqual([
      ['ANNE HOLM', 'absent'],
      ['Anne  holm', 'present'],
    ]);
  });
});
