import type { CommentThread } from '../../shared/access/workflow.ts';
import type { Phase } from '../../shared/meeting.ts';
import type { Room } from '../collab/Room.ts';
import type { Logger } from '../log.ts';

/**
 * What happens to a meeting that other parts of the server react to, in the
 * manner of hocuspocus' extension hooks. Listeners register at start-up
 * (createServer); each is called in turn, and one that throws is logged
 * without stopping the others or the change that fired it.
 */
export interface MeetingEvents {
  /** A meeting's document was loaded into memory, before anyone uses it (watchers attach). */
  afterLoad: [room: Room];
  /** The server-owned state changed (phase, invites, approvals, versions): push it. */
  stateChanged: [meetingId: string];
  /** One comment thread changed: push it alone. */
  threadChanged: [meetingId: string, thread: CommentThread];
  /** An invite's earlier credentials stopped working (revoked, or a new link): close its sockets. */
  inviteRevoked: [meetingId: string, inviteId: string];
  /** The meeting moved to another phase. */
  phaseChanged: [meetingId: string, from: Phase, to: Phase];
}

type Listener<A extends unknown[]> = (...args: A) => void;

export class MeetingHooks {
  private readonly listeners: { [K in keyof MeetingEvents]: Listener<MeetingEvents[K]>[] } = {
    afterLoad: [],
    stateChanged: [],
    threadChanged: [],
    inviteRevoked: [],
    phaseChanged: [],
  };

  constructor(private readonly log: Logger) {}

  /** Adds a listener; returns a function that removes it. */
  on<K extends keyof MeetingEvents>(event: K, listener: Listener<MeetingEvents[K]>): () => void {
    const list = this.listeners[event] as Listener<MeetingEvents[K]>[];
    list.push(listener);
    return () => list.splice(list.indexOf(listener), 1);
  }

  emit<K extends keyof MeetingEvents>(event: K, ...args: MeetingEvents[K]) {
    for (const listener of [...(this.listeners[event] as Listener<MeetingEvents[K]>[])]) {
      try {
        listener(...args);
      } catch (err) {
        this.log.error('meeting hook failed', { event, error: err });
      }
    }
  }
}
