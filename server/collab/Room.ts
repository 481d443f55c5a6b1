import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { STORAGE_FAILING, STORAGE_OK } from '../../shared/protocol/messages.ts';
import { encodeStorageStatus } from '../../shared/protocol/extraMessages.ts';
import type { Logger } from '../core/log.ts';
import type { DocumentStorage } from '../storage/DocumentStorage.ts';
import { DocPersistence, type PersistenceOptions } from './DocPersistence.ts';
import type { MeetingHooks } from '../core/hooks.ts';

/** The meeting hooks, with the open meeting as the collab floor knows it. */
export type RoomHooks = MeetingHooks<Room>;
import { awarenessFrame, updateFrame } from './frames.ts';
import { checkUpdate, type UpdateLimits } from './updateGuard.ts';

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
 * Why a meeting is read-only: `damaged` when its stored content could not be
 * read or does not follow the layout (found on load; it is not served live,
 * only as checked JSON, and its stored bytes are never rewritten); `failing`
 * when something threw while it was open (a timer, a watcher, a promise).
 * Either way it stays readable and exportable, and other meetings carry on.
 */
export interface RoomFailure {
  kind: 'damaged' | 'failing';
  /** For the log and the operator (English); clients show their own text per kind. */
  reason: string;
  since: string;
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
  failure: RoomFailure | null = null;

  /**
   * `loaded` is the stored state, applied before any handler listens, so it
   * is not re-saved. It is then checked against the same rules as every
   * incoming update; stored content that breaks them makes the room damaged.
   */
  constructor(
    readonly meetingId: string,
    loaded: Uint8Array[],
    documents: DocumentStorage,
    persistenceOptions: PersistenceOptions,
    private readonly log: Logger,
    /** What every incoming update is checked against (Connection). */
    readonly limits: UpdateLimits,
    /** Where this room says what happens to it (onUpdate, afterStore, failing). */
    private readonly hooks: RoomHooks,
  ) {
    let unreadable = 0;
    Y.transact(this.doc, () => {
      for (const update of loaded) {
        try {
          Y.applyUpdate(this.doc, update);
        } catch {
          unreadable++;
        }
      }
    });
    let storedBytes = 0;
    for (const update of loaded) storedBytes += update.byteLength;
    if (unreadable > 0) {
      this.failure = {
        kind: 'damaged',
        reason: `${unreadable} stored update(s) could not be read`,
        since: new Date().toISOString(),
      };
    } else {
      const verdict = checkUpdate(
        new Y.Doc(),
        Y.encodeStateAsUpdate(this.doc),
        { ...limits, maxUpdateBytes: Infinity, maxDocumentBytes: Infinity },
        0,
      );
      if (!verdict.ok) {
        this.failure = {
          kind: 'damaged',
          reason: `stored content breaks the layout: ${verdict.reason}`,
          since: new Date().toISOString(),
        };
      }
    }
    if (this.failure) {
      log.error('meeting damaged: opened read-only, stored bytes kept', {
        meetingId,
        reason: this.failure.reason,
      });
    }
    // The server itself is not a participant.
    this.awareness.setLocalState(null);
    this.doc.on('update', this.onDocUpdate);
    this.doc.on('afterTransaction', this.onTransaction);
    this.awareness.on('update', this.onAwarenessUpdate);
    this.persistence = new DocPersistence(
      meetingId,
      this.doc,
      documents,
      // A damaged meeting's files are never rewritten: what could not be read stays on disk.
      { ...persistenceOptions, neverCompact: this.failure !== null },
      log,
      (failing) => this.broadcastStorageStatus(failing),
      storedBytes,
      () => this.hooks.emit('afterStore', this),
    );
  }

  /** Approximate size of the document: what it was stored as, plus every update since. */
  get documentBytes(): number {
    return this.persistence.documentBytes;
  }

  /**
   * Marks the meeting failing (read-only) after an error in its own code: a
   * timer, a watcher, a promise. The error stays in this meeting: logged with
   * its id, reported to its clients and in /api/health, never thrown further.
   */
  fail(what: string, err: unknown) {
    this.log.error('meeting failing: read-only until reloaded', {
      meetingId: this.meetingId,
      what,
      error: err instanceof Error ? { message: err.message, name: err.name } : String(err),
    });
    if (this.failure) return;
    this.failure = {
      kind: 'failing',
      reason: `${what}: ${err instanceof Error ? err.message : String(err)}`.slice(0, 300),
      since: new Date().toISOString(),
    };
    this.hooks.emit('failing', this);
  }

  /** `fn` wrapped so that whatever it throws marks this meeting failing instead of escaping. */
  guard<A extends unknown[]>(what: string, fn: (...args: A) => void): (...args: A) => void {
    return (...args: A) => {
      try {
        fn(...args);
      } catch (err) {
        this.fail(what, err);
      }
    };
  }

  /** A promise of this meeting's whose rejection marks it failing (instead of going unhandled). */
  watch(what: string, promise: Promise<unknown>) {
    promise.catch((err) => this.fail(what, err));
  }

  private onTransaction = (tr: Y.Transaction) => {
    if (tr.changed.size > 0 || tr.deleteSet.clients.size > 0) this.hooks.emit('onUpdate', this, tr);
  };

  private onDocUpdate = (update: Uint8Array, origin: unknown) => {
    this.broadcast(updateFrame(update), origin);
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
    this.broadcast(awarenessFrame(this.awareness, changed), peer);
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

  /** Frees the room; RoomManager fires beforeUnload first. */
  destroy() {
    this.doc.off('afterTransaction', this.onTransaction);
    this.persistence.destroy();
    this.awareness.destroy();
    this.doc.destroy();
  }
}
