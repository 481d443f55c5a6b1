import type { MeetingMeta } from '../../shared/meeting.ts';

/**
 * A meeting's records beside its document: its meta (title, forum, date,
 * phase: what the meeting list shows) and its workflow record (invites,
 * approvals, versions, bilag: what the server owns). Each is small and
 * replaced whole, atomically: a crash leaves the old or the new record,
 * never a mix. Meeting ids not of their form are refused before anything
 * is read or written.
 */
export interface MeetingStorage {
  /**
   * Lists the meeting (after `DocumentStorage.create` made its document
   * durable). Refuses a meeting that exists: a meta is never overwritten here.
   */
  create(meta: MeetingMeta): Promise<void>;
  /** Replaces an existing meeting's meta; refuses (and creates nothing) if it does not exist. */
  update(meta: MeetingMeta): Promise<void>;
  /** null when the meeting does not exist. */
  get(meetingId: string): Promise<MeetingMeta | null>;
  /** Every meeting created, in no particular order. */
  list(): Promise<MeetingMeta[]>;
  /** The workflow record as last written; null if never written. */
  readWorkflow(meetingId: string): Promise<unknown | null>;
  /** Replaces the workflow record of an existing meeting. */
  writeWorkflow(meetingId: string, workflow: unknown): Promise<void>;
}
