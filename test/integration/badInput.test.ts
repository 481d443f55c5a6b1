import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import {
  CLOSE_BAD_MESSAGE,
  CLOSE_INVALID_MEETING_ID,
  CLOSE_MESSAGE_TOO_BIG,
  CLOSE_UNKNOWN_MEETING,
} from '../../shared/protocol/closeCodes.ts';
import {
  MESSAGE_AWARENESS,
  MESSAGE_PING,
  MESSAGE_PONG,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SYNC,
} from '../../shared/protocol/messages.ts';
import { useCleanups } from '../helpers/cleanups.ts';
import { connectedPair, type TestClient } from '../helpers/clients.ts';
import { openRaw } from '../helpers/rawSocket.ts';
import { startTempServer } from '../helpers/testServer.ts';
import { waitFor } from '../helpers/waitFor.ts';

const cleanup = useCleanups();

const BAD_IDS = [
  '..',
  '../../etc/passwd',
  '..%2f..%2fetc',
  '%2e%2e',
  'a'.repeat(65),
  'ab',
  'Møde-2020',
  'mоde-2020', // Cyrillic о
  'ｍｏｄｅ2020', // fullwidth
  'mode\u200d2020', // zero-width joiner
  'mode 2020',
  'MODE2020',
  '-mode2020',
  'mode2020-',
  'mode.2020',
  'mode%002020',
];

async function setup() {
  const { server, dataDir } = await startTempServer(cleanup, { maxMessageBytes: 64 * 1024 });
  const id = await server.createMeeting(undefined, undefined, { scratch: true });
  // A healthy pair of clients that must keep syncing through every attack.
  const [a, b] = await connectedPair(server, id, cleanup);
  return { dataDir, server, id, a, b };
}

async function stillSyncing(a: TestClient, b: TestClient, marker: string) {
  a.text.insert(a.text.length, marker);
  await waitFor(() => b.text.toString().includes(marker), `b receives ${marker}`);
  await waitFor(() => a.tracker.state === 'saved', `${marker} saved`);
}

describe('bad input', () => {
  it('refuses invalid meeting ids over REST and websocket without touching the disk', async () => {
    const { server, dataDir, id, a, b } = await setup();
    for (const bad of BAD_IDS) {
      const encoded = bad.includes('%') ? bad : encodeURIComponent(bad);
      const res = await server.app.request(`/api/meetings/${encoded}`, {
        headers: { authorization: `Bearer ${server.organiserToken}` },
      });
      expect([400, 404], `REST ${bad}`).toContain(res.status);
      let code: number;
      try {
        const raw = await openRaw(`${server.wsBase}/${encoded}`, server.organiserToken);
        code = (await raw.closed).code;
      } catch (err) {
        // '..' and '%2e%2e' are resolved by the URL parser before sending, so the
        // request never names /collab/...; it must still not be upgraded.
        code = -1;
        expect(String(err)).toMatch(/HTTP [45]\d\d/);
      }
      expect([CLOSE_INVALID_MEETING_ID, -1], `websocket ${bad}`).toContain(code);
    }
    expect(await readdir(path.join(dataDir, 'meetings'))).toEqual([id]);
    await stillSyncing(a, b, 'after-bad-ids');
  });

  it('refuses an unknown meeting with 404 / close 4404 and does not create it', async () => {
    const { server, dataDir, id } = await setup();
    expect(
      (
        await server.app.request('/api/meetings/doesnotexist123', {
          headers: { authorization: `Bearer ${server.organiserToken}` },
        })
      ).status,
    ).toBe(404);
    const raw = await openRaw(`${server.wsBase}/doesnotexist123`, server.organiserToken);
    expect((await raw.closed).code).toBe(CLOSE_UNKNOWN_MEETING);
    expect(await readdir(path.join(dataDir, 'meetings'))).toEqual([id]);
  });

  it('closes connections that send random bytes, truncated or unknown messages; others keep syncing', async () => {
    const { server, id, a, b } = await setup();
    const update = (() => {
      const d = new Y.Doc();
      d.getText('t').insert(0, 'x'.repeat(100));
      return Y.encodeStateAsUpdate(d);
    })();
    const truncatedUpdate = (() => {
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, MESSAGE_SYNC);
      syncProtocol.writeUpdate(e, update);
      return encoding.toUint8Array(e).subarray(0, 40);
    })();
    const garbageUpdate = (() => {
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, MESSAGE_SYNC);
      encoding.writeVarUint(e, syncProtocol.messageYjsUpdate);
      encoding.writeVarUint8Array(
        e,
        Uint8Array.from({ length: 64 }, (_, i) => (i * 97 + 13) % 256),
      );
      return encoding.toUint8Array(e);
    })();
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const attacks: [string, Uint8Array | string][] = [
      ['empty frame', new Uint8Array()],
      ['unknown type', Uint8Array.of(77, 1, 2, 3)],
      ['unknown sync type', Uint8Array.of(MESSAGE_SYNC, 9, 0)],
      ['truncated update', truncatedUpdate],
      ['garbage update', garbageUpdate],
      ['text frame', 'hello'],
      ...Array.from({ length: 20 }, (_, i): [string, Uint8Array] => [
        `random ${i}`,
        Uint8Array.from({ length: 1 + Math.floor(random() * 300) }, () =>
          Math.floor(random() * 256),
        ),
      ]),
    ];
    for (const [name, frame] of attacks) {
      const raw = await openRaw(`${server.wsBase}/${id}`, server.organiserToken);
      raw.ws.send(frame);
      const { code } = await raw.closed;
      // Some random frames happen to be valid (e.g. a query-awareness); those stay open.
      if (name.startsWith('random')) {
        expect([CLOSE_BAD_MESSAGE, 1005, 1000], name).toContain(code);
      } else {
        expect(code, name).toBe(CLOSE_BAD_MESSAGE);
      }
    }
    await stillSyncing(a, b, 'after-garbage');
    expect(a.text.toString()).not.toContain('x'.repeat(100));
  });

  it('answers a heartbeat ping from the least-rights participant, paces a flood, refuses a padded ping', async () => {
    const { server, id, a, b } = await setup();
    const { token } = await server.invite(id, 'Mia Medlem', 'member');
    const raw = await openRaw(`${server.wsBase}/${id}`, token);
    const pongs = () => raw.received.filter((m) => m.length === 1 && m[0] === MESSAGE_PONG).length;
    raw.ws.send(Uint8Array.of(MESSAGE_PING));
    await waitFor(() => pongs() === 1, 'pong');
    // A flood right after: at most one answer per 500 ms, the socket stays open.
    for (let i = 0; i < 500; i++) raw.ws.send(Uint8Array.of(MESSAGE_PING));
    await stillSyncing(a, b, 'after-ping-flood');
    expect(pongs()).toBeLessThanOrEqual(2);
    expect(raw.ws.readyState).toBe(raw.ws.OPEN);
    // A ping with a payload is not a ping: a bad message, the connection closes.
    raw.ws.send(Uint8Array.of(MESSAGE_PING, 1, 2, 3));
    expect((await raw.closed).code).toBe(CLOSE_BAD_MESSAGE);
    await stillSyncing(a, b, 'after-padded-ping');
  });

  it('answers a flood of presence queries only a few times, and stays up', async () => {
    const { server, id, a, b } = await setup();
    const { token } = await server.invite(id, 'Olga Observatør', 'observer');
    const raw = await openRaw(`${server.wsBase}/${id}`, token);
    await stillSyncing(a, b, 'before-query-flood');
    const answers = () => raw.received.filter((m) => m[0] === MESSAGE_AWARENESS).length;
    const before = answers();
    for (let i = 0; i < 2000; i++) raw.ws.send(Uint8Array.of(MESSAGE_QUERY_AWARENESS));
    await stillSyncing(a, b, 'after-query-flood');
    // The burst, and perhaps one or two more as the bucket refills during the test.
    expect(answers() - before).toBeLessThanOrEqual(10);
    expect(answers() - before).toBeGreaterThan(0);
    expect(raw.ws.readyState).toBe(raw.ws.OPEN);
  });

  it('closes a connection that sends an oversized message with 1009; the document is untouched', async () => {
    const { server, id, a, b } = await setup();
    const before = a.text.toString();
    const raw = await openRaw(`${server.wsBase}/${id}`, server.organiserToken);
    const big = new Uint8Array(65 * 1024 + 1);
    big[0] = MESSAGE_SYNC;
    raw.ws.send(big);
    expect((await raw.closed).code).toBe(CLOSE_MESSAGE_TOO_BIG);
    await stillSyncing(a, b, 'after-oversize');
    expect(b.text.toString()).toBe(before + 'after-oversize');
  });

  it('answers REST bad input with clear 4xx errors', async () => {
    const { server } = await setup();
    const post = (body: string) =>
      server.app.request('/api/meetings', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${server.organiserToken}`,
        },
        body,
      });
    expect((await post('not json')).status).toBe(400);
    expect((await post('[]')).status).toBe(400);
    expect((await post('{}')).status).toBe(400);
    expect((await post(JSON.stringify({ title: 'x'.repeat(201) }))).status).toBe(400);
    expect((await post(JSON.stringify({ title: 'ok', date: '2020-13-45' }))).status).toBe(400);
    expect((await post(JSON.stringify({ title: 'ok', date: 'tomorrow' }))).status).toBe(400);
    expect((await post(JSON.stringify({ title: 'x'.repeat(2 * 1024 * 1024) }))).status).toBe(413);
    const ok = await post(JSON.stringify({ title: 'Driftsforum', date: '2020-12-09' }));
    expect(ok.status).toBe(201);
    const list = await (await server.api('/meetings')).json();
    expect(list.meetings).toHaveLength(2);
  });
});
