/**
 * The files (bilag) attached to a meeting's agenda items, under ids the
 * server makes. The caller lists a bilag in the workflow record only after
 * `write` resolved, and keeps its checksum there.
 */
export interface BilagStorage {
  /**
   * Stores a bilag durably before resolving, never over an existing one
   * (refuses; the stored one stays). A crash mid-write leaves no bilag
   * under that id (at most an unlisted temp file).
   */
  write(meetingId: string, bilagId: string, bytes: Uint8Array): Promise<void>;
  /** A stored bilag's bytes, or null if there is none. */
  read(meetingId: string, bilagId: string): Promise<Uint8Array | null>;
  /** Removes a stored bilag, durably; no error if it is gone already. */
  delete(meetingId: string, bilagId: string): Promise<void>;
}

/** Bilag ids are made by the server (UUIDs); this is what storage accepts as a file name. */
export function isValidBilagId(id: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id);
}
