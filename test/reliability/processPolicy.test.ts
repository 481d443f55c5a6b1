import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { useCleanups } from '../helpers/cleanups.ts';
import { addScratchItem, connectClient } from '../helpers/clients.ts';
import { createMeetingAt, organiserSignIn, spawnServer } from '../helpers/serverProcess.ts';
import { tempDir } from '../helpers/testServer.ts';
import { waitFor } from '../helpers/waitFor.ts';
import { scratchText } from '../helpers/clients.ts';

const cleanup = useCleanups();
const INJECTOR = path.resolve(import.meta.dirname, '../helpers/faultInjector.ts');

describe('process-level policy for faults no meeting caught', () => {
  it('an unhandled rejection is logged and counted and the server carries on; an uncaught exception saves and exits 1', async () => {
    const data = await tempDir();
    cleanup(() => data.remove());
    const server = await spawnServer({
      dataDir: data.dir,
      preload: INJECTOR,
      env: { REFERAT_LOG_LEVEL: 'silent' },
    });
    cleanup(() => void server.child.kill('SIGKILL'));
    const base = `http://127.0.0.1:${server.port}`;
    const health = async () => (await fetch(`${base}/api/health`)).json();

    server.child.kill('SIGUSR2');
    await waitFor(
      async () => (await health()).processFaults?.unhandledRejections === 1,
      'rejection counted',
    );
    // Still serving: sign in, create a meeting, sync and save an edit.
    const token = await organiserSignIn(base);
    const id = await createMeetingAt(base, token, 'Efter fejlen', 'blank');
    const client = connectClient(`ws://127.0.0.1:${server.port}/collab`, id, token);
    cleanup(() => client.destroy());
    await client.synced();
    client.doc.transact(() => {
      addScratchItem(client.doc);
      scratchText(client.doc).insert(0, 'gemt før nedbruddet');
    });
    await waitFor(() => client.tracker.state === 'saved', 'saved');

    server.child.kill('SIGHUP');
    expect(await server.exited).toBe(1);

    const again = await spawnServer({ dataDir: data.dir });
    cleanup(() => void again.child.kill('SIGKILL'));
    const check = connectClient(`ws://127.0.0.1:${again.port}/collab`, id, token);
    cleanup(() => check.destroy());
    await check.synced();
    expect(scratchText(check.doc).toString()).toBe('gemt før nedbruddet');
    expect(Y.encodeStateVector(check.doc).length).toBeGreaterThan(0);
  });
});
