/**
 * A meeting's audit log: what was done, by whom (phase changes, invites,
 * approvals, refusals). Append-only: an entry, once written, is never
 * changed or removed. Its own aggregate, not part of the meeting records:
 * it only grows, is written after the change it records, and is read only
 * by the secretariat's audit view.
 */
export interface AuditStorage {
  /** Appends one entry, durably. */
  append(meetingId: string, entry: unknown): Promise<void>;
  /**
   * Every entry, oldest first ([] for none). An unreadable entry (a torn
   * last line after a crash) is skipped and logged, never thrown.
   */
  read(meetingId: string): Promise<unknown[]>;
}
