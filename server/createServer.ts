import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { serve, type ServerType } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { createNodeWebSocket } from '@hono/node-ws';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { CLOSE_GOING_AWAY, CLOSE_NO_ACCESS, CLOSE_REASONS } from '../shared/protocol/closeCodes.ts';
import { COLLAB_SUBPROTOCOL, MESSAGE_COMMENT_THREAD } from '../shared/protocol/messages.ts';
import { encodeJSONMessage, type MeetingStateMessage } from '../shared/protocol/extraMessages.ts';
import { TokenService } from './auth/tokens.ts';
import type { Config } from './config.ts';
import type { Connection } from './collab/Connection.ts';
import { CpuPool } from './jobs/CpuPool.ts';
import { RoomManager } from './collab/RoomManager.ts';
import type { Logger } from './log.ts';
import type { ProcessFaults } from './processPolicy.ts';
import { securityHeaders } from './securityHeaders.ts';
import { collabRoutes } from './routes/collabRoutes.ts';
import { healthRoutes } from './routes/healthRoutes.ts';
import { meetingRoutes } from './routes/meetingRoutes.ts';
import { sessionRoutes } from './routes/sessionRoutes.ts';
import { workflowRoutes } from './routes/workflowRoutes.ts';
import type { Storage } from './storage/Storage.ts';
import { WorkflowError, Workflows } from './workflow/Workflows.ts';

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
}

export interface RunningServer {
  port: number;
  /** Stops accepting, closes sockets (1001), flushes every meeting. */
  close(): Promise<{ failed: string[] }>;
}

const API_BODY_LIMIT = 1024 * 1024;

/**
 * Builds the whole server from its dependencies; nothing here reads the
 * environment. `config.tokenSecret` and `config.organiserKey` must be set
 * (main.ts fills them in with `resolveSecrets`).
 */
export function createServer({ config, storage, log }: ServerDeps) {
  if (!config.tokenSecret || !config.organiserKey) {
    throw new Error('createServer needs config.tokenSecret and config.organiserKey');
  }
  const tokens = new TokenService(config.tokenSecret);
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
  const app = new Hono();
  app.use('*', securityHeaders());
  const { injectWebSocket, upgradeWebSocket, wss } = createNodeWebSocket({ app });
  // @hono/node-ws creates its WebSocketServer with ws's 100 MiB default; ws then
  // closes a connection whose frame is larger with 1009 before buffering it.
  wss.options.maxPayload = config.maxMessageBytes;
  // The client offers `referat` and `auth.<token>`; answer `referat`, never echo the token.
  wss.options.handleProtocols = (protocols) =>
    protocols.has(COLLAB_SUBPROTOCOL) ? COLLAB_SUBPROTOCOL : false;

  const rooms = new RoomManager(
    storage,
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
  );
  const connections = new Set<Connection>();
  const workflows = new Workflows(storage, rooms, log.child('workflow'), {
    maxBytes: config.maxCommentBytes,
    burst: config.commentBurst,
    intervalMs: config.commentIntervalMs,
    compactAfterBytes: config.commentCompactAfterBytes,
  });
  rooms.onLoaded = (room) => workflows.attach(room);
  workflows.onChange = (meetingId) => {
    const state = workflows.state(meetingId);
    if (!state) return;
    // Each connection got every thread with its first state; since then
    // threads travel one at a time (onThread), so a state push stays small.
    const { threads: _threads, ...rest } = state;
    const message: MeetingStateMessage = rest;
    for (const conn of connections) if (conn.meetingId === meetingId) conn.sendState(message);
  };
  workflows.onThread = (meetingId, thread) => {
    const message = encodeJSONMessage(MESSAGE_COMMENT_THREAD, thread);
    for (const conn of connections) if (conn.meetingId === meetingId) conn.sendThread(message);
  };
  workflows.onRevoke = (meetingId, inviteId) => {
    for (const conn of connections) {
      if (conn.meetingId === meetingId && conn.access.principal.inviteId === inviteId) {
        conn.close(CLOSE_NO_ACCESS, CLOSE_REASONS[CLOSE_NO_ACCESS]);
      }
    }
  };

  // The websocket route comes before any catch-all (static files, SPA fallback).
  app.route(
    '/collab',
    collabRoutes({ tokens, workflows, rooms, upgradeWebSocket, log: log.child('ws'), connections }),
  );

  const api = new Hono();
  api.use(
    bodyLimit({
      maxSize: API_BODY_LIMIT,
      onError: (c) => c.json({ error: 'request body too large' }, 413),
    }),
  );
  const built = { processFaults: null as ProcessFaults | null };
  api.route('/health', healthRoutes({ rooms, connections, faults: () => built.processFaults }));
  api.route(
    '/session',
    sessionRoutes({
      tokens,
      workflows,
      organiserKey: config.organiserKey,
      sessionTtlSeconds: config.sessionTtlHours * 3600,
      accessTtlSeconds: config.accessTtlSeconds,
      trustProxy: config.trustProxy,
      log: log.child('api'),
    }),
  );
  api.route(
    '/meetings',
    meetingRoutes({ storage, rooms, tokens, workflows, cpuPool, log: log.child('api') }),
  );
  api.route(
    '/meetings',
    workflowRoutes({
      tokens,
      workflows,
      inviteTtlSeconds: config.inviteTtlDays * 86400,
      cpuPool,
    }),
  );
  api.notFound((c) => c.json({ error: 'not found' }, 404));
  app.route('/api', api);

  // Unknown API paths answer as the API does, not with the app's page.
  app.all('/api/*', (c) => c.json({ error: 'not found' }, 404));
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

  app.onError((err, c) => {
    if (err instanceof HTTPException) {
      return err.res ? err.getResponse() : c.json({ error: err.message }, err.status);
    }
    if (err instanceof WorkflowError) return c.json({ error: err.message }, err.status);
    if (isStorageUnavailable(err)) {
      log.error('storage unavailable', { path: c.req.path, error: err });
      return c.json(
        { error: 'the server cannot write its data now (disk full or read-only)' },
        507,
      );
    }
    log.error('request failed', { path: c.req.path, error: err });
    return c.json({ error: 'internal error' }, 500);
  });

  async function listen(port = config.port, host = config.host): Promise<RunningServer> {
    const server: ServerType = await new Promise((resolve) => {
      const s = serve({ fetch: app.fetch, port, hostname: host }, () => resolve(s));
    });
    injectWebSocket(server);
    const actualPort = (server.address() as AddressInfo).port;
    log.info('listening', { port: actualPort, dataDir: config.dataDir });
    return {
      port: actualPort,
      async close() {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        for (const conn of connections)
          conn.close(CLOSE_GOING_AWAY, CLOSE_REASONS[CLOSE_GOING_AWAY]);
        const result = await rooms.flushAll();
        // Evicting the rooms queued their last workflow writes (edit attribution).
        await workflows.settled();
        if ('closeAllConnections' in server) server.closeAllConnections();
        wss.close();
        await cpuPool.close();
        await closed;
        return result;
      },
    };
  }

  return Object.assign(built, { app, rooms, workflows, tokens, connections, cpuPool, listen });
}

/** Write errors of a full or read-only disk: the request failed as a whole, nothing half-done. */
function isStorageUnavailable(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  return (
    code === 'ENOSPC' ||
    code === 'EROFS' ||
    code === 'EACCES' ||
    code === 'EPERM' ||
    code === 'EDQUOT'
  );
}
