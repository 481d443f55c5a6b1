import { appendFile, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { connectClient } from '../helpers/clients.ts';
import { startTestServer, tempDir } from '../helpers/testServer.ts';
import { waitFor } from '../helpers/waitFor.ts';

const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

/** Writes `lines` through a real server (compacting after every few KB), then stops it. */
async function writeMeeting(dataDir: string, lines: number) {
  const server = await startTestServer({ dataDir, config: { compactAfterBytes: 4096 } });
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
  await server.close();
  return { id, text, dir: path.join(dataDir, 'meetings', id) };
}

describe('damaged files on start', () => {
  it('serves the valid state when the log has a torn tail, and keeps the bytes aside', async () => {
    const data = await tempDir();
    cleanups.push(() => data.remove());
    const { id, text, dir } = await writeMeeting(data.dir, 30);
    const logs = (await readdir(dir)).filter((f) => f.startsWith('log-')).sort();
    await appendFile(path.join(dir, logs[logs.length - 1]), Buffer.from([200, 1, 0, 0, 9, 9, 9]));

    const server = await startTestServer({ dataDir: data.dir });
    cleanups.push(() => server.close());
    const c = connectClient(server.wsBase, id, server.organiserToken);
    cleanups.push(() => c.destroy());
    await c.synced();
    expect(c.text.toString()).toBe(text);
    expect(await readdir(path.join(dir, 'quarantine'))).toHaveLength(1);
    // And it keeps working.
    c.text.insert(0, 'Rettet: ');
    await waitFor(() => c.tracker.state === 'saved', 'saved after repair');
  });

  it('serves the valid state when the newest snapshot is corrupt', async () => {
    const data = await tempDir();
    cleanups.push(() => data.remove());
    const { id, text, dir } = await writeMeeting(data.dir, 400);
    const snapshots = (await readdir(dir)).filter((f) => f.startsWith('snapshot-')).sort();
    expect(snapshots.length).toBeGreaterThanOrEqual(2);
    const newest = path.join(dir, snapshots[snapshots.length - 1]);
    const bytes = await readFile(newest);
    bytes.fill(0, 12, 40);
    await writeFile(newest, bytes);

    const server = await startTestServer({ dataDir: data.dir });
    cleanups.push(() => server.close());
    const c = connectClient(server.wsBase, id, server.organiserToken);
    cleanups.push(() => c.destroy());
    await c.synced();
    expect(c.text.toString()).toBe(text);
    const kept = await readdir(path.join(dir, 'quarantine'));
    expect(kept.some((f) => f.endsWith(snapshots[snapshots.length - 1]))).toBe(true);
  });
});
