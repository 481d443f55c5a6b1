import type { CommentMessage, CommentThread } from '../../../shared/access/workflow.ts';

/**
 * One change of a meeting's comments: one record in its `comments` event
 * log (CommentStorage.append), so a comment costs one appended line, not a
 * rewrite of every thread. Applying is idempotent (threads and messages go
 * by id), so an event read twice changes nothing.
 */
export type CommentEvent =
  | { type: 'thread'; thread: CommentThread }
  | { type: 'reply'; threadId: string; message: CommentMessage }
  | { type: 'resolve'; threadId: string; resolved: boolean; by: string; at: string };

/**
 * The log's snapshot, written by compaction: the same shape as the
 * `comments.json` of meetings from before the log, which is read as the
 * snapshot until the first compaction.
 */
export interface CommentSnapshot {
  threads: CommentThread[];
}

/** `threads` with `event` applied (a new array; threads are never changed in place). */
export function applyCommentEvent(
  threads: CommentThread[],
  event: CommentEvent,
): { threads: CommentThread[]; thread: CommentThread } {
  const byId = new Map(threads.map((t) => [t.id, t]));
  const thread = applyTo(byId, event);
  if (!thread) throw new Error(`comment event for unknown thread`);
  return { threads: [...byId.values()], thread };
}

/**
 * The threads a stored snapshot and the events after it describe. Events
 * that do not fit (unknown thread, wrong shape) are skipped and reported.
 */
export function replayComments(
  snapshot: unknown,
  events: unknown[],
): { threads: CommentThread[]; problems: string[] } {
  const problems: string[] = [];
  const base = (snapshot as Partial<CommentSnapshot> | null)?.threads;
  if (snapshot !== null && !Array.isArray(base)) problems.push('comment snapshot has no threads');
  const byId = new Map((Array.isArray(base) ? base : []).map((t) => [t.id, t]));
  events.forEach((event, i) => {
    if (!isCommentEvent(event) || !applyTo(byId, event)) {
      problems.push(`comment event ${i + 1} does not apply, skipped`);
    }
  });
  return { threads: [...byId.values()], problems };
}

/** Comment text a meeting holds, as counted against its limit: UTF-8 bytes of messages and quotes. */
export function commentTextBytes(threads: CommentThread[]): number {
  let bytes = 0;
  for (const thread of threads) {
    bytes += Buffer.byteLength(thread.quote);
    for (const message of thread.messages) bytes += Buffer.byteLength(message.text);
  }
  return bytes;
}

/** The comment text an event adds. */
export function eventTextBytes(event: CommentEvent): number {
  if (event.type === 'thread') return commentTextBytes([event.thread]);
  if (event.type === 'reply') return Buffer.byteLength(event.message.text);
  return 0;
}

/** Applies one event to the threads by id; the changed thread, or null if it has no thread. */
function applyTo(byId: Map<string, CommentThread>, event: CommentEvent): CommentThread | null {
  if (event.type === 'thread') {
    const existing = byId.get(event.thread.id);
    if (existing) return existing;
    byId.set(event.thread.id, event.thread);
    return event.thread;
  }
  const thread = byId.get(event.threadId);
  if (!thread) return null;
  let updated: CommentThread;
  if (event.type === 'reply') {
    if (thread.messages.some((m) => m.id === event.message.id)) return thread;
    updated = { ...thread, messages: [...thread.messages, event.message] };
  } else if (event.resolved) {
    updated = { ...thread, resolved: true, resolvedBy: event.by, resolvedAt: event.at };
  } else {
    const { resolvedBy: _by, resolvedAt: _at, ...open } = thread;
    updated = { ...open, resolved: false };
  }
  byId.set(thread.id, updated);
  return updated;
}

function isCommentEvent(value: unknown): value is CommentEvent {
  const event = value as Partial<Record<string, unknown>> | null;
  if (typeof event !== 'object' || event === null) return false;
  switch (event.type) {
    case 'thread':
      return typeof (event.thread as CommentThread | undefined)?.id === 'string';
    case 'reply':
      return (
        typeof event.threadId === 'string' &&
        typeof (event.message as CommentMessage | undefined)?.id === 'string'
      );
    case 'resolve':
      return typeof event.threadId === 'string' && typeof event.resolved === 'boolean';
    default:
      return false;
  }
}
