import type { Roster, RosterAuditEntry } from '../../shared/rosters/roster.ts';
import type { RosterStorage } from './RosterStorage.ts';

/** Rosters in memory, for tests; kept as JSON text so callers cannot change what is stored. */
export class MemoryRosters implements RosterStorage {
  private readonly rosters = new Map<string, string>();
  private readonly audits = new Map<string, string[]>();

  async list(): Promise<Roster[]> {
    return [...this.rosters.values()].map((r) => JSON.parse(r) as Roster);
  }

  async read(forumId: string): Promise<Roster | null> {
    const raw = this.rosters.get(forumId);
    return raw === undefined ? null : (JSON.parse(raw) as Roster);
  }

  async write(roster: Roster): Promise<void> {
    this.rosters.set(roster.id, JSON.stringify(roster));
  }

  async appendAudit(forumId: string, entry: RosterAuditEntry): Promise<void> {
    this.audits.set(forumId, [...(this.audits.get(forumId) ?? []), JSON.stringify(entry)]);
  }

  async readAudit(forumId: string): Promise<RosterAuditEntry[]> {
    return (this.audits.get(forumId) ?? []).map((line) => JSON.parse(line) as RosterAuditEntry);
  }
}
