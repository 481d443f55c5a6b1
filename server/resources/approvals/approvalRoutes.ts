import { Hono } from 'hono';
import { approvalBody } from '../../../shared/api/schemas.ts';
import { allow, meetingAccess, type AccessEnv } from '../access/middleware.ts';
import type { TokenService } from '../access/tokens.ts';
import { valid } from '../../core/validate.ts';
import type { MeetingStore } from '../meetings/MeetingStore.ts';
import type { ApprovalService } from './ApprovalService.ts';

/** `POST /api/meetings/:id/approvals { hash }`: approve exactly the content with that hash. */
export function approvalRoutes(deps: {
  tokens: TokenService;
  store: MeetingStore;
  approvals: ApprovalService;
}) {
  return new Hono<AccessEnv>().post(
    '/:id/approvals',
    meetingAccess(deps),
    allow(deps.store, 'approve'),
    valid('json', approvalBody),
    async (c) => {
      const { hash, signature } = c.req.valid('json');
      return c.json(await deps.approvals.approve(c.var.access, hash, signature));
    },
  );
}
