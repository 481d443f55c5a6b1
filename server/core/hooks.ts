import type * as Y from 'yjs';
import type { CommentMessage, CommentThread } from '../../shared/access/workflow.ts';
import type { Phase } from '../../shared/meeting.ts';
import type { Logger } from './log.ts';

/**
 * What happens to a meeting that other parts of the server react to, in the
 * manner of hocuspocus' extension hooks. Listeners register at start-up
 * (createServer, watchers/); each is called in turn. One that throws is
 * logged without stopping the others or the change that fired it, and when
 * the event is about an open meeting (a Room), that meeting is marked
 * failing: the fault stays in it.
 */
/**
 * What the hooks need of an open meeting: a fault in a listener goes into it.
 * The collab floor's Room is one; the hooks are typed against this so that
 * this floor does not import the one above it.
 */
export interface HookRoom {
  fail(what: string, err: unknown): void;
}

export interface MeetingEvents<Room extends HookRoom> {
  /** A meeting's document was loaded into memory, before anyone uses it. */
  afterLoad: [room: Room];
  /** A transaction changed the open document (its origin says whose update it was). */
  onUpdate: [room: Room, transaction: Y.Transaction];
  /** Everything up to this point of the document is on disk. */
  afterStore: [room: Room];
  /** The open meeting leaves memory (evicted or shut down), its document still readable. */
  beforeUnload: [room: Room];
  /** The open meeting became read-only after a fault in its own code. */
  failing: [room: Room];
  /** The server-owned state changed (phase, invites, approvals, versions): push it. */
  stateChanged: [meetingId: string];
  /** One comment thread changed: push it alone. */
  threadChanged: [meetingId: string, thread: CommentThread];
  /** A comment was written (a new thread or a reply), durably: the mentions go out by mail. */
  commentPosted: [meetingId: string, thread: CommentThread, message: CommentMessage];
  /** An invite's earlier credentials stopped working (revoked, or a new link): close its sockets. */
  inviteRevoked: [meetingId: string, inviteId: string];
  /** The meeting moved to another phase. */
  phaseChanged: [meetingId: string, from: Phase, to: Phase];
}

type Listener<A extends unknown[]> = (...args: A) => void;

export class MeetingHooks<Room extends HookRoom = HookRoom> {
  private readonly listeners: {
    [K in keyof MeetingEvents<Room>]: Listener<MeetingEvents<Room>[K]>[];
  } = {
    afterLoad: [],
    onUpdate: [],
    afterStore: [],
    beforeUnload: [],
    failing: [],
    stateChanged: [],
    threadChanged: [],
    commentPosted: [],
    inviteRevoked: [],
    phaseChanged: [],
  };

  constructor(private readonly log: Logger) {}

  /** Adds a listener; returns a function that removes it. */
  on<K extends keyof MeetingEvents<Room>>(
    event: K,
    listener: Listener<MeetingEvents<Room>[K]>,
  ): () => void {
    const list = this.listeners[event] as Listener<MeetingEvents<Room>[K]>[];
    list.push(listener);
    return () => {
      const at = list.indexOf(listener);
      if (at >= 0) list.splice(at, 1);
    };
  }

  emit<K extends keyof MeetingEvents<Room>>(event: K, ...args: MeetingEvents<Room>[K]) {
    for (const listener of [...(this.listeners[event] as Listener<MeetingEvents<Room>[K]>[])]) {
      try {
        listener(...args);
      } catch (err) {
        const room = args[0] as Partial<HookRoom> | undefined;
        if (typeof room?.fail === 'function' && event !== 'failing')
          room.fail(`${event} hook`, err);
        else this.log.error('meeting hook failed', { event, error: err });
      }
    }
  }
}
