import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import {
  MESSAGE_AWARENESS,
  MESSAGE_SYNC,
  STORAGE_FAILING,
  STORAGE_OK,
} from '../../shared/protocol/messages.ts';
import { encodeStorageStatus } from '../../shared/protocol/extraMessages.ts';
import type { Logger } from '../log.ts';
import type { Storage } from '../storage/Storage.ts';
import { DocPersistence, type PersistenceOptions } from './DocPersistence.ts';

/** What a room needs from a connection: a way to send and an identity for echo suppression. */
export interface RoomPeer {
  readonly id: string;
  send(message: Uint8Array): void;
  /** Awareness client ids this peer announced; removed when it leaves. */
  readonly awarenessIds: Set<number>;
  /** True once the peer made a save request, i.e. it understands Referat's extra messages. */
  wantsSaveStatus: boolean;
}

/**
 * One open meeting: its Y.Doc, awareness and connected peers. Document
 * updates are encoded once and sent to every peer but the one that made
 * them; awareness changes likewise.
 */
export class Room {
  readonly doc = new Y.Doc({ gc: true });
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly peers = new Set<RoomPeer>();
  readonly persistence: DocPersistence;

  /** `loaded` is the stored state, applied before any handler listens, so it is not re-saved. */
  constructor(
    readonly meetingId: string,
    loaded: Uint8Array[],
    storage: Storage,
    persistenceOptions: PersistenceOptions,
    private readonly log: Logger,
  ) {
    Y.transact(this.doc, () => {
      for (const update of loaded) Y.applyUpdate(this.doc, update);
    });
    // The server itself is not a participant.
    this.awareness.setLocalState(null);
    this.doc.on('update', this.onDocUpdate);
    this.awareness.on('update', this.onAwarenessUpdate);
    this.persistence = new DocPersistence(
      meetingId,
      this.doc,
      storage,
      persistenceOptions,
      log,
      (failing) => this.broadcastStorageStatus(failing),
    );
  }

  private onDocUpdate = (update: Uint8Array, origin: unknown) => {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeUpdate(encoder, update);
    this.broadcast(encoding.toUint8Array(encoder), origin);
  };

  private onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ) => {
    const peer = this.peers.has(origin as RoomPeer) ? (origin as RoomPeer) : null;
    if (peer) {
      for (const id of added) peer.awarenessIds.add(id);
      for (const id of removed) peer.awarenessIds.delete(id);
    }
    const changed = added.concat(updated, removed);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(
      encoder,
      awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed),
    );
    this.broadcast(encoding.toUint8Array(encoder), peer);
  };

  broadcast(message: Uint8Array, except: unknown = null) {
    for (const peer of this.peers) if (peer !== except) peer.send(message);
  }

  private broadcastStorageStatus(failing: boolean) {
    const message = encodeStorageStatus(failing ? STORAGE_FAILING : STORAGE_OK);
    for (const peer of this.peers) if (peer.wantsSaveStatus) peer.send(message);
  }

  add(peer: RoomPeer) {
    this.peers.add(peer);
  }

  /** Removes the peer and the awareness states it announced, telling the others. */
  remove(peer: RoomPeer) {
    this.peers.delete(peer);
    if (peer.awarenessIds.size > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...peer.awarenessIds], null);
    }
    this.log.debug('peer left', { meetingId: this.meetingId, connectionId: peer.id });
  }

  private readonly destroyHooks: (() => void)[] = [];

  /** Runs `fn` when the room is destroyed (evicted or shut down), before the doc goes. */
  beforeDestroy(fn: () => void) {
    this.destroyHooks.push(fn);
  }

  destroy() {
    for (const fn of this.destroyHooks.splice(0)) fn();
    this.persistence.destroy();
    this.awareness.destroy();
    this.doc.destroy();
  }
}
