import { useEffect, useState } from 'react';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { IndexeddbPersistence } from 'y-indexeddb';
import { SaveTracker } from './SaveTracker.ts';
import { ServerChannel } from './ServerChannel.ts';

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
  token: string | null,
): {
  connection: MeetingConnection | null;
  closeCode: number | null;
} {
  const [connection, setConnection] = useState<MeetingConnection | null>(null);
  const [closeCode, setCloseCode] = useState<number | null>(null);

  useEffect(() => {
    const doc = new Y.Doc();
    const offline = new IndexeddbPersistence(`referat-${meetingId}`, doc);
    const provider = new WebsocketProvider(collabUrl(), meetingId, doc, {
      params: token ? { token } : {},
    });
    const tracker = new SaveTracker(doc, provider);
    const channel = new ServerChannel(provider);
    // 44xx: the server refused for good (no access, unknown meeting, bad id); the provider stops retrying.
    provider.on('closed', (event: { code: number }) => setCloseCode(event.code));
    const discardLocal = async () => {
      provider.disconnect();
      await offline.clearData();
      location.reload();
    };
    setConnection({ doc, provider, tracker, channel, discardLocal });
    return () => {
      tracker.destroy();
      provider.awareness.destroy();
      provider.destroy();
      void offline.destroy();
      doc.destroy();
      setConnection(null);
    };
  }, [meetingId, token]);

  return { connection, closeCode };
}
