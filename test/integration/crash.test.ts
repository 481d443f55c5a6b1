import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { connectClient, type TestClient } from '../helpers/clients.ts';
import { organiserSignIn, spawnServer } from '../helpers/serverProcess.ts';
import { tempDir } from '../helpers/testServer.ts';
import { waitFor } from '../helpers/waitFor.ts';

const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

/** A client that keeps appending unique tokens and remembers at which local version each went in. */
function typist(wsBase: string, meetingId: string, token: string, name: string) {
  const c = connectClient(wsBase, meetingId, token);
  const edits = c.doc.getArray<string>('edits');
  const versions = new Map<string, number>();
  let n = 0;
  const timer = setInterval(() => {
    if (!c.provider.synced && n === 0) return;
    const token = `${name}-${n++}`;
    edits.push([token]);
    versions.set(token, c.tracker.localVersion);
  }, 3);
  return {
    client: c,
    edits,
    stop: () => clearInterval(timer),
    /** Tokens the server has confirmed durable. */
    acked: () => [...versions].filter(([, v]) => v <= c.tracker.savedVersion).map(([t]) => t),
    all: () => [...versions.keys()],
  };
}

describe('crash safety (SIGKILL)', () => {
  it('keeps every acknowledged edit across kill -9, and clients converge after reconnect', async () => {
    const data = await tempDir();
    cleanups.push(() => data.remove());
    let server = await spawnServer({ dataDir: data.dir });
    cleanups.push(() => void server.child.kill('SIGKILL'));
    const port = server.port;
    const base = `http://127.0.0.1:${port}`;
    const wsBase = `ws://127.0.0.1:${port}/collab`;
    const token = await organiserSignIn(base);
    const res = await fetch(`${base}/api/meetings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ title: 'Crash' }),
    });
    const meetingId = ((await res.json()) as { meeting: { id: string } }).meeting.id;

    const typists = ['a', 'b', 'c'].map((name) => typist(wsBase, meetingId, token, name));
    cleanups.push(() => typists.forEach((t) => (t.stop(), t.client.destroy())));

    for (let cycle = 0; cycle < 3; cycle++) {
      // Let them type until a good number of edits are acknowledged, then kill mid-typing.
      const target = (cycle + 1) * 40;
      await waitFor(
        () => typists.every((t) => t.acked().length >= target),
        `cycle ${cycle}: ${target} acked edits per client`,
        20_000,
      );
      server.child.kill('SIGKILL');
      await server.exited;
      const ackedAtKill = typists.flatMap((t) => t.acked());
      // Clients keep typing offline, but must not reconnect before we inspect the server.
      for (const t of typists) t.client.provider.disconnect();

      server = await spawnServer({ dataDir: data.dir, port });
      const verifier: TestClient = connectClient(wsBase, meetingId, token);
      await verifier.synced();
      const onServer = new Set(verifier.doc.getArray<string>('edits').toArray());
      const lost = ackedAtKill.filter((t) => !onServer.has(t));
      verifier.destroy();
      expect(lost, `cycle ${cycle}: acknowledged edits lost`).toEqual([]);

      for (const t of typists) t.client.provider.connect();
      await waitFor(() => typists.every((t) => t.client.provider.synced), 'typists reconnected');
    }

    for (const t of typists) t.stop();
    const everything = typists.flatMap((t) => t.all());
    await waitFor(
      () =>
        typists.every((t) => {
          const have = new Set(t.edits.toArray());
          return everything.every((token) => have.has(token));
        }),
      'all clients converge with every edit',
      20_000,
    );
    await waitFor(() => typists.every((t) => t.client.tracker.state === 'saved'), 'all saved');
    const [first, ...rest] = typists.map((t) => Y.encodeStateVector(t.client.doc));
    for (const sv of rest) expect(sv).toEqual(first);
  });

  it('flushes pending edits on SIGTERM before exiting', async () => {
    const data = await tempDir();
    cleanups.push(() => data.remove());
    // A long group-commit delay keeps edits pending, so only the shutdown flush can save them.
    const server = await spawnServer({
      dataDir: data.dir,
      env: { REFERAT_GROUP_COMMIT_MS: '60000' },
    });
    cleanups.push(() => void server.child.kill('SIGKILL'));
    const token = await organiserSignIn(`http://127.0.0.1:${server.port}`);
    const res = await fetch(`http://127.0.0.1:${server.port}/api/meetings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ title: 'Shutdown' }),
    });
    const meetingId = ((await res.json()) as { meeting: { id: string } }).meeting.id;
    const wsBase = `ws://127.0.0.1:${server.port}/collab`;
    const writer = connectClient(wsBase, meetingId, token);
    const reader = connectClient(wsBase, meetingId, token);
    cleanups.push(
      () => writer.destroy(),
      () => reader.destroy(),
    );
    await Promise.all([writer.synced(), reader.synced()]);
    writer.text.insert(0, 'Beslutning: Driftsforum tog orienteringen til efterretning.');
    // The server has it (relayed to the reader) but has not written it yet.
    await waitFor(() => reader.text.length > 0, 'relayed');
    expect(writer.tracker.state).toBe('saving');
    writer.provider.shouldConnect = false;
    reader.provider.shouldConnect = false;

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);

    const again = await spawnServer({ dataDir: data.dir });
    cleanups.push(() => void again.child.kill('SIGKILL'));
    const check = connectClient(`ws://127.0.0.1:${again.port}/collab`, meetingId, token);
    cleanups.push(() => check.destroy());
    await check.synced();
    expect(check.text.toString()).toBe(
      'Beslutning: Driftsforum tog orienteringen til efterretning.',
    );
  });
});
