import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { sessionRoutes } from '../resources/access/sessionRoutes.ts';
import type { PersonSessions } from '../resources/access/PersonSessions.ts';
import type { SessionService } from '../resources/access/SessionService.ts';
import type { TokenService } from '../resources/access/tokens.ts';
import { approvalRoutes } from '../resources/approvals/approvalRoutes.ts';
import type { ApprovalService } from '../resources/approvals/ApprovalService.ts';
import { auditRoutes } from '../resources/audit/auditRoutes.ts';
import { bilagRoutes } from '../resources/bilag/bilagRoutes.ts';
import type { BilagService } from '../resources/bilag/BilagService.ts';
import type { AuditService } from '../resources/audit/AuditService.ts';
import { commentRoutes } from '../resources/comments/commentRoutes.ts';
import type { CommentService } from '../resources/comments/CommentService.ts';
import type { RoomManager } from '../collab/RoomManager.ts';
import { exportRoutes } from '../resources/export/exportRoutes.ts';
import { healthRoutes } from '../resources/health/healthRoutes.ts';
import { inviteRoutes } from '../resources/invites/inviteRoutes.ts';
import type { InviteService } from '../resources/invites/InviteService.ts';
import type { CpuPool } from '../resources/jobs/CpuPool.ts';
import type { Clock } from '../core/clock.ts';
import type { Logger } from '../core/log.ts';
import { mailRoutes } from '../resources/mail/mailRoutes.ts';
import type { MailService } from '../resources/mail/MailService.ts';
import type { Outbox } from '../resources/mail/Outbox.ts';
import { absenceRoutes } from '../resources/meetings/absenceRoutes.ts';
import type { AbsenceService } from '../resources/meetings/AbsenceService.ts';
import { meetingRoutes } from '../resources/meetings/meetingRoutes.ts';
import type { MeetingService } from '../resources/meetings/MeetingService.ts';
import type { MeetingStore } from '../resources/meetings/MeetingStore.ts';
import type { PhaseService } from '../resources/meetings/PhaseService.ts';
import type { ProcessFaults } from './processPolicy.ts';
import { rosterRoutes } from '../resources/rosters/rosterRoutes.ts';
import type { RosterService } from '../resources/rosters/RosterService.ts';
import { versionRoutes } from '../resources/versions/versionRoutes.ts';
import type { VersionService } from '../resources/versions/VersionService.ts';
import { AppError } from '../core/errors.ts';

const API_BODY_LIMIT = 1024 * 1024;

/** What the API's routes are built from (createServer makes them). */
export interface ApiDeps {
  tokens: TokenService;
  sessions: SessionService;
  people: PersonSessions;
  store: MeetingStore;
  meetings: MeetingService;
  phases: PhaseService;
  invites: InviteService;
  approvals: ApprovalService;
  versions: VersionService;
  comments: CommentService;
  audit: AuditService;
  mails: MailService;
  outbox: Outbox;
  rosters: RosterService;
  absence: AbsenceService;
  bilag: BilagService;
  rooms: RoomManager;
  cpuPool: CpuPool;
  faults: () => ProcessFaults | null;
  log: Logger;
  /** The server's clock (deadlines are checked against its date). */
  now: Clock;
  inviteTtlSeconds: number;
  trustProxy: boolean;
}

/**
 * `/api`: one sub-app per resource, mounted in one chain so that its type
 * (`ApiType`) describes every route, its input and its answer — what the
 * client's typed calls (client/api.ts, hono/client) are checked against.
 */
export function apiRoutes(deps: ApiDeps) {
  return (
    new Hono()
      // First: a bilag upload has its own, larger body limit; the one below
      // never runs for these routes (Hono runs handlers in the order registered).
      .route('/meetings', bilagRoutes(deps))
      .use(
        bodyLimit({
          maxSize: API_BODY_LIMIT,
          onError: () => {
            throw new AppError(413, 'tooLarge', 'request body too large');
          },
        }),
      )
      .route('/health', healthRoutes(deps))
      .route('/session', sessionRoutes(deps))
      .route('/meetings', meetingRoutes(deps))
      .route('/meetings', inviteRoutes(deps))
      .route('/meetings', approvalRoutes(deps))
      .route('/meetings', versionRoutes(deps))
      .route('/meetings', exportRoutes(deps))
      .route('/meetings', commentRoutes(deps))
      .route('/meetings', auditRoutes(deps))
      .route('/meetings', mailRoutes(deps))
      .route('/meetings', absenceRoutes(deps))
      .route('/rosters', rosterRoutes(deps))
  );
}

export type ApiType = ReturnType<typeof apiRoutes>;
