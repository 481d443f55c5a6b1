import { spawnSync } from 'node:child_process';
import { mkdir, readdir, symlink } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as Y from 'yjs';
import { expect, it } from 'vitest';
import { visibleItemIds } from '../../shared/minutes/layout.ts';
import { typingTarget } from '../helpers/typing.ts';
import { connectClient } from '../helpers/clients.ts';
import { useCleanups } from '../helpers/cleanups.ts';
import { pdfPages } from '../helpers/exports.ts';
import { createMeetingAt, organiserSignIn, spawnServer } from '../helpers/serverProcess.ts';
import { tempDir } from '../helpers/testServer.ts';
import { waitFor } from '../helpers/waitFor.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const cleanup = useCleanups();

/**
 * A folder where the build runs as deployed: the compiled server beside a
 * node_modules holding every installed package but tsx, so that nothing in
 * it (the server, or a worker of its CPU pool) can fall back to running
 * TypeScript.
 */
async function deployedBuild(base: string): Promise<string> {
  const modules = path.join(base, 'node_modules');
  await mkdir(modules);
  for (const name of await readdir(path.join(ROOT, 'node_modules'))) {
    if (name === 'tsx' || name.startsWith('.')) continue;
    await symlink(path.join(ROOT, 'node_modules', name), path.join(modules, name));
  }
  const out = path.join(base, 'server');
  const build = spawnSync(process.execPath, ['scripts/buildServer.mjs', out], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  expect(build.status, build.stderr).toBe(0);
  return out;
}

it('the compiled server runs with plain node: meetings sync over the websocket and a PDF export runs in its worker pool', async () => {
  const build = await tempDir('referat-compiled-');
  cleanup(() => build.remove());
  const data = await tempDir('referat-compiled-data-');
  cleanup(() => data.remove());
  const out = await deployedBuild(build.dir);
  // The test means something only if tsx cannot be found from the build.
  expect(() => createRequire(path.join(out, 'main.js')).resolve('tsx')).toThrow();

  const server = await spawnServer({
    dataDir: data.dir,
    compiled: out,
    // One worker, started for the export: the pool's start from compiled JavaScript is what is tested.
    env: { NODE_OPTIONS: '', REFERAT_CPU_WORKERS: '1' },
  });
  cleanup(async () => {
    server.child.kill('SIGTERM');
    await server.exited;
  });
  const base = `http://127.0.0.1:${server.port}`;
  const token = await organiserSignIn(base);
  const id = await createMeetingAt(base, token, 'Driftsforum Nord');

  const client = connectClient(`ws://127.0.0.1:${server.port}/collab`, id, token);
  cleanup(() => client.destroy());
  await client.synced();
  expect(visibleItemIds(client.doc).length).toBeGreaterThan(0);
  // Written by the client, saved by the server, read back by the export.
  const typed = 'Kompileret server gemte dette';
  const text: Y.XmlText = typingTarget(client.doc, 0);
  text.insert(text.length, typed);
  await waitFor(() => client.tracker.state === 'saved', 'the typed text saved');

  const res = await fetch(`${base}/api/meetings/${id}/export?format=pdf`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(res.status, await res.clone().text()).toBe(200);
  expect(res.headers.get('content-type')).toContain('application/pdf');
  const pages = await pdfPages(Buffer.from(await res.arrayBuffer()), data.dir);
  expect(pages.flat().join(' ')).toContain(typed);
  expect(server.child.exitCode).toBeNull();
});
