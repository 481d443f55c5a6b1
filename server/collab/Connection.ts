import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import {
  MESSAGE_AUTH,
  MESSAGE_AWARENESS,
  MESSAGE_MEETING_STATE,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_REFUSED,
  MESSAGE_SAVE_REQUEST,
  MESSAGE_SYNC,
  STORAGE_FAILING,
} from '../../shared/protocol/messages.ts';
import {
  CLOSE_BAD_MESSAGE,
  CLOSE_INTERNAL_ERROR,
  CLOSE_MEETING_DAMAGED,
  CLOSE_REASONS,
  CLOSE_TOO_MANY,
  CLOSE_TRY_LATER,
} from '../../shared/protocol/closeCodes.ts';
import {
  encodeJSONMessage,
  encodePong,
  encodeSaved,
  encodeStorageStatus,
  isPing,
  type RefusedMessage,
} from '../../shared/protocol/extraMessages.ts';
import type { Logger } from '../core/log.ts';
import type { Access } from '../core/access.ts';
import { awarenessFrame, syncStep1Frame, syncStep2Frame } from './frames.ts';
import { PresenceGate } from './PresenceGate.ts';
import { RateLimit } from '../core/limits/RateLimit.ts';
import { filterPresence } from './presence.ts';
import { ProtocolError } from './ProtocolError.ts';
import { Refusals } from './Refusals.ts';
import type { Room, RoomPeer } from './Room.ts';
import { checkUpdate, wouldChange } from './updateGuard.ts';

/** The socket operations a connection needs (a ws WebSocket or a test double). */
export interface SocketLike {
  send(data: Uint8Array): void;
  close(code: number, reason: string): void;
  /** 1 = open (WebSocket.OPEN). */
  readonly readyState: number;
  /** Bytes queued but not yet sent (a client that does not read lets this grow). */
  readonly bufferedAmount?: number;
}

const MAX_EARLY_MESSAGES = 256;
/** Pings closer together than this are not answered (the client pings every 1.5 s or more). */
const MIN_PING_INTERVAL_MS = 500;
/** The answer to every heartbeat (message 107), encoded once. */
const PONG = encodePong();
/** Resyncs asked for (updates referring to content we lack) before such updates count as invalid. */
const MAX_RESYNCS = 5;
/** Updates dropped while a resync is on its way, before the connection is closed as flooding. */
const MAX_DROPPED_WHILE_RESYNCING = 200;
/**
 * Sync step 1 from the client (each answered with everything it lacks, up
 * to the whole document): a provider sends one per connection; a burst of 5,
 * then one per 10 s, beyond that the connection is closed (4429).
 */
/**
 * "Send me everyone's presence" (the stock provider asks once per connect):
 * each answer lists every person present, so a flood of queries is a load
 * lever; beyond a few, one a second is answered, the rest ignored.
 */
const AWARENESS_QUERY_BURST = 5;
const AWARENESS_QUERIES_PER_SECOND = 1;
const STEP1_BURST = 5;
const STEP1_PER_SECOND = 0.1;
/**
 * A client that does not read its socket: once this much waits to be sent,
 * the connection is closed (1013, the client reconnects and resyncs), so a
 * few small requests cannot make the server hold gigabytes.
 */
const MAX_BUFFERED_BYTES = 64 * 1024 * 1024;
/**
 * Document updates a connection may send, in bytes: a burst of 8 MiB, then
 * 1 MiB a second (checking an update costs about 0.2 s per MiB). Beyond it
 * the connection is closed with 1013: a real client reconnects after a
 * pause and resends what is missing; a flood is slowed to that pace.
 */
const UPDATE_BYTES_BURST = 8 * 1024 * 1024;
const UPDATE_BYTES_PER_SECOND = 1024 * 1024;

/** What a connection asks of the meeting's workflow on every message. */
export interface ConnectionPolicy {
  /** May this connection change the document now (its role, the current phase)? */
  mayEditBody(): boolean;
  phase(): string;
  /** Records a refused write (audit); called for the first refusal and every tenth. */
  refused(detail: Record<string, unknown>): void;
  /**
   * The meeting's current state with every comment thread, sent once the
   * client shows it speaks Referat's protocol; later states (sendState) leave
   * the threads out, which then come one at a time (sendThread).
   */
  state(): unknown;
}

/**
 * One websocket on one meeting: decodes each incoming message, applies it to
 * the room, and answers. Any bad message closes this connection only.
 */
export class Connection implements RoomPeer {
  readonly awarenessIds = new Set<number>();
  wantsSaveStatus = false;
  private closed = false;
  private resyncs = 0;
  /**
   * Set after an update referred to content this server does not have: we
   * asked the client for everything we lack (sync step 1) and hold back
   * "saved" answers until its step 2 came, so nothing is confirmed that was
   * not applied.
   */
  private awaitingResync = false;
  private heldSaveRequests: number[] = [];
  /** Sync step 1 messages we sent that the client has not answered (with a step 2) yet. */
  private unansweredStep1 = 0;
  private readonly presence = new PresenceGate((update) => this.applyPresence(update));
  private readonly refusals: Refusals;
  private readonly step1Limit = new RateLimit(STEP1_BURST, STEP1_PER_SECOND);
  private readonly awarenessQueries = new RateLimit(
    AWARENESS_QUERY_BURST,
    AWARENESS_QUERIES_PER_SECOND,
  );
  private readonly updateBytes = new RateLimit(UPDATE_BYTES_BURST, UPDATE_BYTES_PER_SECOND);
  private droppedWhileResyncing = 0;
  private room: Room | null = null;
  /** Messages that arrived while the meeting was still loading. */
  private early: unknown[] = [];
  private lastPongAt = -Infinity;

  constructor(
    readonly id: string,
    readonly meetingId: string,
    private readonly socket: SocketLike,
    private readonly log: Logger,
    /** Who is connected, with which role (from the verified token). */
    readonly access: Access,
    private readonly policy: ConnectionPolicy,
  ) {
    this.refusals = new Refusals(access, id, log, (detail) => policy.refused(detail));
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /**
   * Joins the loaded room and starts the sync: our state vector, then the
   * others' presence, then whatever the client sent while the room loaded.
   */
  open(room: Room) {
    if (this.closed) return;
    if (room.failure?.kind === 'damaged') {
      // Not served live (a browser's editor binding would choke on it); the
      // client shows the checked JSON read-only instead.
      this.close(CLOSE_MEETING_DAMAGED, CLOSE_REASONS[CLOSE_MEETING_DAMAGED]);
      return;
    }
    this.room = room;
    room.add(this);
    this.unansweredStep1++;
    this.send(syncStep1Frame(room.doc));
    const states = room.awareness.getStates();
    if (states.size > 0) this.send(awarenessFrame(room.awareness, [...states.keys()]));
    const early = this.early;
    this.early = [];
    for (const data of early) this.handleMessage(data);
  }

  send(message: Uint8Array) {
    if (this.closed || this.socket.readyState !== 1) return;
    if ((this.socket.bufferedAmount ?? 0) + message.byteLength > MAX_BUFFERED_BYTES) {
      this.log.warn('client does not read; closing connection', {
        meetingId: this.meetingId,
        connectionId: this.id,
        buffered: this.socket.bufferedAmount,
      });
      this.close(CLOSE_TRY_LATER, 'too much unread');
      return;
    }
    try {
      this.socket.send(message);
    } catch (err) {
      this.log.warn('send failed', {
        meetingId: this.meetingId,
        connectionId: this.id,
        error: err,
      });
      this.close(CLOSE_INTERNAL_ERROR, 'send failed');
    }
  }

  close(code: number, reason: string) {
    if (this.closed) return;
    this.closed = true;
    this.presence.stop();
    this.room?.remove(this);
    try {
      this.socket.close(code, reason);
    } catch {
      // already closed by the peer
    }
  }

  /** Called when the socket is gone (closed by the peer or by us). */
  onClosed() {
    if (this.closed) return;
    this.closed = true;
    this.presence.stop();
    this.room?.remove(this);
  }

  handleMessage(data: unknown) {
    if (this.closed) return;
    // A heartbeat is answered at once, even while the meeting loads: it asks
    // only whether this connection still carries anything.
    if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) {
      const bytes =
        data instanceof ArrayBuffer
          ? new Uint8Array(data)
          : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
      if (isPing(bytes)) {
        // The client pings at most every 1.5 s; faster pings get no answer
        // (a flood costs the server nothing but this comparison).
        const now = performance.now();
        if (now - this.lastPongAt < MIN_PING_INTERVAL_MS) return;
        this.lastPongAt = now;
        return this.send(PONG);
      }
    }
    if (!this.room) {
      // A client sends a handful of messages before the first reply; more is abuse.
      if (this.early.length >= MAX_EARLY_MESSAGES) {
        this.close(CLOSE_BAD_MESSAGE, 'too many messages before sync');
        return;
      }
      this.early.push(data);
      return;
    }
    const room = this.room;
    try {
      if (!(data instanceof ArrayBuffer) && !ArrayBuffer.isView(data)) {
        throw new ProtocolError(CLOSE_BAD_MESSAGE, 'text frames are not part of the protocol');
      }
      const bytes =
        data instanceof ArrayBuffer
          ? new Uint8Array(data)
          : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
      this.dispatch(room, decoding.createDecoder(bytes));
    } catch (err) {
      const code = err instanceof ProtocolError ? err.closeCode : CLOSE_BAD_MESSAGE;
      this.log.warn('bad message; closing connection', {
        meetingId: this.meetingId,
        connectionId: this.id,
        closeCode: code,
        error: err instanceof Error ? err.message : String(err),
      });
      this.close(code, CLOSE_REASONS[code] ?? 'bad message');
    }
  }

  private dispatch(room: Room, decoder: decoding.Decoder) {
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MESSAGE_SYNC:
        return this.handleSync(room, decoder);
      case MESSAGE_AWARENESS:
        return this.presence.receive(decoding.readVarUint8Array(decoder));
      case MESSAGE_QUERY_AWARENESS:
        if (!this.awarenessQueries.take()) return;
        return this.send(awarenessFrame(room.awareness, [...room.awareness.getStates().keys()]));
      case MESSAGE_AUTH:
        return; // permission messages are server -> client only
      case MESSAGE_SAVE_REQUEST:
        return this.handleSaveRequest(room, decoding.readVarUint(decoder));
      default:
        throw new ProtocolError(CLOSE_BAD_MESSAGE, `unknown message type ${type}`);
    }
  }

  private handleSync(room: Room, decoder: decoding.Decoder) {
    const syncType = decoding.readVarUint(decoder);
    switch (syncType) {
      case syncProtocol.messageYjsSyncStep1: {
        if (!this.step1Limit.take()) throw new ProtocolError(CLOSE_TOO_MANY, 'sync request flood');
        this.send(syncStep2Frame(room.doc, decoding.readVarUint8Array(decoder)));
        return;
      }
      case syncProtocol.messageYjsSyncStep2:
      case syncProtocol.messageYjsUpdate: {
        const update = decoding.readVarUint8Array(decoder);
        if (!this.updateBytes.take(update.byteLength)) {
          this.log.warn('update volume over the limit; closing for a pause', {
            meetingId: this.meetingId,
            connectionId: this.id,
          });
          this.close(CLOSE_TRY_LATER, 'too much at once; reconnect');
          return;
        }
        const isStep2 = syncType === syncProtocol.messageYjsSyncStep2;
        // The last answer we wait for: if even it lacks what we need, the client cannot help.
        const lastAnswer = isStep2 && this.awaitingResync && this.unansweredStep1 === 1;
        if (isStep2) this.unansweredStep1 = Math.max(0, this.unansweredStep1 - 1);
        try {
          this.applyUpdate(room, update, lastAnswer);
        } finally {
          if (this.awaitingResync && this.unansweredStep1 === 0) this.resynced(room);
        }
        return;
      }
      default:
        throw new ProtocolError(CLOSE_BAD_MESSAGE, `unknown sync message type ${syncType}`);
    }
  }

  /**
   * Every update is checked before it is applied: the role and phase, then
   * the meeting's own state (read-only after a failure), then the layout
   * and limits (updateGuard.ts). A refused update is not applied, so not
   * stored and not relayed.
   */
  private applyUpdate(room: Room, update: Uint8Array, lastAnswer: boolean) {
    if (!this.policy.mayEditBody()) {
      // A read-only client's sync step 2 repeats what we have: harmless, nothing to apply.
      if (wouldChange(room.doc, update)) {
        this.tell(this.refusals.forbidden(update.byteLength, this.policy.phase(), 'role'));
      }
      return;
    }
    const verdict = checkUpdate(room.doc, update, room.limits, room.documentBytes);
    if (verdict.ok && room.failure && verdict.addedBytes > 0) {
      // Read-only after a fault: nothing new goes in. Deleting does (an
      // editor can remove what broke it; the meeting is re-checked on reload).
      this.tell(this.refusals.forbidden(update.byteLength, this.policy.phase(), 'failing'));
      return;
    }
    if (verdict.ok) {
      Y.applyUpdate(room.doc, verdict.update, this);
      return;
    }
    if (verdict.kind === 'malformed') throw new ProtocolError(CLOSE_BAD_MESSAGE, verdict.reason);
    if (verdict.kind === 'unresolved' && !lastAnswer) {
      // Refers to content we lack (we lost what others saw before a crash, or
      // the client typed before answering our first sync): ask for everything we lack.
      if (this.awaitingResync) {
        // The step 2 on its way covers this update too; endless ones are a flood.
        if (++this.droppedWhileResyncing > MAX_DROPPED_WHILE_RESYNCING) {
          throw new ProtocolError(CLOSE_TOO_MANY, 'updates the client does not resync');
        }
        return;
      }
      if (++this.resyncs <= MAX_RESYNCS) return this.requestResync(room);
    }
    this.tell(
      this.refusals.outOfLayout(
        update.byteLength,
        this.policy.phase(),
        verdict.kind,
        verdict.reason,
      ),
    );
  }

  private requestResync(room: Room) {
    this.awaitingResync = true;
    this.unansweredStep1++;
    this.send(syncStep1Frame(room.doc));
  }

  private resynced(room: Room) {
    this.awaitingResync = false;
    const held = this.heldSaveRequests;
    this.heldSaveRequests = [];
    for (const requestId of held) this.answerSaveRequest(room, requestId);
  }

  /** Tells the client its update was refused; a client that keeps trying is closed. */
  private tell(message: RefusedMessage) {
    this.send(encodeJSONMessage(MESSAGE_REFUSED, message));
    this.refusals.checkLimits();
  }

  /** A presence update that may go through: names from the token, no foreign awareness ids. */
  private applyPresence(update: Uint8Array) {
    const room = this.room;
    if (this.closed || !room) return;
    const ownedByOthers = (clientId: number) =>
      !this.awarenessIds.has(clientId) &&
      [...room.peers].some((peer) => peer !== this && peer.awarenessIds.has(clientId));
    const filtered = filterPresence(update, this.access.principal.name, ownedByOthers);
    if (filtered) awarenessProtocol.applyAwarenessUpdate(room.awareness, filtered, this);
  }

  /** Pushes the meeting's server-owned state (phase, approvals, versions; threads only the first time). */
  sendState(state: unknown) {
    if (this.wantsSaveStatus) this.send(encodeJSONMessage(MESSAGE_MEETING_STATE, state));
  }

  /**
   * Pushes one changed comment thread: a commentThread message (105),
   * encoded once by the caller for every connection of the meeting.
   */
  sendThread(message: Uint8Array) {
    if (this.wantsSaveStatus) this.send(message);
  }

  private handleSaveRequest(room: Room, requestId: number) {
    const persistence = room.persistence;
    if (!this.wantsSaveStatus) {
      this.wantsSaveStatus = true;
      if (persistence.failing) this.send(encodeStorageStatus(STORAGE_FAILING));
      this.sendState(this.policy.state());
    }
    if (this.awaitingResync) {
      if (this.heldSaveRequests.length < MAX_EARLY_MESSAGES) this.heldSaveRequests.push(requestId);
      return;
    }
    this.answerSaveRequest(room, requestId);
  }

  private answerSaveRequest(room: Room, requestId: number) {
    const persistence = room.persistence;
    void persistence
      .whenDurable(persistence.currentSeq)
      .then(() => this.send(encodeSaved(requestId)));
  }
}
