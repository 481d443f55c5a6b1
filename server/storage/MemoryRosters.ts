import type { Roster, RosterAuditEntry } from '../../shared/rosters/roster.ts';
import { checkId } from './checkId.ts';
import { isForumId, type RosterStorage } from './RosterStorage.ts';
import { WriteFaults } from './WriteFaults.ts';

/** Rosters in memory, for tests; kept as JSON text so callers cannot change what is stored. */
export class MemoryRosters implements RosterStorage {
  private readonly rosters = new Map<string, string>();
  private readonly audits = new Map<string, string[]>();

  constructor(private readonly faults = new WriteFaults()) {}

  async list(): Promise<Roster[]> {
    return [...this.rosters.values()].map((r) => JSON.parse(r) as Roster);
  }

  async read(forumId: string): Promise<Roster | null> {
    checkId('forum', forumId, isForumId);
    const raw = this.rosters.get(forumId);
    return raw === undefined ? null : (JSON.parse(raw) as Roster);
  }

  async write(roster: Roster): Promise<void> {
    checkId('forum', roster.id, isForumId);
    this.faults.check();
    this.rosters.set(roster.id, JSON.stringify(roster));
  }

  async appendAudit(forumId: string, entry: RosterAuditEntry): Promise<void> {
    checkId('forum', forumId, isForumId);
    this.faults.check();
    this.audits.set(forumId, [...(this.audits.get(forumId) ?? []), JSON.stringify(entry)]);
  }

  async readAudit(forumId: string): Promise<RosterAuditEntry[]> {
    checkId('forum', forumId, isForumId);
    return (this.audits.get(forumId) ?? []).map((line) => JSON.parse(line) as RosterAuditEntry);
  }
}
