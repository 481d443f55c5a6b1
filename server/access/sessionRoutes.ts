import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { createHash, timingSafeEqual } from 'node:crypto';
import { signInBody, tokenBody } from '../../shared/api/schemas.ts';
import { ALL_MEETINGS } from '../../shared/access/workflow.ts';
import { AppError } from '../http/errors.ts';
import { valid } from '../http/validate.ts';
import type { MeetingStore } from '../meetings/MeetingStore.ts';
import { checkInviteCredential } from './authorize.ts';
import { tokenRefused } from './middleware.ts';
import { SignInLimiter } from './SignInLimiter.ts';
import type { TokenService } from './tokens.ts';
import type { Logger } from '../log.ts';

/**
 * Where a request comes from, for the sign-in limiter: the socket's address,
 * or with `trustProxy` the address the (one) reverse proxy in front appended
 * last to X-Forwarded-For (earlier entries are the client's own claims).
 */
export function sourceOf(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown'; // in-process requests (app.request) have no socket
  }
}

/**
 * `/api/session`: credentials and the access tokens derived from them.
 *
 *   POST /        { key, name }   the organiser key buys a sign-in credential
 *                                 (12 h) and a first access token
 *   POST /token   { credential }  a fresh short-lived access token for an
 *                                 invite link's or a sign-in's credential,
 *                                 checked again each time (revoked invites and
 *                                 replaced links get nothing)
 */
export function sessionRoutes({
  tokens,
  store,
  organiserKey,
  sessionTtlSeconds,
  accessTtlSeconds,
  trustProxy,
  log,
}: {
  tokens: TokenService;
  store: MeetingStore;
  organiserKey: string;
  sessionTtlSeconds: number;
  accessTtlSeconds: number;
  trustProxy: boolean;
  log: Logger;
}) {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  const expected = digest(organiserKey);
  const limiter = new SignInLimiter();

  /** A source that must wait is refused before its key is even read. */
  const notWaiting: MiddlewareHandler = async (c, next) => {
    const wait = limiter.waitFor(sourceOf(c, trustProxy));
    if (wait > 0) {
      c.header('retry-after', String(Math.ceil(wait / 1000)));
      throw new AppError(
        429,
        'signInWait',
        `too many failed sign-ins from here; try again in ${Math.ceil(wait / 1000)} s`,
        { retryAfterSeconds: Math.ceil(wait / 1000) },
      );
    }
    await next();
  };

  return new Hono()
    .post('/', notWaiting, valid('json', signInBody), async (c) => {
      const source = sourceOf(c, trustProxy);
      const { key, name } = c.req.valid('json');
      if (!timingSafeEqual(digest(key), expected)) {
        limiter.failed(source);
        log.warn('organiser sign-in refused', { source });
        throw new AppError(401, 'wrongKey', 'wrong organiser key');
      }
      limiter.succeeded(source);
      const identity = {
        userId: `organiser:${name.toLowerCase()}`,
        name,
        role: 'organiser' as const,
        meetingId: ALL_MEETINGS,
      };
      const session = await tokens.issueSession(identity, sessionTtlSeconds);
      const credential = await tokens.verifyCredential(session.token);
      if (typeof credential === 'string') throw new Error('a fresh credential did not verify');
      const access = await tokens.issueAccess(credential, accessTtlSeconds);
      log.info('organiser signed in', { name, source });
      return c.json(
        {
          credential: session.token,
          credentialExpiresAt: session.expiresAt,
          token: access.token,
          expiresAt: access.expiresAt,
          name,
          role: 'organiser' as const,
        },
        201,
      );
    })
    .post('/token', valid('json', tokenBody), async (c) => {
      const credential = await tokens.verifyCredential(c.req.valid('json').credential);
      if (typeof credential === 'string') throw tokenRefused(credential);
      if (credential.ref.kind === 'invite') {
        await checkInviteCredential(
          store,
          credential.meetingId,
          credential.ref.inviteId,
          credential.ref.generation,
        );
      }
      const access = await tokens.issueAccess(credential, accessTtlSeconds);
      return c.json({ token: access.token, expiresAt: access.expiresAt });
    });
}
