import { Hono } from 'hono';
import { absenceBody } from '../../../shared/api/schemas.ts';
import { allow, meetingAccess, type AccessEnv } from '../access/middleware.ts';
import type { TokenService } from '../access/tokens.ts';
import { valid } from '../../core/validate.ts';
import type { AbsenceService } from './AbsenceService.ts';
import type { MeetingStore } from './MeetingStore.ts';

/**
 * `PUT /api/meetings/:id/absence { absent }`: afbud for the caller's own
 * participant. There is no way to name another participant: the invitation
 * the caller's token comes from says whose absence it is.
 */
export function absenceRoutes(deps: {
  tokens: TokenService;
  store: MeetingStore;
  absence: AbsenceService;
}) {
  return new Hono<AccessEnv>().put(
    '/:id/absence',
    meetingAccess(deps),
    allow(deps.store, 'reportAbsence'),
    valid('json', absenceBody),
    async (c) => {
      const result = await deps.absence.setOwn(c.var.access, c.req.valid('json').absent);
      return c.json(result);
    },
  );
}
