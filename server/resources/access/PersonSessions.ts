import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { systemClock, type Clock } from '../../core/clock.ts';
import type { Logger } from '../../core/log.ts';
import type { SessionStorage } from '../../storage/SessionStorage.ts';

/** Someone signed in through an identity provider, as its id token said. */
export interface Person {
  /** The configured issuer's id (config.ts `oidc[].id`). */
  issuerId: string;
  /** The issuer URL and subject: who this is, for good. */
  issuer: string;
  subject: string;
  email: string;
  name: string;
  organisation: string;
  secretariat: boolean;
}

/** A sign-in: the person, when they last authenticated at the provider, and its CSRF token. */
export interface PersonSession extends Person {
  /**
   * The session's name in tokens, approvals and audit entries: a hash of the
   * cookie's secret, never the secret itself (approvals are shown to every
   * participant; access tokens are readable by scripts and sit in download links).
   */
  id: string;
  csrf: string;
  /** Unix seconds of the last authentication at the provider (auth_time). */
  authTime: number;
  createdAt: number;
  expiresAt: number;
}

const MAX_SESSIONS = 50_000;

/** The public id of the session whose cookie holds `secret`. */
const idOf = (secret: string) => createHash('sha256').update(secret).digest('base64url');

/**
 * Server-side sessions of people signed in through an identity provider.
 * The browser holds only an opaque secret in an HttpOnly cookie; the server
 * keeps its hash (the session's id), so neither the file nor anything that
 * names a session can be turned back into a cookie. Signing out deletes the
 * session here, so the cookie (and every access token derived from it)
 * stops working at once. Kept in storage, written whole at each change,
 * so a restart signs nobody out.
 */
export class PersonSessions {
  private readonly sessions = new Map<string, PersonSession>();
  /** Called with the id of a session that ended (signed out, replaced): its sockets close. */
  onEnded: (id: string) => void = () => {};
  private writing: Promise<void> = Promise.resolve();

  constructor(
    /** Where the sessions are kept (an unreadable store is logged there and read as none). */
    private readonly storage: SessionStorage,
    private readonly log: Logger,
    /** The server's clock: when a sign-in expires. */
    private readonly now: Clock = systemClock,
  ) {}

  /** Reads the saved sessions (before the server answers requests). */
  async load(): Promise<void> {
    const saved = (await this.storage.read()) as PersonSession[];
    const now = this.now() / 1000;
    // `?.`: an entry that is not a session (a hand edit) is skipped, not fatal.
    for (const s of saved) if (s?.expiresAt > now) this.sessions.set(s.id, s);
  }

  /** The session whose cookie holds `secret`. */
  fromCookie(secret: string | undefined): PersonSession | null {
    return secret ? this.get(idOf(secret)) : null;
  }

  /** The session with this (public) id. */
  get(id: string | undefined): PersonSession | null {
    if (!id) return null;
    const session = this.sessions.get(id);
    if (!session) return null;
    if (session.expiresAt <= this.now() / 1000) {
      this.sessions.delete(id);
      return null;
    }
    return session;
  }

  /**
   * A new session after a sign-in; a step-up sign-in of the same person in
   * the same browser replaces the old one (a fresh id: no fixation).
   * Answers the session and the secret for its cookie (kept nowhere here).
   */
  async start(person: Person, authTime: number, ttlSeconds: number, replaces?: string) {
    if (replaces && this.sessions.delete(replaces)) this.onEnded(replaces);
    const now = Math.floor(this.now() / 1000);
    this.prune(now);
    const cookie = randomBytes(32).toString('base64url');
    const session: PersonSession = {
      ...person,
      id: idOf(cookie),
      csrf: randomBytes(24).toString('base64url'),
      authTime,
      createdAt: now,
      expiresAt: now + ttlSeconds,
    };
    this.sessions.set(session.id, session);
    await this.persist();
    return { session, cookie };
  }

  async end(id: string): Promise<boolean> {
    const existed = this.sessions.delete(id);
    if (existed) {
      this.onEnded(id);
      await this.persist();
    }
    return existed;
  }

  /** The request's CSRF header matches the session's token (constant time). */
  static csrfMatches(session: PersonSession, header: string | undefined): boolean {
    if (!header) return false;
    const a = Buffer.from(session.csrf);
    const b = Buffer.from(header);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  private prune(now: number) {
    for (const [id, s] of this.sessions) if (s.expiresAt <= now) this.sessions.delete(id);
    for (const id of this.sessions.keys()) {
      if (this.sessions.size < MAX_SESSIONS) break;
      this.sessions.delete(id); // the oldest
    }
  }

  /** Writes the whole table (serialised; each write sees the latest state). */
  private persist(): Promise<void> {
    const write = () => this.storage.write([...this.sessions.values()]);
    this.writing = this.writing.then(write, write).catch((err) => {
      this.log.error('sessions not saved', { error: err });
    });
    return this.writing;
  }
}
