import { Hono } from 'hono';
import {
  memberBody,
  memberParam,
  memberPatchBody,
  rosterBody,
  rosterParam,
} from '../../../shared/api/schemas.ts';
import { organiserOnly, signedIn, type AccessEnv } from '../access/middleware.ts';
import { authorize } from '../access/authorize.ts';
import type { TokenService } from '../access/tokens.ts';
import { AppError } from '../../core/errors.ts';
import { valid } from '../../core/validate.ts';
import type { MeetingStore } from '../meetings/MeetingStore.ts';
import type { RosterService } from './RosterService.ts';

/**
 * `/api/rosters`: the forums' member lists. Everything but `/me` is the
 * secretariat's (its sign-in, for all meetings): a roster holds e-mail
 * addresses, personal data no member needs to see.
 */
export function rosterRoutes(deps: {
  tokens: TokenService;
  store: MeetingStore;
  rosters: RosterService;
}) {
  const { rosters } = deps;
  const secretariat = organiserOnly(deps.tokens);
  return (
    new Hono<AccessEnv>()
      /**
       * The caller's own entry on the roster of the meeting their token is
       * for, through the roster member their invitation was made from.
       */
      .get('/me', signedIn(deps.tokens), async (c) => {
        const principal = c.var.principal;
        const notOnRoster = () =>
          new AppError(404, 'notOnRoster', 'your invitation was not made from a roster');
        if (!principal.inviteId) throw notOnRoster();
        const access = await authorize(deps.store, principal, principal.meetingId);
        const record = (await deps.store.load(access.meetingId))!;
        const memberId = record.workflow.invites.find((i) => i.id === principal.inviteId)?.memberId;
        const roster = memberId ? await rosters.forForum(record.meta.forum) : null;
        const member = roster?.members.find((m) => m.id === memberId);
        if (!roster || !member) throw notOnRoster();
        return c.json({ forum: roster.forum, member });
      })
      .get('/', secretariat, async (c) => c.json({ rosters: await rosters.list() }))
      .post('/', secretariat, valid('json', rosterBody), async (c) => {
        const roster = await rosters.create(c.var.principal, c.req.valid('json').forum);
        return c.json({ roster }, 201);
      })
      .get('/:forumId', secretariat, valid('param', rosterParam), async (c) =>
        c.json({ roster: await rosters.get(c.req.valid('param').forumId) }),
      )
      .get('/:forumId/audit', secretariat, valid('param', rosterParam), async (c) =>
        c.json({ entries: await rosters.audit(c.req.valid('param').forumId) }),
      )
      .post(
        '/:forumId/members',
        secretariat,
        valid('param', rosterParam),
        valid('json', memberBody),
        async (c) => {
          const { forumId } = c.req.valid('param');
          const member = await rosters.addMember(c.var.principal, forumId, c.req.valid('json'));
          return c.json({ member }, 201);
        },
      )
      .patch(
        '/:forumId/members/:memberId',
        secretariat,
        valid('param', memberParam),
        valid('json', memberPatchBody),
        async (c) => {
          const { forumId, memberId } = c.req.valid('param');
          const member = await rosters.updateMember(
            c.var.principal,
            forumId,
            memberId,
            c.req.valid('json'),
          );
          return c.json({ member });
        },
      )
      /** Ends the membership from today; the entry stays (invitations name it). */
      .delete(
        '/:forumId/members/:memberId',
        secretariat,
        valid('param', memberParam),
        async (c) => {
          const { forumId, memberId } = c.req.valid('param');
          return c.json({ member: await rosters.deactivate(c.var.principal, forumId, memberId) });
        },
      )
  );
}
