import { Hono, type Context } from 'hono';
import { getCookie, setCookie, deleteCookie } from 'hono/cookie';
import { AppError } from '../../core/errors.ts';
import type { Logger } from '../../core/log.ts';
import { SignInError, type OidcSignIn } from './oidc.ts';
import { PersonSessions, type PersonSession } from './PersonSessions.ts';

/** The session cookie: an opaque id, HttpOnly, SameSite=Strict (Secure over TLS). */
export const SESSION_COOKIE = 'referat_session';
/** The sign-in under way: Lax, since the provider's redirect back is a cross-site navigation. */
const TRANSACTION_COOKIE = 'referat_signin';

/**
 * The person signed in through the identity provider (session cookie), for
 * a request; with `csrf`, the request must also carry the session's CSRF
 * token in `x-csrf-token` (a cross-site page can neither read it nor set
 * the header). 401 otherwise.
 */
export function personSession(people: PersonSessions) {
  return async (c: Context, { csrf }: { csrf: boolean }): Promise<PersonSession> => {
    const session = people.fromCookie(getCookie(c, SESSION_COOKIE));
    if (!session) throw new AppError(401, 'signInRequired', 'sign in first');
    if (csrf && !PersonSessions.csrfMatches(session, c.req.header('x-csrf-token'))) {
      throw new AppError(403, 'csrf', 'missing or wrong CSRF token');
    }
    return session;
  };
}

/**
 * `/auth`: the browser's round trip through the identity provider.
 *
 *   GET /auth/login/:issuer?returnTo=/m/…&stepUp=1   to the provider
 *   GET /auth/callback                               back: the session cookie is set
 *
 * A failure never sets a session: the browser goes to `/login?signInError=<code>`
 * and the app says why in Danish; the log says what happened.
 */
export function authRoutes({
  oidc,
  people,
  secure,
  sessionTtlSeconds,
  log,
}: {
  oidc: OidcSignIn;
  people: PersonSessions;
  /** Cookies with Secure (the public URL is https). */
  secure: boolean;
  sessionTtlSeconds: number;
  log: Logger;
}) {
  const failed = (c: Context, code: string) => {
    deleteCookie(c, TRANSACTION_COOKIE, { path: '/auth' });
    return c.redirect(`/login?signInError=${encodeURIComponent(code)}`, 303);
  };
  return new Hono()
    .get('/login/:issuer', async (c) => {
      try {
        const current = people.fromCookie(getCookie(c, SESSION_COOKIE));
        const stepUp = c.req.query('stepUp') === '1';
        const { url, transactionId } = await oidc.begin(c.req.param('issuer'), {
          returnTo: c.req.query('returnTo'),
          stepUp,
          ...(current ? { replaces: current.id, loginHint: current.email } : {}),
        });
        setCookie(c, TRANSACTION_COOKIE, transactionId, {
          httpOnly: true,
          sameSite: 'Lax',
          secure,
          path: '/auth',
          maxAge: 600,
        });
        return c.redirect(url, 302);
      } catch (err) {
        const code = err instanceof SignInError ? err.failure : 'signInFailed';
        log.warn('sign-in could not start', { code, error: err });
        return failed(c, code);
      }
    })
    .get('/callback', async (c) => {
      try {
        const done = await oidc.finish(getCookie(c, TRANSACTION_COOKIE), new URL(c.req.url));
        const replaces = done.replaces ? people.get(done.replaces) : null;
        // A step-up must be the same person; anyone else starts a session of their own,
        // and the browser's earlier sign-in ends (its cookie is overwritten; nothing
        // derived from it should outlive that on a shared computer).
        const same =
          replaces?.issuer === done.person.issuer && replaces.subject === done.person.subject;
        if (replaces && !same) await people.end(replaces.id);
        const { cookie } = await people.start(
          done.person,
          done.authTime,
          sessionTtlSeconds,
          same ? replaces.id : undefined,
        );
        deleteCookie(c, TRANSACTION_COOKIE, { path: '/auth' });
        setCookie(c, SESSION_COOKIE, cookie, {
          httpOnly: true,
          sameSite: 'Strict',
          secure,
          path: '/',
          maxAge: sessionTtlSeconds,
        });
        return c.redirect(done.returnTo, 303);
      } catch (err) {
        const code = err instanceof SignInError ? err.failure : 'signInFailed';
        log.warn('sign-in refused', {
          code,
          reason: err instanceof SignInError ? err.reason : String(err),
        });
        return failed(c, code);
      }
    });
}
