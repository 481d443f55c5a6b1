import { appendFile, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useCleanups } from '../helpers/cleanups.ts';
import { connectClient } from '../helpers/clients.ts';
import { startTempServer } from '../helpers/testServer.ts';
import { waitFor } from '../helpers/waitFor.ts';

const cleanup = useCleanups();

/**
 * Writes `lines` through a real server (compacting after every few KB), then
 * stops it; `restart` starts a server with the default config on its files.
 */
async function writeMeeting(lines: number) {
  const { server, dataDir, stop, restart } = await startTempServer(cleanup, {
    compactAfterBytes: 4096,
  });
  const id = await server.createMeeting(undefined, undefined, { scratch: true });
  const c = connectClient(server.wsBase, id, server.organiserToken);
  await c.synced();
  for (let i = 0; i < lines; i++) {
    c.text.insert(c.text.length, `Linje ${i} i referatet.\n`);
    if (i % 20 === 0) await waitFor(() => c.tracker.state === 'saved', 'saved');
  }
  await waitFor(() => c.tracker.state === 'saved', 'saved');
  const text = c.text.toString();
  c.destroy();
  await stop();
  return { id, text, dir: path.join(dataDir, 'meetings', id), restart: () => restart({}) };
}

describe('damaged files on start', () => {
  it('serves the valid state when the log has a torn tail, and keeps the bytes aside', async () => {
    const { id, text, dir, restart } = await writeMeeting(30);
    const logs = (await readdir(dir)).filter((f) => f.startsWith('log-')).sort();
    await appendFile(path.join(dir, logs[logs.length - 1]), Buffer.from([200, 1, 0, 0, 9, 9, 9]));

    const server = await restart();
    const c = connectClient(server.wsBase, id, server.organiserToken);
    cleanup(() => c.destroy());
    await c.synced();
    expect(c.text.toString()).toBe(text);
    expect(await readdir(path.join(dir, 'quarantine'))).toHaveLength(1);
    // And it keeps working.
    c.text.insert(0, 'Rettet: ');
    await waitFor(() => c.tracker.state === 'saved', 'saved after repair');
  });

  it('serves the valid state when the newest snapshot is corrupt', async () => {
    const { id, text, dir, restart } = await writeMeeting(400);
    const snapshots = (await readdir(dir)).filter((f) => f.startsWith('snapshot-')).sort();
    expect(snapshots.length).toBeGreaterThanOrEqual(2);
    const newest = path.join(dir, snapshots[snapshots.length - 1]);
    const bytes = await readFile(newest);
    bytes.fill(0, 12, 40);
    await writeFile(newest, bytes);

    const server = await restart();
    const c = connectClient(server.wsBase, id, server.organiserToken);
    cleanup(() => c.destroy());
    await c.synced();
    expect(c.text.toString()).toBe(text);
    const kept = await readdir(path.join(dir, 'quarantine'));
    expect(kept.some((f) => f.endsWith(snapshots[snapshots.length - 1]))).toBe(true);
  });
});
