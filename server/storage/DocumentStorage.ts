/** What loading a meeting's document found. */
export interface LoadedDocument {
  /** Yjs updates to apply in order: the snapshot first, then the log records. */
  updates: Uint8Array[];
  /**
   * Damage found and repaired while loading (a torn log tail, a corrupt
   * snapshot). The bad bytes were kept aside, never deleted; each entry says where.
   */
  problems: string[];
}

/**
 * A meeting's document: every Yjs update of the meeting document and its
 * items, as an append-only log plus compacted snapshots (docs/design.md, section 4).
 * Nothing acknowledged as saved may be lost, so every write resolves only
 * once it is durable.
 *
 * Per meeting the caller serialises calls (one append or compaction at a
 * time, after `load`); different meetings may run in parallel. Meeting ids
 * not of their form are refused before anything is read or written.
 */
export interface DocumentStorage {
  /**
   * Starts a meeting's document holding `initial` (a template, the next
   * meeting's agenda) durably. Refuses an id that is taken: a document is
   * never overwritten. Comes before `MeetingStorage.create`, so a meeting is
   * listed only once its first content is durable.
   */
  create(meetingId: string, initial?: Uint8Array): Promise<void>;
  /**
   * The newest valid snapshot and the valid updates after it, and opens the
   * document for `append`. Damage (a torn or corrupt log tail, a damaged
   * snapshot) is repaired, kept aside and reported in `problems`, never thrown.
   */
  load(meetingId: string): Promise<LoadedDocument>;
  /**
   * Appends updates to the loaded document. Resolves only once they are
   * durable; rejects if not, leaving the log as it was before the call.
   * Answers the log's size since the last compaction, for deciding when to compact.
   */
  append(meetingId: string, updates: Uint8Array[]): Promise<{ logBytes: number }>;
  /**
   * Replaces snapshot + log by one snapshot holding `state` (a full Yjs
   * update of everything appended so far). A crash at any step loses nothing:
   * the old snapshot and its log stay readable until the new one is durable.
   */
  compact(meetingId: string, state: Uint8Array): Promise<void>;
  /** Releases what `load` held open (the meeting left memory). */
  close(meetingId: string): Promise<void>;
}
