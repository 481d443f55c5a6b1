import type { Logger } from '../../core/log.ts';
import type { MeetingRecord } from '../meetings/records.ts';
import type { Storage } from '../../storage/Storage.ts';
import { commentTextBytes, replayComments } from './commentEvents.ts';

/**
 * A meeting's comments: the event log's snapshot (for a meeting from before
 * the log: its comments.json, until the first compaction) and the events
 * since. Events that do not apply are skipped and logged.
 */
export async function loadComments(
  storage: Storage,
  log: Logger,
  meetingId: string,
): Promise<Pick<MeetingRecord, 'threads' | 'commentBytes' | 'commentLogBytes'>> {
  const events = await storage.readEvents(meetingId, 'comments');
  const snapshot = events.snapshot ?? (await storage.readRecord(meetingId, 'comments'));
  const { threads, problems } = replayComments(snapshot, events.events);
  for (const problem of problems) log.warn('comment event skipped', { meetingId, problem });
  return { threads, commentBytes: commentTextBytes(threads), commentLogBytes: events.bytes };
}
