import type { Logger } from '../../core/log.ts';
import type { MeetingRecord } from '../meetings/records.ts';
import type { CommentStorage } from '../../storage/CommentStorage.ts';
import { commentTextBytes, replayComments } from './commentEvents.ts';

/**
 * A meeting's comments: the event log's snapshot (for a meeting from before
 * the log, the comment record it had: CommentStorage.read) and the events
 * since. Events that do not apply are skipped and logged.
 */
export async function loadComments(
  comments: CommentStorage,
  log: Logger,
  meetingId: string,
): Promise<Pick<MeetingRecord, 'threads' | 'commentBytes' | 'commentLogBytes'>> {
  const events = await comments.read(meetingId);
  const { threads, problems } = replayComments(events.snapshot, events.events);
  for (const problem of problems) log.warn('comment event skipped', { meetingId, problem });
  return { threads, commentBytes: commentTextBytes(threads), commentLogBytes: events.bytes };
}
