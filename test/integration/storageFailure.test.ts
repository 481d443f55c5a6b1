import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MemoryStorage } from '../../server/storage/MemoryStorage.ts';
import { connectClient, connectedPair } from '../helpers/clients.ts';
import { startTestServer, tempDir } from '../helpers/testServer.ts';
import { waitFor } from '../helpers/waitFor.ts';

const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

describe('storage failure', () => {
  it('reports "failing" while writes fail, keeps the edits in memory and saves them when writes work again', async () => {
    const data = await tempDir();
    cleanups.push(() => data.remove());
    const storage = new MemoryStorage();
    const server = await startTestServer({
      dataDir: data.dir,
      storage,
      config: { idleEvictMs: 20 },
    });
    cleanups.push(() => server.close());
    const id = await server.createMeeting();
    const [a, b] = await connectedPair(server, id, cleanups);

    storage.failWrites = true;
    a.text.insert(0, 'skrevet mens disken fejler');
    await waitFor(() => a.tracker.state === 'failing', 'client told that saving fails');
    // Collaboration goes on meanwhile.
    await waitFor(
      () => b.text.toString() === 'skrevet mens disken fejler',
      'b still receives edits',
    );
    // Not evicted while unsaved, even with nobody connected.
    b.destroy();
    a.destroy();
    await new Promise((resolve) => setImmediate(resolve));
    expect(server.rooms.isLoaded(id)).toBe(true);

    storage.failWrites = false;
    await waitFor(() => !server.rooms.isLoaded(id), 'saved and evicted once writes work', 15_000);
    const doc = new Y.Doc();
    for (const u of (await storage.loadDocument(id)).updates) Y.applyUpdate(doc, u);
    expect(doc.getText('t').toString()).toBe('skrevet mens disken fejler');
  });

  it('turns the client status back to saved after recovery', async () => {
    const data = await tempDir();
    cleanups.push(() => data.remove());
    const storage = new MemoryStorage();
    const server = await startTestServer({ dataDir: data.dir, storage });
    cleanups.push(() => server.close());
    const id = await server.createMeeting();
    const a = connectClient(server.wsBase, id, server.organiserToken);
    cleanups.push(() => a.destroy());
    await a.synced();
    storage.failWrites = true;
    a.text.insert(0, 'x');
    await waitFor(() => a.tracker.state === 'failing', 'failing');
    storage.failWrites = false;
    await waitFor(() => a.tracker.state === 'saved', 'saved after recovery', 15_000);
  });
});
