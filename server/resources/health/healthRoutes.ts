import { Hono } from 'hono';
import type { RoomManager } from '../../collab/RoomManager.ts';

/** Counts of faults that escaped every meeting's own guards (shown in /api/health). */
export interface ProcessFaults {
  unhandledRejections: number;
  uncaughtExceptions: number;
}

export function healthRoutes({
  rooms,
  faults,
}: {
  rooms: RoomManager;
  /** Faults caught at the process level (installed by main.ts; null in tests in-process). */
  faults: () => ProcessFaults | null;
}) {
  // Up even when the disk is not: `meetingsNotSaved` tells an operator that
  // writes fail (the changes are kept in memory and retried).
  return new Hono().get('/', (c) =>
    c.json({
      ok: true,
      meetingsLoaded: rooms.loadedCount,
      meetingsNotSaved: rooms.unsavedCount,
      // Read-only after a fault or with damaged stored content; ids are in the log.
      meetingsFailing: rooms.failingCount,
      ...(faults() ? { processFaults: faults() } : {}),
      connections: rooms.connectionCount,
    }),
  );
}
