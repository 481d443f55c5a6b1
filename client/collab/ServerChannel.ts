import * as decoding from 'lib0/decoding';
import type { WebsocketProvider } from 'y-websocket';
import type { MeetingState } from '../../shared/access/workflow.ts';
import { MESSAGE_MEETING_STATE, MESSAGE_REFUSED } from '../../shared/protocol/messages.ts';
import type { RefusedMessage } from '../../shared/protocol/extraMessages.ts';

/**
 * Receives what the server pushes beside the document (shared/protocol/
 * messages.ts): the meeting's state (phase, approvals, versions, comments)
 * and notices of refused edits.
 */
export class ServerChannel {
  state: MeetingState | null = null;
  /** The last refusal, with a counter so a repeated one is still news. */
  refused: (RefusedMessage & { count: number }) | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(provider: WebsocketProvider) {
    provider.messageHandlers[MESSAGE_MEETING_STATE] = (_encoder, decoder) => {
      this.state = JSON.parse(decoding.readVarString(decoder)) as MeetingState;
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
