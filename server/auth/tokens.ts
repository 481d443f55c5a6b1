import { sign, verify } from 'hono/jwt';
import { isRole, type Role } from '../../shared/access/permissions.ts';
import { isValidMeetingId } from '../../shared/meetingId.ts';

/** Who is calling, as proven by a verified token. */
export interface Principal {
  userId: string;
  name: string;
  role: Role;
  /** The one meeting the token is for, or '*' for the organiser credential's login. */
  meetingId: string;
  /** Invite the token was issued for (revocable); absent for organiser logins. */
  inviteId?: string;
}

export const ALL_MEETINGS = '*';
const ALG = 'HS256';
const ISSUER = 'referat';

export type TokenFailure = 'missing' | 'malformed' | 'expired' | 'invalid';

/** Signs and verifies Referat's access tokens (JWT, HS256, via hono/jwt). */
export class TokenService {
  constructor(private readonly secret: string) {
    if (secret.length < 16) throw new Error('token secret too short');
  }

  async issue(
    principal: Principal,
    ttlSeconds: number,
  ): Promise<{ token: string; expiresAt: string }> {
    const now = Math.floor(Date.now() / 1000);
    const exp = now + ttlSeconds;
    const token = await sign(
      {
        iss: ISSUER,
        sub: principal.userId,
        name: principal.name,
        mid: principal.meetingId,
        role: principal.role,
        ...(principal.inviteId ? { jti: principal.inviteId } : {}),
        iat: now,
        exp,
      },
      this.secret,
      ALG,
    );
    return { token, expiresAt: new Date(exp * 1000).toISOString() };
  }

  /** The token's principal, or why it is not acceptable. Never throws. */
  async verify(token: string | undefined | null): Promise<Principal | TokenFailure> {
    if (!token) return 'missing';
    if (token.length > 4096 || !/^[\w-]+\.[\w-]+\.[\w-]+$/.test(token)) return 'malformed';
    let claims: Record<string, unknown>;
    try {
      claims = await verify(token, this.secret, { alg: ALG, iss: ISSUER });
    } catch (err) {
      return (err as Error).name === 'JwtTokenExpired' ? 'expired' : 'invalid';
    }
    const { sub, name, mid, role, jti } = claims;
    if (
      typeof sub !== 'string' ||
      typeof name !== 'string' ||
      typeof mid !== 'string' ||
      (mid !== ALL_MEETINGS && !isValidMeetingId(mid)) ||
      !isRole(role) ||
      (jti !== undefined && typeof jti !== 'string')
    ) {
      return 'invalid';
    }
    return { userId: sub, name, role, meetingId: mid, ...(jti ? { inviteId: jti } : {}) };
  }
}
