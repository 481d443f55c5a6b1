import { createHash, timingSafeEqual } from 'node:crypto';
import { ALL_MEETINGS, type Invite, type InviteClaim } from '../../../shared/access/workflow.ts';
import type { ClaimInput, SignInInput, TokenInput } from '../../../shared/api/schemas.ts';
import { systemClock, type Clock } from '../../core/clock.ts';
import { AppError } from '../../core/errors.ts';
import type { Logger } from '../../core/log.ts';
import type { AuditService } from '../audit/AuditService.ts';
import { invitationOf, personClaim, type InviteService } from '../invites/InviteService.ts';
import type { MeetingStore } from '../meetings/MeetingStore.ts';
import { checkInviteCredential } from './authorize.ts';
import { deviceMessage, keyIdOf, publicKeyFrom } from './deviceKeys.ts';
import { DeviceProofs } from './DeviceProofs.ts';
import { tokenRefused } from './middleware.ts';
import type { OidcSignIn } from './oidc.ts';
import type { PersonSession, PersonSessions } from './PersonSessions.ts';
import { SignInLimiter } from './SignInLimiter.ts';
import type { Credential, TokenService } from './tokens.ts';

/** What SessionService is made from. */
export interface SessionDeps {
  tokens: TokenService;
  store: MeetingStore;
  invites: InviteService;
  people: PersonSessions;
  oidc: OidcSignIn;
  audit: AuditService;
  /** The secretariat's key in the embedded mode (compared in constant time). */
  organiserKey: string;
  /** How long the secretariat's sign-in credential lasts. */
  sessionTtlSeconds: number;
  /** How long each access token lasts (it never outlives its credential). */
  accessTtlSeconds: number;
  log: Logger;
  /**
   * The server's clock (ms since the epoch): when challenges expire and how
   * long a source that guessed wrong must wait. Tests move it instead of waiting.
   */
  now?: Clock;
}

/** An access token as the session routes answer it. */
export interface AccessAnswer {
  token: string;
  expiresAt: string;
}

/** An access token for the meeting whose invitation was claimed. */
export interface ClaimAnswer extends AccessAnswer {
  meetingId: string;
}

/** The first answer of the secretariat's sign-in with the organiser key. */
export interface SignInAnswer extends AccessAnswer {
  credential: string;
  credentialExpiresAt: string;
  name: string;
  role: 'organiser';
}

/** The signed-in person, as the client shows them, with the CSRF token it must send. */
export interface PersonView {
  name: string;
  email: string;
  organisation: string;
  secretariat: boolean;
  issuer: string;
  issuerId: string;
  /** When the person last authenticated at the provider (ISO). */
  authTime: string;
  csrf: string;
}

/** The person signed in through the provider, asked only where the mode needs one. */
export type SignedInPerson = () => Promise<PersonSession>;

/**
 * Credentials and the access tokens derived from them (`/api/session`): the
 * organiser key's sign-in, device keys claiming invitations and proving
 * possession on every renewal, and access through the identity provider's
 * session. Each access token is checked again when it is issued: a revoked
 * invitation or a replaced link stops here, not only at the next request.
 */
export class SessionService {
  private readonly limiter: SignInLimiter;
  private readonly proofs: DeviceProofs;
  private readonly expectedKey: Buffer;
  private readonly now: Clock;

  constructor(private readonly deps: SessionDeps) {
    this.now = deps.now ?? systemClock;
    this.limiter = new SignInLimiter(this.now);
    this.proofs = new DeviceProofs(deps.log, this.now);
    this.expectedKey = digest(deps.organiserKey);
  }

  /** The sign-in mode and the identity providers a person may choose. */
  providers() {
    return {
      mode: this.deps.oidc.enabled ? ('oidc' as const) : ('embedded' as const),
      providers: this.deps.oidc.list(),
    };
  }

  /** Milliseconds a source must wait after failed sign-ins before it may try again; 0 if it may. */
  signInWait(source: string): number {
    return this.limiter.waitFor(source);
  }

  /**
   * The organiser key buys a sign-in credential and a first access token
   * (embedded mode only: with an identity provider the secretariat signs in
   * there). A wrong key counts against `source`.
   */
  async signIn(source: string, { key, name }: SignInInput): Promise<SignInAnswer> {
    const { tokens, oidc, log } = this.deps;
    if (oidc.enabled) {
      throw new AppError(403, 'signInRequired', 'sign in through the identity provider');
    }
    if (!timingSafeEqual(digest(key), this.expectedKey)) {
      this.limiter.failed(source);
      log.warn('organiser sign-in refused', { source });
      throw new AppError(401, 'wrongKey', 'wrong organiser key');
    }
    this.limiter.succeeded(source);
    const identity = {
      userId: `organiser:${name.toLowerCase()}`,
      name,
      role: 'organiser' as const,
      meetingId: ALL_MEETINGS,
    };
    const session = await tokens.issueSession(identity, this.deps.sessionTtlSeconds);
    const credential = await tokens.verifyCredential(session.token);
    if (typeof credential === 'string') throw new Error('a fresh credential did not verify');
    const access = await this.access(credential);
    log.info('organiser signed in', { name, source });
    return {
      credential: session.token,
      credentialExpiresAt: session.expiresAt,
      ...access,
      name,
      role: 'organiser',
    };
  }

  /** A fresh challenge for a device to sign (once, within two minutes). */
  challenge() {
    return this.proofs.challenge();
  }

  /**
   * Claims the invitation of an invite link's credential: with an identity
   * provider for the person signed in (asked for only after the link is
   * checked), else for this browser's device key, whose possession the
   * proof shows. Answers a first access token.
   */
  async claim(body: ClaimInput, person: SignedInPerson): Promise<ClaimAnswer> {
    const { credential, ref, invite } = await this.inviteCredential(body.credential);
    const { meetingId } = credential;
    if (this.deps.oidc.enabled) {
      const session = await person();
      const claimed = await this.claimAudited(credential, ref, invite, personClaim(session));
      return { ...(await this.inviteAccess(session, meetingId, claimed)), meetingId };
    }
    const publicKey = publicKeyFrom(body.publicKey);
    if (!publicKey) throw new AppError(400, 'invalidInput', 'a P-256 public key is needed');
    // Possession first: nobody binds an invitation to a key they do not hold.
    this.proofs.check(publicKey, body.proof, (ch) => deviceMessage.claim(ch, invite.id));
    await this.claimAudited(credential, ref, invite, {
      kind: 'device',
      publicKey,
      keyId: keyIdOf(publicKey),
      claimedAt: new Date(this.now()).toISOString(),
    });
    return { ...(await this.access(credential)), meetingId };
  }

  /**
   * A fresh access token for a credential: the secretariat's sign-in, or an
   * invite link claimed by a device key, which must prove possession again
   * (after the claim the link alone grants nothing).
   */
  async renew({
    credential: token,
    proof,
  }: Pick<TokenInput, 'proof'> & { credential: string }): Promise<AccessAnswer> {
    const { oidc, audit } = this.deps;
    const credential = await this.verified(token);
    if (credential.ref.kind === 'invite') {
      const invite = await this.currentInvite(credential.meetingId, credential.ref);
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
      this.proofs.check(
        claim.publicKey,
        proof,
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
    return this.access(credential);
  }

  /**
   * An access token through the person's session: for the secretariat's
   * calls (no meeting), or for a meeting whose invitation they claimed.
   * Signing in as the person an unclaimed invitation names claims it, link or not.
   */
  async personToken(session: PersonSession, meetingId?: string): Promise<AccessAnswer> {
    if (meetingId === undefined) {
      if (!session.secretariat) {
        throw new AppError(403, 'organiserOnly', 'only the secretariat signs in for all meetings');
      }
      return this.personAccess(session, {
        userId: `oidc:${session.issuerId}:${session.subject}`,
        name: session.name,
        role: 'organiser',
        meetingId: ALL_MEETINGS,
      });
    }
    const record = await this.deps.store.load(meetingId);
    const found = record ? invitationOf(record, session) : null;
    if (!found) {
      throw new AppError(403, 'notOnInvitation', 'you have no claimed invitation to this meeting');
    }
    const { invite } = found;
    const mine = found.claimed
      ? invite
      : await this.deps.invites.claim(
          meetingId,
          invite.id,
          invite.linkGeneration ?? 1,
          personClaim(session),
        );
    return this.inviteAccess(session, meetingId, mine);
  }

  /** The signed-in person as the client shows them. */
  me(session: PersonSession): PersonView {
    return {
      name: session.name,
      email: session.email,
      organisation: session.organisation,
      secretariat: session.secretariat,
      issuer: session.issuer,
      issuerId: session.issuerId,
      authTime: new Date(session.authTime * 1000).toISOString(),
      csrf: session.csrf,
    };
  }

  /** Ends the person's sign-in here: its cookie and every token derived from it stop working. */
  async logout(session: PersonSession): Promise<void> {
    await this.deps.people.end(session.id);
    this.deps.log.info('signed out', { issuer: session.issuer, subject: session.subject });
  }

  /** The invite link's credential, verified and still current; else 401. */
  private async inviteCredential(token: string) {
    const credential = await this.verified(token);
    if (credential.ref.kind !== 'invite') {
      throw new AppError(400, 'invalidInput', 'this is not an invitation');
    }
    const invite = await this.currentInvite(credential.meetingId, credential.ref);
    return { credential, ref: credential.ref, invite };
  }

  /** A credential (invite link or sign-in) that verifies; else 401. */
  private async verified(token: string): Promise<Credential> {
    const credential = await this.deps.tokens.verifyCredential(token);
    if (typeof credential === 'string') throw tokenRefused(credential);
    return credential;
  }

  /** The invitation of a link, not revoked and the link its current one; else 401. */
  private currentInvite(meetingId: string, ref: { inviteId: string; generation: number }) {
    return checkInviteCredential(this.deps.store, meetingId, ref.inviteId, ref.generation);
  }

  /**
   * Claims the invitation; a claim refused because the invitation is someone
   * else's (a forwarded or leaked link) is audited, naming who tried.
   */
  private async claimAudited(
    credential: Credential,
    ref: { inviteId: string; generation: number },
    invite: Invite,
    claim: InviteClaim,
  ) {
    try {
      return await this.deps.invites.claim(
        credential.meetingId,
        ref.inviteId,
        ref.generation,
        claim,
      );
    } catch (err) {
      if (
        err instanceof AppError &&
        (err.code === 'inviteClaimed' || err.code === 'inviteForSomeoneElse')
      ) {
        this.deps.audit.refusedClaim(credential.meetingId, invite, {
          reason: err.code,
          ...claimant(claim),
        });
      }
      throw err;
    }
  }

  /** A short-lived access token for a credential (never outliving it), as the routes answer it. */
  private async access(credential: Credential): Promise<AccessAnswer> {
    const { token, expiresAt } = await this.deps.tokens.issueAccess(
      credential,
      this.deps.accessTtlSeconds,
    );
    return { token, expiresAt };
  }

  /**
   * An access token through the person's session: for a claimed invitation
   * (its identity in that meeting), or for the secretariat's calls.
   */
  private personAccess(
    session: PersonSession,
    as: Pick<Credential, 'userId' | 'name' | 'role' | 'meetingId'>,
    inviteId?: string,
  ): Promise<AccessAnswer> {
    const { id: sessionId, issuer, subject, expiresAt } = session;
    return this.access({
      ...as,
      ref: { kind: 'oidc', sessionId, issuer, subject, ...(inviteId ? { inviteId } : {}) },
      expiresAt,
    });
  }

  private inviteAccess(session: PersonSession, meetingId: string, invite: Invite) {
    return this.personAccess(session, { ...invite, meetingId }, invite.id);
  }
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Who tried to claim, for the audit entry of a refused claim. */
function claimant(claim: InviteClaim): Record<string, unknown> {
  return claim.kind === 'device'
    ? { by: 'device', keyId: claim.keyId }
    : { by: 'oidc', issuer: claim.issuer, subject: claim.subject, email: claim.email };
}
