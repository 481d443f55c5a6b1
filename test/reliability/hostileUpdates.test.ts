/**
 * Issue 12, acceptance 1: random deep, wide, oversized and unknown-structure
 * updates (nesting up to 10,000 levels) from every role in every phase. The
 * process stays up, honest clients keep syncing, and every meeting still
 * opens, reads as JSON and exports, also after a restart.
 */
import fc from 'fast-check';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import WebSocket from 'ws';
import { ROLES, type Role } from '../../shared/access/permissions.ts';
import { PHASES, type Phase } from '../../shared/meeting.ts';
import { itemBody, itemMap, itemsMap, visibleItemIds } from '../../shared/minutes/layout.ts';
import { setHeaderField } from '../../shared/minutes/operations.ts';
import {
  MESSAGE_AWARENESS,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_REFUSED,
  collabProtocols,
} from '../../shared/protocol/messages.ts';
import { useCleanups } from '../helpers/cleanups.ts';
import { connectedPair } from '../helpers/clients.ts';
import { rawUpdate } from '../helpers/rawSocket.ts';
import { startTempServer, type TestServer } from '../helpers/testServer.ts';
import { waitFor } from '../helpers/waitFor.ts';
import { meetingInPhase } from '../helpers/workflow.ts';
import { readHeader } from '../../shared/minutes/layout.ts';
import { SCALE, recordFigures } from './figures.ts';

const cleanup = useCleanups();
const RUNS = 80 * SCALE;

type Shape =
  | { kind: 'deep'; depth: number; node: string }
  | { kind: 'wide'; width: number }
  | { kind: 'oversized'; bytes: number }
  | { kind: 'unknown root'; name: string }
  | { kind: 'unknown item field'; field: string; bytes: number }
  | { kind: 'unknown node'; name: string }
  | { kind: 'unknown attribute'; name: string }
  | { kind: 'map where text belongs' }
  | { kind: 'valid text'; text: string };

const shapeArb: fc.Arbitrary<Shape> = fc.oneof(
  fc.record({
    kind: fc.constant('deep' as const),
    depth: fc.oneof(fc.integer({ min: 1, max: 80 }), fc.integer({ min: 80, max: 10_000 })),
    node: fc.constantFrom('blockquote', 'bulletList', 'paragraph', 'evil'),
  }),
  fc.record({ kind: fc.constant('wide' as const), width: fc.integer({ min: 1, max: 5000 }) }),
  fc.record({
    kind: fc.constant('oversized' as const),
    bytes: fc.integer({ min: 500_000, max: 3_000_000 }),
  }),
  fc.record({ kind: fc.constant('unknown root' as const), name: fc.string({ maxLength: 20 }) }),
  fc.record({
    kind: fc.constant('unknown item field' as const),
    field: fc.string({ minLength: 1, maxLength: 20 }),
    bytes: fc.integer({ min: 1, max: 200_000 }),
  }),
  fc.record({
    kind: fc.constant('unknown node' as const),
    name: fc.string({ minLength: 1, maxLength: 20 }),
  }),
  fc.record({
    kind: fc.constant('unknown attribute' as const),
    name: fc.string({ minLength: 1, maxLength: 20 }),
  }),
  fc.constant({ kind: 'map where text belongs' as const }),
  fc.record({ kind: fc.constant('valid text' as const), text: fc.string({ maxLength: 200 }) }),
);

/** The edit a hostile client makes to its copy of the meeting. */
function edit(shape: Shape): (doc: Y.Doc) => void {
  return (doc) => {
    const id = visibleItemIds(doc)[0];
    const body = itemBody(doc, id)!;
    const section = body.get(body.length - 1) as Y.XmlElement;
    switch (shape.kind) {
      case 'deep': {
        let parent: Y.XmlFragment = section;
        for (let i = 0; i < shape.depth; i++) {
          const el = new Y.XmlElement(shape.node);
          parent.insert(0, [el]);
          parent = el;
        }
        return;
      }
      case 'wide':
        section.insert(
          section.length,
          Array.from({ length: shape.width }, () => new Y.XmlElement('paragraph')),
        );
        return;
      case 'oversized': {
        const p = new Y.XmlElement('paragraph');
        section.insert(0, [p]);
        p.insert(0, [new Y.XmlText('x'.repeat(shape.bytes))]);
        return;
      }
      case 'unknown root':
        doc.getMap(`r-${shape.name}`).set('x', 1);
        return;
      case 'unknown item field':
        itemMap(doc, id)!.set(`f-${shape.field}`, 'x'.repeat(shape.bytes));
        return;
      case 'unknown node':
        section.insert(0, [new Y.XmlElement(`n-${shape.name}`)]);
        return;
      case 'unknown attribute': {
        const p = new Y.XmlElement('paragraph');
        section.insert(0, [p]);
        p.setAttribute(`a-${shape.name}`, 'x');
        return;
      }
      case 'map where text belongs':
        itemsMap(doc).set(id, new Y.Map());
        section.insert(0, [new Y.XmlText('ok')]);
        (doc.getMap('header') as Y.Map<unknown>).set('title', new Y.Map());
        return;
      case 'valid text': {
        const p = new Y.XmlElement('paragraph');
        section.insert(0, [p]);
        p.insert(0, [new Y.XmlText(shape.text)]);
      }
    }
  };
}

/** Sends one update and waits until the server handled it (its answer to a presence query) or closed. */
async function send(server: TestServer, meetingId: string, token: string, update: Uint8Array) {
  const ws = new WebSocket(`${server.wsBase}/${meetingId}`, collabProtocols(token));
  ws.binaryType = 'nodebuffer';
  ws.on('error', () => {});
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('close', () => reject(new Error('closed before open')));
  });
  let refused = false;
  const answered = new Promise<void>((resolve) =>
    ws.on('message', (data: Buffer) => {
      if (data[0] === MESSAGE_REFUSED) refused = true;
      if (data[0] === MESSAGE_AWARENESS) resolve();
    }),
  );
  ws.send(update);
  const query = encoding.createEncoder();
  encoding.writeVarUint(query, MESSAGE_QUERY_AWARENESS);
  ws.send(encoding.toUint8Array(query));
  const outcome = await Promise.race([
    answered.then(() => (refused ? 'refused' : 'taken')),
    closed.then((code) => `closed ${code}`),
  ]);
  ws.close();
  await closed;
  return outcome;
}

async function readable(server: TestServer, id: string, formats: string[]) {
  expect((await server.api(`/meetings/${id}`)).status).toBe(200);
  const doc = await server.api(`/meetings/${id}/document`);
  expect(doc.status).toBe(200);
  for (const format of formats) {
    expect((await server.api(`/meetings/${id}/export?format=${format}`)).status, format).toBe(200);
  }
}

describe('hostile document updates (property-based)', () => {
  it(
    'from every role in every phase: the server stays up, honest clients sync, every meeting reads and exports, also after a restart',
    { timeout: 300_000 },
    async () => {
      const { server, restart } = await startTempServer(cleanup);
      const meetings = {} as Record<Phase, { id: string; tokens: Record<Role, string> }>;
      for (const phase of PHASES) meetings[phase] = await meetingInPhase(server, phase);
      const honestMeeting = await server.createMeeting('Ærlig', 'driftsforum');
      const [a, b] = await connectedPair(server, honestMeeting, []);
      cleanup(() => (a.destroy(), b.destroy()));
      const outcomes = new Map<string, number>();
      const started = performance.now();
      let checks = 0;

      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...PHASES),
          fc.constantFrom(...ROLES),
          shapeArb,
          async (phase, role, shape) => {
            const { id, tokens } = meetings[phase];
            const base = await server.rooms.read(id, (r) => Y.encodeStateAsUpdate(r.doc));
            const update = rawUpdate(edit(shape), base);
            const outcome = await send(server, id, tokens[role], update);

            const key = `${shape.kind}: ${outcome}`;
            outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
            // Whatever happened, the meeting still reads as JSON, and the honest pair syncs.
            await readable(server, id, ['html']);
            const marker = `ok-${checks++}`;
            setHeaderField(a.doc, 'place', marker);
            await waitFor(() => readHeader(b.doc).place === marker, `${marker} synced`);
          },
        ),
        { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? 20261125), endOnFailure: true },
      );
      await waitFor(() => a.tracker.state === 'saved', 'honest edits saved');
      expect((await (await server.api('/health')).json()).ok).toBe(true);
      for (const phase of PHASES)
        await readable(server, meetings[phase].id, ['html', 'docx', 'pdf']);

      a.destroy();
      b.destroy();
      const again = await restart();
      for (const phase of PHASES)
        await readable(again, meetings[phase].id, ['html', 'docx', 'pdf']);
      await readable(again, honestMeeting, ['html']);
      const health = await (await again.api('/health')).json();
      expect(health.meetingsFailing).toBe(0);
      recordFigures('hostile-updates', {
        seconds: Math.round((performance.now() - started) / 1000),
        runs: RUNS,
        outcomes: Object.fromEntries([...outcomes].sort()),
      });
    },
  );
});
