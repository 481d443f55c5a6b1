import { describe, expect, it } from 'vitest';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import {
  MAX_PRESENCE_ENTRIES,
  MAX_PRESENCE_STATE,
  filterPresence,
} from '../../server/collab/presence.ts';
import { RateLimit } from '../../server/core/limits/RateLimit.ts';
import { PerPersonLimit } from '../../server/core/limits/PerPersonLimit.ts';

interface Entry {
  clientId: number;
  clock: number;
  /** The JSON text as sent (not necessarily valid JSON). */
  state: string;
}

/** An awareness update in the y-protocols format, written entry by entry. */
function encode(entries: Entry[], trailing: number[] = []): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const e of entries) {
    encoding.writeVarUint(encoder, e.clientId);
    encoding.writeVarUint(encoder, e.clock);
    encoding.writeVarString(encoder, e.state);
  }
  for (const byte of trailing) encoding.writeUint8(encoder, byte);
  return encoding.toUint8Array(encoder);
}

function decode(update: Uint8Array): { clientId: number; clock: number; state: unknown }[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  return Array.from({ length: count }, () => ({
    clientId: decoding.readVarUint(decoder),
    clock: decoding.readVarUint(decoder),
    state: JSON.parse(decoding.readVarString(decoder)),
  }));
}

const ANNE = 'Anne Jensen';
const OWN = 101;
const FOREIGN = 202;
const ownedByOthers = (id: number) => id === FOREIGN;
const entry = (state: unknown, clientId = OWN, clock = 3): Entry => ({
  clientId,
  clock,
  state: JSON.stringify(state),
});
const cursor = { anchor: { type: null, tname: 'body', item: null, assoc: 0 } };

describe('filterPresence: what is kept and how it is rewritten', () => {
  const cases: [string, Entry[], { clientId: number; clock: number; state: unknown }[] | null][] = [
    [
      'another name is replaced by the token’s, the rest of the state kept',
      [entry({ user: { name: 'Formanden', color: '#1e40af' }, cursor })],
      [{ clientId: OWN, clock: 3, state: { user: { name: ANNE, color: '#1e40af' }, cursor } }],
    ],
    [
      'a state without a user gets one with the token’s name',
      [entry({ cursor })],
      [{ clientId: OWN, clock: 3, state: { cursor, user: { name: ANNE } } }],
    ],
    [
      'a user that is not an object is replaced',
      [entry({ user: 'Formanden' })],
      [{ clientId: OWN, clock: 3, state: { user: { name: ANNE } } }],
    ],
    [
      'fields of the user other than the colour are dropped',
      [entry({ user: { name: 'X', color: '#abc', avatar: 'https://evil.example/a.png' } })],
      [{ clientId: OWN, clock: 3, state: { user: { name: ANNE, color: '#abc' } } }],
    ],
    [
      'a null state (leaving) passes as null',
      [entry(null, OWN, 9)],
      [{ clientId: OWN, clock: 9, state: null }],
    ],
    [
      'entries for awareness ids another connection owns are dropped',
      [entry({ user: { name: 'B' } }, FOREIGN), entry({ user: { name: 'A' } }, OWN, 4)],
      [{ clientId: OWN, clock: 4, state: { user: { name: ANNE } } }],
    ],
    ['nothing left: null', [entry({ user: { name: 'B' } }, FOREIGN)], null],
    ['no entries: null', [], null],
  ];
  it.each(cases)('%s', (_name, entries, expected) => {
    const out = filterPresence(encode(entries), ANNE, ownedByOthers);
    expect(out === null ? null : decode(out)).toEqual(expected);
  });

  it('a stock y-protocols awareness update is understood and re-encoded in its format', () => {
    const awareness = new Awareness(new Y.Doc());
    awareness.setLocalState({ user: { name: 'Someone else', color: '#ff0000' } });
    const out = filterPresence(
      encodeAwarenessUpdate(awareness, [awareness.clientID]),
      ANNE,
      () => false,
    )!;
    const receiver = new Awareness(new Y.Doc());
    applyAwarenessUpdate(receiver, out, 'test');
    expect(receiver.getStates().get(awareness.clientID)).toEqual({
      user: { name: ANNE, color: '#ff0000' },
    });
  });
});

describe('filterPresence: colours are sanitised', () => {
  const colours: [unknown, string | undefined][] = [
    ['#abc', '#abc'],
    ['#A1B2C3', '#A1B2C3'],
    ['#a1b2c3d4', '#a1b2c3d4'],
    ['#ab', undefined],
    ['#a1b2c3d4e', undefined],
    ['red', undefined],
    ['#ff0000; background: url(https://evil.example/)', undefined],
    ['url(javascript:alert(1))', undefined],
    [' #abc', undefined],
    [0xff0000, undefined],
    [null, undefined],
  ];
  it.each(colours)('%j -> %s', (color, expected) => {
    const out = filterPresence(encode([entry({ user: { name: 'X', color } })]), ANNE, () => false);
    expect(decode(out!)[0].state).toEqual({
      user: expected === undefined ? { name: ANNE } : { name: ANNE, color: expected },
    });
  });
});

describe('filterPresence: limits and malformed input throw (the connection is closed)', () => {
  const many = (n: number, clientId = OWN) =>
    Array.from({ length: n }, (_, i) => entry({ user: { name: 'X' } }, clientId + i));
  // A state of exactly `length` JSON characters.
  const sized = (length: number) => {
    const base = JSON.stringify({ pad: '' }).length;
    return { clientId: OWN, clock: 1, state: JSON.stringify({ pad: 'x'.repeat(length - base) }) };
  };
  const accepted: [string, Uint8Array][] = [
    [`${MAX_PRESENCE_ENTRIES} entries`, encode(many(MAX_PRESENCE_ENTRIES))],
    [`a state of ${MAX_PRESENCE_STATE} characters`, encode([sized(MAX_PRESENCE_STATE)])],
  ];
  it.each(accepted)('accepted: %s', (_name, update) => {
    expect(filterPresence(update, ANNE, () => false)).not.toBeNull();
  });

  const refused: [string, Uint8Array][] = [
    [`${MAX_PRESENCE_ENTRIES + 1} entries`, encode(many(MAX_PRESENCE_ENTRIES + 1))],
    [
      `${MAX_PRESENCE_ENTRIES + 1} entries, all foreign`,
      encode(many(MAX_PRESENCE_ENTRIES + 1, FOREIGN)),
    ],
    [`a state of ${MAX_PRESENCE_STATE + 1} characters`, encode([sized(MAX_PRESENCE_STATE + 1)])],
    ['a count with no entries behind it', new Uint8Array([3])],
    ['a truncated entry', encode([entry({ user: { name: 'X' } })]).slice(0, 5)],
    ['trailing bytes', encode([entry({ user: { name: 'X' } })], [0, 1])],
    ['not JSON', encode([{ clientId: OWN, clock: 1, state: '{user:' }])],
    ['an array state', encode([entry([1, 2])])],
    ['a string state', encode([entry('Anne')])],
    ['a number state', encode([entry(7)])],
    ['no bytes at all', new Uint8Array()],
  ];
  it.each(refused)('throws: %s', (_name, update) => {
    expect(() => filterPresence(update, ANNE, ownedByOthers)).toThrow();
  });
});

describe('RateLimit', () => {
  /** Steps: move the clock by `advanceMs`, then take `amount`; expect the answer. */
  const cases: [string, number, number, [advanceMs: number, amount: number, ok: boolean][]][] = [
    [
      'a burst at once, then nothing until a token is refilled',
      3,
      2,
      [
        [0, 1, true],
        [0, 1, true],
        [0, 1, true],
        [0, 1, false],
        [499, 1, false], // 0.998 of a token
        [1, 1, true], // 500 ms at 2/s: one token
        [0, 1, false],
      ],
    ],
    [
      'refill stops at the burst however long it was idle',
      2,
      1,
      [
        [0, 1, true],
        [0, 1, true],
        [3_600_000, 1, true],
        [0, 1, true],
        [0, 1, false],
      ],
    ],
    [
      'a refused take costs nothing',
      1,
      1,
      [
        [0, 1, true],
        [0, 1, false],
        [0, 1, false],
        [1000, 1, true],
      ],
    ],
    [
      'amounts (bytes): what is left decides, a smaller take still fits',
      100,
      10,
      [
        [0, 60, true],
        [0, 60, false],
        [0, 40, true],
        [0, 1, false],
        [1000, 10, true], // 10 refilled in a second
        [0, 1, false],
        [100_000, 101, false], // more than the burst never fits
        [0, 100, true],
      ],
    ],
    [
      'slow rates (one per ten seconds) refill fractionally',
      1,
      1 / 10,
      [
        [0, 1, true],
        [9_999, 1, false],
        [1, 1, true],
      ],
    ],
  ];
  it.each(cases)('%s', (_name, burst, perSecond, steps) => {
    let now = 1_000_000;
    const limit = new RateLimit(burst, perSecond, () => now);
    steps.forEach(([advanceMs, amount, ok], i) => {
      now += advanceMs;
      expect(limit.take(amount), `step ${i}`).toBe(ok);
    });
  });
});

describe('PerPersonLimit', () => {
  it('limits each person in each meeting on their own, and forgets people at rest', () => {
    const limit = new PerPersonLimit(2, 0.001);
    expect([limit.take('m1', 'ole'), limit.take('m1', 'ole'), limit.take('m1', 'ole')]).toEqual([
      true,
      true,
      false,
    ]);
    expect(limit.take('m1', 'bo')).toBe(true);
    expect(limit.take('m2', 'ole')).toBe(true);
    // Thousands of callers who have been at rest long enough do not pile up.
    const fast = new PerPersonLimit(2, 1e9);
    for (let i = 0; i < 5000; i++) fast.take('m1', `u${i}`);
    expect((fast as unknown as { buckets: Map<string, unknown> }).buckets.size).toBeLessThan(1100);
    // One not at rest is kept, and still limited.
    expect(limit.take('m1', 'ole')).toBe(false);
  });
});
