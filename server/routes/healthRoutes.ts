import { Hono } from 'hono';
import type { RoomManager } from '../collab/RoomManager.ts';

export function healthRoutes({
  rooms,
  connections,
}: {
  rooms: RoomManager;
  connections: Set<unknown>;
}) {
  const app = new Hono();
  app.get('/', (c) =>
    c.json({ ok: true, meetingsLoaded: rooms.loadedCount, connections: connections.size }),
  );
  return app;
}
