import { Hono } from 'hono';
import type { UpgradeWebSocket, WSContext } from 'hono/ws';
import { randomUUID } from 'node:crypto';
import { isValidMeetingId } from '../../shared/meetingId.ts';
import {
  CLOSE_INTERNAL_ERROR,
  CLOSE_INVALID_MEETING_ID,
  CLOSE_MESSAGE_TOO_BIG,
  CLOSE_REASONS,
  CLOSE_UNKNOWN_MEETING,
} from '../../shared/protocol/closeCodes.ts';
import { Connection, type SocketLike } from '../collab/Connection.ts';
import type { RoomManager } from '../collab/RoomManager.ts';
import type { Logger } from '../log.ts';
import type { Storage } from '../storage/Storage.ts';

export interface CollabDeps {
  storage: Storage;
  rooms: RoomManager;
  upgradeWebSocket: UpgradeWebSocket;
  log: Logger;
  /** Connections currently open, for shutdown. */
  connections: Set<Connection>;
}

/** Events that accept the upgrade only to close at once with a protocol close code. */
function refuse(code: number) {
  return {
    onOpen(_event: Event, ws: WSContext) {
      ws.close(code, CLOSE_REASONS[code]);
    },
  };
}

/** `/collab/:meetingId`: the y-websocket endpoint. */
export function collabRoutes({ storage, rooms, upgradeWebSocket, log, connections }: CollabDeps) {
  const app = new Hono();
  app.get(
    '/:meetingId',
    async (c, next) => {
      if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') {
        return c.json({ error: 'websocket upgrade required' }, 426);
      }
      await next();
    },
    upgradeWebSocket(async (c) => {
      const meetingId = c.req.param('meetingId') ?? '';
      // Refused before anything touches the disk.
      if (!isValidMeetingId(meetingId)) return refuse(CLOSE_INVALID_MEETING_ID);
      const meta = await storage.getMeeting(meetingId).catch(() => null);
      if (!meta) return refuse(CLOSE_UNKNOWN_MEETING);
      let conn: Connection | null = null;
      return {
        onOpen(_event, ws) {
          const connection = new Connection(
            randomUUID(),
            meetingId,
            ws as unknown as SocketLike,
            log,
          );
          conn = connection;
          connections.add(connection);
          rooms.join(meetingId, connection).catch(() => {
            connection.close(CLOSE_INTERNAL_ERROR, CLOSE_REASONS[CLOSE_INTERNAL_ERROR]);
          });
        },
        onMessage(event) {
          conn?.handleMessage(event.data);
        },
        onClose(event) {
          if (!conn) return;
          connections.delete(conn);
          conn.onClosed();
          rooms.left(meetingId);
          if (event.code === CLOSE_MESSAGE_TOO_BIG) {
            log.warn('message too big; connection closed', { meetingId, connectionId: conn.id });
          }
        },
      };
    }),
  );
  return app;
}
