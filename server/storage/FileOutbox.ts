import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../core/log.ts';
import { checkId } from './checkId.ts';
import { ensureDir, namesIn, moveAside, writeFileAtomic } from './fsUtil.ts';
import { isValidOutboxId, type OutboxStorage } from './OutboxStorage.ts';

/**
 * The outbox as `<dataDir>/outbox/<id>.json`, one compact JSON file per mail,
 * replaced atomically (temp file, fsync, rename, directory fsync). An
 * unreadable file moves to `outbox/quarantine/`.
 */
export class FileOutbox implements OutboxStorage {
  private readonly dir: string;

  constructor(
    dataDir: string,
    private readonly log: Logger,
  ) {
    this.dir = path.join(dataDir, 'outbox');
  }

  async readAll(): Promise<unknown[]> {
    const names = await namesIn(this.dir);
    const entries: unknown[] = [];
    for (const name of names) {
      const id = name.endsWith('.json') ? name.slice(0, -'.json'.length) : '';
      if (!isValidOutboxId(id)) continue; // temp files of an interrupted write, set-aside entries
      try {
        entries.push(JSON.parse(await readFile(path.join(this.dir, name), 'utf8')));
      } catch (err) {
        const aside = await moveAside(this.dir, name);
        this.log.error('outbox entry unreadable; kept aside', { file: aside, error: err });
      }
    }
    return entries;
  }

  async write(entryId: string, entry: unknown): Promise<void> {
    checkId('outbox', entryId, isValidOutboxId);
    await ensureDir(this.dir);
    await writeFileAtomic(path.join(this.dir, `${entryId}.json`), JSON.stringify(entry));
  }
}
