import { expect } from 'vitest';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { createLogger, type Logger } from '../../../server/core/log.ts';
import { FileDocuments } from '../../../server/storage/FileDocuments.ts';
import { tempDir } from '../../helpers/testServer.ts';

/**
 * One implementation of a storage aggregate, as a contract test sees it.
 * The contracts (`<aggregate>.contract.ts`) take a factory of these, so a
 * further implementation (PostgreSQL) runs the same tests by writing one.
 */
export interface StoreFixture<S> {
  store: S;
  /**
   * The same stored data through a new instance, as after a restart: what
   * the old instance resolved must be there. An in-memory store answers
   * itself (its data lives as long as it does).
   */
  reopen(): Promise<S>;
  /**
   * Makes a meeting exist, as creating its document does: per-meeting data
   * is written only for a meeting that exists.
   */
  addMeeting(meetingId: string): Promise<void>;
  /** Warnings and errors the store logged: damage is reported there (never asserted on text). */
  reports(): number;
  /**
   * Every path under the store's data directory (file stores), so a test
   * can show that a refused call touched nothing; undefined where there are no files.
   */
  files?(): Promise<string[]>;
}

/** A file store over a fresh temporary data directory, removed by `cleanup`. */
export async function fileFixture<S>(
  cleanup: (fn: () => unknown) => void,
  make: (dataDir: string, log: Logger) => S,
  close: (store: S) => Promise<void> = async () => {},
): Promise<StoreFixture<S> & { dataDir: string }> {
  const data = await tempDir('referat-storage-');
  cleanup(() => data.remove());
  let reported = 0;
  const log = createLogger('warn', 'test', () => void reported++);
  const opened: S[] = [];
  const open = () => {
    const store = make(data.dir, log);
    opened.push(store);
    return store;
  };
  cleanup(() => Promise.all(opened.map(close)));
  return {
    dataDir: data.dir,
    store: open(),
    reopen: async () => open(),
    addMeeting: (meetingId) => new FileDocuments(data.dir, log).create(meetingId),
    reports: () => reported,
    files: () => listFiles(data.dir),
  };
}

/** An in-memory store: it is its own restart, and every meeting exists. */
export function memoryFixture<S>(store: S): StoreFixture<S> {
  return {
    store,
    reopen: async () => store,
    addMeeting: async () => {},
    reports: () => 0,
  };
}

/** Paths below `dir`, relative to it, sorted. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true });
  return entries.map((entry) => entry.split(path.sep).join('/')).sort();
}

/**
 * The newest generation's file in a meeting's folder: of the names matching
 * `pattern` (whose first number is the generation), the highest.
 */
export async function newestFile(dataDir: string, meetingId: string, pattern: RegExp) {
  const dir = path.join(dataDir, 'meetings', meetingId);
  const generation = (name: string) => Number(/\d+/.exec(name)![0]);
  const names = (await readdir(dir)).filter((n) => pattern.test(n));
  names.sort((a, b) => generation(a) - generation(b));
  return path.join(dir, names[names.length - 1]);
}

/** Ids of the right forms, and ids built to escape a folder. */
export const MEETING = 'contract-meeting-1';
export const OTHER_MEETING = 'contract-meeting-2';
export const BAD_MEETING_IDS = ['../escape', 'UPPER', 'a/b', '', 'x'];

/**
 * Every call must reject (not throw synchronously: callers chain `.catch`)
 * with an invalid-id error, and leave the stored files as they were.
 */
export async function expectRefused(
  fixture: StoreFixture<unknown>,
  calls: (() => Promise<unknown>)[],
): Promise<void> {
  const before = await fixture.files?.();
  for (const call of calls) await expect(call()).rejects.toThrow(/invalid .* id reached storage/);
  expect(await fixture.files?.()).toEqual(before);
}
