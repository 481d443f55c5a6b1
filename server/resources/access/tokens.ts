import { randomUUID } from 'node:crypto';
import { sign, verify } from 'hono/jwt';
import { isRole, type Role } from '../../../shared/access/permissions.ts';
import { ALL_MEETINGS, type CredentialRef } from '../../../shared/access/workflow.ts';
import { isValidMeetingId } from '../../../shared/meetingId.ts';
import { EXPORT_FORMATS, type ExportFormat } from '../../../shared/exportFormats.ts';
import { systemClock, type Clock } from '../../core/clock.ts';

export { ALL_MEETINGS };
export type { Identity, Principal } from '../../core/access.ts';
import type { Identity, Principal } from '../../core/access.ts';

/**
 * The kinds of token, never interchangeable (`typ` claim):
 * - `invite`: the credential in an invite link (long-lived); exchanged for access tokens.
 * - `session`: the credential of the secretariat's sign-in; likewise.
 * - `access`: short-lived, what REST calls (Authorization header) and the
 *   websocket (subprotocol) present.
 * - `download`: one export of one meeting, for ≤ 60 s, usable in a plain link.
 */
export type TokenKind = 'invite' | 'session' | 'access' | 'download';

/** A credential someone holds, verified: what it names and how to refer to it. */
export interface Credential extends Identity {
  ref: CredentialRef;
  expiresAt: number;
}

/** What a download link may fetch: one export of one meeting, once. */
export interface DownloadGrant {
  principal: Principal;
  /** The meeting it is for (the secretariat's own principal is for all meetings). */
  meetingId: string;
  format: ExportFormat;
  publicVersion: boolean;
  /** The link's token id, so it is used once. */
  linkId: string;
  expiresAt: number;
}

export type TokenFailure = 'missing' | 'malformed' | 'expired' | 'invalid';

const ALG = 'HS256';
const ISSUER = 'referat';
/** Download links are for the click that asked for them. */
export const DOWNLOAD_TTL_SECONDS = 60;

/** Signs and verifies Referat's tokens (JWT, HS256, via hono/jwt); every token must carry `exp`. */
export class TokenService {
  /**
   * Whether a sign-in through the identity provider is still alive: signing
   * out ends it, and every access token derived from it stops working.
   */
  sessionAlive: (sessionId: string) => boolean = () => false;

  constructor(
    private readonly secret: string,
    /** The server's clock: when tokens are issued and when they expire. */
    private readonly clock: Clock = systemClock,
  ) {
    if (secret.length < 16) throw new Error('token secret too short');
  }

  /** Unix seconds by the server's clock. */
  private now(): number {
    return Math.floor(this.clock() / 1000);
  }

  private async sign(
    typ: TokenKind,
    identity: Identity,
    ttlSeconds: number,
    extra: Record<string, unknown>,
  ): Promise<{ token: string; expiresAt: string; exp: number; jti: string }> {
    const iat = this.now();
    const exp = iat + Math.max(1, Math.floor(ttlSeconds));
    const jti = randomUUID();
    const token = await sign(
      {
        iss: ISSUER,
        typ,
        sub: identity.userId,
        name: identity.name,
        mid: identity.meetingId,
        role: identity.role,
        jti,
        iat,
        exp,
        ...extra,
      },
      this.secret,
      ALG,
    );
    return { token, expiresAt: new Date(exp * 1000).toISOString(), exp, jti };
  }

  /** The credential of an invite link: generation `generation` of that invite's link. */
  issueInvite(identity: Identity, inviteId: string, generation: number, ttlSeconds: number) {
    return this.sign('invite', identity, ttlSeconds, { iid: inviteId, gen: generation });
  }

  /** The credential of a secretariat sign-in. */
  issueSession(identity: Identity, ttlSeconds: number) {
    return this.sign('session', identity, ttlSeconds, { sid: randomUUID() });
  }

  /** A short-lived access token derived from a credential (never outliving it). */
  issueAccess(credential: Credential, ttlSeconds: number) {
    const ttl = Math.min(ttlSeconds, credential.expiresAt - this.now());
    return this.sign('access', credential, ttl, { cred: credential.ref });
  }

  /** A link token for one export of one meeting, by this principal, for DOWNLOAD_TTL_SECONDS. */
  issueDownload(
    principal: Principal,
    meetingId: string,
    format: ExportFormat,
    publicVersion: boolean,
  ) {
    const ttl = Math.min(DOWNLOAD_TTL_SECONDS, principal.expiresAt - this.now());
    return this.sign('download', principal, ttl, {
      cred: principal.credential,
      dmid: meetingId,
      fmt: format,
      pub: publicVersion,
    });
  }

  private async claims(
    token: string | undefined | null,
    typ: TokenKind,
  ): Promise<Record<string, unknown> | TokenFailure> {
    if (!token) return 'missing';
    if (token.length > 4096 || !/^[\w-]+\.[\w-]+\.[\w-]+$/.test(token)) return 'malformed';
    let claims: Record<string, unknown>;
    try {
      // The times are checked below against the server's clock, not hono/jwt's Date.now.
      claims = await verify(token, this.secret, {
        alg: ALG,
        iss: ISSUER,
        exp: false,
        nbf: false,
        iat: false,
      });
    } catch {
      return 'invalid';
    }
    // Every token must carry exp (hono/jwt would accept one without it).
    if (typeof claims.exp !== 'number' || !Number.isFinite(claims.exp)) return 'invalid';
    const now = this.now();
    if (claims.exp <= now) return 'expired';
    // Issued in the future, or not valid yet: not a token of this server's.
    if (!beforeOrAt(claims.iat, now) || !beforeOrAt(claims.nbf, now)) return 'invalid';
    if (claims.typ !== typ) return 'invalid';
    const { sub, name, mid, role, jti } = claims;
    if (
      typeof sub !== 'string' ||
      typeof name !== 'string' ||
      typeof mid !== 'string' ||
      typeof jti !== 'string' ||
      (mid !== ALL_MEETINGS && !isValidMeetingId(mid)) ||
      !isRole(role)
    ) {
      return 'invalid';
    }
    return claims;
  }

  private identity(claims: Record<string, unknown>): Identity {
    return {
      userId: claims.sub as string,
      name: claims.name as string,
      role: claims.role as Role,
      meetingId: claims.mid as string,
    };
  }

  /** An access token's principal, or why it is not acceptable. Never throws. */
  async verifyAccess(token: string | undefined | null): Promise<Principal | TokenFailure> {
    const claims = await this.claims(token, 'access');
    if (typeof claims === 'string') return claims;
    return this.principal(claims);
  }

  private principal(claims: Record<string, unknown>): Principal | TokenFailure {
    const credential = parseCredentialRef(claims.cred);
    if (!credential) return 'invalid';
    if (credential.kind === 'oidc' && !this.sessionAlive(credential.sessionId)) return 'invalid';
    const inviteId = credential.kind === 'session' ? undefined : credential.inviteId;
    return {
      ...this.identity(claims),
      ...(inviteId ? { inviteId } : {}),
      credential,
      tokenId: claims.jti as string,
      expiresAt: claims.exp as number,
    };
  }

  /** An invite link's or a sign-in's credential, or why it is not acceptable. */
  async verifyCredential(token: string | undefined | null): Promise<Credential | TokenFailure> {
    let claims = await this.claims(token, 'invite');
    if (claims === 'invalid') claims = await this.claims(token, 'session');
    if (typeof claims === 'string') return claims;
    const ref: CredentialRef | null =
      claims.typ === 'invite'
        ? typeof claims.iid === 'string' &&
          typeof claims.gen === 'number' &&
          claims.mid !== ALL_MEETINGS
          ? { kind: 'invite', inviteId: claims.iid, generation: claims.gen }
          : null
        : claims.mid === ALL_MEETINGS &&
            claims.role === 'organiser' &&
            typeof claims.sid === 'string'
          ? { kind: 'session', sessionId: claims.sid }
          : null;
    if (!ref) return 'invalid';
    return { ...this.identity(claims), ref, expiresAt: claims.exp as number };
  }

  /** A download link's grant, or why it is not acceptable. */
  async verifyDownload(token: string | undefined | null): Promise<DownloadGrant | TokenFailure> {
    const claims = await this.claims(token, 'download');
    if (typeof claims === 'string') return claims;
    const principal = this.principal(claims);
    if (typeof principal === 'string') return principal;
    if (
      !EXPORT_FORMATS.includes(claims.fmt as ExportFormat) ||
      typeof claims.pub !== 'boolean' ||
      typeof claims.dmid !== 'string' ||
      !isValidMeetingId(claims.dmid)
    ) {
      return 'invalid';
    }
    return {
      principal,
      meetingId: claims.dmid,
      format: claims.fmt as ExportFormat,
      publicVersion: claims.pub,
      linkId: claims.jti as string,
      expiresAt: claims.exp as number,
    };
  }
}

/** An optional time claim that, when present, is a number of seconds no later than `now`. */
function beforeOrAt(claim: unknown, now: number): boolean {
  return (
    claim === undefined || (typeof claim === 'number' && Number.isFinite(claim) && claim <= now)
  );
}

function parseCredentialRef(value: unknown): CredentialRef | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (v.kind === 'invite' && typeof v.inviteId === 'string' && typeof v.generation === 'number') {
    return { kind: 'invite', inviteId: v.inviteId, generation: v.generation };
  }
  if (v.kind === 'session' && typeof v.sessionId === 'string') {
    return { kind: 'session', sessionId: v.sessionId };
  }
  if (
    v.kind === 'oidc' &&
    typeof v.sessionId === 'string' &&
    typeof v.issuer === 'string' &&
    typeof v.subject === 'string' &&
    (v.inviteId === undefined || typeof v.inviteId === 'string')
  ) {
    return {
      kind: 'oidc',
      sessionId: v.sessionId,
      issuer: v.issuer,
      subject: v.subject,
      ...(typeof v.inviteId === 'string' ? { inviteId: v.inviteId } : {}),
    };
  }
  return null;
}
