import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { isRole } from '../../shared/access/permissions.ts';
import { MAX_NAME_LENGTH } from '../../shared/access/workflow.ts';
import { PHASES, type Phase } from '../../shared/meeting.ts';
import type { TokenService } from '../auth/tokens.ts';
import { isValidVersionId } from '../storage/Storage.ts';
import type { Access, Workflows } from '../workflow/Workflows.ts';
import type { Invite } from '../../shared/access/workflow.ts';
import { exportFileName } from '../export/exportMeeting.ts';
import type { CpuPool } from '../jobs/CpuPool.ts';
import { ExportGate } from '../export/ExportGate.ts';
import { UsedOnce } from '../auth/UsedOnce.ts';
import { EXPORT_FORMATS, type ExportFormat } from '../../shared/exportFormats.ts';
import { meetingAccess, principalOrFail } from './access.ts';
import type { DownloadGrant } from '../auth/tokens.ts';
import { jsonObject, textField } from './input.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function uuidParam(value: string | undefined, what: string): string {
  if (!value || !UUID.test(value)) throw new HTTPException(400, { message: `invalid ${what} id` });
  return value;
}

/**
 * `/api/meetings/:id/…`: the review and approval workflow. Every route checks
 * the caller's token and the permission table (shared/access/permissions.ts)
 * for the meeting's current phase; the checks live in Workflows.
 */
export function workflowRoutes({
  tokens,
  workflows,
  inviteTtlSeconds,
  cpuPool,
}: {
  tokens: TokenService;
  workflows: Workflows;
  inviteTtlSeconds: number;
  /** Export rendering runs here, off the event loop. */
  cpuPool: CpuPool;
}) {
  const app = new Hono();
  const access = (c: Parameters<typeof meetingAccess>[0]) => meetingAccess(c, tokens, workflows);
  const exports = new ExportGate();
  const usedDownloads = new UsedOnce();

  /** The link for the invite's current generation; its credential sits in the fragment (never sent to servers). */
  async function inviteLink(a: Access, invite: Invite) {
    const { token, expiresAt } = await tokens.issueInvite(
      { userId: invite.userId, name: invite.name, role: invite.role, meetingId: a.meetingId },
      invite.id,
      invite.linkGeneration ?? 1,
      inviteTtlSeconds,
    );
    return { credential: token, expiresAt, link: `/m/${a.meetingId}#invite=${token}` };
  }

  /** Format and public flag of an export, from a query or a JSON body; 400 otherwise. */
  function exportChoice(
    format: unknown,
    publicFlag: unknown,
  ): { format: ExportFormat; publicVersion: boolean } {
    if (!EXPORT_FORMATS.includes(format as ExportFormat)) {
      throw new HTTPException(400, {
        message: `format must be one of ${EXPORT_FORMATS.join(', ')}`,
      });
    }
    if (![true, false, '1', '0'].includes(publicFlag as never)) {
      throw new HTTPException(400, { message: 'public must be 1 or 0' });
    }
    return {
      format: format as ExportFormat,
      publicVersion: publicFlag === true || publicFlag === '1',
    };
  }

  app.post('/:id/phase', async (c) => {
    const a = await access(c);
    const { to } = await jsonObject(c.req);
    if (!PHASES.includes(to as Phase)) {
      throw new HTTPException(400, { message: `to must be one of ${PHASES.join(', ')}` });
    }
    return c.json({ meeting: await workflows.setPhase(a, to as Phase) });
  });

  app.get('/:id/invites', async (c) => {
    const a = await access(c);
    return c.json({ invites: workflows.invites(a) });
  });

  app.post('/:id/invites', async (c) => {
    const a = await access(c);
    const body = await jsonObject(c.req);
    const name = textField(body, 'name', MAX_NAME_LENGTH, true);
    if (!isRole(body.role)) {
      throw new HTTPException(400, {
        message: 'role must be organiser, minuteTaker, member or observer',
      });
    }
    if (body.approver !== undefined && typeof body.approver !== 'boolean') {
      throw new HTTPException(400, { message: 'approver must be true or false' });
    }
    const participantId =
      body.participantId === undefined ? undefined : textField(body, 'participantId', 100, true);
    const invite = await workflows.invite(a, {
      name,
      role: body.role,
      participantId,
      // Left out: the chair(s) of the meeting become approvers by default.
      approver: body.approver as boolean | undefined,
    });
    return c.json({ invite, ...(await inviteLink(a, invite)) }, 201);
  });

  /**
   * A new link for an existing invite (the organiser lost it, or it
   * expired). The earlier links stop working; the issue is audited.
   */
  app.post('/:id/invites/:inviteId/link', async (c) => {
    const a = await access(c);
    const invite = await workflows.reissueLink(a, uuidParam(c.req.param('inviteId'), 'invite'));
    return c.json({ invite, ...(await inviteLink(a, invite)) }, 201);
  });

  app.patch('/:id/invites/:inviteId', async (c) => {
    const a = await access(c);
    const inviteId = uuidParam(c.req.param('inviteId'), 'invite');
    const body = await jsonObject(c.req);
    if (typeof body.approver !== 'boolean') {
      throw new HTTPException(400, { message: 'approver must be true or false' });
    }
    return c.json({
      invite: await workflows.updateInvite(a, inviteId, { approver: body.approver }),
    });
  });

  app.delete('/:id/invites/:inviteId', async (c) => {
    const a = await access(c);
    const inviteId = uuidParam(c.req.param('inviteId'), 'invite');
    return c.json({ invite: await workflows.updateInvite(a, inviteId, { revoke: true }) });
  });

  app.post('/:id/approvals', async (c) => {
    const a = await access(c);
    const { hash } = await jsonObject(c.req);
    if (typeof hash !== 'string' || !/^[0-9a-f]{64}$/.test(hash)) {
      throw new HTTPException(400, { message: 'hash must be the content hash you approve' });
    }
    return c.json(await workflows.approve(a, hash));
  });

  app.get('/:id/versions', async (c) => {
    const a = await access(c);
    workflows.require(a, 'read');
    return c.json({ versions: workflows.state(a.meetingId)!.versions });
  });

  app.post('/:id/versions', async (c) => {
    const a = await access(c);
    const name = textField(await jsonObject(c.req), 'name', MAX_NAME_LENGTH, true);
    return c.json({ version: await workflows.namedVersion(a, name) }, 201);
  });

  app.get('/:id/versions/:versionId', async (c) => {
    const a = await access(c);
    const versionId = c.req.param('versionId');
    if (!isValidVersionId(versionId))
      throw new HTTPException(400, { message: 'invalid version id' });
    return c.json(await workflows.readVersion(a, versionId));
  });

  /** Changes since a version (default: the draft sent out), as readable lines. */
  app.get('/:id/diff', async (c) => {
    const a = await access(c);
    const from = c.req.query('from');
    if (from !== undefined && !isValidVersionId(from)) {
      throw new HTTPException(400, { message: 'invalid version id' });
    }
    return c.json(await workflows.diff(a, from));
  });

  /**
   * A download link for one export: `{ format, public }` -> a URL carrying a
   * token good for that export of this meeting only, for 60 s. A plain link
   * lets the browser download natively (phones too) without putting the
   * access token in a URL.
   */
  app.post('/:id/downloads', async (c) => {
    const a = await access(c);
    workflows.require(a, 'read');
    const body = await jsonObject(c.req);
    const { format, publicVersion } = exportChoice(body.format, body.public);
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
  });

  /**
   * `?format=docx|pdf|html`, `&public=1` for the public version (closed items
   * left out), with the access token in the Authorization header or a
   * download link's `dl` token (which must name this meeting, format and
   * version). Same access as reading the meeting; the approved minutes are
   * exported from their frozen, verified version.
   */
  app.get('/:id/export', async (c) => {
    const { format, publicVersion } = exportChoice(
      c.req.query('format') ?? 'pdf',
      c.req.query('public') === undefined ? false : c.req.query('public'),
    );
    const link = c.req.query('dl');
    let a: Access;
    if (link !== undefined) {
      const grant = await tokens.verifyDownload(link);
      if (typeof grant === 'string') principalOrFail(grant);
      const g = grant as DownloadGrant;
      if (
        g.meetingId !== c.req.param('id') ||
        g.format !== format ||
        g.publicVersion !== publicVersion
      ) {
        throw new HTTPException(403, { message: 'this download link is for another export' });
      }
      if (!usedDownloads.claim(g.linkId, g.expiresAt)) {
        throw new HTTPException(410, { message: 'this download link was used already' });
      }
      a = await meetingAccess(c, tokens, workflows, c.req.param('id'), g.principal);
    } else {
      a = await access(c);
    }
    workflows.require(a, 'read');
    const { state, document } = await workflows.documentForExport(a);
    const { body, contentType } = await exports.render(
      a.principal.userId,
      { state, document, format, publicVersion },
      () => cpuPool.exportMeeting(state, document, format as ExportFormat, publicVersion),
    );
    const name = exportFileName(state, format as ExportFormat, publicVersion);
    return c.body(typeof body === 'string' ? body : new Uint8Array(body), 200, {
      'content-type': contentType,
      'content-disposition': `attachment; filename="${name}"`,
      'cache-control': 'no-store',
    });
  });

  app.get('/:id/audit', async (c) => {
    const a = await access(c);
    return c.json(await workflows.auditLog(a));
  });

  app.post('/:id/comments', async (c) => {
    const a = await access(c);
    const body = await jsonObject(c.req);
    return c.json({ thread: await workflows.addThread(a, body as never) }, 201);
  });

  app.post('/:id/comments/:threadId/replies', async (c) => {
    const a = await access(c);
    const threadId = uuidParam(c.req.param('threadId'), 'thread');
    const { text } = await jsonObject(c.req);
    return c.json({ thread: await workflows.reply(a, threadId, text) }, 201);
  });

  app.post('/:id/comments/:threadId/resolve', async (c) => {
    const a = await access(c);
    const threadId = uuidParam(c.req.param('threadId'), 'thread');
    const { resolved } = await jsonObject(c.req);
    if (typeof resolved !== 'boolean') {
      throw new HTTPException(400, { message: 'resolved must be true or false' });
    }
    return c.json({ thread: await workflows.resolve(a, threadId, resolved) });
  });

  return app;
}
