import { open, readFile, readdir, unlink } from 'node:fs/promises';
import { constants as fsConstants } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../core/log.ts';
import type { LoadedEventLog } from './CommentStorage.ts';
import { FILE_MODE, fsyncDir, isNotFound, keepAside, writeFileAtomic } from './fsUtil.ts';

/** The event logs a meeting has; their names are part of the file names. */
export const EVENT_LOG_NAMES = ['comments'] as const;
export type EventLogName = (typeof EVENT_LOG_NAMES)[number];

/** Where appends to one log stand in this process. */
interface LogState {
  generation: number;
  /** Bytes of the generation's events file that hold whole lines. */
  goodBytes: number;
  /**
   * Bytes past goodBytes may be on disk (a torn line from a crash, a failed
   * write): they are cut off before the next append.
   */
  needsRepair: boolean;
  /** The events file exists and its directory entry is durable. */
  exists: boolean;
}

/** Each append is durable when its write returns. */
const APPEND_FLAGS =
  fsConstants.O_WRONLY | fsConstants.O_APPEND | fsConstants.O_CREAT | fsConstants.O_DSYNC;

/**
 * A meeting's append-only JSON event logs (the comments: FileComments) as
 * files beside its document, in
 * generations like the document's log. Generation g of log `name` is
 * `<name>-snapshot-g.json` (the state when g began; absent for g = 0) plus
 * `<name>-events-g.jsonl`: one JSON event per line, appended with O_DSYNC.
 *
 * Reading takes the newest readable snapshot and the events of its
 * generation and later ones. Compaction writes snapshot g+1 atomically (temp
 * file, fsync, rename, fsync directory) and only then sends appends to
 * generation g+1: a crash before the rename leaves snapshot g with events g,
 * after it snapshot g+1, with which events g are no longer read. So no event
 * is lost or applied twice. Generation g stays as the fallback should
 * snapshot g+1 ever be unreadable; older generations are deleted.
 *
 * A line counts once its newline is written: a torn last line (a crash
 * mid-append) is skipped when reading and cut off (kept in `quarantine/`)
 * before the next append, so a new event is never glued to a torn one.
 * Files are opened per append, so nothing stays open when a meeting leaves
 * memory; comments are rate-limited, the extra open costs little next to
 * the fsync.
 */
export class FileEventLogs {
  private readonly states = new Map<string, LogState>();

  constructor(
    private readonly meetingDir: (id: string) => string,
    private readonly log: Logger,
  ) {}

  async read(id: string, name: EventLogName): Promise<LoadedEventLog> {
    const { loaded, state } = await this.scan(id, name);
    this.states.set(`${id}/${name}`, state);
    for (const problem of loaded.problems) {
      this.log.warn('event log damage skipped', { meetingId: id, log: name, problem });
    }
    return loaded;
  }

  async append(id: string, name: EventLogName, events: unknown[]): Promise<{ bytes: number }> {
    const state = await this.state(id, name);
    const dir = this.meetingDir(id);
    const file = path.join(dir, eventsFile(name, state.generation));
    const handle = await open(file, APPEND_FLAGS, FILE_MODE);
    try {
      if (state.needsRepair) await this.cutTail(id, name, file, state, handle);
      const bytes = Buffer.from(events.map((event) => JSON.stringify(event) + '\n').join(''));
      try {
        const { bytesWritten } = await handle.write(bytes);
        if (bytesWritten !== bytes.byteLength) {
          throw new Error(`short write to ${name} events: ${bytesWritten} of ${bytes.byteLength}`);
        }
        if (!state.exists) await fsyncDir(dir);
      } catch (err) {
        state.needsRepair = true;
        throw err;
      }
      state.exists = true;
      state.goodBytes += bytes.byteLength;
      return { bytes: state.goodBytes };
    } finally {
      await handle.close();
    }
  }

  async compact(id: string, name: EventLogName, snapshot: unknown): Promise<void> {
    const state = await this.state(id, name);
    const dir = this.meetingDir(id);
    const kept = state.generation;
    const next = kept + 1;
    await writeFileAtomic(
      path.join(dir, snapshotFile(name, next)),
      JSON.stringify(snapshot),
      FILE_MODE,
    );
    // The new snapshot holds every event so far: from here on appends go to its generation.
    this.states.set(`${id}/${name}`, {
      generation: next,
      goodBytes: 0,
      needsRepair: false,
      exists: false,
    });
    const stale = new RegExp(`^${name}-snapshot-\\d+\\.json\\.tmp-`);
    for (const file of await readdir(dir)) {
      const generation = generationOf(name, file);
      if ((generation !== null && generation < kept) || stale.test(file)) {
        await unlink(path.join(dir, file));
      }
    }
    await fsyncDir(dir);
  }

  private async state(id: string, name: EventLogName): Promise<LogState> {
    const key = `${id}/${name}`;
    let state = this.states.get(key);
    if (!state) {
      state = (await this.scan(id, name)).state;
      this.states.set(key, state);
    }
    return state;
  }

  /** Reads the log's files: the newest readable snapshot and the events after it. */
  private async scan(
    id: string,
    name: EventLogName,
  ): Promise<{ loaded: LoadedEventLog; state: LogState }> {
    if (!EVENT_LOG_NAMES.includes(name)) throw new Error(`unknown event log ${name}`);
    const dir = this.meetingDir(id);
    const files = await readdir(dir);
    const generations = (kind: 'snapshot' | 'events') =>
      files
        .map((file) => (kindOf(name, file) === kind ? generationOf(name, file) : null))
        .filter((g): g is number => g !== null)
        .sort((a, b) => a - b);
    const snapshotGens = generations('snapshot');
    const eventGens = generations('events');
    const problems: string[] = [];

    let base = -1;
    let snapshot: unknown = null;
    for (const gen of [...snapshotGens].reverse()) {
      try {
        snapshot = JSON.parse(await readFile(path.join(dir, snapshotFile(name, gen)), 'utf8'));
        base = gen;
        break;
      } catch (err) {
        if (isNotFound(err)) continue;
        problems.push(`snapshot ${gen} is unreadable; reading the generation before it`);
      }
    }
    if (base < 0 && eventGens.length > 0 && eventGens[0] > 0) {
      problems.push(`no readable snapshot; events before generation ${eventGens[0]} are missing`);
    }

    const current = Math.max(0, ...snapshotGens, ...eventGens);
    let state: LogState = { generation: current, goodBytes: 0, needsRepair: false, exists: false };
    const events: unknown[] = [];
    let bytes = 0;
    for (const gen of eventGens.filter((g) => g >= base)) {
      const raw = await readFile(path.join(dir, eventsFile(name, gen)));
      const parsed = parseEventLines(raw);
      for (const event of parsed.events) events.push(event);
      for (const p of parsed.problems) problems.push(`events ${gen}: ${p}`);
      bytes += parsed.goodBytes;
      if (gen === current) {
        state = {
          generation: gen,
          goodBytes: parsed.goodBytes,
          needsRepair: parsed.goodBytes < raw.byteLength,
          exists: true,
        };
      }
    }
    return { loaded: { snapshot, events, bytes, problems }, state };
  }

  /** Cuts what follows the last whole line, keeping it in `quarantine/`. */
  private async cutTail(
    id: string,
    name: EventLogName,
    file: string,
    state: LogState,
    handle: Awaited<ReturnType<typeof open>>,
  ) {
    const tail = (await readFile(file)).subarray(state.goodBytes);
    if (tail.byteLength > 0) {
      const tailName = `${name}-events-${state.generation}-tail.jsonl`;
      const kept = await keepAside(this.meetingDir(id), tailName, tail);
      this.log.warn('torn end of an event log cut before appending', {
        meetingId: id,
        log: name,
        bytes: tail.byteLength,
        keptIn: kept,
      });
    }
    await handle.truncate(state.goodBytes);
    await handle.sync();
    state.needsRepair = false;
  }
}

function snapshotFile(name: EventLogName, generation: number): string {
  return `${name}-snapshot-${generation}.json`;
}

function eventsFile(name: EventLogName, generation: number): string {
  return `${name}-events-${generation}.jsonl`;
}

const LOG_FILE = /^([a-z]+)-(snapshot|events)-(\d+)\.(json|jsonl)$/;

function kindOf(name: EventLogName, file: string): 'snapshot' | 'events' | null {
  const m = LOG_FILE.exec(file);
  if (!m || m[1] !== name) return null;
  const kind = m[2] as 'snapshot' | 'events';
  return (kind === 'snapshot') === (m[4] === 'json') ? kind : null;
}

function generationOf(name: EventLogName, file: string): number | null {
  return kindOf(name, file) ? Number(LOG_FILE.exec(file)![3]) : null;
}

/**
 * The events of one file: whole lines only (a line without its newline was
 * torn by a crash); an unreadable line is skipped and reported.
 */
function parseEventLines(raw: Buffer): {
  events: unknown[];
  goodBytes: number;
  problems: string[];
} {
  const goodBytes = raw.lastIndexOf(0x0a) + 1;
  const problems: string[] = [];
  if (goodBytes < raw.byteLength) {
    problems.push(`torn last line (${raw.byteLength - goodBytes} bytes) skipped`);
  }
  const events: unknown[] = [];
  const lines = raw.subarray(0, goodBytes).toString('utf8').split('\n');
  lines.pop();
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    try {
      events.push(JSON.parse(line));
    } catch {
      problems.push(`line ${i + 1} is unreadable, skipped`);
    }
  });
  return { events, goodBytes, problems };
}
