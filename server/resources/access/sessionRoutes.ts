import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { deleteCookie } from 'hono/cookie';
import { claimBody, signInBody, tokenBody } from '../../../shared/api/schemas.ts';
import { AppError } from '../../core/errors.ts';
import { valid } from '../../core/validate.ts';
import type { MeetingService } from '../meetings/MeetingService.ts';
import { SESSION_COOKIE, personSession } from './authRoutes.ts';
import type { PersonSessions } from './PersonSessions.ts';
import type { SessionService } from './SessionService.ts';

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
 * `/api/session`: credentials and the access tokens derived from them
 * (the logic is SessionService's; these routes read the request and answer).
 *
 *   POST /          { key, name }   the organiser key buys a sign-in credential
 *                                   (12 h) and a first access token (embedded
 *                                   mode only: with an identity provider the
 *                                   secretariat signs in there)
 *   POST /challenge                 a fresh challenge for a device to sign
 *   POST /claim     { credential, publicKey?, proof? }
 *                                   claims an invitation: for this browser's
 *                                   device key, or (cookie) for the person
 *                                   signed in; answers a first access token
 *   POST /token     { credential, proof? } | { meetingId? } (cookie)
 *                                   a fresh short-lived access token, checked
 *                                   again each time
 *   GET  /meetings                  the meetings inviting the person signed in
 *   GET  /me                        the signed-in person and the CSRF token
 *   POST /logout                    ends the identity provider session here
 *   GET  /providers                 the sign-in mode and identity providers
 */
export function sessionRoutes({
  sessions,
  meetings,
  people,
  trustProxy,
}: {
  sessions: SessionService;
  meetings: MeetingService;
  people: PersonSessions;
  trustProxy: boolean;
}) {
  /** A source that must wait is refused before its key is even read. */
  const notWaiting: MiddlewareHandler = async (c, next) => {
    const wait = sessions.signInWait(sourceOf(c, trustProxy));
    if (wait > 0) {
      const seconds = Math.ceil(wait / 1000);
      c.header('retry-after', String(seconds));
      throw new AppError(
        429,
        'signInWait',
        `too many failed sign-ins from here; try again in ${seconds} s`,
        { retryAfterSeconds: seconds },
      );
    }
    await next();
  };
  const cookieSession = personSession(people);

  return (
    new Hono()
      .get('/providers', (c) => c.json(sessions.providers()))
      .post('/', notWaiting, valid('json', signInBody), async (c) =>
        c.json(await sessions.signIn(sourceOf(c, trustProxy), c.req.valid('json')), 201),
      )
      .post('/challenge', (c) => c.json(sessions.challenge()))
      .post('/claim', valid('json', claimBody), async (c) =>
        c.json(await sessions.claim(c.req.valid('json'), () => cookieSession(c, { csrf: true }))),
      )
      .post('/token', valid('json', tokenBody), async (c) => {
        const { credential, proof, meetingId } = c.req.valid('json');
        if (credential !== undefined) return c.json(await sessions.renew({ credential, proof }));
        // Through the identity provider's session: the secretariat's calls, or a meeting.
        const session = await cookieSession(c, { csrf: true });
        return c.json(await sessions.personToken(session, meetingId));
      })
      /**
       * The meetings of the person signed in through the provider: those whose
       * invitation they claimed, and those inviting their e-mail not yet
       * claimed (opening one claims it). Newest first.
       */
      .get('/meetings', async (c) => {
        const session = await cookieSession(c, { csrf: false });
        return c.json({ meetings: await meetings.listInviting(session) });
      })
      .get('/me', async (c) => c.json(sessions.me(await cookieSession(c, { csrf: false }))))
      .post('/logout', async (c) => {
        await sessions.logout(await cookieSession(c, { csrf: true }));
        deleteCookie(c, SESSION_COOKIE, { path: '/' });
        return c.json({ ok: true });
      })
  );
}
