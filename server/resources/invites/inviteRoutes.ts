import { Hono } from 'hono';
import { inviteBody, inviteParam, invitePatchBody } from '../../../shared/api/schemas.ts';
import type { Invite } from '../../../shared/access/workflow.ts';
import { allow, meetingAccess, type AccessEnv } from '../access/middleware.ts';
import type { TokenService } from '../access/tokens.ts';
import { valid } from '../../core/validate.ts';
import type { Access, MeetingStore } from '../meetings/MeetingStore.ts';
import { inviteLink } from './inviteLink.ts';
import type { InviteService } from './InviteService.ts';

/**
 * `/api/meetings/:id/invites`: who is invited, new invites and their links,
 * approver flags, revoking. The secretariat's (`invite` in the table).
 */
export function inviteRoutes(deps: {
  tokens: TokenService;
  store: MeetingStore;
  invites: InviteService;
  inviteTtlSeconds: number;
}) {
  const { store, invites, tokens } = deps;
  const access = meetingAccess(deps);
  const mayInvite = allow(store, 'invite');

  const linkOf = (a: Access, invite: Invite) =>
    inviteLink(tokens, a.meetingId, invite, deps.inviteTtlSeconds);

  return (
    new Hono<AccessEnv>()
      .get('/:id/invites', access, mayInvite, (c) =>
        c.json({ invites: invites.list(c.var.access) }),
      )
      .post('/:id/invites', access, mayInvite, valid('json', inviteBody), async (c) => {
        const invite = await invites.invite(c.var.access, c.req.valid('json'));
        return c.json({ invite, ...(await linkOf(c.var.access, invite)) }, 201);
      })
      /**
       * A new link for an existing invite (the secretariat lost it, or it
       * expired). The earlier links stop working; the issue is audited.
       */
      .post(
        '/:id/invites/:inviteId/link',
        access,
        mayInvite,
        valid('param', inviteParam),
        async (c) => {
          const invite = await invites.reissueLink(c.var.access, c.req.valid('param').inviteId);
          return c.json({ invite, ...(await linkOf(c.var.access, invite)) }, 201);
        },
      )
      .patch(
        '/:id/invites/:inviteId',
        access,
        mayInvite,
        valid('param', inviteParam),
        valid('json', invitePatchBody),
        async (c) => {
          const invite = await invites.update(
            c.var.access,
            c.req.valid('param').inviteId,
            c.req.valid('json'),
          );
          return c.json({ invite });
        },
      )
      .delete(
        '/:id/invites/:inviteId',
        access,
        mayInvite,
        valid('param', inviteParam),
        async (c) => {
          const invite = await invites.update(c.var.access, c.req.valid('param').inviteId, {
            revoke: true,
          });
          return c.json({ invite });
        },
      )
  );
}
