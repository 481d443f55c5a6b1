import type { MeetingMeta } from '../../shared/meeting.ts';
import type { RosterStorage } from './RosterStorage.ts';

import type { LoadedEventLog } from './CommentStorage.ts';
import type { LoadedDocument } from './DocumentStorage.ts';
import type { EventLogName } from './FileEventLogs.ts';

/**
 * Persistence of meetings, behind one small interface so the file store, the
 * in-memory store used by tests and later a shared store can be swapped.
 *
 * Per meeting the caller serialises document calls (one append or compaction
 * at a time); different meetings may run in parallel.
 */
export interface Storage {
  /** The forums' rosters (member lists), kept beside the meetings. */
  readonly rosters: RosterStorage;
  /**
   * Creates a meeting, its document holding `initial` (a Yjs update: a
   * template, the next meeting's agenda) durably before the meeting is listed.
   */
  createMeeting(meta: MeetingMeta, initial?: Uint8Array): Promise<void>;
  /** Replaces an existing meeting's meta (atomically); its id must exist. */
  updateMeeting(meta: MeetingMeta): Promise<void>;
  /** null when the meeting does not exist. The id must already be validated. */
  getMeeting(id: string): Promise<MeetingMeta | null>;
  listMeetings(): Promise<MeetingMeta[]>;
  loadDocument(id: string): Promise<LoadedDocument>;
  /**
   * Appends updates to the meeting's log. Resolves only once they are durable
   * (fsync'd); rejects if not, leaving the log as it was before the call.
   * Returns the log's size so the caller can decide when to compact.
   */
  appendUpdates(id: string, updates: Uint8Array[]): Promise<{ logBytes: number }>;
  /** Replaces snapshot + log by one snapshot holding `state` (a full Yjs update). */
  compact(id: string, state: Uint8Array): Promise<void>;
  /** Releases open files of a meeting that was evicted from memory. */
  closeDocument(id: string): Promise<void>;

  /** A small JSON record kept beside the document (workflow, comments); null if never written. */
  readRecord(id: string, name: RecordName): Promise<unknown | null>;
  /** Replaces the record atomically (a crash leaves the old or the new one). */
  writeRecord(id: string, name: RecordName, value: unknown): Promise<void>;
  /**
   * Reads an append-only log of JSON events kept beside the document: for
   * server-owned records that change a little at a time (comments), so a
   * change costs one appended record instead of rewriting the whole record.
   * Loading = the last snapshot + the valid events after it. The caller
   * serialises appends and compactions of one log.
   */
  readEvents(id: string, name: EventLogName): Promise<LoadedEventLog>;
  /**
   * Appends events; resolves once they are durable (fsync'd). Returns the
   * bytes of events since the last snapshot.
   */
  appendEvents(id: string, name: EventLogName, events: unknown[]): Promise<{ bytes: number }>;
  /**
   * Makes `snapshot` (the state after every event appended so far) the new
   * starting point and starts an empty list of events. A crash at any step
   * leaves either the old snapshot with all its events or the new one with
   * none of them: no event is lost or applied twice.
   */
  compactEvents(id: string, name: EventLogName, snapshot: unknown): Promise<void>;
  /** Appends one entry to the meeting's append-only audit log, durably. */
  appendAudit(id: string, entry: unknown): Promise<void>;
  /** The audit log, oldest first; a torn last line (crash mid-write) is skipped. */
  readAudit(id: string): Promise<unknown[]>;
  /** Writes an immutable version file; fails if that version exists (never overwrites). */
  writeVersion(id: string, versionId: string, content: string): Promise<void>;
  /** A version file's content, or null if there is none. */
  readVersion(id: string, versionId: string): Promise<string | null>;
  /**
   * Stores a file (bilag) of the meeting under a generated id, durably
   * (fsync'd, its directory too) before resolving, and never over an
   * existing one. The caller lists it in a record only after this resolved:
   * a crash mid-write leaves at most an unlisted temp file.
   */
  writeBilag(id: string, bilagId: string, bytes: Uint8Array): Promise<void>;
  /** A stored bilag's bytes, or null if there is none. */
  readBilag(id: string, bilagId: string): Promise<Uint8Array | null>;
  /** Removes a stored bilag (no error if it is gone already). */
  deleteBilag(id: string, bilagId: string): Promise<void>;

  /**
   * Every entry of the mail outbox (server/mail/Outbox.ts), in no particular
   * order. An unreadable entry is kept aside and logged, never fatal.
   */
  readOutbox(): Promise<unknown[]>;
  /**
   * Writes or replaces one outbox entry; resolves once it is durable. A
   * crash leaves the old or the new entry, never a mix.
   */
  writeOutbox(entryId: string, entry: unknown): Promise<void>;
}

/** Records of a meeting: `comments` is the store of meetings from before the comment event log (read only). */
export type RecordName = 'workflow' | 'comments';

export type { EventLogName } from './FileEventLogs.ts';
