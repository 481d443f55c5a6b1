import * as decoding from 'lib0/decoding';
import type * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import {
  MESSAGE_SAVED,
  MESSAGE_STORAGE_STATUS,
  STORAGE_FAILING,
} from '../../shared/protocol/messages.ts';
import { encodeSaveRequest } from '../../shared/protocol/extraMessages.ts';

/**
 * - saved: every local change is on the server's disk
 * - saving: connected, some local change not yet confirmed durable
 * - offline: not connected; changes are kept locally (IndexedDB) and sent on reconnect
 * - failing: connected, but the server reports that it cannot write
 */
export type SaveState = 'saved' | 'saving' | 'offline' | 'failing';

/**
 * Tracks whether this client's edits are durable, using the save handshake
 * of shared/protocol/messages.ts on top of a stock y-websocket provider.
 *
 * Every local change bumps `localVersion`. After the provider has sent the
 * change, we send a save request carrying that version on the same socket;
 * the server answers once everything before it is fsync'd. One request is
 * outstanding at a time, so a fast typist costs one round trip per fsync.
 */
export class SaveTracker {
  /** Count of local changes (edits and changes restored from the offline cache). */
  localVersion = 0;
  /** Highest version the server confirmed durable. */
  savedVersion = 0;
  storageFailing = false;
  private requestedVersion = 0;
  private listeners = new Set<(state: SaveState) => void>();
  private lastState: SaveState | null = null;

  constructor(
    private readonly doc: Y.Doc,
    private readonly provider: WebsocketProvider,
  ) {
    provider.messageHandlers[MESSAGE_SAVED] = (_encoder, decoder) => {
      const version = decoding.readVarUint(decoder);
      if (version > this.savedVersion) this.savedVersion = version;
      this.requestIfNeeded();
      this.emit();
    };
    provider.messageHandlers[MESSAGE_STORAGE_STATUS] = (_encoder, decoder) => {
      this.storageFailing = decoding.readVarUint(decoder) === STORAGE_FAILING;
      this.emit();
    };
    doc.on('update', this.onUpdate);
    provider.on('sync', this.onSync);
    provider.on('status', this.onStatus);
  }

  private onUpdate = (_update: Uint8Array, origin: unknown) => {
    if (origin === this.provider) return;
    this.localVersion++;
    this.requestIfNeeded();
    this.emit();
  };

  private onSync = (synced: boolean) => {
    if (!synced) return;
    // A new connection: the old one's outstanding request died with it. The
    // sync exchange has just sent the server everything it lacked, so one
    // request now covers all local changes.
    this.requestedVersion = this.savedVersion;
    this.storageFailing = false;
    this.requestIfNeeded(true);
    this.emit();
  };

  private onStatus = () => this.emit();

  private requestIfNeeded(force = false) {
    const ws = this.provider.ws;
    if (!ws || ws.readyState !== 1 || !this.provider.synced) return;
    const outstanding = this.requestedVersion > this.savedVersion;
    if (outstanding && !force) return;
    if (this.localVersion <= this.savedVersion && !force) return;
    this.requestedVersion = this.localVersion;
    ws.send(encodeSaveRequest(this.localVersion));
  }

  get state(): SaveState {
    if (!this.provider.wsconnected) return 'offline';
    if (this.storageFailing) return 'failing';
    if (this.provider.synced && this.savedVersion >= this.localVersion) return 'saved';
    return 'saving';
  }

  /** Calls `listener` on every change of `state`; returns an unsubscribe function. */
  subscribe(listener: (state: SaveState) => void): () => void {
    this.listeners.add(listener);
    listener(this.state);
    return () => this.listeners.delete(listener);
  }

  private emit() {
    const state = this.state;
    if (state === this.lastState) return;
    this.lastState = state;
    for (const listener of this.listeners) listener(state);
  }

  destroy() {
    this.doc.off('update', this.onUpdate);
    this.provider.off('sync', this.onSync);
    this.provider.off('status', this.onStatus);
    this.listeners.clear();
  }
}
