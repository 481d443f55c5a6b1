import * as decoding from 'lib0/decoding';
import type { WebsocketProvider } from 'y-websocket';
import type { CommentThread, MeetingState } from '../../shared/access/workflow.ts';
import {
  MESSAGE_COMMENT_THREAD,
  MESSAGE_MEETING_STATE,
  MESSAGE_REFUSED,
} from '../../shared/protocol/messages.ts';
import type { MeetingStateMessage, RefusedMessage } from '../../shared/protocol/extraMessages.ts';

/**
 * Receives what the server pushes beside the document (shared/protocol/
 * messages.ts): the meeting's state (phase, approvals, versions, comments),
 * changed comment threads, merged into that state, and notices of refused
 * edits.
 */
export class ServerChannel {
  state: MeetingState | null = null;
  /** The last refusal, with a counter so a repeated one is still news. */
  refused: (RefusedMessage & { count: number }) | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(provider: WebsocketProvider) {
    provider.messageHandlers[MESSAGE_MEETING_STATE] = (_encoder, decoder) => {
      const message = JSON.parse(decoding.readVarString(decoder)) as MeetingStateMessage;
      // Only a connection's first state carries the threads; later ones keep ours.
      this.state = { ...message, threads: message.threads ?? this.state?.threads ?? [] };
      this.emit();
    };
    provider.messageHandlers[MESSAGE_COMMENT_THREAD] = (_encoder, decoder) => {
      const thread = JSON.parse(decoding.readVarString(decoder)) as CommentThread;
      // Always after the connection's first state, which holds every thread until then.
      if (!this.state) return;
      const threads = this.state.threads;
      const known = threads.some((t) => t.id === thread.id);
      this.state = {
        ...this.state,
        threads: known
          ? threads.map((t) => (t.id === thread.id ? thread : t))
          : [...threads, thread],
      };
      this.emit();
    };
    provider.messageHandlers[MESSAGE_REFUSED] = (_encoder, decoder) => {
      const message = JSON.parse(decoding.readVarString(decoder)) as RefusedMessage;
      this.refused = { ...message, count: (this.refused?.count ?? 0) + 1 };
      this.emit();
    };
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit() {
    for (const listener of this.listeners) listener();
  }
}
