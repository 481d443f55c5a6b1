/**
 * The Referat wire protocol.
 *
 * One websocket per open meeting at `/collab/<meetingId>`. Every binary frame
 * starts with a varUint message type, then its payload, encoded with
 * lib0/encoding. Types 0-3 are y-websocket's own, so the stock
 * `WebsocketProvider` is a complete client:
 *
 *   0 sync            y-protocols/sync: step 1 (state vector), step 2 (missing
 *                     updates), update. The server answers step 1, applies
 *                     step 2 and updates, and relays updates to the other
 *                     connections of the meeting (not back to the sender).
 *   1 awareness       y-protocols/awareness update; relayed to the others.
 *   2 auth            y-protocols/auth; ignored by this server.
 *   3 queryAwareness  the server answers with every known awareness state.
 *
 * Referat adds a save handshake, so a client can show "Gemt" only for edits
 * that are on disk. A stock provider never sends a save request and so never
 * receives the messages below:
 *
 *   100 saveRequest   client -> server: varUint requestId. Messages on one
 *                     socket are ordered, so every update the client sent
 *                     before this request has already been applied.
 *   101 saved         server -> client: varUint requestId. Every update that
 *                     reached the server before request `requestId` is now
 *                     fsync'd to the meeting's log and survives a crash.
 *   102 storageStatus server -> client: varUint (0 = writing works,
 *                     1 = writes fail; edits are kept in memory and retried).
 *                     Sent to clients that made a save request, on change.
 *
 *   103 meetingState  server -> client: varString JSON MeetingState
 *                     (shared/access/workflow.ts): phase, approvals,
 *                     versions, comment threads. Sent to clients that made a
 *                     save request, once and then on every change. Only that
 *                     first one per connection carries `threads` (all of
 *                     them); later ones leave the field out and the client
 *                     keeps its threads, updated by message 105.
 *   104 refused       server -> client: varString JSON { reason, phase }. An
 *                     update this connection may not make (its role, the
 *                     phase) was not applied, stored or relayed.
 *   105 commentThread server -> client: varString JSON CommentThread, one
 *                     thread as it is after a change (new thread, reply,
 *                     resolved or reopened); the client replaces its thread
 *                     with that id, or adds it. Sent to clients that made a
 *                     save request, after their first meetingState, so a
 *                     comment costs every client one thread, not all of them.
 *   106 ping          client -> server: no payload. Answered at once, even
 *                     while the meeting is still loading, with
 *   107 pong          server -> client: no payload. A network that drops
 *                     sends no close; y-websocket only notices 30 s of
 *                     silence. A Referat client pings after a second without
 *                     hearing from the server, and a ping unanswered for 2 s
 *                     means the connection is gone: it shows "offline" and
 *                     reconnects (client/collab/Heartbeat.ts).
 *
 * Access: the client offers two websocket subprotocols, `referat` and
 * `auth.<access token>` (the token never appears in the URL, so not in
 * browser console errors or proxy logs); the server selects `referat`.
 * Without a valid token for the meeting the socket is closed (4403) before
 * anything is read; when the token expires the socket is closed (4401) and
 * the client reconnects with a fresh one.
 * Presence (awareness) is rate-limited, its `user.name` is set by the server
 * from the token, and a client may not speak for another's awareness id.
 *
 * Bad input closes only the offending connection, with a code from
 * `closeCodes.ts`.
 */
/** The subprotocol the server selects; offering it is required. */
export const COLLAB_SUBPROTOCOL = 'referat';
/** Prefix of the subprotocol that carries the access token. */
export const AUTH_SUBPROTOCOL_PREFIX = 'auth.';

/** The subprotocols a client offers to connect with `token`. */
export function collabProtocols(token: string): string[] {
  return [COLLAB_SUBPROTOCOL, AUTH_SUBPROTOCOL_PREFIX + token];
}

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;
export const MESSAGE_SAVE_REQUEST = 100;
export const MESSAGE_SAVED = 101;
export const MESSAGE_STORAGE_STATUS = 102;
export const MESSAGE_MEETING_STATE = 103;
export const MESSAGE_REFUSED = 104;
export const MESSAGE_COMMENT_THREAD = 105;
export const MESSAGE_PING = 106;
export const MESSAGE_PONG = 107;

export const STORAGE_OK = 0;
export const STORAGE_FAILING = 1;
