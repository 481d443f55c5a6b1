import { randomBytes } from 'node:crypto';
import type * as Oidc from 'openid-client';
import type { OidcIssuerConfig } from '../../core/config.ts';
import type { Logger } from '../../core/log.ts';
import type { Person } from './PersonSessions.ts';

/** Why a sign-in failed, each with its own error code (shared/api/errors.ts). */
export type SignInFailure =
  | 'unknownIssuer'
  | 'signInFailed' // state or nonce mismatch, replayed or invalid code, bad id token
  | 'signInExpired' // the id token (or the step-up's authentication) is too old
  | 'emailUnverified'; // the provider says it has not verified the e-mail address

export class SignInError extends Error {
  constructor(
    readonly failure: SignInFailure,
    /** What went wrong, for the log (never shown to the user). */
    readonly reason: string,
  ) {
    super(reason);
  }
}

/** A sign-in under way: what the callback must find again, kept server-side, used once. */
interface Transaction {
  issuerId: string;
  state: string;
  nonce: string;
  codeVerifier: string;
  returnTo: string;
  /** A step-up: the provider must authenticate afresh (prompt=login, max_age=0). */
  stepUp: boolean;
  startedAt: number;
  /** The session a step-up replaces. */
  replaces?: string;
}

const TRANSACTION_TTL_MS = 10 * 60_000;
const MAX_TRANSACTIONS = 10_000;
/** Clock difference tolerated between us and the provider. */
const CLOCK_SKEW_SECONDS = 60;

/** Only paths of this app, never another origin ("//evil", "/\\evil", "https:"). */
export function safeReturnTo(value: string | undefined): string {
  if (!value || !/^\/(?![/\\])[\w\-./~%?=&#+]*$/.test(value) || value.length > 500) return '/';
  return value;
}

const MAX_EMAIL_LENGTH = 254;

/**
 * A claim's string value, following a dotted path ("org.name"); '' when
 * absent. Cut to 200 characters, or with `refuseOver`, '' when longer (an
 * identifier cut short would name someone else).
 */
function claimString(
  claims: Record<string, unknown>,
  name: string | undefined,
  refuseOver?: number,
): string {
  if (!name) return '';
  let value: unknown = claims;
  for (const part of name.split('.')) {
    value =
      typeof value === 'object' && value !== null
        ? (value as Record<string, unknown>)[part]
        : undefined;
  }
  if (typeof value !== 'string') return '';
  if (refuseOver !== undefined) return value.length > refuseOver ? '' : value;
  return value.slice(0, 200);
}

function claimIncludes(claims: Record<string, unknown>, name: string, wanted: string): boolean {
  const value = claims[name];
  return Array.isArray(value) ? value.includes(wanted) : value === wanted;
}

/**
 * openid-client, loaded when a provider is first used: most installations
 * configure none, and a restart should not wait for it.
 */
const openidClient = () => import('openid-client');

/**
 * Sign-in through OpenID Connect identity providers (authorization code +
 * PKCE, state and nonce), with openid-client. Each configured issuer is
 * discovered on first use. The transaction of a sign-in under way lives
 * here (not in the browser), named by an id the browser holds in a cookie,
 * and is used once: a replayed callback finds nothing.
 */
export class OidcSignIn {
  private readonly configs = new Map<string, Promise<Oidc.Configuration>>();
  private readonly transactions = new Map<string, Transaction>();

  constructor(
    private readonly issuers: OidcIssuerConfig[],
    /** Where the provider sends the browser back (known once the server listens). */
    private readonly redirectUri: () => string,
    private readonly log: Logger,
  ) {}

  get enabled(): boolean {
    return this.issuers.length > 0;
  }

  /** What the sign-in page offers: id and label of each provider. */
  list(): { id: string; label: string }[] {
    return this.issuers.map((i) => ({ id: i.id, label: i.label }));
  }

  private issuer(id: string): OidcIssuerConfig {
    const found = this.issuers.find((i) => i.id === id);
    if (!found) throw new SignInError('unknownIssuer', `no issuer configured with id ${id}`);
    return found;
  }

  private configuration(issuer: OidcIssuerConfig): Promise<Oidc.Configuration> {
    let config = this.configs.get(issuer.id);
    if (!config) {
      config = openidClient()
        .then((oidc) =>
          oidc.discovery(
            new URL(issuer.issuer),
            issuer.clientId,
            {
              client_secret: issuer.clientSecret,
              ...(issuer.clockSkewSeconds ? { [oidc.clockSkew]: issuer.clockSkewSeconds } : {}),
            },
            undefined,
            issuer.allowInsecure ? { execute: [oidc.allowInsecureRequests] } : undefined,
          ),
        )
        .catch((err: unknown) => {
          this.configs.delete(issuer.id); // try again next time
          throw err;
        });
      this.configs.set(issuer.id, config);
    }
    return config;
  }

  /** Starts a sign-in: the provider's URL to send the browser to, and the transaction's id. */
  async begin(
    issuerId: string,
    options: { returnTo?: string; stepUp?: boolean; replaces?: string; loginHint?: string },
  ): Promise<{ url: string; transactionId: string }> {
    const issuer = this.issuer(issuerId);
    const config = await this.configuration(issuer);
    const oidc = await openidClient();
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const tx: Transaction = {
      issuerId,
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      codeVerifier,
      returnTo: safeReturnTo(options.returnTo),
      stepUp: options.stepUp === true,
      startedAt: Math.floor(Date.now() / 1000),
      ...(options.replaces ? { replaces: options.replaces } : {}),
    };
    const parameters: Record<string, string> = {
      redirect_uri: this.redirectUri(),
      scope: issuer.scope ?? 'openid email profile',
      response_type: 'code',
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state: tx.state,
      nonce: tx.nonce,
    };
    if (tx.stepUp) {
      parameters.prompt = 'login';
      parameters.max_age = '0';
    }
    if (options.loginHint) parameters.login_hint = options.loginHint.slice(0, 254);
    const url = oidc.buildAuthorizationUrl(config, parameters);
    const transactionId = randomBytes(24).toString('base64url');
    this.prune();
    this.transactions.set(transactionId, tx);
    return { url: url.href, transactionId };
  }

  /**
   * Finishes a sign-in from the provider's callback: checks state, exchanges
   * the code (PKCE), checks the id token (signature, issuer, audience,
   * expiry, nonce; for a step-up, that authentication happened after it was
   * asked for) and maps its claims to a person.
   */
  async finish(
    transactionId: string | undefined,
    callbackUrl: URL,
  ): Promise<{ person: Person; authTime: number; returnTo: string; replaces?: string }> {
    const tx = transactionId ? this.transactions.get(transactionId) : undefined;
    if (transactionId) this.transactions.delete(transactionId);
    if (!tx || Date.now() - tx.startedAt * 1000 > TRANSACTION_TTL_MS) {
      throw new SignInError('signInFailed', 'no sign-in under way in this browser (or used)');
    }
    if (callbackUrl.searchParams.get('state') !== tx.state) {
      throw new SignInError('signInFailed', 'state mismatch');
    }
    const error = callbackUrl.searchParams.get('error');
    if (error) throw new SignInError('signInFailed', `provider answered ${error.slice(0, 100)}`);
    const issuer = this.issuer(tx.issuerId);
    const config = await this.configuration(issuer);
    const oidc = await openidClient();
    let claims: Record<string, unknown>;
    try {
      const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: tx.codeVerifier,
        expectedState: tx.state,
        expectedNonce: tx.nonce,
        idTokenExpected: true,
        ...(tx.stepUp ? { maxAge: 0 } : {}),
      });
      claims = (tokens.claims() ?? {}) as Record<string, unknown>;
    } catch (err) {
      const e = err as { code?: string; message?: string; error?: string };
      const reason = `${e.code ?? ''} ${e.error ?? ''} ${e.message ?? String(err)}`.trim();
      const expired = /timestamp|expired|"exp"|auth_time/i.test(reason);
      throw new SignInError(expired ? 'signInExpired' : 'signInFailed', reason);
    }
    // Without auth_time (Entra ID unless max_age asks) the authentication may be
    // hours old (the provider's own session): never fresh enough to approve.
    const authTime = typeof claims.auth_time === 'number' ? claims.auth_time : 0;
    if (tx.stepUp && authTime + CLOCK_SKEW_SECONDS < tx.startedAt) {
      throw new SignInError('signInExpired', 'the provider did not authenticate afresh');
    }
    const emailClaim = issuer.claims?.email ?? 'email';
    const email = claimString(claims, emailClaim, MAX_EMAIL_LENGTH).toLowerCase();
    const subject = typeof claims.sub === 'string' ? claims.sub : '';
    // OpenID Connect: a subject is at most 255 ASCII characters; an address at most 254.
    if (!subject || subject.length > 255 || !email.includes('@')) {
      throw new SignInError('signInFailed', 'the id token names no subject or no e-mail');
    }
    // The e-mail is what claims an invitation: one the provider let anyone type
    // in (and says so) could claim anyone's. Providers that do not say (Entra ID)
    // are configured with a claim they vouch for (README, "Sign-in").
    if (emailClaim === 'email' && claims.email_verified !== undefined) {
      if (claims.email_verified !== true && claims.email_verified !== 'true') {
        throw new SignInError('emailUnverified', `the provider has not verified ${email}`);
      }
    }
    const person: Person = {
      issuerId: issuer.id,
      issuer: String(claims.iss ?? issuer.issuer),
      subject,
      email,
      name: claimString(claims, issuer.claims?.name ?? 'name') || email,
      organisation: claimString(claims, issuer.claims?.organisation),
      secretariat: issuer.secretariat
        ? claimIncludes(claims, issuer.secretariat.claim, issuer.secretariat.value)
        : false,
    };
    this.log.info('signed in through identity provider', {
      issuer: person.issuer,
      subject,
      stepUp: tx.stepUp,
    });
    return {
      person,
      authTime,
      returnTo: tx.returnTo,
      ...(tx.replaces ? { replaces: tx.replaces } : {}),
    };
  }

  private prune() {
    const now = Date.now();
    for (const [id, tx] of this.transactions) {
      if (now - tx.startedAt * 1000 > TRANSACTION_TTL_MS) this.transactions.delete(id);
    }
    for (const id of this.transactions.keys()) {
      if (this.transactions.size < MAX_TRANSACTIONS) break;
      this.transactions.delete(id);
    }
  }
}
