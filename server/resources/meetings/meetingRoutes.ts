import { Hono } from 'hono';
import { DOCX_MEDIA_TYPE } from '../../../shared/api/media.ts';
import { createMeetingBody, importQuery, phaseBody } from '../../../shared/api/schemas.ts';
import {
  allow,
  meetingAccess,
  organiserOnly,
  signedIn,
  type AccessEnv,
} from '../access/middleware.ts';
import type { TokenService } from '../access/tokens.ts';
import type { ApprovalService } from '../approvals/ApprovalService.ts';
import { danishDay, type Clock } from '../../core/clock.ts';
import { AppError } from '../../core/errors.ts';
import { valid } from '../../core/validate.ts';
import type { CpuPool } from '../jobs/CpuPool.ts';
import type { MeetingService } from './MeetingService.ts';
import type { MeetingStore } from './MeetingStore.ts';
import type { PhaseService } from './PhaseService.ts';

/** `text/plain` or a Word file, by the request's Content-Type; else 415. */
function importFormatOf(contentType: string | undefined): 'text' | 'docx' {
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (type === 'text/plain') return 'text';
  if (type === DOCX_MEDIA_TYPE) return 'docx';
  throw new AppError(415, 'unsupportedType', 'send text/plain or a .docx file');
}

/**
 * `/api/meetings`: the list, creating (blank, from a template, the next
 * meeting of an earlier one), importing, reading a meeting and its
 * document, changing its phase.
 */
export function meetingRoutes(deps: {
  tokens: TokenService;
  store: MeetingStore;
  meetings: MeetingService;
  phases: PhaseService;
  approvals: ApprovalService;
  /** Where uploads are parsed: off the event loop, with a deadline and a memory limit. */
  cpuPool: CpuPool;
  /** The server's clock: no deadline may fall before its Danish day. */
  now: Clock;
}) {
  const { store, meetings } = deps;
  const access = meetingAccess(deps);
  const phaseChange = phaseBody(() => danishDay(deps.now));
  return (
    new Hono<AccessEnv>()
      /** The secretariat sees every meeting; an invitee only the meeting of their token. */
      .get('/', signedIn(deps.tokens), async (c) =>
        c.json({ meetings: await meetings.listFor(c.var.principal) }),
      )
      .post('/', organiserOnly(deps.tokens), valid('json', createMeetingBody), async (c) => {
        const meeting = await meetings.create(c.var.principal, c.req.valid('json'));
        return c.json({ meeting }, 201);
      })
      /**
       * An existing agenda or minutes as a new meeting: plain text (`text/plain`,
       * e.g. copied from a PDF) or a Word file. Parsed in a worker thread (a
       * megabyte of hostile text or a zip bomb must not hold up live editing).
       * Answers the meeting, the lines kept as text, and how sure the import
       * is of each block it read (least sure first) for the user to check.
       */
      .post('/import', organiserOnly(deps.tokens), valid('query', importQuery), async (c) => {
        const format = importFormatOf(c.req.header('content-type'));
        const imported = await deps.cpuPool.importMinutes(
          format,
          new Uint8Array(await c.req.arrayBuffer()),
          c.req.valid('query').title,
        );
        const meeting = await meetings.imported(c.var.principal, imported, format);
        return c.json(
          {
            meeting,
            items: imported.items,
            participants: imported.participants,
            unrecognised: imported.unrecognised,
            checks: imported.checks,
          },
          201,
        );
      })
      /** The meeting, its server-owned state, and who the caller is in it. */
      .get('/:id', access, allow(store, 'read'), async (c) => {
        const { meetingId, principal, role } = c.var.access;
        await deps.approvals.ensureHash(meetingId);
        const state = store.state(meetingId)!;
        const approver = state.approvers.some((a) => a.userId === principal.userId);
        // The participant the caller's invitation is linked to: whose afbud they may register.
        const participantId = store
          .peek(meetingId)
          ?.workflow.invites.find((i) => i.id === principal.inviteId)?.participantId;
        return c.json({
          meeting: state.meta,
          state,
          you: {
            userId: principal.userId,
            name: principal.name,
            role,
            approver,
            participantId: participantId ?? null,
          },
        });
      })
      /** The meeting as JSON of the shared schema, with anything that did not fit reported. */
      .get('/:id/document', access, allow(store, 'read'), async (c) => {
        const meeting = store.state(c.var.access.meetingId)!.meta;
        return c.json({ meeting, ...(await meetings.document(meeting.id)) });
      })
      .post(
        '/:id/phase',
        access,
        allow(store, 'changePhase'),
        valid('json', phaseChange),
        async (c) => {
          const { to, ...deadlines } = c.req.valid('json');
          const meeting = await deps.phases.setPhase(c.var.access, to, deadlines);
          return c.json({ meeting });
        },
      )
  );
}
