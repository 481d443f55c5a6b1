import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { wouldChange } from '../../server/collab/updateGuard.ts';
import { readParticipants, visibleItemIds } from '../../shared/minutes/layout.ts';
import {
  addParticipant,
  deleteItem,
  removeParticipant,
  setHeaderField,
  writeMeetingContent,
} from '../../shared/minutes/operations.ts';
import { templateContent } from '../../shared/minutes/templates.ts';

const person = (name: string) => ({
  name,
  title: '',
  role: '',
  organisation: 'Aarhus Kommune',
  status: 'present' as const,
});

/** A server document with items and participants, and a client holding a copy of it. */
function meeting() {
  const server = new Y.Doc();
  writeMeetingContent(server, {
    ...templateContent('driftsforum', { title: 'T', forum: 'F', date: '' }),
    participants: [person('Anne'), person('Bo'), person('Carl')],
  });
  const client = new Y.Doc();
  sync(server, client);
  return { server, client };
}

/** Brings `to` up to date with `from`, as a sync round does. */
function sync(from: Y.Doc, to: Y.Doc) {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
}

/** What a stock provider sends as sync step 2: everything the server lacks, and its whole delete set. */
const step2 = (client: Y.Doc, server: Y.Doc) =>
  Y.encodeStateAsUpdate(client, Y.encodeStateVector(server));

const participantId = (doc: Y.Doc, name: string) =>
  readParticipants(doc).find((p) => p.name === name)!.id;

/** Each case returns the update a client sends the server, given both documents. */
const cases: [string, (server: Y.Doc, client: Y.Doc) => Uint8Array, boolean][] = [
  ['sync step 2 of a client in sync', (s, c) => step2(c, s), false],
  ['the whole state of a client in sync', (_s, c) => Y.encodeStateAsUpdate(c), false],
  ['an empty document', () => Y.encodeStateAsUpdate(new Y.Doc()), false],
  [
    'sync step 2 after deletions it received (its delete set, all known)',
    (s, c) => {
      deleteItem(s, visibleItemIds(s)[1]);
      removeParticipant(s, participantId(s, 'Bo'));
      setHeaderField(s, 'place', 'Mødelokale 1');
      setHeaderField(s, 'place', 'Mødelokale 2'); // overwrites: a deletion too
      sync(s, c);
      return step2(c, s);
    },
    false,
  ],
  [
    'a client behind the server (an old offline cache) sends what it has',
    (s, c) => {
      setHeaderField(s, 'place', 'Mødelokale 1');
      deleteItem(s, visibleItemIds(s)[0]);
      return step2(c, s);
    },
    false,
  ],
  [
    'a deletion the server made independently of the same thing',
    (s, c) => {
      removeParticipant(s, participantId(s, 'Bo'));
      removeParticipant(c, participantId(c, 'Bo'));
      return step2(c, s);
    },
    false,
  ],
  ['a header field typed', (s, c) => (setHeaderField(c, 'place', 'Online'), step2(c, s)), true],
  ['a participant added', (s, c) => (addParticipant(c, person('Dorte')), step2(c, s)), true],
  [
    'only a deletion (participant removed)',
    (s, c) => (removeParticipant(c, participantId(c, 'Carl')), step2(c, s)),
    true,
  ],
  [
    'an item taken off the agenda',
    (s, c) => (deleteItem(c, visibleItemIds(c)[0]), step2(c, s)),
    true,
  ],
  [
    'one deletion the server has and one it has not',
    (s, c) => {
      removeParticipant(s, participantId(s, 'Bo'));
      sync(s, c);
      removeParticipant(c, participantId(c, 'Anne'));
      return step2(c, s);
    },
    true,
  ],
  [
    'an edit hidden in a whole-state update of known content',
    (_s, c) => (setHeaderField(c, 'chair', 'Eva'), Y.encodeStateAsUpdate(c)),
    true,
  ],
];

describe('wouldChange', () => {
  it.each(cases)('%s', (_name, make, expected) => {
    const { server, client } = meeting();
    const update = make(server, client);
    const before = Y.encodeStateAsUpdate(server);
    expect(wouldChange(server, update)).toBe(expected);
    // Asking never applies anything.
    expect(Y.encodeStateAsUpdate(server)).toEqual(before);
    // And the answer is right: applying the update changes the server's state exactly when so.
    const probe = new Y.Doc();
    Y.applyUpdate(probe, before);
    Y.applyUpdate(probe, update);
    expect(!equalState(probe, server)).toBe(expected);
  });

  it('a read-only client repeating its sync step 2 on every reconnect changes nothing', () => {
    const { server, client } = meeting();
    removeParticipant(server, participantId(server, 'Bo'));
    for (let round = 0; round < 5; round++) {
      sync(server, client);
      expect(wouldChange(server, step2(client, server))).toBe(false);
      setHeaderField(server, 'place', `Lokale ${round}`); // others edit between reconnects
    }
  });
});

/** Same structs and same deletions (the state vector alone misses deletions). */
function equalState(a: Y.Doc, b: Y.Doc): boolean {
  const sv = (d: Y.Doc) => Y.encodeStateVector(d).toString();
  const ds = (d: Y.Doc) => {
    const clients = Y.createDeleteSetFromStructStore(d.store).clients;
    return JSON.stringify([...clients.entries()].sort((x, y) => x[0] - y[0]));
  };
  return sv(a) === sv(b) && ds(a) === ds(b);
}
