import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { bilagParam, bilagUploadQuery, packageQuery } from '../../../shared/api/schemas.ts';
import { allow, meetingAccess, type AccessEnv } from '../access/middleware.ts';
import type { TokenService } from '../access/tokens.ts';
import { ExportGate } from '../export/ExportGate.ts';
import { exportFileName } from '../export/exportMeeting.ts';
import { valid } from '../../core/validate.ts';
import type { CpuPool } from '../jobs/CpuPool.ts';
import type { MeetingStore } from '../meetings/MeetingStore.ts';
import type { BilagService } from './BilagService.ts';
import { attachmentDisposition } from './fileName.ts';
import { BILAG_MEDIA_TYPES } from './sniff.ts';

/**
 * `/api/meetings/:id/bilag` (upload: the file's bytes as the body, its item
 * and name in the query; download; delete) and `/package` (the agenda with
 * every bilag as one PDF). Mounted before the API's 1 MiB body limit: an
 * upload has its own (config `maxBilagBytes`).
 */
export function bilagRoutes(deps: {
  tokens: TokenService;
  store: MeetingStore;
  bilag: BilagService;
  cpuPool: CpuPool;
}) {
  const { store, bilag } = deps;
  const access = meetingAccess(deps);
  const packages = new ExportGate();
  return (
    new Hono<AccessEnv>()
      .post(
        '/:id/bilag',
        access,
        allow(store, 'editBody'),
        bodyLimit({
          maxSize: bilag.maxBytes,
          onError: () => {
            throw bilag.tooLargeError();
          },
        }),
        valid('query', bilagUploadQuery),
        async (c) => {
          const { item, name } = c.req.valid('query');
          const bytes = new Uint8Array(await c.req.arrayBuffer());
          const file = await bilag.upload(c.var.access, item, name, bytes);
          return c.json({ bilag: file }, 201);
        },
      )
      /** The file as stored, under its display name, with the type its bytes were sniffed as. */
      .get(
        '/:id/bilag/:bilagId',
        access,
        allow(store, 'read'),
        valid('param', bilagParam),
        async (c) => {
          const { file, bytes } = await bilag.read(c.var.access, c.req.valid('param').bilagId);
          return c.body(new Uint8Array(bytes), 200, {
            'content-type': BILAG_MEDIA_TYPES[file.type],
            'content-disposition': attachmentDisposition(file.name),
            'x-content-type-options': 'nosniff',
            'cache-control': 'no-store',
          });
        },
      )
      .delete(
        '/:id/bilag/:bilagId',
        access,
        allow(store, 'editBody'),
        valid('param', bilagParam),
        async (c) => {
          const { bilagId } = c.req.valid('param');
          await bilag.remove(c.var.access, bilagId);
          return c.json({ removed: bilagId });
        },
      )
      /**
       * `?public=1`: without closed items and their bilag (the only package
       * for a role that may not read closed items). Made in the worker pool,
       * through the same per-person gate and cache as the exports.
       */
      .get(
        '/:id/package',
        valid('query', packageQuery),
        access,
        allow(store, 'read'),
        async (c) => {
          const a = c.var.access;
          const publicVersion = c.req.valid('query').public === '1';
          const { state, document, bilag: files } = await bilag.forPackage(a, publicVersion);
          const { body } = await packages.render(
            a.principal.userId,
            {
              state,
              document,
              publicVersion,
              bilag: files.map(({ file }) => [file.id, file.sha256]),
            },
            async () => ({
              contentType: 'application/pdf',
              body: await deps.cpuPool.agendaPackage({
                state,
                document,
                publicVersion,
                bilag: files.map(({ file, bytes }) => ({
                  itemId: file.itemId,
                  name: file.name,
                  type: file.type,
                  bytes,
                })),
              }),
            }),
          );
          const name = `pakke-${exportFileName(state, 'pdf', publicVersion)}`;
          return c.body(new Uint8Array(body as Buffer), 200, {
            'content-type': 'application/pdf',
            'content-disposition': attachmentDisposition(name),
            'cache-control': 'no-store',
          });
        },
      )
  );
}
