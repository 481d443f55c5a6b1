import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import { SaveTracker } from '../../client/collab/SaveTracker.ts';
import { ServerChannel } from '../../client/collab/ServerChannel.ts';
import { waitFor } from './waitFor.ts';

/**
 * A stock y-websocket provider in Node. disableBc: Node has BroadcastChannel,
 * and two providers in one process would otherwise sync without the server.
 */
export function connectClient(wsBase: string, meetingId: string, token: string, doc = new Y.Doc()) {
  const provider = new WebsocketProvider(wsBase, meetingId, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 200,
    params: { token },
  });
  const tracker = new SaveTracker(doc, provider);
  const channel = new ServerChannel(provider);
  const text = doc.getText('t');
  return {
    doc,
    provider,
    tracker,
    channel,
    text,
    synced: () => waitFor(() => provider.synced, `client ${doc.clientID} synced`),
    destroy() {
      tracker.destroy();
      provider.awareness.destroy();
      provider.destroy();
      doc.destroy();
    },
  };
}
export type TestClient = ReturnType<typeof connectClient>;

/**
 * Two synced organiser clients on a meeting, destroyed by `cleanups`: the
 * honest pair that must keep working while a test attacks or breaks things.
 */
export async function connectedPair(
  server: { wsBase: string; organiserToken: string },
  meetingId: string,
  cleanups: (() => unknown)[],
): Promise<[TestClient, TestClient]> {
  const a = connectClient(server.wsBase, meetingId, server.organiserToken);
  const b = connectClient(server.wsBase, meetingId, server.organiserToken);
  cleanups.push(
    () => a.destroy(),
    () => b.destroy(),
  );
  await Promise.all([a.synced(), b.synced()]);
  return [a, b];
}
