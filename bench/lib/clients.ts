import * as Y from 'yjs';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { SaveTracker } from '../../client/collab/SaveTracker.ts';
import { ServerChannel } from '../../client/collab/ServerChannel.ts';
import { collabProtocols, MESSAGE_SAVED } from '../../shared/protocol/messages.ts';
import { writeMeetingContent } from '../../shared/minutes/operations.ts';
import { driftsforumItems } from '../../shared/minutes/templates.ts';
import type { ServerKind } from './servers.ts';

export { typingTarget } from '../../test/helpers/typing.ts';

/**
 * One simulated participant: a real Y.Doc behind the provider a user of that
 * server would run (y-websocket's WebsocketProvider for Referat and the
 * reference server, HocuspocusProvider for Hocuspocus), one websocket each.
 * For Referat the editor's own SaveTracker and ServerChannel run too, so
 * "saved" is measured exactly as the editor shows it.
 */
export interface BenchClient {
  doc: Y.Doc;
  synced(): boolean;
  connected(): boolean;
  /**
   * Referat only: called with each edit's time (performance.timeOrigin +
   * performance.now()) once the server confirmed it durable.
   */
  onSaved(listener: (editedAt: number) => void): void;
  /**
   * Referat only: edits the server refused (not applied, stored or relayed).
   * A bench whose edits are refused measures nothing; it must fail.
   */
  refusals(): number;
  /** The close code of the socket's last close (a refusal, 44xx), for the error a bench prints. */
  lastClose(): number | null;
  destroy(): void;
}

export function connect(
  kind: ServerKind,
  port: number,
  name: string,
  token: string | null,
  options: { maxBackoffTime?: number } = {},
): BenchClient {
  const doc = new Y.Doc();
  if (kind === 'hocuspocus') {
    const websocketProvider = new HocuspocusProviderWebsocket({
      url: `ws://127.0.0.1:${port}`,
      WebSocketPolyfill: WebSocket,
      maxDelay: options.maxBackoffTime ?? 30_000,
    });
    const provider = new HocuspocusProvider({ websocketProvider, name, document: doc });
    provider.attach();
    return {
      doc,
      synced: () => provider.isSynced,
      connected: () => websocketProvider.status === 'connected',
      onSaved: () => {},
      refusals: () => 0,
      lastClose: () => null,
      destroy: () => {
        provider.destroy();
        websocketProvider.destroy();
        doc.destroy();
      },
    };
  }
  const provider = new WebsocketProvider(
    `ws://127.0.0.1:${port}${kind === 'referat' ? '/collab' : ''}`,
    name,
    doc,
    {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      // Referat takes the token as a subprotocol, as the app's client sends it (never in the URL).
      protocols: token ? collabProtocols(token) : [],
      maxBackoffTime: options.maxBackoffTime ?? 2500,
    },
  );
  let tracker: SaveTracker | null = null;
  // The editor's handlers for the meeting state and refusals, as in the app.
  const channel = kind === 'referat' ? new ServerChannel(provider) : null;
  const listeners: ((editedAt: number) => void)[] = [];
  let lastClose: number | null = null;
  provider.on('connection-close', (event: { code?: number } | null) => {
    lastClose = event?.code ?? null;
  });
  // BENCH_NO_SAVE=1: Referat clients without the save handshake (to see what it costs).
  if (kind === 'referat' && !process.env.BENCH_NO_SAVE) {
    tracker = new SaveTracker(doc, provider);
    // Edit times by local version; the tracker's "saved" handler advances
    // savedVersion, and every edit at or below it is durable.
    const editTimes: { version: number; at: number }[] = [];
    doc.on('update', (_update: Uint8Array, origin: unknown) => {
      if (origin !== provider)
        editTimes.push({
          version: tracker!.localVersion,
          at: performance.timeOrigin + performance.now(),
        });
    });
    const handleSaved = provider.messageHandlers[MESSAGE_SAVED];
    provider.messageHandlers[MESSAGE_SAVED] = (...args) => {
      handleSaved(...args);
      while (editTimes.length && editTimes[0].version <= tracker!.savedVersion) {
        const { at } = editTimes.shift()!;
        for (const listener of listeners) listener(at);
      }
    };
  }
  return {
    doc,
    synced: () => provider.synced,
    connected: () => provider.wsconnected,
    onSaved: (listener) => listeners.push(listener),
    refusals: () => channel?.refused?.count ?? 0,
    lastClose: () => lastClose,
    destroy: () => {
      tracker?.destroy();
      provider.awareness.destroy();
      provider.destroy();
      doc.destroy();
    },
  };
}

/**
 * The content every bench meeting starts from: the Driftsforum agenda (four
 * standing items with their sections), each section with a line of text.
 * Built once with the app's own operations, applied as bytes by the first
 * client of each meeting, the same for every server.
 */
export function seedUpdate(extraItems = 2): Uint8Array {
  const items = [...driftsforumItems()];
  for (let i = 0; i < extraItems; i++) {
    items.splice(1, 0, {
      title: `Orientering ${i + 1}`,
      sections: [
        { type: 'sagsfremstilling', blocks: [{ paragraph: 'Baggrund for punktet.' }] },
        { type: 'indstilling', blocks: [{ points: ['at orienteringen tages til efterretning'] }] },
        { type: 'referat', blocks: [] },
      ],
    });
  }
  for (const item of items) {
    for (const section of item.sections) {
      if (section.blocks.length === 0) section.blocks.push({ paragraph: 'Referat:' });
    }
  }
  const doc = new Y.Doc();
  writeMeetingContent(doc, { header: { forum: 'Driftsforum' }, participants: [], items });
  return Y.encodeStateAsUpdate(doc);
}
