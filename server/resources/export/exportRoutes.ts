import { Hono, type Context } from 'hono';
import { downloadBody, exportQuery } from '../../../shared/api/schemas.ts';
import type { ExportFormat } from '../../../shared/exportFormats.ts';
import {
  allow,
  bearer,
  meetingAccess,
  tokenRefused,
  type AccessEnv,
} from '../access/middleware.ts';
import type { Principal, TokenService } from '../access/tokens.ts';
import { UsedOnce } from '../access/UsedOnce.ts';
import type { Clock } from '../../core/clock.ts';
import { AppError } from '../../core/errors.ts';
import { valid } from '../../core/validate.ts';
import type { CpuPool } from '../jobs/CpuPool.ts';
import type { MeetingStore } from '../meetings/MeetingStore.ts';
import type { VersionService } from '../versions/VersionService.ts';
import { ExportGate } from './ExportGate.ts';
import { exportFileName } from './exportMeeting.ts';

/**
 * `/api/meetings/:id/downloads` and `/export`: DOCX, PDF and HTML of the
 * meeting (the approved minutes from their frozen, verified version), with
 * the same access as reading it. Rendering runs in the worker pool.
 */
export function exportRoutes(deps: {
  tokens: TokenService;
  store: MeetingStore;
  versions: VersionService;
  /** Export rendering runs here, off the event loop. */
  cpuPool: CpuPool;
  /** The server's clock, by which a used download link may be forgotten once expired. */
  now: Clock;
}) {
  const { tokens, store } = deps;
  const exports = new ExportGate();
  const usedDownloads = new UsedOnce(deps.now);

  /**
   * The caller of an export: a download link's `dl` token (which must name
   * this meeting, format and version, and works once), else the bearer.
   */
  async function linkOrBearer(c: Context): Promise<Principal> {
    const link = c.req.query('dl');
    if (link === undefined) return bearer(c, tokens);
    const grant = await tokens.verifyDownload(link);
    if (typeof grant === 'string') throw tokenRefused(grant);
    if (
      grant.meetingId !== c.req.param('id') ||
      grant.format !== (c.req.query('format') ?? 'pdf') ||
      grant.publicVersion !== (c.req.query('public') === '1')
    ) {
      throw new AppError(403, 'forbidden', 'this download link is for another export');
    }
    if (!usedDownloads.claim(grant.linkId, grant.expiresAt)) {
      throw new AppError(410, 'downloadUsed', 'this download link was used already');
    }
    return grant.principal;
  }

  return (
    new Hono<AccessEnv>()
      /**
       * A download link for one export: `{ format, public }` -> a URL carrying a
       * token good for that export of this meeting only, once, for 60 s. A plain
       * link lets the browser download natively (phones too) without putting the
       * access token in a URL.
       */
      .post(
        '/:id/downloads',
        meetingAccess(deps),
        allow(store, 'read'),
        valid('json', downloadBody),
        async (c) => {
          const a = c.var.access;
          const { format, public: publicVersion } = c.req.valid('json');
          const { token, expiresAt } = await tokens.issueDownload(
            a.principal,
            a.meetingId,
            format,
            publicVersion,
          );
          const query = new URLSearchParams({
            format,
            ...(publicVersion ? { public: '1' } : {}),
            dl: token,
          });
          return c.json({ url: `/api/meetings/${a.meetingId}/export?${query}`, expiresAt }, 201);
        },
      )
      /** `?format=docx|pdf|html`, `&public=1` for the public version (closed items left out). */
      .get(
        '/:id/export',
        valid('query', exportQuery),
        meetingAccess(deps, linkOrBearer),
        allow(store, 'read'),
        async (c) => {
          const a = c.var.access;
          const { format, public: publicFlag } = c.req.valid('query');
          const publicVersion = publicFlag === '1';
          const { state, document } = await deps.versions.documentForExport(a);
          const { body, contentType } = await exports.render(
            a.principal.userId,
            { state, document, format, publicVersion },
            () =>
              deps.cpuPool.exportMeeting(state, document, format as ExportFormat, publicVersion),
          );
          const name = exportFileName(state, format, publicVersion);
          return c.body(typeof body === 'string' ? body : new Uint8Array(body), 200, {
            'content-type': contentType,
            'content-disposition': `attachment; filename="${name}"`,
            'cache-control': 'no-store',
          });
        },
      )
  );
}
