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
  // Up even when the disk is not: `meetingsNotSaved` tells an operator that
  // writes fail (the changes are kept in memory and retried).
  app.get('/', (c) =>
    c.json({
      ok: true,
      meetingsLoaded: rooms.loadedCount,
      meetingsNotSaved: rooms.unsavedCount,
      // Read-only after a fault or with damaged stored content; ids are in the log.
      meetingsFailing: rooms.failingCount,
      connections: connections.size,
    }),
  );
  return app;
}
