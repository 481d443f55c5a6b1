import type { Roster, RosterAuditEntry } from '../../shared/rosters/roster.ts';

/**
 * The forums' rosters (member lists), beside the meetings: each roster
 * replaced whole, and its append-only audit log. Ids are forum ids
 * (server/resources/rosters/forumId.ts), refused before anything is read or
 * written when not of their form. The caller (RosterService) runs one
 * change at a time.
 */
export interface RosterStorage {
  list(): Promise<Roster[]>;
  /** null when the forum has no roster. */
  read(forumId: string): Promise<Roster | null>;
  /** Replaces the roster atomically (a crash leaves the old or the new one). */
  write(roster: Roster): Promise<void>;
  /** Appends one entry to the roster's append-only audit log, durably. */
  appendAudit(forumId: string, entry: RosterAuditEntry): Promise<void>;
  /** The audit log, oldest first; a torn last line (crash mid-write) is skipped. */
  readAudit(forumId: string): Promise<RosterAuditEntry[]>;
}

/** What storage accepts as a roster's file name. */
export function isForumId(id: string): boolean {
  return /^f[0-9a-f]{32}$/.test(id);
}
