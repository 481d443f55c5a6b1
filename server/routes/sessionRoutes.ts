import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { getConnInfo } from '@hono/node-server/conninfo';
import { createHash, timingSafeEqual } from 'node:crypto';
import { ALL_MEETINGS, MAX_NAME_LENGTH } from '../../shared/access/workflow.ts';
import { SignInLimiter } from '../auth/SignInLimiter.ts';
import type { TokenService } from '../auth/tokens.ts';
import type { Logger } from '../log.ts';
import type { Workflows } from '../workflow/Workflows.ts';
import { TOKEN_FAILURE_MESSAGES } from './access.ts';
import { jsonObject, textField } from './input.ts';

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
  workflows,
  organiserKey,
  sessionTtlSeconds,
  accessTtlSeconds,
  trustProxy,
  log,
}: {
  tokens: TokenService;
  workflows: Workflows;
  organiserKey: string;
  sessionTtlSeconds: number;
  accessTtlSeconds: number;
  trustProxy: boolean;
  log: Logger;
}) {
  const app = new Hono();
  const digest = (s: string) => createHash('sha256').update(s).digest();
  const expected = digest(organiserKey);
  const limiter = new SignInLimiter();

  app.post('/', async (c) => {
    const source = sourceOf(c, trustProxy);
    const wait = limiter.waitFor(source);
    if (wait > 0) {
      c.header('retry-after', String(Math.ceil(wait / 1000)));
      throw new HTTPException(429, {
        message: `too many failed sign-ins from here; try again in ${Math.ceil(wait / 1000)} s`,
      });
    }
    const body = await jsonObject(c.req);
    const key = typeof body.key === 'string' ? body.key : '';
    const name = textField(body, 'name', MAX_NAME_LENGTH, true);
    if (!timingSafeEqual(digest(key), expected)) {
      limiter.failed(source);
      log.warn('organiser sign-in refused', { source });
      throw new HTTPException(401, { message: 'wrong organiser key' });
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
        role: 'organiser',
      },
      201,
    );
  });

  app.post('/token', async (c) => {
    const body = await jsonObject(c.req);
    const credential = await tokens.verifyCredential(
      typeof body.credential === 'string' ? body.credential : '',
    );
    if (typeof credential === 'string') {
      throw new HTTPException(401, {
        res: Response.json(
          { error: TOKEN_FAILURE_MESSAGES[credential], reason: credential },
          { status: 401 },
        ),
      });
    }
    if (credential.ref.kind === 'invite') {
      await workflows.checkInviteCredential(
        credential.meetingId,
        credential.ref.inviteId,
        credential.ref.generation,
      );
    }
    const access = await tokens.issueAccess(credential, accessTtlSeconds);
    return c.json({ token: access.token, expiresAt: access.expiresAt });
  });

  return app;
}
