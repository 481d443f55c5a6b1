import { useEffect, useState } from 'react';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { IndexeddbPersistence } from 'y-indexeddb';
import { Heartbeat } from './Heartbeat.ts';
import { SaveTracker } from './SaveTracker.ts';
import { ServerChannel } from './ServerChannel.ts';
import { accessToken } from '../auth.ts';
import {
  CLOSE_MESSAGE_TOO_BIG,
  CLOSE_NO_ACCESS,
  CLOSE_TOKEN_EXPIRED,
} from '../../shared/protocol/closeCodes.ts';
import { collabProtocols } from '../../shared/protocol/messages.ts';

export interface MeetingConnection {
  doc: Y.Doc;
  provider: WebsocketProvider;
  tracker: SaveTracker;
  channel: ServerChannel;
  /** Drops this browser's cached copy (edits the server refused) and reloads. */
  discardLocal(): Promise<void>;
}

/** The websocket base for this page's origin: `/collab` on the same host. */
export function collabUrl(): string {
  const protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${protocol}//${location.host}/collab`;
}

/**
 * Opens one meeting: a Y.Doc cached in IndexedDB (edits made offline survive
 * a reload), synced through the stock y-websocket provider, with save
 * tracking (read by SaveStatus itself, so a status change re-renders only
 * the status, not the page). Everything is torn down when the meeting id changes or the page
 * unmounts.
 */
export function useMeetingConnection(
  meetingId: string,
  credential: string | null,
): {
  connection: MeetingConnection | null;
  closeCode: number | null;
} {
  const [connection, setConnection] = useState<MeetingConnection | null>(null);
  const [closeCode, setCloseCode] = useState<number | null>(null);

  useEffect(() => {
    const doc = new Y.Doc();
    const offline = new IndexeddbPersistence(`referat-${meetingId}`, doc);
    // The access token goes in a subprotocol, not the URL; it is fetched
    // (or renewed) before each connect, so the provider starts unconnected.
    const provider = new WebsocketProvider(collabUrl(), meetingId, doc, { connect: false });
    const tracker = new SaveTracker(doc, provider);
    const channel = new ServerChannel(provider);
    // A dropped network shows as offline within seconds, not after 30 s.
    const heartbeat = new Heartbeat(provider);
    let destroyed = false;
    const connect = async (renew: boolean) => {
      const token = await accessToken(meetingId, { renew });
      if (destroyed) return;
      if (!token) {
        setCloseCode(CLOSE_NO_ACCESS);
        return;
      }
      provider.protocols = collabProtocols(token);
      provider.connect();
    };
    provider.on('closed', (event: { code: number }) => {
      // The token ran out while open: renew it and carry on; nothing typed is
      // lost (it is in the document and the offline cache, and syncs on reconnect).
      if (event.code === CLOSE_TOKEN_EXPIRED) return void connect(true);
      // Other 44xx: refused for good (no access, unknown meeting, bad id); the provider stops retrying.
      setCloseCode(event.code);
    });
    // A change too big for one message (over the server's 2 MiB) closes the
    // socket with 1009 every time the client sends it on reconnect. After a
    // few in a row, stop and say so, instead of reconnecting forever.
    let tooBig = 0;
    provider.on('connection-close', (event: { code?: number } | null) => {
      tooBig = event?.code === CLOSE_MESSAGE_TOO_BIG ? tooBig + 1 : 0;
      if (tooBig >= 3) {
        provider.disconnect();
        setCloseCode(CLOSE_MESSAGE_TOO_BIG);
      }
    });
    provider.on('sync', (synced: boolean) => {
      if (synced) tooBig = 0;
    });
    // A reconnect after a network drop reuses the last token: renew it first if it is old.
    provider.on('connection-close', () => {
      void accessToken(meetingId).then((token) => {
        if (token && !destroyed) provider.protocols = collabProtocols(token);
      });
    });
    // When a socket closes the server forgets our presence and counts its
    // clock up; re-announcing it with the old clock would be ignored, and we
    // would be invisible to the others until the next 15 s heartbeat. So
    // every new connection announces it afresh (the same state, a new clock).
    provider.on('status', ({ status }: { status: string }) => {
      const state = provider.awareness.getLocalState();
      if (status === 'connected' && state) provider.awareness.setLocalState({ ...state });
    });
    void connect(false);
    const discardLocal = async () => {
      provider.disconnect();
      await offline.clearData();
      location.reload();
    };
    setConnection({ doc, provider, tracker, channel, discardLocal });
    return () => {
      destroyed = true;
      heartbeat.destroy();
      tracker.destroy();
      provider.awareness.destroy();
      provider.destroy();
      void offline.destroy();
      doc.destroy();
      setConnection(null);
    };
  }, [meetingId, credential]);

  return { connection, closeCode };
}
