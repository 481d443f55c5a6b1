import { Hono } from 'hono';
import { inviteParam } from '../../../shared/api/schemas.ts';
import { allow, meetingAccess, type AccessEnv } from '../access/middleware.ts';
import type { TokenService } from '../access/tokens.ts';
import { AppError } from '../../core/errors.ts';
import { valid } from '../../core/validate.ts';
import { inviteLink } from '../invites/inviteLink.ts';
import type { InviteService } from '../invites/InviteService.ts';
import type { MeetingStore } from '../meetings/MeetingStore.ts';
import type { MailService } from './MailService.ts';
import { mailView, type Outbox } from './Outbox.ts';

/**
 * `/api/meetings/:id/mails` (delivery status per recipient) and
 * `/api/meetings/:id/invites/:inviteId/mail` (send the invitation by mail):
 * the secretariat's (`invite` in the permission table).
 */
export function mailRoutes(deps: {
  tokens: TokenService;
  store: MeetingStore;
  invites: InviteService;
  mails: MailService;
  outbox: Outbox;
  inviteTtlSeconds: number;
}) {
  const { store, invites, mails, outbox } = deps;
  const access = meetingAccess(deps);
  const mayInvite = allow(store, 'invite');

  return (
    new Hono<AccessEnv>()
      .get('/:id/mails', access, mayInvite, (c) =>
        c.json({ configured: outbox.configured, mails: outbox.list(c.var.access.meetingId) }),
      )
      /**
       * Mails the invitation with a new personal link: the invite's earlier
       * link stops working (as with POST …/link); the new link goes only
       * into the mail. The issue and the mail are audited.
       */
      .post(
        '/:id/invites/:inviteId/mail',
        access,
        mayInvite,
        valid('param', inviteParam),
        async (c) => {
          const a = c.var.access;
          const { inviteId } = c.req.valid('param');
          const before = invites.find(a, inviteId);
          if (before.revokedAt) throw new AppError(409, 'inviteRevoked', 'the invite was revoked');
          if (!before.email) throw new AppError(409, 'noEmail', 'the invite has no e-mail address');
          // Refused before the old link is replaced, not after.
          outbox.checkRoom();
          const invite = await invites.reissueLink(a, inviteId);
          const { link } = await inviteLink(
            deps.tokens,
            a.meetingId,
            invite,
            deps.inviteTtlSeconds,
          );
          const mail = await mails.invitation(a.meetingId, invite, link);
          await store.audit(a.meetingId, a.principal, 'invite-mail', {
            inviteId,
            name: invite.name,
            email: invite.email,
            linkGeneration: invite.linkGeneration,
            mailId: mail.id,
          });
          return c.json({ mail: mailView(mail) }, 201);
        },
      )
  );
}
