/**
 * The mail outbox (server/resources/mail/Outbox.ts): one entry per mail,
 * replaced at each change of its status. A mail accepted is stored before
 * the caller is answered, so no mail is dropped by a stop.
 */
export interface OutboxStorage {
  /**
   * Every entry, in no particular order. An unreadable entry is kept aside
   * and logged, never thrown.
   */
  readAll(): Promise<unknown[]>;
  /** Writes or replaces one entry durably; a crash leaves the old or the new entry, never a mix. */
  write(entryId: string, entry: unknown): Promise<void>;
}

/** Outbox entry ids are made by the server (hex); this is what storage accepts as a file name. */
export function isValidOutboxId(id: string): boolean {
  return /^[0-9a-f]{32}$/.test(id);
}
