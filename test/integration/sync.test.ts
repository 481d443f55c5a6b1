import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { useCleanups } from '../helpers/cleanups.ts';
import { connectClient, scratchText, type TestClient } from '../helpers/clients.ts';
import { headerMap } from '../../shared/minutes/layout.ts';
import { HEADER_FIELDS } from '../../shared/minutes/fields.ts';
import { startTempServer, type TestServer } from '../helpers/testServer.ts';
import { waitFor } from '../helpers/waitFor.ts';

const cleanup = useCleanups();

const setup = (config = {}) => startTempServer(cleanup, config);

function client(server: TestServer, meetingId: string): TestClient {
  const c = connectClient(server.wsBase, meetingId, server.organiserToken);
  cleanup(() => c.destroy());
  return c;
}

describe('sync through the server', () => {
  it('two stock providers converge on concurrent edits; a late joiner gets everything', async () => {
    const { server } = await setup();
    const id = await server.createMeeting(undefined, undefined, { scratch: true });
    const a = client(server, id);
    const b = client(server, id);
    await Promise.all([a.synced(), b.synced()]);

    // Concurrent: both type before seeing each other's edits.
    for (let i = 0; i < 50; i++) {
      a.text.insert(0, `a${i} `);
      b.text.insert(b.text.length, `b${i} `);
    }
    await waitFor(
      () => a.text.toString() === b.text.toString() && a.text.length > 0,
      'a and b converge',
    );
    for (let i = 0; i < 50; i++) {
      expect(a.text.toString()).toContain(`a${i} `);
      expect(a.text.toString()).toContain(`b${i} `);
    }

    const late = client(server, id);
    await late.synced();
    await waitFor(
      () => late.text.toString() === a.text.toString(),
      'late joiner has the full state',
    );
  });

  it('confirms edits as saved only after they are durable', async () => {
    const { server } = await setup();
    const id = await server.createMeeting(undefined, undefined, { scratch: true });
    const a = client(server, id);
    await a.synced();
    a.text.insert(0, 'Referat');
    expect(a.tracker.state).not.toBe('saved');
    await waitFor(() => a.tracker.state === 'saved', 'saved acknowledgement');
    const stored = await server.storage.documents.load(id);
    const check = new Y.Doc();
    for (const u of stored.updates) Y.applyUpdate(check, u);
    expect(scratchText(check).toString()).toBe('Referat');
  });

  it('restart on the same data dir gives an identical document', async () => {
    const { server: first, restart } = await setup();
    const id = await first.createMeeting(undefined, undefined, { scratch: true });
    const a = connectClient(first.wsBase, id, first.organiserToken);
    await a.synced();
    const map = headerMap(a.doc);
    for (let i = 0; i < 200; i++) {
      a.text.insert(a.text.length, `linje ${i}\n`);
      if (i % 10 === 0) a.text.delete(0, 3);
      map.set(HEADER_FIELDS[i % 7], `${i}`);
    }
    await waitFor(() => a.tracker.state === 'saved', 'saved before stop');
    const before = Y.encodeStateAsUpdate(a.doc);
    a.destroy();
    const second = await restart();
    const b = client(second, id);
    await b.synced();
    const expected = new Y.Doc();
    Y.applyUpdate(expected, before);
    expect(b.text.toString()).toBe(scratchText(expected).toString());
    expect(headerMap(b.doc).toJSON()).toEqual(headerMap(expected).toJSON());
    expect(Y.encodeStateVector(b.doc)).toEqual(Y.encodeStateVector(expected));
  });

  it('evicts an idle meeting after its last client leaves and reloads it on the next open', async () => {
    const { server } = await setup({ idleEvictMs: 50 });
    const id = await server.createMeeting(undefined, undefined, { scratch: true });
    const a = connectClient(server.wsBase, id, server.organiserToken);
    await a.synced();
    a.text.insert(0, 'Punkt 1. Godkendelse af dagsorden');
    await waitFor(() => a.tracker.state === 'saved', 'saved');
    expect(server.rooms.isLoaded(id)).toBe(true);
    a.destroy();
    await waitFor(() => !server.rooms.isLoaded(id), 'meeting evicted from memory');
    const health = await (await fetch(`${server.base}/api/health`)).json();
    expect(health.meetingsLoaded).toBe(0);

    const b = client(server, id);
    await b.synced();
    expect(b.text.toString()).toBe('Punkt 1. Godkendelse af dagsorden');
    expect(server.rooms.isLoaded(id)).toBe(true);
  });

  it('relays awareness and removes a client’s presence when it disconnects', async () => {
    const { server } = await setup();
    const id = await server.createMeeting(undefined, undefined, { scratch: true });
    const { token } = await server.invite(id, 'Anne', 'minuteTaker');
    const a = connectClient(server.wsBase, id, token);
    cleanup(() => a.destroy());
    const b = client(server, id);
    await Promise.all([a.synced(), b.synced()]);
    // The name comes from Anne's token, whatever her client claims.
    a.provider.awareness.setLocalStateField('user', { name: 'Someone else', color: '#123456' });
    const annesId = a.doc.clientID;
    const seen = () =>
      b.provider.awareness.getStates().get(annesId) as
        { user?: { name: string; color: string } } | undefined;
    await waitFor(() => seen()?.user?.name === 'Anne', 'b sees Anne');
    expect(seen()?.user?.color).toBe('#123456');
    // Close the socket without the provider's own goodbye: the server must clean up.
    a.provider.ws?.close();
    a.provider.shouldConnect = false;
    await waitFor(
      () => !b.provider.awareness.getStates().has(annesId),
      'Anne removed from b’s presence',
    );
  });

  it('shares one load between concurrent openers', async () => {
    const { server } = await setup();
    const id = await server.createMeeting(undefined, undefined, { scratch: true });
    const clients = Array.from({ length: 10 }, () => client(server, id));
    await Promise.all(clients.map((c) => c.synced()));
    clients[0].text.insert(0, 'x');
    await waitFor(() => clients.every((c) => c.text.toString() === 'x'), 'all see the edit');
    expect(server.rooms.loadedCount).toBe(1);
  });
});
