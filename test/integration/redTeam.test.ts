/**
 * Regression tests for the red team's findings (issue 12), one per finding,
 * named after it. Each reproduces the attack as it was made (an ordinary
 * participant, a crafted message or request, a server on loopback) and
 * checks that it no longer crashes, blocks or breaks anything.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { useCleanups } from '../helpers/cleanups.ts';
import { openRaw, rawUpdate } from '../helpers/rawSocket.ts';
import { startTempServer, type TestServer } from '../helpers/testServer.ts';
import { waitFor } from '../helpers/waitFor.ts';
import {
  firstItemId,
  getState,
  meetingInPhase,
  storedState,
  syncedClient,
} from '../helpers/workflow.ts';
import { itemBody, itemMap, readHeader, visibleItemIds } from '../../shared/minutes/layout.ts';
import { setHeaderField } from '../../shared/minutes/operations.ts';
import { CLOSE_INVALID_UPDATE } from '../../shared/protocol/closeCodes.ts';
import { MESSAGE_REFUSED } from '../../shared/protocol/messages.ts';
import type { RefusedMessage } from '../../shared/protocol/extraMessages.ts';
import * as decoding from 'lib0/decoding';

const cleanup = useCleanups();

/** Nests `depth` elements into the first item's body: the red team's update. */
function deepNesting(depth: number) {
  return (doc: Y.Doc) => {
    let parent: Y.XmlFragment = itemBody(doc, visibleItemIds(doc)[0])!;
    for (let i = 0; i < depth; i++) {
      const el = new Y.XmlElement('blockquote');
      parent.insert(0, [el]);
      parent = el;
    }
    const p = new Y.XmlElement('paragraph');
    parent.insert(0, [p]);
    p.insert(0, [new Y.XmlText('bund')]);
  };
}

function refusals(received: Uint8Array[]): RefusedMessage[] {
  return received
    .filter((m) => m[0] === MESSAGE_REFUSED)
    .map((m) => {
      const d = decoding.createDecoder(m);
      decoding.readVarUint(d);
      return JSON.parse(decoding.readVarString(d)) as RefusedMessage;
    });
}

/** Everything a reader of the meeting uses answers: meeting, JSON, every export. */
async function meetingStillReadable(server: TestServer, id: string, token?: string) {
  expect((await server.api(`/meetings/${id}`, { token })).status).toBe(200);
  const doc = await server.api(`/meetings/${id}/document`, { token });
  expect(doc.status).toBe(200);
  for (const format of ['html', 'docx', 'pdf']) {
    const res = await server.api(`/meetings/${id}/export?format=${format}`, { token });
    expect(res.status, `export ${format}`).toBe(200);
  }
  expect((await server.api(`/health`)).status).toBe(200);
}

describe('red-team findings (issue 12)', () => {
  it('1. one deeply nested update from a minute-taker in review neither crashes the server nor breaks the meeting', async () => {
    const { server, dataDir, restart } = await startTempServer(cleanup);
    const { id, tokens } = await meetingInPhase(server, 'review');
    const honest = await syncedClient(server, id, tokens.organiser, cleanup);
    const state = await server.rooms.read(id, (r) => Y.encodeStateAsUpdate(r.doc));
    const before = await storedState(dataDir, id);

    const raw = await openRaw(`${server.wsBase}/${id}?token=${tokens.minuteTaker}`);
    cleanup(() => raw.ws.close());
    for (const depth of [6000, 8000, 10_000]) raw.ws.send(rawUpdate(deepNesting(depth), state));
    // Refused (not applied), the sender told; a third violation closes the socket.
    expect((await raw.closed).code).toBe(CLOSE_INVALID_UPDATE);
    expect(refusals(raw.received).map((r) => r.kind)).toEqual(['invalid', 'invalid', 'invalid']);

    // The content hash refresh, the JSON, the exports and the phase change all work.
    const text = honest.doc;
    setHeaderField(text, 'place', 'Mødelokale 3');
    await waitFor(() => honest.tracker.state === 'saved', 'an honest edit saved');
    await meetingStillReadable(server, id);
    expect((await getState(server, id)).contentHash).toMatch(/^[0-9a-f]{64}$/);
    const after = await storedState(dataDir, id);
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    const audit = (await (await server.api(`/meetings/${id}/audit`)).json()) as {
      entries: { kind: string; detail: { invalid?: string } }[];
    };
    expect(audit.entries.some((e) => e.kind === 'refused-write' && e.detail.invalid)).toBe(true);

    // And after a restart, a plain GET of the meeting does not bring it down.
    honest.destroy();
    const again = await restart();
    await meetingStillReadable(again, id);
    expect(readHeader(await again.rooms.read(id, (r) => r.doc)).place).toBe('Mødelokale 3');
    expect((await again.api(`/meetings/${id}/phase`, { body: { to: 'meeting' } })).status).toBe(
      200,
    );
  });

  it('9. a meeting’s document cannot grow without limit, nor hold content outside the approval hash', async () => {
    const { server, dataDir } = await startTempServer(cleanup, {
      maxDocumentBytes: 256 * 1024,
    });
    const { id, tokens } = await meetingInPhase(server, 'meeting');
    const state = await server.rooms.read(id, (r) => Y.encodeStateAsUpdate(r.doc));
    const before = await storedState(dataDir, id);
    // Unknown item fields: refused whatever their size.
    const raw = await openRaw(`${server.wsBase}/${id}?token=${tokens.minuteTaker}`);
    cleanup(() => raw.ws.close());
    raw.ws.send(
      rawUpdate(
        (d) => itemMap(d, visibleItemIds(d)[0])!.set('notes', 'x'.repeat(1_900_000)),
        state,
      ),
    );
    await waitFor(() => refusals(raw.received).length === 1, 'refused');
    expect(refusals(raw.received)[0].kind).toBe('invalid');
    expect(await storedState(dataDir, id)).toEqual(before);

    // Valid text, but more than the meeting may hold: the edits that fit are
    // taken, the one that would cross the limit is refused.
    const writer = await syncedClient(server, id, tokens.minuteTaker, cleanup);
    const item = firstItemId(writer.doc);
    const chunk = 'Referattekst '.repeat(4000); // ~52 KB
    let refusedAt = -1;
    for (let i = 0; i < 10 && refusedAt < 0; i++) {
      const body = itemBody(writer.doc, item)!;
      writer.doc.transact(() => {
        const p = new Y.XmlElement('paragraph');
        const section = body.get(body.length - 1) as Y.XmlElement;
        section.insert(section.length, [p]);
        p.insert(0, [new Y.XmlText(chunk)]);
      });
      await waitFor(
        () => writer.tracker.state === 'saved' || writer.channel.refused !== null,
        'saved or refused',
      );
      if (writer.channel.refused) refusedAt = i;
    }
    expect(writer.channel.refused?.kind).toBe('tooLarge');
    expect(refusedAt).toBeGreaterThan(0);
    expect(server.rooms.peek(id)!.documentBytes).toBeLessThanOrEqual(256 * 1024);
  });
});

describe('fault isolation', () => {
  it('a throwing timer, a rejected promise and unreadable stored content stay in their meeting', async () => {
    const { server, dataDir, restart } = await startTempServer(cleanup);
    const broken = await server.createMeeting('Brudt', 'driftsforum');
    const fine = await server.createMeeting('Fint', 'driftsforum');
    const [a, b] = [
      await syncedClient(server, fine, server.organiserToken, cleanup),
      await syncedClient(server, fine, server.organiserToken, cleanup),
    ];
    const watcher = await syncedClient(server, broken, server.organiserToken, cleanup);

    // A timer of the meeting throws.
    const room = server.rooms.peek(broken)!;
    setTimeout(
      room.guard('test timer', () => {
        throw new Error('injected timer fault');
      }),
      0,
    );
    await waitFor(() => watcher.channel.state?.failure?.kind === 'failing', 'clients told');
    expect(await (await server.api('/health')).json()).toMatchObject({ meetingsFailing: 1 });
    // Read-only now: edits are refused, nothing is lost, reads and exports work.
    setHeaderField(watcher.doc, 'place', 'efter fejlen');
    await waitFor(() => watcher.channel.refused?.kind === 'failing', 'edit refused');
    await meetingStillReadable(server, broken);
    expect(
      (await server.api(`/meetings/${broken}/phase`, { body: { to: 'meeting' } })).status,
    ).toBe(409);
    // A rejected promise of the meeting: the same, and the process stays up.
    room.watch('test promise', Promise.reject(new Error('injected rejection')));
    // The other meeting syncs on.
    setHeaderField(a.doc, 'place', 'stadig i gang');
    await waitFor(() => readHeader(b.doc).place === 'stadig i gang', 'other meeting syncs');
    await waitFor(() => a.tracker.state === 'saved', 'and saves');
    watcher.destroy();

    // Stored content that cannot be converted: a meeting nested 10,000 deep,
    // written straight to its log (as if stored before the checks existed).
    const deep = await server.createMeeting('Dyb', 'driftsforum');
    const base = await server.rooms.read(deep, (r) => Y.encodeStateAsUpdate(r.doc));
    const doc = new Y.Doc();
    Y.applyUpdate(doc, base);
    const sv = Y.encodeStateVector(doc);
    doc.transact(() => deepNesting(10_000)(doc));
    await server.rooms.read(deep, () => null); // loaded, so the append goes to its log
    await server.storage.appendUpdates(deep, [Y.encodeStateAsUpdate(doc, sv)]);
    await server.storage.appendUpdates(deep, [Uint8Array.of(255, 255, 255, 255, 255, 255)]);
    a.destroy();
    b.destroy();
    const again = await restart();
    const rawBytes = await storedState(dataDir, deep);
    // It opens read-only: meeting, JSON (with the deep part flattened and reported), exports.
    await meetingStillReadable(again, deep);
    const json = (await (await again.api(`/meetings/${deep}/document`)).json()) as {
      problems: string[];
    };
    expect(json.problems.join('\n')).toMatch(/deeper than/);
    expect((await getState(again, deep)).failure?.kind).toBe('damaged');
    expect(await (await again.api('/health')).json()).toMatchObject({ meetingsFailing: 1 });
    // The websocket does not serve it live; its stored bytes are kept as they were.
    const raw = await openRaw(`${again.wsBase}/${deep}?token=${again.organiserToken}`);
    expect((await raw.closed).code).toBe(4409);
    await again.rooms.flushAll();
    expect(await storedState(dataDir, deep)).toEqual(rawBytes);
  });
});
