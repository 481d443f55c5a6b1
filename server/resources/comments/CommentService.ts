import { randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import {
  MAX_MESSAGES_PER_THREAD,
  MAX_THREADS,
  type CommentAnchor,
  type CommentMessage,
  type CommentThread,
} from '../../../shared/access/workflow.ts';
import { itemBody, readParticipants } from '../../../shared/minutes/layout.ts';
import type { Room, RoomHooks } from '../../collab/Room.ts';
import type { RoomManager } from '../../collab/RoomManager.ts';
import type { Logger } from '../../core/log.ts';
import type { CommentStorage } from '../../storage/CommentStorage.ts';
import { PerPersonLimit } from '../../core/limits/PerPersonLimit.ts';
import { AppError } from '../../core/errors.ts';
import type { Access, Changed, MeetingRecord, MeetingStore } from '../meetings/MeetingStore.ts';
import {
  applyCommentEvent,
  eventTextBytes,
  type CommentEvent,
  type CommentSnapshot,
} from './commentEvents.ts';

/** Limits on comment writes (server/core/config.ts). */
export interface CommentLimits {
  /** Comment text one meeting may hold (UTF-8 bytes of messages and quotes); more is refused (413). */
  maxBytes: number;
  /** Comment writes one person may make in a meeting at once… */
  burst: number;
  /** …and then one per this many milliseconds; more are refused (429). */
  intervalMs: number;
  /** Event log size after which the comments are compacted into one snapshot. */
  compactAfterBytes: number;
}

/** What CommentService works with, beside the meeting store. */
export interface CommentServiceDeps {
  /** The open documents: a thread is anchored in an item's live body. */
  rooms: RoomManager;
  /** `threadChanged` and `commentPosted` are said here once a change is durable. */
  hooks: RoomHooks;
  /** The comment event log each change is appended to. */
  storage: CommentStorage;
  log: Logger;
}

/**
 * Comments beside the document (never in it): threads anchored with Yjs
 * relative positions in an item's body, replies, resolving. Each change is
 * one appended, fsync'd event (the `comments` event log), pushed to clients
 * as the one changed thread.
 */
export class CommentService {
  /** How fast each person comments, per meeting and user id. */
  private readonly rates: PerPersonLimit;

  constructor(
    private readonly store: MeetingStore,
    private readonly limits: CommentLimits,
    private readonly deps: CommentServiceDeps,
  ) {
    this.rates = new PerPersonLimit(limits.burst, 1000 / limits.intervalMs);
  }

  /** @Name of a participant in the text -> that participant's id. */
  private mentions(room: Room, text: string): string[] {
    const lower = text.toLowerCase();
    return readParticipants(room.doc)
      .filter((p) => p.name.trim() && lower.includes('@' + p.name.trim().toLowerCase()))
      .map((p) => p.id);
  }

  private message(access: Access, text: string, mentions: string[]): CommentMessage {
    return {
      id: randomUUID(),
      authorId: access.principal.userId,
      authorName: access.principal.name,
      authorRole: access.role,
      text,
      at: new Date().toISOString(),
      mentions,
    };
  }

  addThread(
    access: Access,
    input: { itemId: string; anchor: CommentAnchor; quote: string; text: string },
  ): Promise<CommentThread> {
    return this.store.mutate(access, 'comment', async (record) => {
      if (record.threads.length >= MAX_THREADS) {
        throw new AppError(413, 'commentsFull', `a meeting has at most ${MAX_THREADS} threads`);
      }
      const { anchor, mentions } = await this.deps.rooms.read(access.meetingId, (room) => ({
        anchor: checkAnchor(room, input.itemId, input.anchor),
        mentions: this.mentions(room, input.text),
      }));
      const thread: CommentThread = {
        id: randomUUID(),
        itemId: input.itemId,
        anchor,
        quote: input.quote,
        resolved: false,
        messages: [this.message(access, input.text, mentions)],
      };
      return this.save(access, record, { type: 'thread', thread });
    });
  }

  reply(access: Access, threadId: string, text: string): Promise<CommentThread> {
    return this.store.mutate(access, 'comment', async (record) => {
      const thread = findThread(record, threadId);
      if (thread.messages.length >= MAX_MESSAGES_PER_THREAD) {
        throw new AppError(
          413,
          'commentsFull',
          `a thread has at most ${MAX_MESSAGES_PER_THREAD} messages`,
        );
      }
      const mentions = await this.deps.rooms.read(access.meetingId, (room) =>
        this.mentions(room, text),
      );
      return this.save(access, record, {
        type: 'reply',
        threadId,
        message: this.message(access, text, mentions),
      });
    });
  }

  resolve(access: Access, threadId: string, resolved: boolean): Promise<CommentThread> {
    return this.store.mutate(access, 'comment', async (record) => {
      const thread = findThread(record, threadId);
      if (thread.resolved === resolved) return { value: thread, save: [], notify: false };
      return this.save(access, record, {
        type: 'resolve',
        threadId,
        resolved,
        by: access.principal.name,
        at: new Date().toISOString(),
      });
    });
  }

  /**
   * Stores one comment event (one appended, fsync'd record), then applies it
   * and pushes the changed thread (not the whole state). Refused before
   * anything is written if the meeting's comment text would pass its limit
   * (413) or the writer comments faster than allowed (429). Runs as the
   * change of a MeetingStore.mutate (queue, permission already checked).
   */
  private async save(
    access: Access,
    record: MeetingRecord,
    event: CommentEvent,
  ): Promise<Changed<CommentThread>> {
    const meetingId = access.meetingId;
    const added = eventTextBytes(event);
    if (added > 0 && record.commentBytes + added > this.limits.maxBytes) {
      throw new AppError(
        413,
        'commentsFull',
        `the comments of a meeting may hold at most ${this.limits.maxBytes} bytes of text`,
      );
    }
    if (!this.rates.take(meetingId, access.principal.userId)) {
      throw new AppError(
        429,
        'commentsTooFast',
        'too many comments in a short time; wait a little',
      );
    }
    const { threads, thread } = applyCommentEvent(record.threads, event);
    const { bytes } = await this.deps.storage.append(meetingId, [event]);
    record.threads = threads;
    record.commentBytes += added;
    record.commentLogBytes = bytes;
    this.deps.hooks.emit('threadChanged', meetingId, thread);
    const posted =
      event.type === 'thread' ? thread.messages[0] : event.type === 'reply' ? event.message : null;
    if (posted) this.deps.hooks.emit('commentPosted', meetingId, thread, posted);
    if (bytes >= this.limits.compactAfterBytes) this.compact(meetingId, record);
    // The event is the write: no record to save, and clients get the thread alone.
    return { value: thread, save: [], notify: false };
  }

  /**
   * Rewrites the comment log as one snapshot, queued after the writes before
   * it. A failure only leaves the log longer; the next comment tries again.
   */
  private compact(meetingId: string, record: MeetingRecord) {
    void this.store
      .serial(meetingId, async () => {
        if (record.commentLogBytes < this.limits.compactAfterBytes) return;
        const snapshot: CommentSnapshot = { threads: record.threads };
        await this.deps.storage.compact(meetingId, snapshot);
        record.commentLogBytes = 0;
      })
      .catch((err) =>
        this.deps.log.warn('comments not compacted; their event log keeps them', {
          meetingId,
          error: err,
        }),
      );
  }
}

function findThread(record: MeetingRecord, threadId: string): CommentThread {
  const thread = record.threads.find((t) => t.id === threadId);
  if (!thread) throw new AppError(404, 'notFound', 'comment thread not found');
  return thread;
}

/** The anchor must be two relative positions inside the item's body. */
function checkAnchor(room: Room, itemId: string, anchor: CommentAnchor): CommentAnchor {
  const body = itemBody(room.doc, itemId);
  if (!body) throw new AppError(400, 'invalidInput', 'no such agenda item');
  for (const pos of [anchor.start, anchor.end]) {
    let absolute: Y.AbsolutePosition | null = null;
    try {
      absolute = Y.createAbsolutePositionFromRelativePosition(
        Y.createRelativePositionFromJSON(pos),
        room.doc,
      );
    } catch {
      absolute = null;
    }
    if (!absolute || !isInside(absolute.type, body)) {
      throw new AppError(400, 'invalidInput', 'anchor is not a position in that agenda item');
    }
  }
  return { start: anchor.start, end: anchor.end };
}

function isInside(type: Y.AbstractType<unknown>, body: Y.XmlFragment): boolean {
  for (let t: Y.AbstractType<unknown> | null = type; t; t = t._item?.parent as never) {
    if (t === (body as unknown)) return true;
    if (!t._item) return false;
  }
  return false;
}
