import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_CONFIG, type Config } from '../../server/config.ts';
import { createServer } from '../../server/createServer.ts';
import { createLogger } from '../../server/log.ts';
import { FileStorage } from '../../server/storage/FileStorage.ts';
import type { Storage } from '../../server/storage/Storage.ts';

export async function tempDir(
  prefix = 'referat-test-',
): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    ...DEFAULT_CONFIG,
    port: 0,
    host: '127.0.0.1',
    clientDir: path.join(os.tmpdir(), 'referat-no-client'),
    logLevel: 'silent',
    ...overrides,
  };
}

/** A real server on a free port, in this process. */
export async function startTestServer(options: {
  dataDir: string;
  storage?: Storage;
  config?: Partial<Config>;
}) {
  const config = testConfig({ dataDir: options.dataDir, ...options.config });
  const log = createLogger(config.logLevel);
  const storage = options.storage ?? new FileStorage(config.dataDir, log);
  const server = createServer({ config, storage, log });
  const running = await server.listen();
  const base = `http://127.0.0.1:${running.port}`;
  return {
    ...server,
    storage,
    port: running.port,
    base,
    wsBase: `ws://127.0.0.1:${running.port}/collab`,
    close: () => running.close(),
    async createMeeting(title = 'Driftsforum test', template = 'blank'): Promise<string> {
      const res = await fetch(`${base}/api/meetings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title, forum: 'Driftsforum', date: '2020-12-09', template }),
      });
      if (res.status !== 201) throw new Error(`create meeting: ${res.status}`);
      return ((await res.json()) as { meeting: { id: string } }).meeting.id;
    },
  };
}
export type TestServer = Awaited<ReturnType<typeof startTestServer>>;
