import { Hono } from 'hono';
import { commentBody, replyBody, resolveBody, threadParam } from '../../../shared/api/schemas.ts';
import { allow, meetingAccess, type AccessEnv } from '../access/middleware.ts';
import type { TokenService } from '../access/tokens.ts';
import { valid } from '../../core/validate.ts';
import type { MeetingStore } from '../meetings/MeetingStore.ts';
import type { CommentService } from './CommentService.ts';

/** `/api/meetings/:id/comments`: new threads, replies, resolving and reopening. */
export function commentRoutes(deps: {
  tokens: TokenService;
  store: MeetingStore;
  comments: CommentService;
}) {
  const { comments } = deps;
  const access = meetingAccess(deps);
  const mayComment = allow(deps.store, 'comment');
  return new Hono<AccessEnv>()
    .post('/:id/comments', access, mayComment, valid('json', commentBody), async (c) =>
      c.json({ thread: await comments.addThread(c.var.access, c.req.valid('json')) }, 201),
    )
    .post(
      '/:id/comments/:threadId/replies',
      access,
      mayComment,
      valid('param', threadParam),
      valid('json', replyBody),
      async (c) => {
        const thread = await comments.reply(
          c.var.access,
          c.req.valid('param').threadId,
          c.req.valid('json').text,
        );
        return c.json({ thread }, 201);
      },
    )
    .post(
      '/:id/comments/:threadId/resolve',
      access,
      mayComment,
      valid('param', threadParam),
      valid('json', resolveBody),
      async (c) => {
        const thread = await comments.resolve(
          c.var.access,
          c.req.valid('param').threadId,
          c.req.valid('json').resolved,
        );
        return c.json({ thread });
      },
    );
}
