import { mkdir, open, readFile, readdir, rename, unlink, type FileHandle } from 'node:fs/promises';
import { constants as fsConstants } from 'node:fs';
import path from 'node:path';
import type { MeetingMeta } from '../../shared/meeting.ts';
import { isValidMeetingId } from '../../shared/meetingId.ts';
import type { Logger } from '../core/log.ts';
import { FileEventLogs } from './FileEventLogs.ts';
import { encodeRecord, encodeSnapshot, parseRecords, parseSnapshot } from './recordFormat.ts';
import {
  RECORD_NAMES,
  isValidOutboxId,
  isValidBilagId,
  isValidVersionId,
  type EventLogName,
  type LoadedDocument,
  type LoadedEventLog,
  type RecordName,
  type Storage,
} from './Storage.ts';
import {
  DIR_MODE,
  FILE_MODE,
  appendJsonLine,
  fsyncDir,
  isNotFound,
  readJsonLines,
  writeFileAtomic,
  writeFileOnce,
} from './fsUtil.ts';
import { FileRosters } from './FileRosters.ts';
import type { RosterStorage } from './RosterStorage.ts';

/** The append side of one loaded meeting. */
interface OpenLog {
  generation: number;
  /** null while the log cannot be opened (read-only disk); the next append retries. */
  handle: FileHandle | null;
  /** Bytes of the log known to hold complete, fsync'd records. */
  goodBytes: number;
  /** A write failed: bytes past goodBytes may be garbage and must be cut before the next write. */
  needsRepair: boolean;
}

/** Logs are appended with O_DSYNC: each write is durable when it returns. */
const LOG_FLAGS =
  fsConstants.O_WRONLY | fsConstants.O_APPEND | fsConstants.O_CREAT | fsConstants.O_DSYNC;

const SNAPSHOT_FILE = /^snapshot-(\d+)\.bin$/;
const LOG_FILE = /^log-(\d+)\.bin$/;

/**
 * Meetings as plain files: `<dataDir>/meetings/<id>/` holds `meta.json`, and
 * the document in generations. Generation g is `snapshot-g.bin` (the whole
 * state when g began; absent for g = 0) plus `log-g.bin` (updates since).
 * Compaction starts generation g+1 and deletes only what is older than the
 * previous snapshot, so one older snapshot stays as a fallback: if the newest
 * snapshot is damaged, the older snapshot plus the later logs rebuild the
 * same state (Yjs updates are idempotent, so overlap is harmless).
 */
export class FileStorage implements Storage {
  private readonly logs = new Map<string, OpenLog>();
  private readonly eventLogs: FileEventLogs;
  /** `<dataDir>/rosters/`: the forums' member lists. */
  readonly rosters: RosterStorage;

  constructor(
    private readonly dataDir: string,
    private readonly log: Logger,
  ) {
    this.eventLogs = new FileEventLogs((id) => this.meetingDir(id), log);
    this.rosters = new FileRosters(path.join(dataDir, 'rosters'), log);
  }

  private meetingsDir(): string {
    return path.join(this.dataDir, 'meetings');
  }

  private meetingDir(id: string): string {
    if (!isValidMeetingId(id)) throw new Error(`invalid meeting id reached storage`);
    return path.join(this.meetingsDir(), id);
  }

  async createMeeting(meta: MeetingMeta, initial?: Uint8Array): Promise<void> {
    await mkdir(this.meetingsDir(), { recursive: true, mode: DIR_MODE });
    const dir = this.meetingDir(meta.id);
    await mkdir(dir, { mode: DIR_MODE }); // EEXIST if the id is taken: never overwrite a meeting
    const log = await open(path.join(dir, 'log-0.bin'), 'a', FILE_MODE);
    try {
      if (initial) {
        await log.write(encodeRecord(initial));
        await log.datasync();
      }
    } finally {
      await log.close();
    }
    // meta.json last: a meeting is listed only once its first content is durable.
    await writeFileAtomic(path.join(dir, 'meta.json'), JSON.stringify(meta, null, 2));
    await fsyncDir(this.meetingsDir());
  }

  async updateMeeting(meta: MeetingMeta): Promise<void> {
    const file = path.join(this.meetingDir(meta.id), 'meta.json');
    await readFile(file); // ENOENT for a meeting that does not exist: never create one here
    await writeFileAtomic(file, JSON.stringify(meta, null, 2));
  }

  async getMeeting(id: string): Promise<MeetingMeta | null> {
    try {
      const raw = await readFile(path.join(this.meetingDir(id), 'meta.json'), 'utf8');
      return JSON.parse(raw) as MeetingMeta;
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  }

  async listMeetings(): Promise<MeetingMeta[]> {
    let names: string[];
    try {
      names = await readdir(this.meetingsDir());
    } catch (err) {
      if (isNotFound(err)) return [];
      throw err;
    }
    const metas = await Promise.all(
      names.filter(isValidMeetingId).map((id) => this.getMeeting(id)),
    );
    return metas.filter((m): m is MeetingMeta => m !== null);
  }

  async loadDocument(id: string): Promise<LoadedDocument> {
    const dir = this.meetingDir(id);
    const names = await readdir(dir);
    const generations = (pattern: RegExp) =>
      names
        .map((n) => pattern.exec(n))
        .filter((m): m is RegExpExecArray => m !== null)
        .map((m) => Number(m[1]))
        .sort((a, b) => a - b);
    const snapshotGens = generations(SNAPSHOT_FILE);
    const logGens = generations(LOG_FILE);
    const updates: Uint8Array[] = [];
    const problems: string[] = [];

    let base = -1;
    for (const gen of [...snapshotGens].reverse()) {
      const file = path.join(dir, `snapshot-${gen}.bin`);
      const state = parseSnapshot(await readFile(file));
      if (state) {
        base = gen;
        updates.push(state);
        break;
      }
      const kept = await this.quarantine(dir, `snapshot-${gen}.bin`);
      problems.push(`snapshot ${gen} is damaged; moved to ${kept}, loading an older generation`);
    }

    for (const gen of logGens.filter((g) => g >= base)) {
      const file = path.join(dir, `log-${gen}.bin`);
      const bytes = await readFile(file);
      const parsed = parseRecords(bytes);
      // A loop, not push(...records): a long log has more records than a call has room for arguments.
      for (const record of parsed.records) updates.push(record);
      if (parsed.damage !== null) {
        const kept = await this.keepTail(dir, gen, bytes.subarray(parsed.validBytes));
        const handle = await open(file, 'r+');
        try {
          await handle.truncate(parsed.validBytes);
          await handle.sync();
        } finally {
          await handle.close();
        }
        problems.push(
          `log ${gen}: ${parsed.damage}; ${bytes.byteLength - parsed.validBytes} bytes cut and kept in ${kept}`,
        );
      }
    }

    const current = Math.max(0, base, ...logGens);
    try {
      await this.openLog(id, current);
    } catch (err) {
      // A read-only or full disk must not make the minutes unreadable: the
      // meeting loads, and the first append tries to open the log again
      // (failing appends are retried and reported by DocPersistence).
      this.logs.set(id, { generation: current, handle: null, goodBytes: 0, needsRepair: false });
      this.log.warn('meeting log cannot be opened for writing; loaded without it', {
        meetingId: id,
        error: err instanceof Error ? err.message : String(err),
      });
    }
    for (const problem of problems)
      this.log.error('damaged meeting data repaired', { meetingId: id, problem });
    return { updates, problems };
  }

  private async openLog(id: string, generation: number): Promise<void> {
    const dir = this.meetingDir(id);
    // Open the new log before closing the old: if opening fails (read-only
    // or full disk), appends keep going to the old one.
    const handle = await open(path.join(dir, `log-${generation}.bin`), LOG_FLAGS, FILE_MODE);
    try {
      const { size } = await handle.stat();
      await fsyncDir(dir);
      await this.logs.get(id)?.handle?.close();
      this.logs.set(id, { generation, handle, goodBytes: size, needsRepair: false });
    } catch (err) {
      await handle.close().catch(() => {});
      throw err;
    }
  }

  private async quarantine(dir: string, name: string): Promise<string> {
    const qdir = path.join(dir, 'quarantine');
    await mkdir(qdir, { recursive: true, mode: DIR_MODE });
    const target = path.join(qdir, `${Date.now()}-${name}`);
    await rename(path.join(dir, name), target);
    await fsyncDir(dir);
    return target;
  }

  private async keepTail(dir: string, gen: number, tail: Uint8Array): Promise<string> {
    const qdir = path.join(dir, 'quarantine');
    await mkdir(qdir, { recursive: true, mode: DIR_MODE });
    const target = path.join(qdir, `${Date.now()}-log-${gen}-tail.bin`);
    await writeFileAtomic(target, tail);
    return target;
  }

  async appendUpdates(id: string, updates: Uint8Array[]): Promise<{ logBytes: number }> {
    let log = this.logs.get(id);
    if (!log) throw new Error(`meeting ${id} is not loaded`);
    if (!log.handle) {
      await this.openLog(id, log.generation);
      log = this.logs.get(id)!;
    }
    const handle = log.handle!;
    if (log.needsRepair) {
      await handle.truncate(log.goodBytes);
      log.needsRepair = false;
    }
    const bytes = Buffer.concat(updates.map(encodeRecord));
    try {
      // O_DSYNC: the write returns once the data is on disk (one trip to the
      // I/O threads instead of write + fdatasync).
      const { bytesWritten } = await handle.write(bytes);
      if (bytesWritten !== bytes.byteLength) {
        throw new Error(`short write to the log: ${bytesWritten} of ${bytes.byteLength} bytes`);
      }
    } catch (err) {
      log.needsRepair = true;
      throw err;
    }
    log.goodBytes += bytes.byteLength;
    return { logBytes: log.goodBytes };
  }

  async compact(id: string, state: Uint8Array): Promise<void> {
    const log = this.logs.get(id);
    if (!log) throw new Error(`meeting ${id} is not loaded`);
    const dir = this.meetingDir(id);
    const next = log.generation + 1;
    // New log first: from here on appends go to generation `next`. If the
    // snapshot below fails, snapshot g + log g + log next still hold everything.
    await this.openLog(id, next);
    await writeFileAtomic(path.join(dir, `snapshot-${next}.bin`), encodeSnapshot(state));
    // Keep the newest older snapshot as the fallback with its logs; drop what is older still.
    const names = await readdir(dir);
    const snapshots = names
      .map((n) => SNAPSHOT_FILE.exec(n))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => Number(m[1]));
    const fallback = Math.max(-1, ...snapshots.filter((g) => g < next));
    if (fallback < 0) return;
    for (const name of names) {
      const m = SNAPSHOT_FILE.exec(name) ?? LOG_FILE.exec(name);
      if (m && Number(m[1]) < fallback) await unlink(path.join(dir, name));
    }
    await fsyncDir(dir);
  }

  async closeDocument(id: string): Promise<void> {
    const log = this.logs.get(id);
    this.logs.delete(id);
    await log?.handle?.close();
  }

  private recordFile(id: string, name: RecordName): string {
    if (!RECORD_NAMES.includes(name)) throw new Error(`unknown record ${name}`);
    return path.join(this.meetingDir(id), `${name}.json`);
  }

  async readRecord(id: string, name: RecordName): Promise<unknown | null> {
    try {
      return JSON.parse(await readFile(this.recordFile(id, name), 'utf8'));
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  }

  async writeRecord(id: string, name: RecordName, value: unknown): Promise<void> {
    await writeFileAtomic(this.recordFile(id, name), JSON.stringify(value));
  }

  /** `<name>-snapshot-<g>.json` + `<name>-events-<g>.jsonl`, see FileEventLogs. */
  readEvents(id: string, name: EventLogName): Promise<LoadedEventLog> {
    return this.eventLogs.read(id, name);
  }

  appendEvents(id: string, name: EventLogName, events: unknown[]): Promise<{ bytes: number }> {
    return this.eventLogs.append(id, name, events);
  }

  compactEvents(id: string, name: EventLogName, snapshot: unknown): Promise<void> {
    return this.eventLogs.compact(id, name, snapshot);
  }

  /** `audit.jsonl`: one JSON object per line, appended and fsync'd, never rewritten. */
  appendAudit(id: string, entry: unknown): Promise<void> {
    return appendJsonLine(path.join(this.meetingDir(id), 'audit.jsonl'), entry);
  }

  readAudit(id: string): Promise<unknown[]> {
    return readJsonLines(path.join(this.meetingDir(id), 'audit.jsonl'), () =>
      this.log.warn('audit log line unreadable (torn write?)', { meetingId: id }),
    );
  }

  private versionFile(id: string, versionId: string): string {
    if (!isValidVersionId(versionId)) throw new Error('invalid version id reached storage');
    return path.join(this.meetingDir(id), 'versions', `${versionId}.json`);
  }

  /**
   * Written to a temp file and fsync'd, then hard-linked to its name, which
   * fails if the name exists: a version is never overwritten, and a crash
   * leaves either no version or the complete one.
   */
  async writeVersion(id: string, versionId: string, content: string): Promise<void> {
    // 0400, immutable: not even the owner writes it
    await writeFileOnce(this.versionFile(id, versionId), content, 0o400);
  }

  async readVersion(id: string, versionId: string): Promise<string | null> {
    try {
      return await readFile(this.versionFile(id, versionId), 'utf8');
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  }

  private outboxDir(): string {
    return path.join(this.dataDir, 'outbox');
  }

  /** `outbox/<id>.json`, one file per mail, replaced atomically at each change of its status. */
  async readOutbox(): Promise<unknown[]> {
    let names: string[];
    try {
      names = await readdir(this.outboxDir());
    } catch (err) {
      if (isNotFound(err)) return [];
      throw err;
    }
    const entries: unknown[] = [];
    for (const name of names) {
      const id = name.endsWith('.json') ? name.slice(0, -'.json'.length) : '';
      if (!isValidOutboxId(id)) continue; // temp files of an interrupted write, set-aside entries
      try {
        entries.push(JSON.parse(await readFile(path.join(this.outboxDir(), name), 'utf8')));
      } catch (err) {
        const aside = await this.quarantine(this.outboxDir(), name);
        this.log.error('outbox entry unreadable; kept aside', { file: aside, error: err });
      }
    }
    return entries;
  }

  async writeOutbox(entryId: string, entry: unknown): Promise<void> {
    if (!isValidOutboxId(entryId)) throw new Error('invalid outbox id reached storage');
    await mkdir(this.outboxDir(), { recursive: true, mode: DIR_MODE });
    await writeFileAtomic(path.join(this.outboxDir(), `${entryId}.json`), JSON.stringify(entry));
  }

  private bilagFile(id: string, bilagId: string): string {
    if (!isValidBilagId(bilagId)) throw new Error('invalid bilag id reached storage');
    return path.join(this.meetingDir(id), 'bilag', `${bilagId}.bin`);
  }

  /** `bilag/<id>.bin`, 0600, written like a version file (never over another). */
  async writeBilag(id: string, bilagId: string, bytes: Uint8Array): Promise<void> {
    await writeFileOnce(this.bilagFile(id, bilagId), bytes, FILE_MODE);
  }

  async readBilag(id: string, bilagId: string): Promise<Uint8Array | null> {
    try {
      return await readFile(this.bilagFile(id, bilagId));
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  }

  async deleteBilag(id: string, bilagId: string): Promise<void> {
    const file = this.bilagFile(id, bilagId);
    try {
      await unlink(file);
    } catch (err) {
      if (isNotFound(err)) return;
      throw err;
    }
    await fsyncDir(path.dirname(file));
  }
}
