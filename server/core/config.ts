import os from 'node:os';
import path from 'node:path';

/**
 * One OpenID Connect identity provider people sign in through (Entra ID,
 * AD FS, KOMBIT's context handler via a broker, any certified provider).
 */
export interface OidcIssuerConfig {
  /** Short name used in URLs (`/auth/login/<id>`): letters, digits, - and _. */
  id: string;
  /** Shown on the sign-in button: "Log ind med <label>". */
  label: string;
  /** The issuer URL (its /.well-known/openid-configuration is read). */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Default "openid email profile". */
  scope?: string;
  /** Which id-token claims carry e-mail (default "email"), name (default "name") and organisation. */
  claims?: { email?: string; name?: string; organisation?: string };
  /** Who is secretariat: the claim (e.g. "groups" or "roles") that includes `value`. */
  secretariat?: { claim: string; value: string };
  /** Allow an http:// issuer (a provider on loopback in tests); never in production. */
  allowInsecure?: boolean;
  /** Seconds our clock is behind the provider's (checks of token times are shifted by it). */
  clockSkewSeconds?: number;
}

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
   * in storage (`server/app/resolveSecrets.ts`).
   */
  tokenSecret: string;
  /**
   * The organiser credential: whoever presents it gets an organiser token that
   * can create meetings and invite people. Empty = generated once and kept in
   * storage (`server/app/resolveSecrets.ts`); the start-up log prints a login link.
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
  /**
   * Identity providers; none = the embedded mode (organiser key, and
   * invitations claimed by the browser that opens them first).
   */
  oidc: OidcIssuerConfig[];
  /** An approval through an identity provider needs an authentication at most this old. */
  stepUpSeconds: number;
  /**
   * The address people reach Referat at (links in mails, the identity
   * provider's redirect URI), without a trailing slash. Empty = http://localhost:<port>.
   */
  publicUrl: string;
  /** The mail server (SMTP). Empty = no mail server: mails are kept queued, shown as not sent. */
  smtpHost: string;
  smtpPort: number;
  /**
   * `tls`: TLS from the first byte (usually port 465); `starttls`: plain
   * connection upgraded with STARTTLS, refused if the server cannot (587);
   * `none`: no TLS (a relay on the same machine or network only).
   */
  smtpSecurity: 'tls' | 'starttls' | 'none';
  /** Sign-in at the mail server; empty = none. */
  smtpUser: string;
  smtpPassword: string;
  /** The sender of every mail (and the calendar invitation's organiser). Required with a mail server. */
  mailFrom: string;
  /** The sender's display name. */
  mailFromName: string;
  /** Mails waiting to be sent, at most; beyond it new mails are refused (503), never dropped. */
  mailMaxQueued: number;
  /** Largest mail (text, HTML and attachments) the outbox accepts. */
  mailMaxBytes: number;
  /** Wait before the second attempt of a mail; doubled after each failed attempt… */
  mailRetryMs: number;
  /** …up to this wait between attempts. */
  mailRetryMaxMs: number;
  /** Attempts before a mail is given up as failed (a permanent refusal, 5xx, gives up at once). */
  mailMaxAttempts: number;
  /** Approvers who have not approved are reminded this many days before the approval deadline. */
  approvalReminderDays: number;
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
  publicUrl: '',
  oidc: [],
  stepUpSeconds: 600,
  smtpHost: '',
  smtpPort: 587,
  smtpSecurity: 'starttls',
  smtpUser: '',
  smtpPassword: '',
  mailFrom: '',
  mailFromName: 'Referat',
  mailMaxQueued: 1000,
  mailMaxBytes: 10 * 1024 * 1024,
  mailRetryMs: 30_000,
  mailRetryMaxMs: 3_600_000,
  mailMaxAttempts: 20,
  approvalReminderDays: 1,
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
    oidc: oidcFrom(env),
    stepUpSeconds: intFrom(env, 'REFERAT_STEP_UP_SECONDS', DEFAULT_CONFIG.stepUpSeconds, 30),
    ...readMailConfig(env),
  };
}

type MailConfig = Pick<
  Config,
  | 'publicUrl'
  | 'smtpHost'
  | 'smtpPort'
  | 'smtpSecurity'
  | 'smtpUser'
  | 'smtpPassword'
  | 'mailFrom'
  | 'mailFromName'
  | 'mailMaxQueued'
  | 'mailMaxBytes'
  | 'mailRetryMs'
  | 'mailRetryMaxMs'
  | 'mailMaxAttempts'
  | 'approvalReminderDays'
>;

function readMailConfig(env: NodeJS.ProcessEnv): MailConfig {
  const publicUrl = (env.REFERAT_PUBLIC_URL ?? '').replace(/\/+$/, '');
  if (publicUrl && !/^https?:\/\/[^/\s]+(\/\S*)?$/.test(publicUrl)) {
    throw new Error(`REFERAT_PUBLIC_URL must be an http(s) URL, got "${publicUrl}"`);
  }
  const smtpSecurity = (env.REFERAT_SMTP_SECURITY ||
    DEFAULT_CONFIG.smtpSecurity) as Config['smtpSecurity'];
  if (!['tls', 'starttls', 'none'].includes(smtpSecurity)) {
    throw new Error('REFERAT_SMTP_SECURITY must be tls, starttls or none');
  }
  const smtpHost = env.REFERAT_SMTP_HOST ?? '';
  const mailFrom = env.REFERAT_MAIL_FROM ?? '';
  if (mailFrom && !/^[^\s@<>"]+@[^\s@<>"]+$/.test(mailFrom)) {
    throw new Error(`REFERAT_MAIL_FROM must be an e-mail address, got "${mailFrom}"`);
  }
  if (smtpHost && !mailFrom) {
    throw new Error('REFERAT_MAIL_FROM (the sender address) is required with REFERAT_SMTP_HOST');
  }
  const d = DEFAULT_CONFIG;
  return {
    publicUrl,
    smtpHost,
    smtpPort: intFrom(env, 'REFERAT_SMTP_PORT', smtpSecurity === 'tls' ? 465 : d.smtpPort, 1),
    smtpSecurity,
    smtpUser: env.REFERAT_SMTP_USER ?? '',
    smtpPassword: env.REFERAT_SMTP_PASSWORD ?? '',
    mailFrom,
    mailFromName: env.REFERAT_MAIL_FROM_NAME || d.mailFromName,
    mailMaxQueued: intFrom(env, 'REFERAT_MAIL_MAX_QUEUED', d.mailMaxQueued, 1),
    mailMaxBytes: intFrom(env, 'REFERAT_MAIL_MAX_BYTES', d.mailMaxBytes, 64 * 1024),
    mailRetryMs: intFrom(env, 'REFERAT_MAIL_RETRY_MS', d.mailRetryMs, 10),
    mailRetryMaxMs: intFrom(env, 'REFERAT_MAIL_RETRY_MAX_MS', d.mailRetryMaxMs, 10),
    mailMaxAttempts: intFrom(env, 'REFERAT_MAIL_MAX_ATTEMPTS', d.mailMaxAttempts, 1),
    approvalReminderDays: intFrom(env, 'REFERAT_APPROVAL_REMINDER_DAYS', d.approvalReminderDays, 0),
  };
}

/** `REFERAT_OIDC`: a JSON array of OidcIssuerConfig (see README, "Sign-in"). */
export function oidcFrom(env: NodeJS.ProcessEnv): OidcIssuerConfig[] {
  const raw = env.REFERAT_OIDC ?? '';
  if (raw.trim() === '') return [];
  let list: unknown;
  try {
    list = JSON.parse(raw);
  } catch {
    throw new Error('REFERAT_OIDC must be a JSON array of identity providers');
  }
  if (!Array.isArray(list)) throw new Error('REFERAT_OIDC must be a JSON array');
  const ids = new Set<string>();
  return list.map((entry, i) => {
    const e = entry as Partial<OidcIssuerConfig>;
    const where = `REFERAT_OIDC[${i}]`;
    for (const field of ['id', 'label', 'issuer', 'clientId', 'clientSecret'] as const) {
      if (typeof e[field] !== 'string' || e[field] === '') {
        throw new Error(`${where}.${field} is required`);
      }
    }
    if (!/^[\w-]{1,40}$/.test(e.id!)) throw new Error(`${where}.id: letters, digits, - and _`);
    if (ids.has(e.id!)) throw new Error(`${where}.id "${e.id}" is used twice`);
    ids.add(e.id!);
    if (!e.issuer!.startsWith('https://') && !e.allowInsecure) {
      throw new Error(`${where}.issuer must be https (allowInsecure only for tests)`);
    }
    return e as OidcIssuerConfig;
  });
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
