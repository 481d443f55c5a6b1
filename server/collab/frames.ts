import type * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import { MESSAGE_AWARENESS, MESSAGE_SYNC } from '../../shared/protocol/messages.ts';

/** One message of the y-websocket protocol: its type, then what `write` puts after it. */
function frame(type: number, write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

/** Sync step 1: our state vector (the other side answers with what we lack). */
export const syncStep1Frame = (doc: Y.Doc) =>
  frame(MESSAGE_SYNC, (e) => syncProtocol.writeSyncStep1(e, doc));

/** Sync step 2: what a peer with `stateVector` lacks. */
export const syncStep2Frame = (doc: Y.Doc, stateVector: Uint8Array) =>
  frame(MESSAGE_SYNC, (e) => syncProtocol.writeSyncStep2(e, doc, stateVector));

/** A document update, relayed. */
export const updateFrame = (update: Uint8Array) =>
  frame(MESSAGE_SYNC, (e) => syncProtocol.writeUpdate(e, update));

/** The presence states of `clients`. */
export const awarenessFrame = (awareness: awarenessProtocol.Awareness, clients: number[]) =>
  frame(MESSAGE_AWARENESS, (e) =>
    encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, clients)),
  );
