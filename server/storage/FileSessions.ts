import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../core/log.ts';
import { ensureDir, isNotFound, writeFileAtomic } from './fsUtil.ts';
import type { SessionStorage } from './SessionStorage.ts';

/**
 * Sessions as `<dataDir>/sessions/people.json`, a compact JSON array, 0600,
 * replaced by temp file, fsync, rename and directory fsync. It holds only
 * hashes of the cookies' secrets (PersonSessions), never the secrets.
 */
export class FileSessions implements SessionStorage {
  private readonly file: string;

  constructor(
    dataDir: string,
    private readonly log: Logger,
  ) {
    this.file = path.join(dataDir, 'sessions', 'people.json');
  }

  async read(): Promise<unknown[]> {
    try {
      const saved: unknown = JSON.parse(await readFile(this.file, 'utf8'));
      if (!Array.isArray(saved)) throw new Error('not a list of sessions');
      return saved;
    } catch (err) {
      if (!isNotFound(err)) {
        this.log.error('sessions file unreadable; everyone signs in again', { error: err });
      }
      return [];
    }
  }

  async write(sessions: unknown[]): Promise<void> {
    await ensureDir(path.dirname(this.file));
    await writeFileAtomic(this.file, JSON.stringify(sessions));
  }
}
