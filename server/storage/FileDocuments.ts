import { mkdir, open, readFile, readdir, unlink, type FileHandle } from 'node:fs/promises';
import { constants as fsConstants } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../core/log.ts';
import type { DocumentStorage, LoadedDocument } from './DocumentStorage.ts';
import {
  DIR_MODE,
  FILE_MODE,
  ensureDir,
  fsyncDir,
  keepAside,
  moveAside,
  writeFileAtomic,
} from './fsUtil.ts';
import { meetingDir, meetingsDir } from './meetingDir.ts';
import { encodeRecord, encodeSnapshot, parseRecords, parseSnapshot } from './recordFormat.ts';

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
 * Documents as files in `<dataDir>/meetings/<id>/`, in generations.
 * Generation g is `snapshot-g.bin` (the whole state when g began; absent for
 * g = 0) plus `log-g.bin` (updates since), both framed by recordFormat.ts
 * (length, CRC32). Compaction starts generation g+1 and deletes only what is
 * older than the previous snapshot, so one older snapshot stays as a
 * fallback: if the newest snapshot is damaged, the older snapshot plus the
 * later logs rebuild the same state (Yjs updates are idempotent, so overlap
 * is harmless).
 */
export class FileDocuments implements DocumentStorage {
  private readonly logs = new Map<string, OpenLog>();

  constructor(
    private readonly dataDir: string,
    private readonly log: Logger,
  ) {}

  async create(meetingId: string, initial?: Uint8Array): Promise<void> {
    const dir = meetingDir(this.dataDir, meetingId);
    await ensureDir(meetingsDir(this.dataDir));
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
    await fsyncDir(dir);
    await fsyncDir(meetingsDir(this.dataDir));
  }

  async load(meetingId: string): Promise<LoadedDocument> {
    const dir = meetingDir(this.dataDir, meetingId);
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
      const kept = await moveAside(dir, `snapshot-${gen}.bin`);
      problems.push(`snapshot ${gen} is damaged; moved to ${kept}, loading an older generation`);
    }

    for (const gen of logGens.filter((g) => g >= base)) {
      const file = path.join(dir, `log-${gen}.bin`);
      const bytes = await readFile(file);
      const parsed = parseRecords(bytes);
      // A loop, not push(...records): a long log has more records than a call has room for arguments.
      for (const record of parsed.records) updates.push(record);
      if (parsed.damage !== null) {
        const tail = bytes.subarray(parsed.validBytes);
        const kept = await keepAside(dir, `log-${gen}-tail.bin`, tail);
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
      await this.openLog(meetingId, current);
    } catch (err) {
      // A read-only or full disk must not make the minutes unreadable: the
      // meeting loads, and the first append tries to open the log again
      // (failing appends are retried and reported by DocPersistence).
      this.logs.set(meetingId, {
        generation: current,
        handle: null,
        goodBytes: 0,
        needsRepair: false,
      });
      this.log.warn('meeting log cannot be opened for writing; loaded without it', {
        meetingId,
        error: err instanceof Error ? err.message : String(err),
      });
    }
    for (const problem of problems) {
      this.log.error('damaged meeting data repaired', { meetingId, problem });
    }
    return { updates, problems };
  }

  private async openLog(meetingId: string, generation: number): Promise<void> {
    const dir = meetingDir(this.dataDir, meetingId);
    // Open the new log before closing the old: if opening fails (read-only
    // or full disk), appends keep going to the old one.
    const handle = await open(path.join(dir, `log-${generation}.bin`), LOG_FLAGS, FILE_MODE);
    try {
      const { size } = await handle.stat();
      await fsyncDir(dir);
      await this.logs.get(meetingId)?.handle?.close();
      this.logs.set(meetingId, { generation, handle, goodBytes: size, needsRepair: false });
    } catch (err) {
      await handle.close().catch(() => {});
      throw err;
    }
  }

  async append(meetingId: string, updates: Uint8Array[]): Promise<{ logBytes: number }> {
    let log = this.logs.get(meetingId);
    if (!log) throw new Error(`meeting ${meetingId} is not loaded`);
    if (!log.handle) {
      await this.openLog(meetingId, log.generation);
      log = this.logs.get(meetingId)!;
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

  async compact(meetingId: string, state: Uint8Array): Promise<void> {
    const log = this.logs.get(meetingId);
    if (!log) throw new Error(`meeting ${meetingId} is not loaded`);
    const dir = meetingDir(this.dataDir, meetingId);
    const next = log.generation + 1;
    // New log first: from here on appends go to generation `next`. If the
    // snapshot below fails, snapshot g + log g + log next still hold everything.
    await this.openLog(meetingId, next);
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

  async close(meetingId: string): Promise<void> {
    const log = this.logs.get(meetingId);
    this.logs.delete(meetingId);
    await log?.handle?.close();
  }
}
