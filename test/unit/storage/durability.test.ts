/**
 * Durability of every write of the file stores, traced at the file system
 * calls: a write that resolved must survive a crash, so every directory
 * entry it made or removed (a new file or folder, a rename, an unlink) is
 * followed by an fsync of the folder that holds the entry before the call
 * returns (docs/data-layout.md, "What makes each write durable"). A file's
 * own content is covered by its own fsync or O_DSYNC; this checks the
 * entries, which nothing else can see without pulling the power.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { appendFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createLogger } from '../../../server/core/log.ts';
import { createFileStorage } from '../../../server/storage/createFileStorage.ts';
import { tempDir } from '../../helpers/testServer.ts';

type Event = { op: 'entry'; path: string } | { op: 'sync'; path: string };

const trace = vi.hoisted(() => ({ events: [] as Event[] }));

vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>();
  const { existsSync } = await import('node:fs');
  const pathMod = await import('node:path');
  const entry = (p: unknown) =>
    trace.events.push({ op: 'entry', path: pathMod.resolve(String(p)) });
  const open: typeof fs.open = async (file, flags, mode) => {
    const existed = existsSync(file);
    const handle = await fs.open(file, flags, mode);
    if (!existed) entry(file);
    const where = pathMod.resolve(String(file));
    const sync = handle.sync.bind(handle);
    const datasync = handle.datasync.bind(handle);
    handle.sync = async () => {
      await sync();
      trace.events.push({ op: 'sync', path: where });
    };
    handle.datasync = async () => {
      await datasync();
      trace.events.push({ op: 'sync', path: where });
    };
    return handle;
  };
  const mkdir = (async (dir: string, options?: { recursive?: boolean; mode?: number }) => {
    const first = await fs.mkdir(dir, options);
    if (options?.recursive) {
      if (first !== undefined) {
        // Every folder from the first one made down to `dir`.
        const made: string[] = [];
        for (let d = pathMod.resolve(dir); ; d = pathMod.dirname(d)) {
          made.unshift(d);
          if (d === pathMod.resolve(first)) break;
        }
        made.forEach(entry);
      }
    } else entry(dir);
    return first;
  }) as typeof fs.mkdir;
  const link: typeof fs.link = async (from, to) => {
    await fs.link(from, to);
    entry(to);
  };
  const rename: typeof fs.rename = async (from, to) => {
    await fs.rename(from, to);
    entry(from);
    entry(to);
  };
  const unlink: typeof fs.unlink = async (file) => {
    await fs.unlink(file);
    entry(file);
  };
  const patched = { ...fs, open, mkdir, link, rename, unlink };
  return { ...patched, default: patched };
});

/**
 * The entries changed by `write` whose folder was not fsync'd after the
 * change. Temp files made and removed again inside the call do not count.
 */
async function undurableEntries(write: () => Promise<unknown>): Promise<string[]> {
  trace.events.length = 0;
  await write();
  const events = [...trace.events];
  const missing = new Set<string>();
  events.forEach((event, i) => {
    if (event.op !== 'entry') return;
    if (/\.tmp-[0-9a-f]{8}$/.test(event.path)) return;
    const folder = path.dirname(event.path);
    const synced = events.slice(i + 1).some((e) => e.op === 'sync' && e.path === folder);
    if (!synced) missing.add(path.relative(dataDir, event.path));
  });
  return [...missing].sort();
}

let dataDir: string;
let remove: () => Promise<void>;
let stores: ReturnType<typeof createFileStorage>;
const MEETING = 'durable-meeting';
const FORUM = 'f' + '0123456789abcdef'.repeat(2);
const BILAG = '0f8fad5b-d9cb-469f-a165-70867728950e';

beforeEach(async () => {
  const data = await tempDir('referat-durability-');
  dataDir = path.resolve(data.dir);
  remove = data.remove;
  stores = createFileStorage(
    dataDir,
    createLogger('error', 'test', () => {}),
  );
});

afterEach(async () => {
  await stores.documents.close(MEETING);
  await remove();
});

async function meeting() {
  await stores.documents.create(MEETING, Uint8Array.of(0));
  await stores.meetings.create({ id: MEETING } as never);
}

describe('every write of the file stores is durable when it resolves', () => {
  it('the first meeting: its folder, meetings/ and meta.json', async () => {
    expect(await undurableEntries(meeting)).toEqual([]);
  });

  it('meta.json and workflow.json replaced', async () => {
    await meeting();
    expect(await undurableEntries(() => stores.meetings.update({ id: MEETING } as never))).toEqual(
      [],
    );
    expect(await undurableEntries(() => stores.meetings.writeWorkflow(MEETING, {}))).toEqual([]);
  });

  it("a document's log, its compaction and a new generation", async () => {
    await meeting();
    await stores.documents.load(MEETING);
    expect(
      await undurableEntries(() => stores.documents.append(MEETING, [Uint8Array.of(1)])),
    ).toEqual([]);
    for (let i = 0; i < 3; i++) {
      expect(
        await undurableEntries(() => stores.documents.compact(MEETING, Uint8Array.of(i))),
      ).toEqual([]);
    }
  });

  it('the first version and the first bilag, and deleting the bilag', async () => {
    await meeting();
    expect(await undurableEntries(() => stores.versions.write(MEETING, 'v1', '{}'))).toEqual([]);
    expect(
      await undurableEntries(() => stores.bilag.write(MEETING, BILAG, Uint8Array.of(1))),
    ).toEqual([]);
    expect(await undurableEntries(() => stores.bilag.delete(MEETING, BILAG))).toEqual([]);
  });

  it("the first line of a meeting's audit log", async () => {
    await meeting();
    expect(await undurableEntries(() => stores.audit.append(MEETING, { n: 1 }))).toEqual([]);
  });

  it('the first comment event and a compaction of the comments', async () => {
    await meeting();
    expect(await undurableEntries(() => stores.comments.append(MEETING, [{ n: 1 }]))).toEqual([]);
    expect(await undurableEntries(() => stores.comments.compact(MEETING, { n: 1 }))).toEqual([]);
    expect(await undurableEntries(() => stores.comments.append(MEETING, [{ n: 2 }]))).toEqual([]);
  });

  it("the first roster and the first line of the roster's audit log", async () => {
    const roster = { id: FORUM, members: [] } as never;
    expect(await undurableEntries(() => stores.rosters.write(roster))).toEqual([]);
    expect(await undurableEntries(() => stores.rosters.appendAudit(FORUM, {} as never))).toEqual(
      [],
    );
  });

  it('the first mail in the outbox, the first sessions file, the first secret', async () => {
    const id = '0123456789abcdef'.repeat(2);
    expect(await undurableEntries(() => stores.outbox.write(id, {}))).toEqual([]);
    expect(await undurableEntries(() => stores.sessions.write([]))).toEqual([]);
    expect(await undurableEntries(() => stores.secrets.create('token-secret', 's'))).toEqual([]);
  });

  it('damage kept aside: a damaged snapshot, a torn log tail, an unreadable mail', async () => {
    await meeting();
    await stores.documents.load(MEETING);
    await stores.documents.compact(MEETING, Uint8Array.of(1));
    await stores.documents.close(MEETING);
    const meetingFolder = path.join(dataDir, 'meetings', MEETING);
    await writeFile(path.join(meetingFolder, 'snapshot-1.bin'), 'not a snapshot');
    await appendFile(path.join(meetingFolder, 'log-1.bin'), Uint8Array.of(40, 0, 0, 0, 1, 2));
    expect(await undurableEntries(() => stores.documents.load(MEETING))).toEqual([]);

    const id = '0123456789abcdef'.repeat(2);
    await stores.outbox.write(id, {});
    await writeFile(path.join(dataDir, 'outbox', `${id}.json`), '{"torn');
    expect(await undurableEntries(() => stores.outbox.readAll())).toEqual([]);
  });
});
