import { Hono } from 'hono';
import { allow, meetingAccess, type AccessEnv } from '../access/middleware.ts';
import type { TokenService } from '../access/tokens.ts';
import type { MeetingStore } from '../meetings/MeetingStore.ts';
import type { AuditService } from './AuditService.ts';

/** `GET /api/meetings/:id/audit`: the newest entries of the audit log (the secretariat's). */
export function auditRoutes(deps: {
  tokens: TokenService;
  store: MeetingStore;
  audit: AuditService;
}) {
  return new Hono<AccessEnv>().get(
    '/:id/audit',
    meetingAccess(deps),
    allow(deps.store, 'viewAudit'),
    async (c) => c.json(await deps.audit.read(c.var.access)),
  );
}
