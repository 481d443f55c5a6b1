import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { createHash, timingSafeEqual } from 'node:crypto';
import { deleteCookie } from 'hono/cookie';
import { claimBody, signInBody, tokenBody } from '../../../shared/api/schemas.ts';
import { ALL_MEETINGS, type Invite, type InviteClaim } from '../../../shared/access/workflow.ts';
import { AppError } from '../../core/errors.ts';
import { valid } from '../../core/validate.ts';
import { invitationOf, personClaim, type InviteService } from '../invites/InviteService.ts';
import type { MeetingService } from '../meetings/MeetingService.ts';
import type { MeetingStore } from '../meetings/MeetingStore.ts';
import { checkInviteCredential } from './authorize.ts';
import {
  Challenges,
  deviceMessage,
  keyIdOf,
  publicKeyFrom,
  verifySignature,
} from './deviceKeys.ts';
import { tokenRefused } from './middleware.ts';
import type { OidcSignIn } from './oidc.ts';
import { SESSION_COOKIE, personSession } from './authRoutes.ts';
import type { PersonSession, PersonSessions } from './PersonSessions.ts';
import { SignInLimiter } from './SignInLimiter.ts';
import type { Credential, TokenService } from './tokens.ts';
import type { Logger } from '../../core/log.ts';
import type { AuditService } from '../audit/AuditService.ts';

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
 *   GET  /me                        the signed-in person and the CSRF token
 *   POST /logout                    ends the identity provider session here
 *   GET  /providers                 the sign-in mode and identity providers
 */
export function sessionRoutes({
  tokens,
  store,
  invites,
  meetings,
  people,
  oidc,
  organiserKey,
  sessionTtlSeconds,
  accessTtlSeconds,
  trustProxy,
  audit,
  log,
}: {
  audit: AuditService;
  tokens: TokenService;
  store: MeetingStore;
  invites: InviteService;
  meetings: MeetingService;
  people: PersonSessions;
  oidc: OidcSignIn;
  organiserKey: string;
  sessionTtlSeconds: number;
  accessTtlSeconds: number;
  trustProxy: boolean;
  log: Logger;
}) {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  const expected = digest(organiserKey);
  const limiter = new SignInLimiter();
  const challenges = new Challenges();

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

  /** The invite link's credential, verified and still current; else 401. */
  async function inviteCredential(token: string) {
    const credential = await tokens.verifyCredential(token);
    if (typeof credential === 'string') throw tokenRefused(credential);
    if (credential.ref.kind !== 'invite') {
      throw new AppError(400, 'invalidInput', 'this is not an invitation');
    }
    const invite = await checkInviteCredential(
      store,
      credential.meetingId,
      credential.ref.inviteId,
      credential.ref.generation,
    );
    return { credential, ref: credential.ref, invite };
  }

  /**
   * A device's signature of `message` over a challenge this server issued;
   * else 401, or `otherKey`'s answer when the signature is by another key.
   */
  function checkProof(
    publicKey: JsonWebKey,
    proof: { challenge: string; signature: string } | undefined,
    message: (challenge: string) => string,
    /** What a signature by another key means here (for a claimed invitation: claimed elsewhere). */
    otherKey = () => new AppError(401, 'proofInvalid', 'the device signature does not verify'),
  ) {
    if (!proof) throw new AppError(401, 'proofInvalid', 'this browser must prove its device key');
    if (!challenges.take(proof.challenge)) {
      throw new AppError(401, 'proofInvalid', 'unknown, used or expired challenge');
    }
    if (!verifySignature(publicKey, message(proof.challenge), proof.signature)) {
      log.warn('device proof refused');
      throw otherKey();
    }
  }

  /**
   * Claims the invitation; a claim refused because the invitation is someone
   * else's (a forwarded or leaked link) is audited, naming who tried.
   */
  async function claimAudited(
    credential: Credential,
    ref: { inviteId: string; generation: number },
    invite: Invite,
    claim: InviteClaim,
  ) {
    try {
      return await invites.claim(credential.meetingId, ref.inviteId, ref.generation, claim);
    } catch (err) {
      if (
        err instanceof AppError &&
        (err.code === 'inviteClaimed' || err.code === 'inviteForSomeoneElse')
      ) {
        audit.refusedClaim(credential.meetingId, invite, { reason: err.code, ...claimant(claim) });
      }
      throw err;
    }
  }

  /**
   * An access token through the person's session: for a claimed invitation
   * (its identity in that meeting), or for the secretariat's calls.
   */
  function personAccess(
    session: PersonSession,
    as: Pick<Credential, 'userId' | 'name' | 'role' | 'meetingId'>,
    inviteId?: string,
  ) {
    const { id: sessionId, issuer, subject, expiresAt } = session;
    return tokens.issueAccess(
      {
        ...as,
        ref: { kind: 'oidc', sessionId, issuer, subject, ...(inviteId ? { inviteId } : {}) },
        expiresAt,
      },
      accessTtlSeconds,
    );
  }
  const inviteAccess = (session: PersonSession, meetingId: string, invite: Invite) =>
    personAccess(session, { ...invite, meetingId }, invite.id);

  const cookieSession = personSession(people);

  return (
    new Hono()
      .get('/providers', (c) =>
        c.json({
          mode: oidc.enabled ? ('oidc' as const) : ('embedded' as const),
          providers: oidc.list(),
        }),
      )
      .post('/', notWaiting, valid('json', signInBody), async (c) => {
        if (oidc.enabled) {
          throw new AppError(403, 'signInRequired', 'sign in through the identity provider');
        }
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
      .post('/challenge', (c) => c.json(challenges.issue()))
      .post('/claim', valid('json', claimBody), async (c) => {
        const body = c.req.valid('json');
        const { credential, ref, invite } = await inviteCredential(body.credential);
        if (oidc.enabled) {
          const session = await cookieSession(c, { csrf: true });
          const claimed = await claimAudited(credential, ref, invite, personClaim(session));
          const access = await inviteAccess(session, credential.meetingId, claimed);
          return c.json({
            token: access.token,
            expiresAt: access.expiresAt,
            meetingId: credential.meetingId,
          });
        }
        const publicKey = publicKeyFrom(body.publicKey);
        if (!publicKey) throw new AppError(400, 'invalidInput', 'a P-256 public key is needed');
        // Possession first: nobody binds an invitation to a key they do not hold.
        checkProof(publicKey, body.proof, (ch) => deviceMessage.claim(ch, invite.id));
        await claimAudited(credential, ref, invite, {
          kind: 'device',
          publicKey,
          keyId: keyIdOf(publicKey),
          claimedAt: new Date().toISOString(),
        });
        const access = await tokens.issueAccess(credential, accessTtlSeconds);
        return c.json({
          token: access.token,
          expiresAt: access.expiresAt,
          meetingId: credential.meetingId,
        });
      })
      .post('/token', valid('json', tokenBody), async (c) => {
        const body = c.req.valid('json');
        if (body.credential === undefined) {
          // Through the identity provider's session: the secretariat's calls, or a meeting.
          const session = await cookieSession(c, { csrf: true });
          if (body.meetingId === undefined) {
            if (!session.secretariat) {
              throw new AppError(
                403,
                'organiserOnly',
                'only the secretariat signs in for all meetings',
              );
            }
            const access = await personAccess(session, {
              userId: `oidc:${session.issuerId}:${session.subject}`,
              name: session.name,
              role: 'organiser',
              meetingId: ALL_MEETINGS,
            });
            return c.json({ token: access.token, expiresAt: access.expiresAt });
          }
          const record = await store.load(body.meetingId);
          const found = record ? invitationOf(record, session) : null;
          if (!found) {
            throw new AppError(
              403,
              'notOnInvitation',
              'you have no claimed invitation to this meeting',
            );
          }
          // Signing in as the person an unclaimed invitation names claims it, link or not.
          const { invite } = found;
          const mine = found.claimed
            ? invite
            : await invites.claim(
                body.meetingId,
                invite.id,
                invite.linkGeneration ?? 1,
                personClaim(session),
              );
          const access = await inviteAccess(session, body.meetingId, mine);
          return c.json({ token: access.token, expiresAt: access.expiresAt });
        }
        const credential = await tokens.verifyCredential(body.credential);
        if (typeof credential === 'string') throw tokenRefused(credential);
        if (credential.ref.kind === 'invite') {
          const invite = await checkInviteCredential(
            store,
            credential.meetingId,
            credential.ref.inviteId,
            credential.ref.generation,
          );
          // After the claim the link alone grants nothing.
          const claim = invite.claim;
          if (!claim) {
            throw oidc.enabled
              ? new AppError(401, 'signInRequired', 'sign in to claim this invitation')
              : new AppError(401, 'claimRequired', 'claim this invitation in this browser first');
          }
          if (claim.kind === 'oidc') {
            throw new AppError(401, 'signInRequired', 'this invitation is used by signing in');
          }
          // Signed by another key: the link is used in a browser that did not claim it.
          checkProof(
            claim.publicKey,
            body.proof,
            (ch) => deviceMessage.session(ch, invite.id),
            () => {
              audit.refusedClaim(credential.meetingId, invite, {
                reason: 'proofInvalid',
                by: 'device',
              });
              return new AppError(
                409,
                'inviteClaimed',
                'this invitation was claimed by another browser',
              );
            },
          );
        }
        const access = await tokens.issueAccess(credential, accessTtlSeconds);
        return c.json({ token: access.token, expiresAt: access.expiresAt });
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
      .get('/me', async (c) => {
        const session = await cookieSession(c, { csrf: false });
        return c.json({
          name: session.name,
          email: session.email,
          organisation: session.organisation,
          secretariat: session.secretariat,
          issuer: session.issuer,
          issuerId: session.issuerId,
          authTime: new Date(session.authTime * 1000).toISOString(),
          csrf: session.csrf,
        });
      })
      .post('/logout', async (c) => {
        const session = await cookieSession(c, { csrf: true });
        await people.end(session.id);
        deleteCookie(c, SESSION_COOKIE, { path: '/' });
        log.info('signed out', { issuer: session.issuer, subject: session.subject });
        return c.json({ ok: true });
      })
  );
}

/** Who tried to claim, for the audit entry of a refused claim. */
function claimant(claim: InviteClaim): Record<string, unknown> {
  return claim.kind === 'device'
    ? { by: 'device', keyId: claim.keyId }
    : { by: 'oidc', issuer: claim.issuer, subject: claim.subject, email: claim.email };
}
