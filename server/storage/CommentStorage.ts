/** What reading a meeting's comments found (see `CommentStorage`). */
export interface LoadedEventLog {
  /** What the last compaction was given; null before the first one. */
  snapshot: unknown | null;
  /** The valid events appended since that snapshot, oldest first. */
  events: unknown[];
  /** Bytes of events since the snapshot, so the caller can decide when to compact. */
  bytes: number;
  /**
   * Damage skipped while reading (a torn last line from a crash, an
   * unreadable line or snapshot); logged by the storage, never fatal.
   */
  problems: string[];
}

/**
 * A meeting's comments as an append-only log of JSON events: comments
 * change a little at a time, so a change costs one appended event instead
 * of rewriting every thread. Reading = the last snapshot + the valid events
 * after it. The caller (CommentService) serialises appends and compactions
 * of one meeting.
 */
export interface CommentStorage {
  /**
   * The snapshot and the events since. Damage is skipped and reported in
   * `problems`, never thrown. A meeting from before the event log reads its
   * old comment record as the snapshot, until the first compaction.
   */
  read(meetingId: string): Promise<LoadedEventLog>;
  /** Appends events; resolves once they are durable. Answers the bytes of events since the snapshot. */
  append(meetingId: string, events: unknown[]): Promise<{ bytes: number }>;
  /**
   * Makes `snapshot` (the state after every event appended so far) the new
   * starting point with no events after it. A crash at any step leaves
   * either the old snapshot with all its events or the new one with none of
   * them: no event is lost or applied twice.
   */
  compact(meetingId: string, snapshot: unknown): Promise<void>;
}
