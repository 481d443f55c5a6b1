import { execFileSync, spawnSync } from 'node:child_process';
import { addScratchItem, scratchText } from '../helpers/clients.ts';
import { readdirSync, readlinkSync } from 'node:fs';
import { appendFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createLogger } from '../../server/core/log.ts';
import { createFileStorage } from '../../server/storage/createFileStorage.ts';
import { createMemoryStorage } from '../../server/storage/createMemoryStorage.ts';
import { FileDocuments } from '../../server/storage/FileDocuments.ts';
import { FileMeetings } from '../../server/storage/FileMeetings.ts';
import type { MeetingMeta } from '../../shared/meeting.ts';
import { useCleanups } from '../helpers/cleanups.ts';
import { connectClient, connectedPair } from '../helpers/clients.ts';
import { organiserSignIn, spawnServer } from '../helpers/serverProcess.ts';
import { startTempServer, tempDir } from '../helpers/testServer.ts';
import { waitFor } from '../helpers/waitFor.ts';
import { recordFigures } from './figures.ts';

const cleanup = useCleanups();

describe('storage failure', () => {
  it('reports "failing" while writes fail, keeps the edits in memory and saves them when writes work again', async () => {
    const { server, storage } = await startTempServer(
      cleanup,
      { idleEvictMs: 20 },
      { storage: () => createMemoryStorage() },
    );
    const id = await server.createMeeting(undefined, undefined, { scratch: true });
    const [a, b] = await connectedPair(server, id, cleanup);

    storage.faults.failWrites = true;
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

    storage.faults.failWrites = false;
    await waitFor(() => !server.rooms.isLoaded(id), 'saved and evicted once writes work', 15_000);
    const doc = new Y.Doc();
    for (const u of (await storage.documents.load(id)).updates) Y.applyUpdate(doc, u);
    expect(scratchText(doc).toString()).toBe('skrevet mens disken fejler');
  });

  it('turns the client status back to saved after recovery', async () => {
    const { server, storage } = await startTempServer(
      cleanup,
      {},
      { storage: () => createMemoryStorage() },
    );
    const id = await server.createMeeting(undefined, undefined, { scratch: true });
    const a = connectClient(server.wsBase, id, server.organiserToken);
    cleanup(() => a.destroy());
    await a.synced();
    storage.faults.failWrites = true;
    a.text.insert(0, 'x');
    await waitFor(() => a.tracker.state === 'failing', 'failing');
    storage.faults.failWrites = false;
    await waitFor(() => a.tracker.state === 'saved', 'saved after recovery', 15_000);
  });
});

/**
 * A disk that fills up: while `full`, every write of the document and the
 * meeting records fails with ENOSPC, and an append first leaves a torn
 * half-record at the end of the log, as a real short write would.
 */
class FullDisk {
  full = false;
  /** Throws ENOSPC while the disk is full. */
  check() {
    if (this.full) {
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    }
  }
}

class FullDiskDocuments extends FileDocuments {
  constructor(
    private readonly dir: string,
    private readonly disk: FullDisk,
  ) {
    super(dir, createLogger('silent'));
  }
  override async append(id: string, updates: Uint8Array[]) {
    if (this.disk.full) {
      const dir = path.join(this.dir, 'meetings', id);
      const logs = (await readdir(dir)).filter((n) => /^log-\d+\.bin$/.test(n)).sort();
      const torn = Buffer.from(updates[0]).subarray(0, Math.ceil(updates[0].byteLength / 2));
      await appendFile(
        path.join(dir, logs[logs.length - 1]),
        Buffer.concat([Buffer.from([9, 9, 9, 9]), torn]),
      );
      this.disk.check();
    }
    return super.append(id, updates);
  }
  override async compact(id: string, state: Uint8Array) {
    this.disk.check();
    return super.compact(id, state);
  }
  override async create(id: string, initial?: Uint8Array) {
    this.disk.check();
    return super.create(id, initial);
  }
}

class FullDiskMeetings extends FileMeetings {
  constructor(
    dir: string,
    private readonly disk: FullDisk,
  ) {
    super(dir, createLogger('silent'));
  }
  override async create(meta: MeetingMeta) {
    this.disk.check();
    return super.create(meta);
  }
  override async writeWorkflow(id: string, workflow: unknown) {
    this.disk.check();
    return super.writeWorkflow(id, workflow);
  }
}

/** The file stores on a disk that can fill up (`disk.full`). */
function fullDiskStorage(dir: string) {
  const disk = new FullDisk();
  return {
    ...createFileStorage(dir, createLogger('silent')),
    documents: new FullDiskDocuments(dir, disk),
    meetings: new FullDiskMeetings(dir, disk),
    disk,
  };
}

/**
 * How to make a real directory read-only for the server here: file
 * permissions when we are not root; as root (who ignores them) either run
 * the server as nobody, when nobody can read the code, or bind-mount the
 * directory read-only (EROFS, which also stops writes to open files).
 */
function readOnlyMethod(dir: string) {
  const sh = (cmd: string) => execFileSync('sh', ['-c', cmd], { stdio: 'pipe' });
  const root = process.getuid?.() === 0;
  const NOBODY = 65534;
  const nobodyCanRun =
    root &&
    spawnSync(
      process.execPath,
      ['-e', `require('fs').accessSync(${JSON.stringify(import.meta.filename)})`],
      {
        uid: NOBODY,
        gid: NOBODY,
      },
    ).status === 0;
  if (!root || nobodyCanRun) {
    if (root) sh(`chown -R ${NOBODY}:${NOBODY} '${dir}'`);
    return {
      uid: root ? NOBODY : undefined,
      description: `chmod -R a-w on the data directory (server running as uid ${root ? NOBODY : process.getuid?.()})`,
      makeReadOnly: () => void sh(`chmod -R a-w '${dir}'`),
      makeWritable: () => void sh(`chmod -R u+w '${dir}'`),
    };
  }
  let mounted = false;
  return {
    uid: undefined,
    description: 'read-only bind mount of the data directory (EROFS)',
    makeReadOnly: () => {
      sh(`mount --bind '${dir}' '${dir}' && mount -o remount,bind,ro '${dir}'`);
      mounted = true;
    },
    makeWritable: () => {
      if (mounted) sh(`umount '${dir}'`);
      mounted = false;
    },
  };
}

describe('disk trouble', () => {
  it('a full disk: keeps serving, says "not saved", loses nothing acknowledged, repairs the torn write and saves on recovery', async () => {
    const { server, storage, dataDir, stop } = await startTempServer(
      cleanup,
      {},
      { storage: (dir) => fullDiskStorage(dir) },
    );
    const id = await server.createMeeting('Fuld disk', 'driftsforum', { scratch: true });
    const [a, b] = await connectedPair(server, id, cleanup);
    a.text.insert(0, 'før ');
    await waitFor(() => a.tracker.state === 'saved', 'acknowledged before the disk fills');

    storage.disk.full = true;
    const failedAt = performance.now();
    a.text.insert(a.text.length, 'under ');
    await waitFor(() => a.tracker.state === 'failing', 'the writer is told: not saved');
    const reportMs = performance.now() - failedAt;
    await waitFor(() => b.text.toString() === 'før under ', 'collaboration goes on');
    expect((await server.api('/meetings')).status).toBe(200);
    const create = await server.api('/meetings', { body: { title: 'Ny' } });
    expect(create.status).toBe(507);
    expect(((await create.json()) as { error: string }).error).toMatch(/cannot write/);
    expect(await (await server.api('/health')).json()).toMatchObject({
      ok: true,
      meetingsNotSaved: 1,
    });
    const late = connectClient(server.wsBase, id, server.organiserToken);
    cleanup(() => late.destroy());
    await late.synced();
    expect(late.text.toString()).toBe('før under ');

    storage.disk.full = false;
    const recoveredAt = performance.now();
    await waitFor(() => a.tracker.state === 'saved', 'saved once the disk has room', 20_000);
    const recoverMs = performance.now() - recoveredAt;
    b.text.insert(b.text.length, 'efter');
    await waitFor(() => b.tracker.state === 'saved', 'later edits saved too');
    expect(await (await server.api('/health')).json()).toMatchObject({ meetingsNotSaved: 0 });

    await stop();
    const loaded = await new FileDocuments(dataDir, createLogger('silent')).load(id);
    // The torn half-record was cut before the retried append: nothing to repair.
    expect(loaded.problems).toEqual([]);
    const doc = new Y.Doc();
    for (const u of loaded.updates) Y.applyUpdate(doc, u);
    expect(scratchText(doc).toString()).toBe('før under efter');
    recordFigures('disk-full', {
      simulated: 'file stores whose writes fail with ENOSPC after a torn half-record',
      notSavedShownAfterMs: Math.round(reportMs),
      savedAfterRecoveryMs: Math.round(recoverMs),
      acknowledgedEditsLost: 0,
      storedProblemsAfterRecovery: loaded.problems.length,
    });
  });

  it('a real read-only data directory: the meeting still opens and syncs, "not saved" is shown, and everything is saved once it is writable again', async () => {
    const data = await tempDir();
    cleanup(() => data.remove());
    const readOnly = readOnlyMethod(data.dir);
    cleanup(() => readOnly.makeWritable());
    const env = { REFERAT_IDLE_EVICT_MS: '50' };
    let server = await spawnServer({ dataDir: data.dir, env, uid: readOnly.uid });
    cleanup(() => void server.child.kill('SIGKILL'));
    const base = `http://127.0.0.1:${server.port}`;
    const wsBase = `ws://127.0.0.1:${server.port}/collab`;
    const token = await organiserSignIn(base);
    const api = (p: string, body?: unknown) =>
      fetch(`${base}/api${p}`, {
        method: body ? 'POST' : 'GET',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: body ? JSON.stringify(body) : undefined,
      });
    const id = (
      (await (
        await api('/meetings', { title: 'Skrivebeskyttet', template: 'driftsforum' })
      ).json()) as {
        meeting: { id: string };
      }
    ).meeting.id;
    const first = connectClient(wsBase, id, token);
    await first.synced();
    first.doc.transact(() => {
      addScratchItem(first.doc);
      first.text.insert(0, 'før ');
    });
    await waitFor(() => first.tracker.state === 'saved', 'acknowledged before');
    first.destroy();
    // Wait until the server has evicted the meeting and closed its log.
    const openLogs = () =>
      readdirSync(`/proc/${server.child.pid}/fd`)
        .map((fd) => {
          try {
            return readlinkSync(`/proc/${server.child.pid}/fd/${fd}`);
          } catch {
            return '';
          }
        })
        .filter((target) => target.includes(path.join('meetings', id)));
    await waitFor(() => openLogs().length === 0, 'meeting evicted, its log closed');

    readOnly.makeReadOnly();
    const [a, b] = [connectClient(wsBase, id, token), connectClient(wsBase, id, token)];
    cleanup(() => a.destroy());
    cleanup(() => b.destroy());
    await Promise.all([a.synced(), b.synced()]);
    expect(a.text.toString()).toBe('før ');
    const failedAt = performance.now();
    a.text.insert(a.text.length, 'under');
    await waitFor(() => a.tracker.state === 'failing', 'the writer is told: not saved');
    const reportMs = performance.now() - failedAt;
    await waitFor(() => b.text.toString() === 'før under', 'collaboration goes on');
    expect(await (await api('/health')).json()).toMatchObject({ ok: true, meetingsNotSaved: 1 });
    const create = await api('/meetings', { title: 'Ny' });
    expect(create.status).toBe(507);
    expect((await api('/meetings')).status).toBe(200);

    readOnly.makeWritable();
    const recoveredAt = performance.now();
    await waitFor(() => a.tracker.state === 'saved', 'saved once writable', 20_000);
    const recoverMs = performance.now() - recoveredAt;

    // Saved means on disk: it survives kill -9.
    server.child.kill('SIGKILL');
    await server.exited;
    a.provider.shouldConnect = false;
    b.provider.shouldConnect = false;
    server = await spawnServer({ dataDir: data.dir, env, uid: readOnly.uid });
    const check = connectClient(`ws://127.0.0.1:${server.port}/collab`, id, token);
    cleanup(() => check.destroy());
    await check.synced();
    expect(check.text.toString()).toBe('før under');
    recordFigures('disk-read-only', {
      simulated: readOnly.description,
      notSavedShownAfterMs: Math.round(reportMs),
      savedAfterRecoveryMs: Math.round(recoverMs),
      acknowledgedEditsLost: 0,
    });
  });
});
