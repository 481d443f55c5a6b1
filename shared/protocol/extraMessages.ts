import * as encoding from 'lib0/encoding';
import type { CommentThread, MeetingState } from '../access/workflow.ts';
import {
  MESSAGE_COMMENT_THREAD,
  MESSAGE_MEETING_STATE,
  MESSAGE_PING,
  MESSAGE_PONG,
  MESSAGE_REFUSED,
  MESSAGE_SAVE_REQUEST,
  MESSAGE_SAVED,
  MESSAGE_STORAGE_STATUS,
} from './messages.ts';

export function encodeSaveRequest(requestId: number): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SAVE_REQUEST);
  encoding.writeVarUint(encoder, requestId);
  return encoding.toUint8Array(encoder);
}

/** Message 106, a client asking whether its connection still carries anything. */
export function encodePing(): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_PING);
  return encoding.toUint8Array(encoder);
}

/** Message 107, the answer to a ping. */
export function encodePong(): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_PONG);
  return encoding.toUint8Array(encoder);
}

/** Whether a frame is a ping: the single byte 106 (anything longer is not a ping). */
export function isPing(frame: Uint8Array): boolean {
  return frame.length === 1 && frame[0] === MESSAGE_PING;
}

export function encodeSaved(requestId: number): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SAVED);
  encoding.writeVarUint(encoder, requestId);
  return encoding.toUint8Array(encoder);
}

export function encodeStorageStatus(status: number): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_STORAGE_STATUS);
  encoding.writeVarUint(encoder, status);
  return encoding.toUint8Array(encoder);
}

/** A JSON payload message (meetingState, refused, commentThread). */
export function encodeJSONMessage(
  type: typeof MESSAGE_MEETING_STATE | typeof MESSAGE_REFUSED | typeof MESSAGE_COMMENT_THREAD,
  value: unknown,
) {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  encoding.writeVarString(encoder, JSON.stringify(value));
  return encoding.toUint8Array(encoder);
}

/** Message 103: the meeting's state; `threads` only in a connection's first one. */
export type MeetingStateMessage = Omit<MeetingState, 'threads'> & { threads?: CommentThread[] };

export interface RefusedMessage {
  /** For logs and developers (English); the client shows its own text per `kind`. */
  reason: string;
  phase: string;
  /**
   * permission: the role may not edit in this phase; failing: the meeting is
   * read-only after a server fault; invalid: content outside the layout;
   * tooLarge: over the update or meeting size limit.
   */
  kind: 'permission' | 'failing' | 'invalid' | 'tooLarge';
}
