import { Hono } from 'hono';
import type { UpgradeWebSocket, WSContext } from 'hono/ws';
import { randomUUID } from 'node:crypto';
import {
  CLOSE_INTERNAL_ERROR,
  CLOSE_INVALID_MEETING_ID,
  CLOSE_MESSAGE_TOO_BIG,
  CLOSE_NO_ACCESS,
  CLOSE_REASONS,
  CLOSE_TOKEN_EXPIRED,
  CLOSE_UNKNOWN_MEETING,
} from '../../../shared/protocol/closeCodes.ts';
import { AUTH_SUBPROTOCOL_PREFIX } from '../../../shared/protocol/messages.ts';
import { authorize } from '../access/authorize.ts';
import type { TokenService } from '../access/tokens.ts';
import type { AuditService } from '../audit/AuditService.ts';
import type { Clock } from '../../core/clock.ts';
import { AppError } from '../../core/errors.ts';
import type { Logger } from '../../core/log.ts';
import type { Access, MeetingStore } from './MeetingStore.ts';
import { Connection, type SocketLike } from '../../collab/Connection.ts';
import type { RoomManager } from '../../collab/RoomManager.ts';

export interface CollabDeps {
  tokens: TokenService;
  store: MeetingStore;
  audit: AuditService;
  rooms: RoomManager;
  upgradeWebSocket: UpgradeWebSocket;
  log: Logger;
  /** The server's clock, against which a token's expiry closes its socket. */
  now: Clock;
}

/** The socket as a Connection uses it, with how much is still queued to send (ws's bufferedAmount). */
function socketOf(ws: WSContext): SocketLike {
  const raw = ws.raw as { bufferedAmount?: number } | undefined;
  return {
    send: (data) => ws.send(data as Uint8Array<ArrayBuffer>),
    close: (code, reason) => ws.close(code, reason),
    get readyState() {
      return ws.readyState;
    },
    get bufferedAmount() {
      return raw?.bufferedAmount ?? 0;
    },
  };
}

/** Events that accept the upgrade only to close at once with a protocol close code. */
function refuse(code: number) {
  return {
    onOpen(_event: Event, ws: WSContext) {
      ws.close(code, CLOSE_REASONS[code]);
    },
  };
}

/**
 * `/collab/:meetingId`: the y-websocket endpoint; the access token comes in
 * the `auth.<token>` subprotocol (shared/protocol/messages.ts). Without a
 * valid token for the meeting the socket is closed (4403) before the meeting
 * id is even looked at, so nobody learns which meetings exist.
 */
export function collabRoutes({
  tokens,
  store,
  audit,
  rooms,
  upgradeWebSocket,
  log,
  now,
}: CollabDeps) {
  const app = new Hono();
  app.get(
    '/:meetingId',
    async (c, next) => {
      if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') {
        throw new AppError(426, 'invalidInput', 'websocket upgrade required');
      }
      await next();
    },
    upgradeWebSocket(async (c) => {
      const meetingId = c.req.param('meetingId') ?? '';
      const offered = (c.req.header('sec-websocket-protocol') ?? '')
        .split(',')
        .map((p) => p.trim());
      const token = offered
        .find((p) => p.startsWith(AUTH_SUBPROTOCOL_PREFIX))
        ?.slice(AUTH_SUBPROTOCOL_PREFIX.length);
      const principal = await tokens.verifyAccess(token);
      if (principal === 'expired') return refuse(CLOSE_TOKEN_EXPIRED);
      if (typeof principal === 'string') return refuse(CLOSE_NO_ACCESS);
      let access: Access;
      try {
        access = await authorize(store, principal, meetingId);
      } catch (err) {
        if (err instanceof AppError && err.status === 404) return refuse(CLOSE_UNKNOWN_MEETING);
        if (err instanceof AppError && err.status === 400) return refuse(CLOSE_INVALID_MEETING_ID);
        if (err instanceof AppError) return refuse(CLOSE_NO_ACCESS);
        log.error('access check failed', { meetingId, error: err });
        return refuse(CLOSE_INTERNAL_ERROR);
      }
      let conn: Connection | null = null;
      let expiry: NodeJS.Timeout | null = null;
      return {
        onOpen(_event, ws) {
          const connection = new Connection(randomUUID(), meetingId, socketOf(ws), log, access, {
            mayEditBody: () => store.may(access, 'editBody'),
            phase: () => store.phase(meetingId) ?? 'unknown',
            refused: (detail) => audit.refusedWrite(access, detail),
            state: () => store.state(meetingId),
          });
          conn = connection;
          // The token's life is the socket's: renewing means reconnecting with a fresh one.
          const closeAtExpiry = () => {
            const left = principal.expiresAt * 1000 - now();
            if (left > 0) {
              expiry = setTimeout(closeAtExpiry, Math.min(left, 2 ** 31 - 1));
              return;
            }
            connection.close(CLOSE_TOKEN_EXPIRED, CLOSE_REASONS[CLOSE_TOKEN_EXPIRED]);
          };
          closeAtExpiry();
          rooms.connect(connection).catch(() => {
            connection.close(CLOSE_INTERNAL_ERROR, CLOSE_REASONS[CLOSE_INTERNAL_ERROR]);
          });
        },
        onMessage(event) {
          conn?.handleMessage(event.data);
        },
        onClose(event) {
          if (expiry) clearTimeout(expiry);
          if (!conn) return;
          rooms.disconnect(conn);
          if (event.code === CLOSE_MESSAGE_TOO_BIG) {
            log.warn('message too big; connection closed', { meetingId, connectionId: conn.id });
          }
        },
      };
    }),
  );
  return app;
}
