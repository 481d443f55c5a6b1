/**
 * Fuzzing the websocket endpoint with fast-check: thousands of random and
 * mutated protocol messages and Yjs updates, sent by a connection holding an
 * organiser token (the most a connection may do). The server must stay up,
 * two honest clients must keep syncing and saving, and the stored document
 * must load afterwards, with no damage found, into a document the app reads.
 */
import fc from 'fast-check';
import { scratchText } from '../helpers/clients.ts';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import WebSocket from 'ws';
import { FileDocuments } from '../../server/storage/FileDocuments.ts';
import { createLogger } from '../../server/core/log.ts';
import { meetingToJSON } from '../../shared/minutes/toJSON.ts';
import { itemBody, visibleItemIds } from '../../shared/minutes/layout.ts';
import {
  MESSAGE_AWARENESS,
  MESSAGE_SYNC,
  collabProtocols,
} from '../../shared/protocol/messages.ts';
import { useCleanups } from '../helpers/cleanups.ts';
import { connectClient, connectedPair, type TestClient } from '../helpers/clients.ts';
import { startTempServer } from '../helpers/testServer.ts';
import { waitFor } from '../helpers/waitFor.ts';
import { SCALE, recordFigures } from './figures.ts';

const cleanup = useCleanups();

/** Real updates on the meeting's structure, made by another client: the corpus to mutate. */
function realUpdates(base: Y.Doc): Uint8Array[] {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  const ids = visibleItemIds(doc);
  for (const [i, id] of ids.entries()) {
    const body = itemBody(doc, id)!;
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText(`Tekst ${i} æøå`)]);
    body.insert(body.length, [paragraph]);
    (paragraph.get(0) as Y.XmlText).format(0, 5, { bold: true });
    body.delete(0, 1);
  }
  doc.getMap('header').set('place', 'Mødelokale 1');
  doc.getArray('itemOrder').delete(0, 1);
  return updates;
}

function frame(type: number, write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, type);
  write(e);
  return encoding.toUint8Array(e);
}

type Mutation =
  | { op: 'flip'; at: number; value: number }
  | { op: 'truncate'; at: number }
  | { op: 'insert'; at: number; bytes: Uint8Array }
  | { op: 'duplicate' };

function mutate(bytes: Uint8Array, mutations: Mutation[]): Uint8Array {
  let out = Uint8Array.from(bytes);
  for (const m of mutations) {
    const at = out.length ? ('at' in m ? m.at % out.length : 0) : 0;
    if (m.op === 'flip') out[at] = m.value;
    else if (m.op === 'truncate') out = out.subarray(0, at);
    else if (m.op === 'insert')
      out = Uint8Array.from([...out.subarray(0, at), ...m.bytes, ...out.subarray(at)]);
    else out = Uint8Array.from([...out, ...out]);
  }
  return out;
}

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    op: fc.constant('flip' as const),
    at: fc.nat(),
    value: fc.integer({ min: 0, max: 255 }),
  }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({
    op: fc.constant('insert' as const),
    at: fc.nat(),
    bytes: fc.uint8Array({ maxLength: 8 }),
  }),
  fc.record({ op: fc.constant('duplicate' as const) }),
);

type Message = { kind: string; data: Uint8Array | string };

function messageArb(corpus: Uint8Array[], awarenessCorpus: Uint8Array[]): fc.Arbitrary<Message> {
  const realUpdate = fc.constantFrom(...corpus);
  const mutatedUpdate = fc
    .tuple(realUpdate, fc.array(mutationArb, { minLength: 1, maxLength: 4 }))
    .map(([u, ms]) => mutate(u, ms));
  const syncType = fc.oneof(
    fc.constantFrom(
      syncProtocol.messageYjsSyncStep1,
      syncProtocol.messageYjsSyncStep2,
      syncProtocol.messageYjsUpdate,
    ),
    fc.integer({ min: 0, max: 2 ** 31 }),
  );
  return fc.oneof(
    fc.uint8Array({ maxLength: 200 }).map((data) => ({ kind: 'random bytes', data })),
    fc.string({ maxLength: 100 }).map((data) => ({ kind: 'text frame', data })),
    fc
      .tuple(fc.integer({ min: 0, max: 2 ** 31 }), fc.uint8Array({ maxLength: 100 }))
      .map(([type, payload]) => ({
        kind: 'random type',
        data: frame(type, (e) => encoding.writeUint8Array(e, payload)),
      })),
    fc
      .tuple(syncType, fc.oneof(mutatedUpdate, fc.uint8Array({ maxLength: 200 })))
      .map(([sub, payload]) => ({
        kind: 'sync, mutated or random payload',
        data: frame(MESSAGE_SYNC, (e) => {
          encoding.writeVarUint(e, sub);
          encoding.writeVarUint8Array(e, payload);
        }),
      })),
    mutatedUpdate.map((u) => ({
      kind: 'sync update, mutated Yjs update',
      data: frame(MESSAGE_SYNC, (e) => syncProtocol.writeUpdate(e, u)),
    })),
    realUpdate.map((u) => ({
      kind: 'sync update, valid Yjs update',
      data: frame(MESSAGE_SYNC, (e) => syncProtocol.writeUpdate(e, u)),
    })),
    fc
      .tuple(fc.constantFrom(...awarenessCorpus), fc.array(mutationArb, { maxLength: 3 }))
      .map(([u, ms]) => ({
        kind: 'awareness, mutated',
        data: frame(MESSAGE_AWARENESS, (e) => encoding.writeVarUint8Array(e, mutate(u, ms))),
      })),
    fc
      .record({
        clientID: fc.oneof(fc.nat(), fc.constant(0)),
        clock: fc.nat(),
        state: fc.oneof(fc.constant(null), fc.jsonValue({ maxDepth: 3 })),
      })
      .map(({ clientID, clock, state }) => ({
        kind: 'awareness, random state',
        data: frame(MESSAGE_AWARENESS, (e) => {
          const inner = encoding.createEncoder();
          encoding.writeVarUint(inner, 1);
          encoding.writeVarUint(inner, clientID);
          encoding.writeVarUint(inner, clock);
          encoding.writeVarString(inner, JSON.stringify(state));
          encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
        }),
      })),
    fc.nat().map((id) => ({
      kind: 'save request',
      data: frame(100, (e) => encoding.writeVarUint(e, id)),
    })),
  );
}

function awarenessSamples(): Uint8Array[] {
  const doc = new Y.Doc();
  const awareness = new awarenessProtocol.Awareness(doc);
  awareness.setLocalState({ user: { name: 'Fuzz', color: '#ff0000' }, cursor: null });
  const samples = [awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID])];
  awareness.setLocalState(null);
  samples.push(awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]));
  awareness.destroy();
  return samples;
}

/**
 * Opens a socket and sends the messages one by one, each followed by a
 * presence query: the answer shows the message was handled, a close ends the
 * sequence. Returns the messages the server handled and how it ended.
 */
async function attack(
  url: string,
  token: string,
  messages: Message[],
): Promise<{ outcome: number | 'open'; handled: Message[] }> {
  const ws = new WebSocket(url, collabProtocols(token));
  ws.binaryType = 'nodebuffer';
  ws.on('error', () => {});
  let closeCode: number | null = null;
  const closed = new Promise<number>((resolve) =>
    ws.on('close', (code) => resolve((closeCode = code))),
  );
  let wake: () => void = () => {};
  ws.on('message', (data: Buffer) => data[0] === MESSAGE_AWARENESS && wake());
  void closed.then(() => wake());
  const opened = await Promise.race([
    new Promise<boolean>((resolve) => ws.once('open', () => resolve(true))),
    closed.then(() => false),
  ]);
  if (!opened) return { outcome: await closed, handled: [] };
  const handled: Message[] = [];
  for (const m of messages) {
    const answered = new Promise<void>((resolve) => (wake = resolve));
    ws.send(m.data);
    ws.send(Uint8Array.of(3)); // query presence
    await answered;
    handled.push(m);
    if (closeCode !== null) return { outcome: closeCode, handled };
  }
  ws.close();
  await closed;
  return { outcome: 'open', handled };
}

const RUNS = 3000 * SCALE;

describe('fuzzing the websocket endpoint', () => {
  it('survives thousands of random and mutated messages; others keep syncing; the stored meeting loads', async () => {
    const { server, dataDir, stop, restart } = await startTempServer(cleanup, {
      maxMessageBytes: 64 * 1024,
    });
    const id = await server.createMeeting('Fuzz', 'driftsforum', { scratch: true });
    const [a, b] = await connectedPair(server, id, cleanup);

    const corpus = realUpdates(a.doc);
    const url = `${server.wsBase}/${id}`;
    const kinds = new Map<string, number>();
    const closeCodes = new Map<string, number>();
    let messages = 0;
    let syncChecks = 0;
    const markers: string[] = [];
    const started = performance.now();

    const honestClientsStillSync = async (c1: TestClient, c2: TestClient) => {
      const marker = `[ok ${syncChecks++}]`;
      markers.push(marker);
      c1.text.insert(c1.text.length, marker);
      await waitFor(
        () => c2.text.toString().includes(marker),
        `${marker} reaches the other client`,
      );
      await waitFor(() => c1.tracker.state === 'saved', `${marker} saved`);
    };

    await fc.assert(
      fc.asyncProperty(
        fc.array(messageArb(corpus, awarenessSamples()), {
          minLength: 1,
          maxLength: 40,
          size: 'max',
        }),
        async (sequence) => {
          const { outcome, handled } = await attack(url, server.organiserToken, sequence);
          for (const m of handled) kinds.set(m.kind, (kinds.get(m.kind) ?? 0) + 1);
          const before = messages;
          messages += handled.length;
          const key = String(outcome);
          closeCodes.set(key, (closeCodes.get(key) ?? 0) + 1);
          // Every close is a deliberate one with a code; 1006 would be a dropped socket.
          expect(outcome).not.toBe(1006);
          if (Math.floor(messages / 50) > Math.floor(before / 50))
            await honestClientsStillSync(a, b);
        },
      ),
      { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? 20261122), endOnFailure: true },
    );
    await honestClientsStillSync(b, a);
    const fuzzSeconds = (performance.now() - started) / 1000;
    expect(messages).toBeGreaterThan(3000);

    // The REST side answers too.
    expect((await server.api('/meetings')).status).toBe(200);

    // Everything the honest clients wrote is stored, and the stored meeting loads cleanly.
    const state = Y.encodeStateAsUpdate(a.doc);
    await waitFor(() => a.tracker.state === 'saved' && b.tracker.state === 'saved', 'saved');
    a.destroy();
    b.destroy();
    await stop();
    const documents = new FileDocuments(dataDir, createLogger('silent'));
    const loaded = await documents.load(id);
    expect(loaded.problems).toEqual([]);
    const reloaded = new Y.Doc();
    for (const u of loaded.updates) Y.applyUpdate(reloaded, u);
    for (const marker of markers) expect(scratchText(reloaded).toString()).toContain(marker);
    expect(Y.encodeStateVector(reloaded)).toEqual(Y.encodeStateVector(applied(state)));
    const { problems } = meetingToJSON(reloaded);

    // And a new server (default config) on the same files serves it.
    const again = await restart({});
    const c = connectClient(again.wsBase, id, again.organiserToken);
    cleanup(() => c.destroy());
    await c.synced();
    expect(c.text.toString()).toBe(scratchText(reloaded).toString());

    recordFigures('fuzz', {
      messages,
      connections: RUNS,
      seconds: Math.round(fuzzSeconds * 10) / 10,
      messageKinds: Object.fromEntries(kinds),
      outcomes: Object.fromEntries(closeCodes),
      honestSyncChecks: syncChecks,
      storedDocumentProblems: loaded.problems.length,
      schemaProblemsReported: problems.length,
      serverUp: true,
    });
  }, 300_000);
});

function applied(update: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return doc;
}
