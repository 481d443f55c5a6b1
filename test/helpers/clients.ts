import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import { SaveTracker } from '../../client/collab/SaveTracker.ts';
import { ServerChannel } from '../../client/collab/ServerChannel.ts';
import { waitFor } from './waitFor.ts';
import { collabProtocols } from '../../shared/protocol/messages.ts';
import { itemBody, itemOrderArray, itemsMap } from '../../shared/minutes/layout.ts';

/** Id of the agenda item the test server puts into every meeting it creates, for plain typing. */
export const SCRATCH_ITEM = 'scratch';

/**
 * Adds the scratch item: title, a referat section, one paragraph holding a
 * Y.XmlText, laid out like the editor writes it. Tests type into that text
 * (`scratchText`) to exercise sync with real, valid content.
 */
export function addScratchItem(doc: Y.Doc) {
  doc.transact(() => {
    const item = new Y.Map<unknown>();
    itemsMap(doc).set(SCRATCH_ITEM, item);
    const body = new Y.XmlFragment();
    item.set('body', body);
    const title = new Y.XmlElement('agendaItemTitle');
    const section = new Y.XmlElement('referat');
    const paragraph = new Y.XmlElement('paragraph');
    body.insert(0, [title, section]);
    section.insert(0, [paragraph]);
    paragraph.insert(0, [new Y.XmlText()]);
    itemOrderArray(doc).push([SCRATCH_ITEM]);
  });
}

/** The scratch item's text, once the document has it (after sync); throws before. */
export function scratchText(doc: Y.Doc): Y.XmlText {
  const section = itemBody(doc, SCRATCH_ITEM)
    ?.toArray()
    .find((c) => c instanceof Y.XmlElement && c.nodeName === 'referat') as Y.XmlElement | undefined;
  const text = (section?.get(0) as Y.XmlElement | undefined)?.get(0);
  if (!(text instanceof Y.XmlText)) throw new Error('the meeting has no scratch item (yet)');
  return text;
}

/**
 * A stock y-websocket provider in Node. disableBc: Node has BroadcastChannel,
 * and two providers in one process would otherwise sync without the server.
 */
export function connectClient(wsBase: string, meetingId: string, token: string, doc = new Y.Doc()) {
  const provider = new WebsocketProvider(wsBase, meetingId, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 200,
    protocols: collabProtocols(token),
  });
  const tracker = new SaveTracker(doc, provider);
  const channel = new ServerChannel(provider);
  return {
    doc,
    provider,
    tracker,
    channel,
    /** The scratch item's text (see addScratchItem); available once synced. */
    get text() {
      return scratchText(doc);
    },
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
 * Two synced organiser clients on a meeting, destroyed by `cleanups` (a list,
 * or the `cleanup` of useCleanups): the honest pair that must keep working
 * while a test attacks or breaks things.
 */
export async function connectedPair(
  server: { wsBase: string; organiserToken: string },
  meetingId: string,
  cleanups: (() => unknown)[] | ((fn: () => unknown) => void),
): Promise<[TestClient, TestClient]> {
  const a = connectClient(server.wsBase, meetingId, server.organiserToken);
  const b = connectClient(server.wsBase, meetingId, server.organiserToken);
  const cleanup =
    typeof cleanups === 'function' ? cleanups : (fn: () => unknown) => void cleanups.push(fn);
  cleanup(() => a.destroy());
  cleanup(() => b.destroy());
  await Promise.all([a.synced(), b.synced()]);
  return [a, b];
}
