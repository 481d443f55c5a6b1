import type { Logger } from '../core/log.ts';
import type { DocumentStorage } from '../storage/DocumentStorage.ts';
import type { PersistenceOptions } from './DocPersistence.ts';
import type { Connection } from './Connection.ts';
import { Room, type RoomHooks } from './Room.ts';
import type { UpdateLimits } from './updateGuard.ts';

export interface RoomManagerOptions extends PersistenceOptions {
  /** How long a room with no peers stays loaded. */
  idleEvictMs: number;
  /** What every update, and every loaded document, is checked against. */
  limits: UpdateLimits;
}

interface Entry {
  /** Shared by every opener while the document loads. */
  ready: Promise<Room>;
  room: Room | null;
  evictTimer: NodeJS.Timeout | null;
  /** Set while the room is being flushed for eviction; openers wait for it. */
  evicting: Promise<void> | null;
}

/**
 * Keeps the open meetings: loads each once (concurrent openers share the
 * load), and flushes and evicts a meeting some time after its last peer left.
 */
export class RoomManager {
  private readonly entries = new Map<string, Entry>();
  /**
   * Every open connection per meeting, from the moment its socket opened
   * (also while the meeting loads) until it closed: the one list that pushes,
   * revocations and shutdown go through. A room's `peers` are the subset that
   * joined the loaded document (its fan-out).
   */
  private readonly connections = new Map<string, Set<Connection>>();

  constructor(
    private readonly documents: DocumentStorage,
    private readonly options: RoomManagerOptions,
    private readonly log: Logger,
    /** `afterLoad` fires once per load, before anyone uses the room (watchers attach). */
    private readonly hooks: RoomHooks,
  ) {}

  /** Number of meetings in memory (for health checks and tests). */
  get loadedCount(): number {
    return this.entries.size;
  }

  /** Meetings in memory whose changes cannot be written now (disk full, read-only); kept and retried. */
  get unsavedCount(): number {
    let n = 0;
    for (const entry of this.entries.values()) if (entry.room?.persistence.failing) n++;
    return n;
  }

  /** Meetings in memory that are read-only because something failed or their content is damaged. */
  get failingCount(): number {
    let n = 0;
    for (const entry of this.entries.values()) if (entry.room?.failure) n++;
    return n;
  }

  isLoaded(meetingId: string): boolean {
    return this.entries.has(meetingId);
  }

  /** The loaded room, for server-side reads; null if not in memory. */
  peek(meetingId: string): Room | null {
    return this.entries.get(meetingId)?.room ?? null;
  }

  /** Open connections, over all meetings (for health checks). */
  get connectionCount(): number {
    let n = 0;
    for (const set of this.connections.values()) n += set.size;
    return n;
  }

  /**
   * A socket opened: the connection is listed at once (so a revocation
   * reaches it even while the meeting loads), the meeting is loaded if
   * needed, and the connection joins it. Rejects if the meeting cannot be
   * loaded; the caller closes the connection.
   */
  async connect(conn: Connection): Promise<Room> {
    let set = this.connections.get(conn.meetingId);
    if (!set) this.connections.set(conn.meetingId, (set = new Set()));
    set.add(conn);
    return this.acquire(conn.meetingId, (room) => conn.open(room));
  }

  /** The connection's socket is gone: it leaves its room and the list. */
  disconnect(conn: Connection) {
    conn.onClosed();
    const set = this.connections.get(conn.meetingId);
    set?.delete(conn);
    if (set?.size === 0) this.connections.delete(conn.meetingId);
    this.left(conn.meetingId);
  }

  /** The meeting's open connections (joined or still waiting for the load). */
  connectionsOf(meetingId: string): Connection[] {
    return [...(this.connections.get(meetingId) ?? [])];
  }

  /** Closes every connection, of one meeting or of all, that `which` picks. */
  closeConnections(
    which: (conn: Connection) => boolean,
    code: number,
    reason: string,
    meetingId?: string,
  ) {
    const sets = meetingId
      ? [this.connections.get(meetingId) ?? new Set<Connection>()]
      : this.connections.values();
    for (const set of sets) for (const conn of [...set]) if (which(conn)) conn.close(code, reason);
  }

  /** Pushes the meeting's server-owned state (message 103) to its connections that speak Referat's protocol. */
  pushState(meetingId: string, state: unknown) {
    for (const conn of this.connectionsOf(meetingId)) conn.sendState(state);
  }

  /** Pushes one changed comment thread (message 105, encoded once) to the meeting's connections. */
  pushThread(meetingId: string, message: Uint8Array) {
    for (const conn of this.connectionsOf(meetingId)) conn.sendThread(message);
  }

  /**
   * Runs `read` on the meeting's live document (loading it if needed, shared
   * with concurrent openers), for server-side reads such as the JSON export.
   * A meeting loaded only for this is evicted again after the idle time.
   */
  async read<T>(meetingId: string, read: (room: Room) => T): Promise<T> {
    let result!: T;
    await this.acquire(meetingId, (room) => {
      result = read(room);
    });
    this.left(meetingId);
    return result;
  }

  /** Ensures the meeting is loaded and not being evicted, then calls `use` synchronously. */
  private async acquire(meetingId: string, use: (room: Room) => void): Promise<Room> {
    for (;;) {
      let entry = this.entries.get(meetingId);
      if (entry?.evicting) {
        await entry.evicting;
        continue;
      }
      if (!entry) {
        entry = { ready: this.load(meetingId), room: null, evictTimer: null, evicting: null };
        this.entries.set(meetingId, entry);
      }
      const room = await entry.ready;
      if (entry.evicting) continue; // evicted while we waited; load afresh
      if (entry.evictTimer) {
        clearTimeout(entry.evictTimer);
        entry.evictTimer = null;
      }
      use(room);
      return room;
    }
  }

  private async load(meetingId: string): Promise<Room> {
    const started = performance.now();
    try {
      const loaded = await this.documents.load(meetingId);
      const room = new Room(
        meetingId,
        loaded.updates,
        this.documents,
        this.options,
        this.log,
        this.options.limits,
        this.hooks,
      );
      const entry = this.entries.get(meetingId);
      if (entry) entry.room = room;
      this.hooks.emit('afterLoad', room);
      this.log.info('meeting loaded', {
        meetingId,
        updates: loaded.updates.length,
        problems: loaded.problems.length,
        ms: Math.round(performance.now() - started),
      });
      return room;
    } catch (err) {
      this.entries.delete(meetingId);
      this.log.error('meeting could not be loaded', { meetingId, error: err });
      throw err;
    }
  }

  /** Call after a peer left the room. */
  left(meetingId: string) {
    const entry = this.entries.get(meetingId);
    if (!entry?.room || entry.room.peers.size > 0 || entry.evicting) return;
    if (entry.evictTimer) clearTimeout(entry.evictTimer);
    entry.evictTimer = setTimeout(() => {
      entry.evictTimer = null;
      void this.evict(meetingId, entry);
    }, this.options.idleEvictMs);
  }

  private async evict(meetingId: string, entry: Entry): Promise<void> {
    const room = entry.room;
    if (!room || room.peers.size > 0 || entry.evicting) return;
    let done!: () => void;
    entry.evicting = new Promise((resolve) => (done = resolve));
    try {
      await room.persistence.flush({ compact: true });
    } catch (err) {
      // Not written: keep the room in memory and try again later.
      this.log.warn('eviction postponed: document not yet saved', { meetingId, error: err });
      entry.evicting = null;
      done();
      this.left(meetingId);
      return;
    }
    if (room.peers.size > 0) {
      // Someone joined during the flush; they are using this room, keep it.
      entry.evicting = null;
      done();
      return;
    }
    this.hooks.emit('beforeUnload', room);
    room.destroy();
    this.entries.delete(meetingId);
    await this.documents.close(meetingId).catch(() => {});
    this.log.debug('meeting evicted', { meetingId });
    done();
  }

  /**
   * Flushes every loaded meeting (for a clean shutdown). Rooms whose write
   * fails are reported; their data cannot be saved by this process.
   */
  async flushAll(): Promise<{ failed: string[] }> {
    const failed: string[] = [];
    await Promise.all(
      [...this.entries.entries()].map(async ([meetingId, entry]) => {
        if (entry.evictTimer) clearTimeout(entry.evictTimer);
        const room = await entry.ready.catch(() => null);
        if (!room) return;
        try {
          await room.persistence.flush({ compact: true });
        } catch (err) {
          failed.push(meetingId);
          this.log.error('could not save meeting at shutdown', { meetingId, error: err });
        }
        this.hooks.emit('beforeUnload', room);
        room.destroy();
        await this.documents.close(meetingId).catch(() => {});
      }),
    );
    this.entries.clear();
    return { failed };
  }
}
