import { chmod, link, mkdir, open, readFile, readdir, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

/** Makes a directory's entries (created, renamed, removed files) durable. */
export async function fsyncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Makes `dir` (and any missing folder above it) with DIR_MODE, durably: the
 * folder holding each one made is fsync'd, so a file written into a new
 * folder cannot vanish with the folder in a crash.
 */
export async function ensureDir(dir: string): Promise<void> {
  const first = await mkdir(dir, { recursive: true, mode: DIR_MODE });
  if (first === undefined) return;
  const made: string[] = [];
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    made.unshift(d);
    if (d === path.resolve(first) || d === path.dirname(d)) break;
  }
  for (const d of made) await fsyncDir(path.dirname(d));
}

/**
 * Writes `data` to `file` so that a crash leaves either the old or the new
 * content, never a mix. `mode`: the file's permission bits (less the umask);
 * by default only the server's own user may read it (minutes are not public).
 */
export async function writeFileAtomic(
  file: string,
  data: Uint8Array | string,
  mode = FILE_MODE,
): Promise<void> {
  const tmp = `${file}.tmp-${randomBytes(4).toString('hex')}`;
  const handle = await open(tmp, 'w', mode);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (err) {
    await handle.close().catch(() => {});
    await unlink(tmp).catch(() => {});
    throw err;
  }
  await handle.close();
  await rename(tmp, file);
  await fsyncDir(path.dirname(file));
}

/**
 * Writes a new file that must never replace an existing one: to a temp file,
 * fsync'd, then hard-linked to its name (EEXIST if taken) and the directory
 * fsync'd. A crash leaves no file or the complete one (at most a temp file
 * beside it, never read).
 */
export async function writeFileOnce(file: string, data: Uint8Array | string, mode: number) {
  const dir = path.dirname(file);
  await ensureDir(dir);
  const tmp = `${file}.tmp-${randomBytes(4).toString('hex')}`;
  try {
    const handle = await open(tmp, 'wx', mode);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await link(tmp, file);
  } finally {
    await unlink(tmp).catch(() => {});
  }
  await fsyncDir(dir);
}

/** Meeting files: read and written by the server's user only. */
export const FILE_MODE = 0o600;
/** Meeting directories: the same. */
export const DIR_MODE = 0o700;

/**
 * Creates the data directory if needed and closes it to other users (an
 * older install left it 0755): everything below is then out of their reach,
 * whatever the modes of files written before.
 */
export async function ensurePrivateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: DIR_MODE });
  await chmod(dir, DIR_MODE);
}

export function isNotFound(err: unknown): boolean {
  return (err as NodeJS.ErrnoException)?.code === 'ENOENT';
}

/** A file's bytes, or null if there is no such file (any other error is thrown). */
export async function readIfPresent(file: string): Promise<Buffer | null> {
  try {
    return await readFile(file);
  } catch (err) {
    if (isNotFound(err)) return null;
    throw err;
  }
}

/** A JSON file's value, or null if there is no such file. */
export async function readJsonIfPresent(file: string): Promise<unknown | null> {
  const bytes = await readIfPresent(file);
  return bytes === null ? null : JSON.parse(bytes.toString('utf8'));
}

/** The names in a folder that is made on first write: none before it exists. */
export async function namesIn(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (err) {
    if (isNotFound(err)) return [];
    throw err;
  }
}

/**
 * Appends one JSON object as a line to an append-only log (an audit log),
 * durably: the line is fdatasync'd, and the folder too when this line made
 * the file.
 */
export async function appendJsonLine(file: string, entry: unknown): Promise<void> {
  let created = true;
  let handle;
  try {
    handle = await open(file, 'ax', FILE_MODE);
  } catch (err) {
    if ((err as NodeJS.ErrnoException)?.code !== 'EEXIST') throw err;
    created = false;
    handle = await open(file, 'a', FILE_MODE);
  }
  try {
    await handle.write(JSON.stringify(entry) + '\n');
    await handle.datasync();
  } finally {
    await handle.close();
  }
  if (created) await fsyncDir(path.dirname(file));
}

/**
 * The lines of an append-only JSON log, oldest first ([] when there is no
 * file); a line that does not parse (a torn write after a crash) is skipped
 * and reported through `unreadable`.
 */
export async function readJsonLines(file: string, unreadable: () => void): Promise<unknown[]> {
  let raw: string;
  try {
    raw = await readFile(file, 'utf8');
  } catch (err) {
    if (isNotFound(err)) return [];
    throw err;
  }
  const entries: unknown[] = [];
  for (const line of raw.split('\n')) {
    if (!line) continue;
    try {
      entries.push(JSON.parse(line));
    } catch {
      unreadable();
    }
  }
  return entries;
}

/**
 * Damaged data is kept, never deleted: it goes to `<dir>/quarantine/`,
 * named `<ms since epoch>-<name>` so repeated damage never collides.
 */
function quarantineFile(dir: string, name: string): string {
  return path.join(dir, 'quarantine', `${Date.now()}-${name}`);
}

/** Moves the damaged file `<dir>/<name>` into quarantine; answers where it went. */
export async function moveAside(dir: string, name: string): Promise<string> {
  const target = quarantineFile(dir, name);
  await ensureDir(path.dirname(target));
  await rename(path.join(dir, name), target);
  // Both folders: the entry leaves one and arrives in the other.
  await fsyncDir(path.dirname(target));
  await fsyncDir(dir);
  return target;
}

/**
 * Keeps a copy of damaged bytes (a torn log tail) in quarantine before they
 * are cut off the file they came from; answers where they are.
 */
export async function keepAside(dir: string, name: string, bytes: Uint8Array): Promise<string> {
  const target = quarantineFile(dir, name);
  await ensureDir(path.dirname(target));
  await writeFileAtomic(target, bytes);
  return target;
}
