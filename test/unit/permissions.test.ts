import { describe, expect, it } from 'vitest';
import {
  ACTIONS,
  PERMISSIONS,
  PHASE_TRANSITIONS,
  ROLES,
  can,
  isRole,
  type Action,
  type Role,
} from '../../shared/access/permissions.ts';
import { PHASES, type Phase } from '../../shared/meeting.ts';

/**
 * The expected table, written out by hand and not derived from the code, so a
 * change to the permission table has to be made here too, on purpose.
 * Columns in this order; x = allowed, . = refused.
 *
 *                read  editBody  comment  approve  changePhase  invite  viewAudit  reportAbsence  readClosed
 */
const EXPECTED: Record<Phase, Record<Role, string>> = {
  agenda: {
    organiser: '  x     x         x        .        x            x       x       x              x',
    minuteTaker: 'x     x         x        .        x            .       .       x              x',
    member: '     x     .         x        .        .            .       .       x              x',
    observer: '   x     .         .        .        .            .       .       x              .',
  },
  meeting: {
    organiser: '  x     x         x        .        x            x       x       x              x',
    minuteTaker: 'x     x         x        .        x            .       .       x              x',
    member: '     x     .         .        .        .            .       .       x              x',
    observer: '   x     .         .        .        .            .       .       x              .',
  },
  review: {
    organiser: '  x     x         x        x        x            x       x       .              x',
    minuteTaker: 'x     x         x        x        .            .       .       .              x',
    member: '     x     .         x        x        .            .       .       .              x',
    observer: '   x     .         .        .        .            .       .       .              .',
  },
  approved: {
    organiser: '  x     .         .        .        .            x       x       .              x',
    minuteTaker: 'x     .         .        .        .            .       .       .              x',
    member: '     x     .         .        .        .            .       .       .              x',
    observer: '   x     .         .        .        .            .       .       .              .',
  },
};

const COLUMNS: Action[] = [
  'read',
  'editBody',
  'comment',
  'approve',
  'changePhase',
  'invite',
  'viewAudit',
  'reportAbsence',
  'readClosed',
];

function expected(role: Role, phase: Phase, action: Action): boolean {
  const cells = EXPECTED[phase][role].trim().split(/\s+/);
  expect(cells).toHaveLength(COLUMNS.length);
  return cells[COLUMNS.indexOf(action)] === 'x';
}

const every = PHASES.flatMap((phase) =>
  ROLES.flatMap((role) => ACTIONS.map((action): [Role, Phase, Action] => [role, phase, action])),
);

describe('the permission table', () => {
  it('has the roles, phases and actions this test pins', () => {
    expect([...ACTIONS].sort()).toEqual([...COLUMNS].sort());
    expect(Object.keys(PERMISSIONS).sort()).toEqual([...PHASES].sort());
    for (const phase of PHASES) {
      expect(Object.keys(PERMISSIONS[phase]).sort()).toEqual([...ROLES].sort());
      expect(Object.keys(EXPECTED[phase]).sort()).toEqual([...ROLES].sort());
    }
    expect(every).toHaveLength(4 * 4 * 9);
  });

  it.each(every)('%s in %s: %s', (role, phase, action) => {
    expect(can(role, phase, action)).toBe(expected(role, phase, action));
  });

  it('no cell names an action twice or one that does not exist', () => {
    for (const phase of PHASES) {
      for (const role of ROLES) {
        const cell = PERMISSIONS[phase][role];
        expect(new Set(cell).size).toBe(cell.length);
        for (const action of cell) expect(ACTIONS).toContain(action);
      }
    }
  });
});

describe('phase changes by hand', () => {
  const cases: [Phase, Phase[]][] = [
    ['agenda', ['meeting']],
    ['meeting', ['review']],
    ['review', ['meeting']], // withdrawing the draft
    ['approved', []], // frozen
  ];
  it.each(cases)('from %s: %j', (from, to) => {
    expect(PHASE_TRANSITIONS[from]).toEqual(to);
  });

  it('approved is reached only by the last approval, never by hand', () => {
    for (const phase of PHASES) expect(PHASE_TRANSITIONS[phase]).not.toContain('approved');
  });
});

describe('isRole', () => {
  const cases: [unknown, boolean][] = [
    ...ROLES.map((role): [unknown, boolean] => [role, true]),
    ['admin', false],
    ['Organiser', false],
    ['', false],
    [null, false],
    [undefined, false],
    [0, false],
    [['organiser'], false],
    ['toString', false],
  ];
  it.each(cases)('%j: %s', (value, ok) => {
    expect(isRole(value)).toBe(ok);
  });
});
