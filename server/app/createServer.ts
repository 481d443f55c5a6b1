import { Hono } from 'hono';
import { serve, type ServerType } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { createNodeWebSocket } from '@hono/node-ws';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import {
  CLOSE_GOING_AWAY,
  CLOSE_NO_ACCESS,
  CLOSE_REASONS,
  CLOSE_TOKEN_EXPIRED,
} from '../../shared/protocol/closeCodes.ts';
import { COLLAB_SUBPROTOCOL, MESSAGE_COMMENT_THREAD } from '../../shared/protocol/messages.ts';
import {
  encodeJSONMessage,
  type MeetingStateMessage,
} from '../../shared/protocol/extraMessages.ts';
import { authRoutes } from '../resources/access/authRoutes.ts';
import { OidcSignIn } from '../resources/access/oidc.ts';
import { PersonSessions } from '../resources/access/PersonSessions.ts';
import { SessionService } from '../resources/access/SessionService.ts';
import { TokenService } from '../resources/access/tokens.ts';
import { ApprovalService } from '../resources/approvals/ApprovalService.ts';
import { AuditService } from '../resources/audit/AuditService.ts';
import { BilagService } from '../resources/bilag/BilagService.ts';
import { collabRoutes } from '../resources/meetings/collabRoutes.ts';
import type { Room } from '../collab/Room.ts';
import { RoomManager } from '../collab/RoomManager.ts';
import { CommentService } from '../resources/comments/CommentService.ts';
import { systemClock, type Clock } from '../core/clock.ts';
import type { Config } from '../core/config.ts';
import { apiRoutes } from './api.ts';
import { AppError, errorHandler } from '../core/errors.ts';
import { InviteService } from '../resources/invites/InviteService.ts';
import { ApprovalReminders } from '../resources/mail/ApprovalReminders.ts';
import { watchMail } from '../resources/mail/mailHooks.ts';
import { MailService } from '../resources/mail/MailService.ts';
import { Outbox } from '../resources/mail/Outbox.ts';
import { smtpTransport } from '../resources/mail/SmtpTransport.ts';
import { CpuPool } from '../resources/jobs/CpuPool.ts';
import type { Logger } from '../core/log.ts';
import { AbsenceService } from '../resources/meetings/AbsenceService.ts';
import { MeetingHooks } from '../core/hooks.ts';
import { MeetingService } from '../resources/meetings/MeetingService.ts';
import { MeetingStore } from '../resources/meetings/MeetingStore.ts';
import { PhaseService } from '../resources/meetings/PhaseService.ts';
import type { ProcessFaults } from './processPolicy.ts';
import { RosterService } from '../resources/rosters/RosterService.ts';
import { securityHeaders } from './securityHeaders.ts';
import type { Storage } from '../storage/Storage.ts';
import { VersionService } from '../resources/versions/VersionService.ts';
import { watchApprovals } from '../resources/watchers/approvalVoiding.ts';
import { watchEditors } from '../resources/watchers/editAttribution.ts';
import { watchListing } from '../resources/watchers/listingSync.ts';

// Node 20 has no global ErrorEvent; @hono/node-ws constructs one on socket errors.
globalThis.ErrorEvent ??= class ErrorEvent extends Event {
  readonly error: unknown;
  readonly message: string;
  constructor(type: string, init: { error?: unknown; message?: string } = {}) {
    super(type);
    this.error = init.error;
    this.message = init.message ?? '';
  }
} as unknown as typeof globalThis.ErrorEvent;

export interface ServerDeps {
  config: Config;
  storage: Storage;
  log: Logger;
  /**
   * The server's clock (default: the real time), for everything whose
   * behaviour depends on the date or time of day (core/clock.ts): tests set
   * the day instead of depending on the one they run on.
   */
  now?: Clock;
}

export interface RunningServer {
  port: number;
  /** Stops accepting, closes sockets (1001), flushes every meeting. */
  close(): Promise<{ failed: string[] }>;
}

/**
 * Builds the whole server from its dependencies; nothing here reads the
 * environment. `config.tokenSecret` and `config.organiserKey` must be set
 * (main.ts fills them in with `resolveSecrets`).
 */
export function createServer({ config, storage, log, now = systemClock }: ServerDeps) {
  if (!config.tokenSecret || !config.organiserKey) {
    throw new Error('createServer needs config.tokenSecret and config.organiserKey');
  }
  const tokens = new TokenService(config.tokenSecret, now);
  // People signed in through an identity provider (none configured: the embedded mode).
  const people = new PersonSessions(storage.sessions, log.child('sessions'), now);
  tokens.sessionAlive = (id) => people.get(id) !== null;
  // Without a configured address: this machine, by the name it listens on.
  const localName = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const publicUrl = { value: config.publicUrl || `http://${localName}:${config.port}` };
  const oidc = new OidcSignIn(
    config.oidc,
    () => `${publicUrl.value}/auth/callback`,
    log.child('oidc'),
  );
  // Import parsing and export rendering run here, off the event loop (workers start on demand).
  const cpuPool = new CpuPool(
    {
      workers: config.cpuWorkers,
      maxQueue: config.cpuQueue,
      timeoutMs: config.cpuJobTimeoutMs,
      maxHeapMb: config.cpuWorkerHeapMb,
      idleMs: 60_000,
    },
    log.child('jobs'),
  );
  const hooks = new MeetingHooks<Room>(log.child('hooks'));
  const rooms = new RoomManager(
    storage.documents,
    {
      idleEvictMs: config.idleEvictMs,
      groupCommitMs: config.groupCommitMs,
      compactAfterBytes: config.compactAfterBytes,
      limits: {
        maxDepth: config.maxDepth,
        maxUpdateBytes: config.maxUpdateBytes,
        maxDocumentBytes: config.maxDocumentBytes,
      },
    },
    log.child('collab'),
    hooks,
  );
  // The meeting services log as the record store they work through does.
  const meetingsLog = log.child('meetings');
  const store = new MeetingStore({
    meetings: storage.meetings,
    comments: storage.comments,
    audit: storage.audit,
    rooms,
    hooks,
    log: meetingsLog,
  });
  const versions = new VersionService(store, {
    rooms,
    storage: storage.versions,
    log: meetingsLog,
  });
  const approvals = new ApprovalService(store, versions, {
    rooms,
    hooks,
    people,
    stepUpSeconds: config.stepUpSeconds,
    log: meetingsLog,
  });
  const invites = new InviteService(store, rooms, hooks);
  const rosters = new RosterService(storage.rosters, log.child('rosters'), now);
  const services = {
    store,
    versions,
    approvals,
    rosters,
    absence: new AbsenceService(store, rooms),
    meetings: new MeetingService(store, invites, rosters, {
      rooms,
      meetings: storage.meetings,
      documents: storage.documents,
      log: meetingsLog,
    }),
    phases: new PhaseService(store, versions, approvals, hooks),
    invites,
    comments: new CommentService(
      store,
      {
        maxBytes: config.maxCommentBytes,
        burst: config.commentBurst,
        intervalMs: config.commentIntervalMs,
        compactAfterBytes: config.commentCompactAfterBytes,
      },
      { rooms, hooks, storage: storage.comments, log: meetingsLog },
    ),
    audit: new AuditService(store, storage.audit),
    bilag: new BilagService(
      store,
      versions,
      approvals,
      {
        maxBytes: config.maxBilagBytes,
        maxMeetingBytes: config.maxMeetingBilagBytes,
        maxFiles: config.maxBilagFiles,
      },
      { rooms, storage: storage.bilag, log: meetingsLog },
    ),
  };

  // Mail: the outbox sends what the meeting's events make (server/mail/).
  const from = { name: config.mailFromName, email: config.mailFrom || 'referat@localhost' };
  const outbox = new Outbox(
    storage.outbox,
    config.smtpHost ? smtpTransport(config) : null,
    {
      maxQueued: config.mailMaxQueued,
      maxBytes: config.mailMaxBytes,
      retryMs: config.mailRetryMs,
      retryMaxMs: config.mailRetryMaxMs,
      maxAttempts: config.mailMaxAttempts,
      domain: from.email.split('@')[1],
    },
    log.child('mail'),
  );
  const mails = new MailService({
    store,
    rooms,
    outbox,
    versions,
    cpuPool,
    baseUrl: () => publicUrl.value,
    from,
    log: log.child('mail'),
    now,
  });
  const reminders = new ApprovalReminders(
    mails,
    storage.meetings,
    config.approvalReminderDays,
    log.child('mail'),
    now,
  );

  // What happens to a meeting, and who reacts (server/meetings/hooks.ts).
  watchMail(hooks, store, mails, reminders);
  watchApprovals({ hooks, rooms, store, approvals, log: meetingsLog });
  watchEditors(hooks, store);
  watchListing(hooks, store);
  // Pushes and closes go through the rooms' one list of connections (collab/RoomManager).
  hooks.on('failing', (room) => hooks.emit('stateChanged', room.meetingId));
  hooks.on('stateChanged', (meetingId) => {
    const state = store.state(meetingId);
    if (!state) return;
    // Each connection got every thread with its first state; since then
    // threads travel one at a time (threadChanged), so a state push stays small.
    const { threads: _threads, ...rest } = state;
    const message: MeetingStateMessage = rest;
    rooms.pushState(meetingId, message);
  });
  hooks.on('threadChanged', (meetingId, thread) => {
    rooms.pushThread(meetingId, encodeJSONMessage(MESSAGE_COMMENT_THREAD, thread));
  });
  // A sign-in that ended (signed out, replaced by a step-up) ends its open sockets too:
  // 4401 makes a client renew, which only a live sign-in can.
  people.onEnded = (sessionId) => {
    rooms.closeConnections(
      ({ access: { principal } }) =>
        principal.credential.kind === 'oidc' && principal.credential.sessionId === sessionId,
      CLOSE_TOKEN_EXPIRED,
      CLOSE_REASONS[CLOSE_TOKEN_EXPIRED],
    );
  };
  hooks.on('inviteRevoked', (meetingId, inviteId) => {
    rooms.closeConnections(
      (conn) => conn.access.principal.inviteId === inviteId,
      CLOSE_NO_ACCESS,
      CLOSE_REASONS[CLOSE_NO_ACCESS],
      meetingId,
    );
  });

  const app = new Hono();
  app.use('*', securityHeaders());
  const { injectWebSocket, upgradeWebSocket, wss } = createNodeWebSocket({ app });
  // @hono/node-ws creates its WebSocketServer with ws's 100 MiB default; ws then
  // closes a connection whose frame is larger with 1009 before buffering it.
  wss.options.maxPayload = config.maxMessageBytes;
  // The client offers `referat` and `auth.<token>`; answer `referat`, never echo the token.
  wss.options.handleProtocols = (protocols) =>
    protocols.has(COLLAB_SUBPROTOCOL) ? COLLAB_SUBPROTOCOL : false;

  // The websocket route comes before any catch-all (static files, SPA fallback).
  app.route(
    '/collab',
    collabRoutes({
      tokens,
      store,
      audit: services.audit,
      rooms,
      upgradeWebSocket,
      log: log.child('ws'),
      now,
    }),
  );
  if (oidc.enabled) {
    app.route(
      '/auth',
      authRoutes({
        oidc,
        people,
        secure: publicUrl.value.startsWith('https://'),
        sessionTtlSeconds: config.sessionTtlHours * 3600,
        log: log.child('auth'),
      }),
    );
  }
  const built = { processFaults: null as ProcessFaults | null };
  // Sign-in and access tokens (`/api/session`).
  const sessions = new SessionService({
    tokens,
    store,
    invites,
    people,
    oidc,
    audit: services.audit,
    organiserKey: config.organiserKey,
    sessionTtlSeconds: config.sessionTtlHours * 3600,
    accessTtlSeconds: config.accessTtlSeconds,
    log: log.child('session'),
    now,
  });
  app.route(
    '/api',
    apiRoutes({
      ...services,
      sessions,
      mails,
      outbox,
      tokens,
      people,
      rooms,
      cpuPool,
      faults: () => built.processFaults,
      log: log.child('api'),
      now,
      inviteTtlSeconds: config.inviteTtlDays * 86400,
      trustProxy: config.trustProxy,
    }),
  );
  // Unknown API paths answer as the API does, not with the app's page.
  app.all('/api/*', () => {
    throw new AppError(404, 'notFound', 'not found');
  });
  if (existsSync(path.join(config.clientDir, 'index.html'))) {
    app.use('/*', serveStatic({ root: config.clientDir }));
    // A missing script or style is a 404, never the app's page under a script's name.
    app.get('/assets/*', (c) => c.text('not found', 404));
    // Client-side routes (/m/<id>) get the app shell.
    app.get('/*', serveStatic({ root: config.clientDir, path: 'index.html' }));
  } else {
    app.get('/', (c) =>
      c.text('Referat: the client is not built. Run `npm run build` (or `npm start`).', 503),
    );
  }
  app.onError(errorHandler(log));

  async function listen(port = config.port, host = config.host): Promise<RunningServer> {
    const server: ServerType = await new Promise((resolve) => {
      const s = serve({ fetch: app.fetch, port, hostname: host }, () => resolve(s));
    });
    injectWebSocket(server);
    const actualPort = (server.address() as AddressInfo).port;
    if (!config.publicUrl) publicUrl.value = `http://${localName}:${actualPort}`;
    await people.load();
    // Mails accepted before a stop go now; reminders are scheduled from the stored deadlines.
    await outbox.start();
    await reminders.start();
    log.info('listening', { port: actualPort, dataDir: config.dataDir });
    return {
      port: actualPort,
      async close() {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        rooms.closeConnections(() => true, CLOSE_GOING_AWAY, CLOSE_REASONS[CLOSE_GOING_AWAY]);
        reminders.close();
        // Mails being composed read the meetings: into the outbox before the rooms go.
        await mails.close();
        await outbox.close();
        const result = await rooms.flushAll();
        // Evicting the rooms queued their last record writes (edit attribution).
        await store.settled();
        if ('closeAllConnections' in server) server.closeAllConnections();
        wss.close();
        await cpuPool.close();
        await closed;
        return result;
      },
    };
  }

  return Object.assign(
    built,
    { app, rooms, tokens, people, sessions, cpuPool, hooks, listen, mails, outbox },
    services,
  );
}
