import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { sessionRoutes } from '../access/sessionRoutes.ts';
import type { OidcSignIn } from '../access/oidc.ts';
import type { PersonSessions } from '../access/PersonSessions.ts';
import type { TokenService } from '../access/tokens.ts';
import { approvalRoutes } from '../approvals/approvalRoutes.ts';
import type { ApprovalService } from '../approvals/ApprovalService.ts';
import { auditRoutes } from '../audit/auditRoutes.ts';
import { bilagRoutes } from '../bilag/bilagRoutes.ts';
import type { BilagService } from '../bilag/BilagService.ts';
import type { AuditService } from '../audit/AuditService.ts';
import { commentRoutes } from '../comments/commentRoutes.ts';
import type { CommentService } from '../comments/CommentService.ts';
import type { RoomManager } from '../collab/RoomManager.ts';
import { exportRoutes } from '../export/exportRoutes.ts';
import { healthRoutes } from '../health/healthRoutes.ts';
import { inviteRoutes } from '../invites/inviteRoutes.ts';
import type { InviteService } from '../invites/InviteService.ts';
import type { CpuPool } from '../jobs/CpuPool.ts';
import type { Logger } from '../log.ts';
import { mailRoutes } from '../mail/mailRoutes.ts';
import type { MailService } from '../mail/MailService.ts';
import type { Outbox } from '../mail/Outbox.ts';
import { absenceRoutes } from '../meetings/absenceRoutes.ts';
import type { AbsenceService } from '../meetings/AbsenceService.ts';
import { meetingRoutes } from '../meetings/meetingRoutes.ts';
import type { MeetingService } from '../meetings/MeetingService.ts';
import type { MeetingStore } from '../meetings/MeetingStore.ts';
import type { PhaseService } from '../meetings/PhaseService.ts';
import type { ProcessFaults } from '../processPolicy.ts';
import { rosterRoutes } from '../rosters/rosterRoutes.ts';
import type { RosterService } from '../rosters/RosterService.ts';
import { versionRoutes } from '../versions/versionRoutes.ts';
import type { VersionService } from '../versions/VersionService.ts';
import { AppError } from './errors.ts';

const API_BODY_LIMIT = 1024 * 1024;

/** What the API's routes are built from (createServer makes them). */
export interface ApiDeps {
  tokens: TokenService;
  people: PersonSessions;
  oidc: OidcSignIn;
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
  connections: Set<unknown>;
  faults: () => ProcessFaults | null;
  log: Logger;
  organiserKey: string;
  sessionTtlSeconds: number;
  accessTtlSeconds: number;
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
      .route('/session', sessionRoutes({ ...deps, log: deps.log.child('session') }))
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
