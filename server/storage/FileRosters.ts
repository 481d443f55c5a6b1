import path from 'node:path';
import type { Roster, RosterAuditEntry } from '../../shared/rosters/roster.ts';
import type { Logger } from '../core/log.ts';
import { checkId } from './checkId.ts';
import {
  appendJsonLine,
  ensureDir,
  namesIn,
  readJsonIfPresent,
  readJsonLines,
  writeFileAtomic,
} from './fsUtil.ts';
import { isForumId, type RosterStorage } from './RosterStorage.ts';

/**
 * Rosters as files: `<dataDir>/rosters/<forumId>/roster.json` (replaced
 * atomically, fsync'd) and `audit.jsonl` (appended, fsync'd, never
 * rewritten); readable by the server's user only (they hold e-mail addresses).
 */
export class FileRosters implements RosterStorage {
  constructor(
    private readonly dir: string,
    private readonly log: Logger,
  ) {}

  private rosterDir(forumId: string): string {
    checkId('forum', forumId, isForumId);
    return path.join(this.dir, forumId);
  }

  async list(): Promise<Roster[]> {
    const names = await namesIn(this.dir);
    const rosters = await Promise.all(
      names.filter(isForumId).map(async (id) => {
        try {
          return await this.read(id);
        } catch (err) {
          // One damaged roster must not hide the others; it stays where it is.
          if (!(err instanceof SyntaxError)) throw err;
          this.log.error('roster unreadable; left out of the list', {
            forumId: id,
            error: err.message,
          });
          return null;
        }
      }),
    );
    return rosters.filter((r): r is Roster => r !== null);
  }

  async read(forumId: string): Promise<Roster | null> {
    const file = path.join(this.rosterDir(forumId), 'roster.json');
    return (await readJsonIfPresent(file)) as Roster | null;
  }

  async write(roster: Roster): Promise<void> {
    const dir = this.rosterDir(roster.id);
    await ensureDir(dir);
    await writeFileAtomic(path.join(dir, 'roster.json'), JSON.stringify(roster, null, 2));
  }

  async appendAudit(forumId: string, entry: RosterAuditEntry): Promise<void> {
    const dir = this.rosterDir(forumId);
    await ensureDir(dir);
    await appendJsonLine(path.join(dir, 'audit.jsonl'), entry);
  }

  async readAudit(forumId: string): Promise<RosterAuditEntry[]> {
    const file = path.join(this.rosterDir(forumId), 'audit.jsonl');
    return (await readJsonLines(file, () =>
      this.log.warn('roster audit line unreadable (torn write?)', { forumId }),
    )) as RosterAuditEntry[];
  }
}
