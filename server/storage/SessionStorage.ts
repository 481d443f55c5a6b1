/**
 * The sign-ins of people who came through an identity provider
 * (server/resources/access/PersonSessions.ts), kept so that a restart signs
 * nobody out. Small (a bounded table) and written whole at each change.
 */
export interface SessionStorage {
  /**
   * The sessions as last written ([] before the first write). An unreadable
   * store is logged and read as empty (everyone signs in again), never thrown.
   */
  read(): Promise<unknown[]>;
  /** Replaces every session durably; a crash leaves the old or the new table. */
  write(sessions: unknown[]): Promise<void>;
}
