import { Hono } from 'hono';
import { diffQuery, versionBody, versionParam } from '../../../shared/api/schemas.ts';
import { allow, meetingAccess, type AccessEnv } from '../access/middleware.ts';
import type { TokenService } from '../access/tokens.ts';
import { valid } from '../../core/validate.ts';
import type { MeetingStore } from '../meetings/MeetingStore.ts';
import type { VersionService } from './VersionService.ts';

/** `/api/meetings/:id/versions` and `/diff`: saved versions, verified, and the changes since one. */
export function versionRoutes(deps: {
  tokens: TokenService;
  store: MeetingStore;
  versions: VersionService;
}) {
  const { store, versions } = deps;
  const access = meetingAccess(deps);
  const mayRead = allow(store, 'read');
  return (
    new Hono<AccessEnv>()
      .get('/:id/versions', access, mayRead, (c) =>
        c.json({ versions: store.state(c.var.access.meetingId)!.versions }),
      )
      .post(
        '/:id/versions',
        access,
        allow(store, 'editBody'),
        valid('json', versionBody),
        async (c) =>
          c.json({ version: await versions.named(c.var.access, c.req.valid('json').name) }, 201),
      )
      .get('/:id/versions/:versionId', access, mayRead, valid('param', versionParam), async (c) =>
        c.json(await versions.read(c.var.access, c.req.valid('param').versionId)),
      )
      /** Changes since a version (default: the draft sent out), as readable lines with their authors. */
      .get('/:id/diff', access, mayRead, valid('query', diffQuery), async (c) =>
        c.json(await versions.diff(c.var.access, c.req.valid('query').from)),
      )
  );
}
