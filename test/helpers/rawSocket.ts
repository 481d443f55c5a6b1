import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { MESSAGE_SYNC, collabProtocols } from '../../shared/protocol/messages.ts';
import WebSocket from 'ws';

/**
 * A bare websocket for sending hand-made frames, offering `token` the way the
 * client does (subprotocols, shared/protocol/messages.ts); records how the
 * server closed it.
 */
export async function openRaw(url: string, token?: string) {
  const ws = new WebSocket(url, token === undefined ? [] : collabProtocols(token));
  ws.binaryType = 'arraybuffer';
  const received: Uint8Array[] = [];
  ws.on('message', (data: ArrayBuffer) => received.push(new Uint8Array(data)));
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  ws.on('error', () => {});
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
  return { ws, received, closed };
}

/**
 * A sync-update frame as a client would send it: `edit` applied to a document
 * holding `base` (the meeting's state, so the edit refers to what exists).
 */
export function rawUpdate(edit: (doc: Y.Doc) => void, base?: Uint8Array): Uint8Array {
  const doc = new Y.Doc();
  if (base) Y.applyUpdate(doc, base);
  const sv = Y.encodeStateVector(doc);
  doc.transact(() => edit(doc));
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_SYNC);
  syncProtocol.writeUpdate(e, Y.encodeStateAsUpdate(doc, sv));
  return encoding.toUint8Array(e);
}
