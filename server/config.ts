import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** Everything the server can be told from outside. Only this module reads `process.env`. */
export interface Config {
  /** TCP port; 0 picks a free one (tests). */
  port: number;
  host: string;
  /** Where meetings are stored (one folder per meeting). */
  dataDir: string;
  /** Built client served at `/`; missing folder = API and websocket only. */
  clientDir: string;
  /** Largest websocket message accepted; larger ones close the connection (1009). */
  maxMessageBytes: number;
  /** Largest single document update; a larger one is refused (not applied, stored or relayed). */
  maxUpdateBytes: number;
  /** Largest a meeting's document may grow to (its Yjs state with history); beyond it edits are refused. */
  maxDocumentBytes: number;
  /** Deepest nesting of content an update may create (real minutes need fewer than 15 levels). */
  maxDepth: number;
  /** How long a meeting with no connections stays in memory before it is flushed and evicted. */
  idleEvictMs: number;
  /** How long the first update of a batch waits for others before one fsync covers them all. */
  groupCommitMs: number;
  /** Log size after which the meeting is compacted into a new snapshot. */
  compactAfterBytes: number;
  /**
   * Comment text one meeting may hold (UTF-8 bytes of messages and quoted
   * text); beyond it new comments are refused (413). Bounds what a meeting's
   * members can make the server store and send.
   */
  maxCommentBytes: number;
  /** Comment writes (thread, reply, resolve) one person may make in a meeting at once… */
  commentBurst: number;
  /** …and then one per this many milliseconds; faster ones are refused (429). */
  commentIntervalMs: number;
  /** Comment event log size after which a meeting's comments are compacted into one snapshot. */
  commentCompactAfterBytes: number;
  /** Largest file (bilag) one upload may attach to an agenda item; larger is refused (413). */
  maxBilagBytes: number;
  /**
   * All of a meeting's bilag together: bounds its disk use and the agenda
   * package (every bilag goes to a worker thread to be merged).
   */
  maxMeetingBilagBytes: number;
  /** Files (bilag) one meeting may hold. */
  maxBilagFiles: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /**
   * Signs and verifies access tokens (HS256). Empty = generated once and kept
   * in `<dataDir>/secrets/token-secret` (see `resolveSecrets`).
   */
  tokenSecret: string;
  /**
   * The organiser credential: whoever presents it gets an organiser token that
   * can create meetings and invite people. Empty = generated once and kept in
   * `<dataDir>/secrets/organiser-key`; the start-up log prints a login link.
   */
  organiserKey: string;
  /** How long an invite link stays valid. */
  inviteTtlDays: number;
  /** How long an organiser login lasts. */
  sessionTtlHours: number;
  /**
   * How long an access token lives. Clients renew it from their credential
   * (invite link or sign-in) before it runs out; an open socket is closed
   * (4401) when its token expires, and revoking a credential takes effect
   * on every REST call at once and on sockets immediately.
   */
  accessTtlSeconds: number;
  /**
   * Behind one reverse proxy: take the client's address from the last entry
   * of X-Forwarded-For (for the sign-in limiter). Off when clients connect directly.
   */
  trustProxy: boolean;
  /** Worker threads for CPU-heavy jobs (import parsing, export rendering), off the event loop. */
  cpuWorkers: number;
  /** Jobs that may wait for a worker; beyond it an import or export is refused (503). */
  cpuQueue: number;
  /** A job running longer is stopped (its worker ended and replaced) and answered 503. */
  cpuJobTimeoutMs: number;
  /** Heap limit of each worker (MB): a job needing more ends only its worker. */
  cpuWorkerHeapMb: number;
}

export const DEFAULT_CONFIG: Config = {
  port: 8080,
  host: '0.0.0.0',
  dataDir: path.resolve('data'),
  clientDir: path.resolve('dist/client'),
  maxMessageBytes: 2 * 1024 * 1024,
  maxUpdateBytes: 2 * 1024 * 1024,
  maxDocumentBytes: 20 * 1024 * 1024,
  maxDepth: 64,
  idleEvictMs: 30_000,
  groupCommitMs: 2,
  compactAfterBytes: 1024 * 1024,
  maxCommentBytes: 5 * 1024 * 1024,
  commentBurst: 10,
  commentIntervalMs: 3000,
  commentCompactAfterBytes: 1024 * 1024,
  maxBilagBytes: 20 * 1024 * 1024,
  maxMeetingBilagBytes: 100 * 1024 * 1024,
  maxBilagFiles: 100,
  logLevel: 'info',
  tokenSecret: '',
  organiserKey: '',
  inviteTtlDays: 90,
  sessionTtlHours: 12,
  accessTtlSeconds: 15 * 60,
  trustProxy: false,
  // One core stays with the event loop.
  cpuWorkers: Math.max(1, Math.min(4, os.availableParallelism() - 1)),
  cpuQueue: 8,
  cpuJobTimeoutMs: 60_000,
  cpuWorkerHeapMb: 512,
};

/** Secrets shorter than this are refused: a guessable key opens every meeting. */
export const MIN_SECRET_LENGTH = 16;

function intFrom(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`${name} must be an integer >= ${min}, got "${raw}"`);
  }
  return value;
}

/** Reads the configuration from environment variables (see README, "Configuration"). */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const logLevel = (env.REFERAT_LOG_LEVEL ?? DEFAULT_CONFIG.logLevel) as Config['logLevel'];
  if (!['debug', 'info', 'warn', 'error', 'silent'].includes(logLevel)) {
    throw new Error(`REFERAT_LOG_LEVEL must be debug, info, warn, error or silent`);
  }
  return {
    port: intFrom(env, 'PORT', DEFAULT_CONFIG.port, 0),
    host: env.HOST || DEFAULT_CONFIG.host,
    dataDir: path.resolve(env.REFERAT_DATA_DIR || DEFAULT_CONFIG.dataDir),
    clientDir: path.resolve(env.REFERAT_CLIENT_DIR || DEFAULT_CONFIG.clientDir),
    maxMessageBytes: intFrom(
      env,
      'REFERAT_MAX_MESSAGE_BYTES',
      DEFAULT_CONFIG.maxMessageBytes,
      1024,
    ),
    maxUpdateBytes: intFrom(env, 'REFERAT_MAX_UPDATE_BYTES', DEFAULT_CONFIG.maxUpdateBytes, 1024),
    maxDocumentBytes: intFrom(
      env,
      'REFERAT_MAX_DOCUMENT_BYTES',
      DEFAULT_CONFIG.maxDocumentBytes,
      64 * 1024,
    ),
    maxDepth: Math.min(intFrom(env, 'REFERAT_MAX_DEPTH', DEFAULT_CONFIG.maxDepth, 16), 200),
    idleEvictMs: intFrom(env, 'REFERAT_IDLE_EVICT_MS', DEFAULT_CONFIG.idleEvictMs, 0),
    groupCommitMs: intFrom(env, 'REFERAT_GROUP_COMMIT_MS', DEFAULT_CONFIG.groupCommitMs, 0),
    compactAfterBytes: intFrom(
      env,
      'REFERAT_COMPACT_AFTER_BYTES',
      DEFAULT_CONFIG.compactAfterBytes,
      1024,
    ),
    maxCommentBytes: intFrom(env, 'REFERAT_MAX_COMMENT_BYTES', DEFAULT_CONFIG.maxCommentBytes, 1),
    commentBurst: intFrom(env, 'REFERAT_COMMENT_BURST', DEFAULT_CONFIG.commentBurst, 1),
    commentIntervalMs: intFrom(
      env,
      'REFERAT_COMMENT_INTERVAL_MS',
      DEFAULT_CONFIG.commentIntervalMs,
      1,
    ),
    commentCompactAfterBytes: intFrom(
      env,
      'REFERAT_COMMENT_COMPACT_AFTER_BYTES',
      DEFAULT_CONFIG.commentCompactAfterBytes,
      1,
    ),
    maxBilagBytes: intFrom(env, 'REFERAT_MAX_BILAG_BYTES', DEFAULT_CONFIG.maxBilagBytes, 1),
    maxMeetingBilagBytes: intFrom(
      env,
      'REFERAT_MAX_MEETING_BILAG_BYTES',
      DEFAULT_CONFIG.maxMeetingBilagBytes,
      1,
    ),
    maxBilagFiles: intFrom(env, 'REFERAT_MAX_BILAG_FILES', DEFAULT_CONFIG.maxBilagFiles, 0),
    logLevel,
    tokenSecret: secretFrom(env, 'REFERAT_TOKEN_SECRET'),
    organiserKey: secretFrom(env, 'REFERAT_ORGANISER_KEY'),
    inviteTtlDays: intFrom(env, 'REFERAT_INVITE_TTL_DAYS', DEFAULT_CONFIG.inviteTtlDays, 1),
    sessionTtlHours: intFrom(env, 'REFERAT_SESSION_TTL_HOURS', DEFAULT_CONFIG.sessionTtlHours, 1),
    accessTtlSeconds: intFrom(
      env,
      'REFERAT_ACCESS_TTL_SECONDS',
      DEFAULT_CONFIG.accessTtlSeconds,
      30,
    ),
    trustProxy: boolFrom(env, 'REFERAT_TRUST_PROXY', DEFAULT_CONFIG.trustProxy),
    cpuWorkers: intFrom(env, 'REFERAT_CPU_WORKERS', DEFAULT_CONFIG.cpuWorkers, 1),
    cpuQueue: intFrom(env, 'REFERAT_CPU_QUEUE', DEFAULT_CONFIG.cpuQueue, 0),
    cpuJobTimeoutMs: intFrom(env, 'REFERAT_CPU_JOB_TIMEOUT_MS', DEFAULT_CONFIG.cpuJobTimeoutMs, 1),
    cpuWorkerHeapMb: intFrom(env, 'REFERAT_CPU_WORKER_HEAP_MB', DEFAULT_CONFIG.cpuWorkerHeapMb, 64),
  };
}

function boolFrom(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw === '1' || raw === 'true') return true;
  if (raw === '0' || raw === 'false') return false;
  throw new Error(`${name} must be 1/true or 0/false, got "${raw}"`);
}

function secretFrom(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name] ?? '';
  if (value !== '' && value.length < MIN_SECRET_LENGTH) {
    throw new Error(`${name} must be at least ${MIN_SECRET_LENGTH} characters`);
  }
  return value;
}

/**
 * Fills in secrets the environment did not give: each is generated once and
 * kept (mode 0600) under `<dataDir>/secrets/`, so tokens and the organiser
 * key survive restarts.
 */
export async function resolveSecrets(config: Config): Promise<Config> {
  const dir = path.join(config.dataDir, 'secrets');
  const load = async (given: string, file: string): Promise<string> => {
    if (given) return given;
    const target = path.join(dir, file);
    try {
      return (await readFile(target, 'utf8')).trim();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const value = randomBytes(24).toString('base64url');
    await writeFile(target, value + '\n', { mode: 0o600, flag: 'wx' });
    return value;
  };
  return {
    ...config,
    tokenSecret: await load(config.tokenSecret, 'token-secret'),
    organiserKey: await load(config.organiserKey, 'organiser-key'),
  };
}
