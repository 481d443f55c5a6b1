import type { Role } from '../shared/access/permissions.ts';
import { client } from './apiClient.ts';
import { deviceMessage, devicePublicKey, deviceSign } from './deviceKey.ts';

/**
 * Credentials and access tokens in this browser.
 *
 * A credential is what someone holds: the secretariat's sign-in, or an
 * invite link (`/m/<id>#invite=…`, taken out of the address bar at once).
 * Credentials are kept in localStorage and never sent anywhere but to
 * POST /api/session/token, which answers a short-lived access token (checked
 * again each time: a revoked invite or a replaced link gets nothing). Access
 * tokens stay in memory and go only in the Authorization header and the
 * websocket's subprotocol, never in a URL.
 */
export interface Claims {
  name: string;
  role: Role;
  /** Meeting id, or '*' for the organiser sign-in. */
  mid: string;
  sub: string;
  exp: number;
}

const SESSION_KEY = 'referat.session';
const inviteKey = (id: string) => `referat.invite.${id}`;
/** Renew an access token this long before it runs out. */
const RENEW_BEFORE_MS = 60_000;

export function decodeClaims(token: string): Claims | null {
  try {
    const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = decodeURIComponent(
      [...atob(payload)].map((c) => '%' + c.charCodeAt(0).toString(16).padStart(2, '0')).join(''),
    );
    const claims = JSON.parse(json) as Claims;
    return typeof claims.name === 'string' && typeof claims.exp === 'number' ? claims : null;
  } catch {
    return null;
  }
}

const valid = (token: string | null): token is string => {
  const claims = token ? decodeClaims(token) : null;
  return claims !== null && claims.exp * 1000 > Date.now();
};

/** Stores the credential arriving in the address bar (invite link) and removes it from there. */
export function captureInviteToken() {
  const m = /^#invite=([\w.-]+)$/.exec(location.hash);
  const route = /^\/m\/([^/]+)\/?$/.exec(location.pathname);
  if (!m && !/^#token=/.test(location.hash)) return;
  if (m && route) localStorage.setItem(inviteKey(decodeURIComponent(route[1])), m[1]);
  history.replaceState(null, '', location.pathname + location.search);
}

export function organiserCredential(): string | null {
  const credential = localStorage.getItem(SESSION_KEY);
  return valid(credential) ? credential : null;
}

/** After signing in: the credential is kept, its first access token cached. */
export function saveSignIn(signIn: { credential: string; token: string; expiresAt: string }) {
  localStorage.setItem(SESSION_KEY, signIn.credential);
  cache.set(signIn.credential, { token: signIn.token, expires: Date.parse(signIn.expiresAt) });
}

export function signOut() {
  const credential = localStorage.getItem(SESSION_KEY);
  if (credential) cache.delete(credential);
  localStorage.removeItem(SESSION_KEY);
}

/** The credential to use for a meeting: its invite link's, else the organiser's sign-in. */
export function credentialFor(meetingId?: string): string | null {
  const own = meetingId ? localStorage.getItem(inviteKey(meetingId)) : null;
  return valid(own) ? own : organiserCredential();
}

/** Who this browser is (in a meeting): from the credential, which names the person. */
export function claimsFor(meetingId?: string): Claims | null {
  const credential = credentialFor(meetingId);
  if (credential) return decodeClaims(credential);
  const person = signIn.person;
  if (!person) return null;
  return {
    name: person.name,
    role: person.secretariat ? 'organiser' : 'member',
    mid: person.secretariat ? '*' : (meetingId ?? ''),
    sub: person.email,
    exp: Number.MAX_SAFE_INTEGER,
  };
}

/** Meetings this browser holds invite links for (shown to invitees on the start page). */
export function invitedMeetingIds(): string[] {
  const ids: string[] = [];
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i) ?? '';
    if (key.startsWith('referat.invite.') && valid(localStorage.getItem(key))) {
      ids.push(key.slice('referat.invite.'.length));
    }
  }
  return ids;
}

/** Signed in through an identity provider: who, and the CSRF token for cookie calls. */
export interface Person {
  name: string;
  email: string;
  organisation: string;
  secretariat: boolean;
  issuerId: string;
  csrf: string;
}

/** How people sign in here, and who is signed in (loaded once at start: `loadSignIn`). */
export const signIn: {
  mode: 'embedded' | 'oidc';
  providers: { id: string; label: string }[];
  person: Person | null;
} = { mode: 'embedded', providers: [], person: null };

/** Asks the server how people sign in, and whether this browser is signed in. */
export async function loadSignIn(): Promise<void> {
  try {
    const res = await client.session.providers.$get();
    if (res.ok) Object.assign(signIn, await res.json());
    if (signIn.mode === 'oidc') {
      const me = await client.session.me.$get();
      signIn.person = me.ok ? await me.json() : null;
    }
  } catch {
    // Offline: the embedded mode's stored credentials still work.
  }
}

/** The secretariat: by the organiser key (embedded) or the identity provider's group. */
export function isSecretariat(): boolean {
  return organiserCredential() !== null || signIn.person?.secretariat === true;
}

/** Where the browser goes to sign in (again, for a step-up) through the identity provider. */
export function signInUrl(issuerId: string, returnTo: string, stepUp = false): string {
  const query = new URLSearchParams({ returnTo, ...(stepUp ? { stepUp: '1' } : {}) });
  return `/auth/login/${encodeURIComponent(issuerId)}?${query}`;
}

/** Ends the identity provider session on the server, and forgets everything here. */
export async function signOutPerson(): Promise<void> {
  const person = signIn.person;
  if (!person) return;
  await client.session.logout.$post({}, { headers: { 'x-csrf-token': person.csrf } });
  signIn.person = null;
  cache.clear();
}

/** A refusal of a claim or a token the user must be told about (code of shared/api/errors.ts). */
export class SignInRefused extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

const cache = new Map<string, { token: string; expires: number }>();
const pending = new Map<string, Promise<string | null>>();

async function challenge(): Promise<string> {
  const res = await client.session.challenge.$post();
  if (!res.ok) throw new Error(`challenge: ${res.status}`);
  return (await res.json()).challenge;
}

const codeOf = async (res: Response) =>
  ((await res.json().catch(() => ({}))) as { code?: string }).code ?? 'unauthorized';

/**
 * An access token for an invite link's credential (embedded mode): the
 * device proves it holds the key the invitation was claimed with; an
 * unclaimed invitation is claimed for this device first.
 */
async function deviceToken(credential: string): Promise<Response> {
  const inviteId = (decodeClaims(credential) as (Claims & { iid?: string }) | null)?.iid ?? '';
  const sign = async (message: (c: string, id: string) => string) => {
    const c = await challenge();
    return { challenge: c, signature: await deviceSign(message(c, inviteId)) };
  };
  const res = (await client.session.token.$post({
    json: { credential, proof: await sign(deviceMessage.session) },
  })) as unknown as Response;
  if (res.status !== 401) return res;
  const code = await codeOf(res.clone());
  if (code !== 'claimRequired') return res;
  return (await client.session.claim.$post({
    json: {
      credential,
      publicKey: (await devicePublicKey()) as { kty: 'EC'; crv: 'P-256'; x: string; y: string },
      proof: await sign(deviceMessage.claim),
    },
  })) as unknown as Response;
}

/**
 * An access token through the identity provider's session: for a meeting
 * (claiming its invitation with the link's credential when not yet done),
 * or for the secretariat's own calls.
 */
async function personToken(person: Person, meetingId?: string, credential?: string | null) {
  const headers = { 'x-csrf-token': person.csrf };
  const res = (await client.session.token.$post(
    { json: meetingId ? { meetingId } : {} },
    { headers },
  )) as unknown as Response;
  if (res.ok || !meetingId || !credential || (await codeOf(res.clone())) !== 'notOnInvitation') {
    return res;
  }
  return (await client.session.claim.$post(
    { json: { credential } },
    { headers },
  )) as unknown as Response;
}

/**
 * Refusals after which a stored credential grants nothing ever again (it is
 * forgotten); others (sign in first, a proof that failed) keep it.
 */
const DEAD_CREDENTIAL = new Set([
  'inviteRevoked',
  'linkReplaced',
  'inviteClaimed',
  'unauthorized',
  'tokenExpired',
]);

/** The latest refusal that a person must act on (invitation claimed elsewhere, …). */
export let lastRefusal: string | null = null;

/**
 * An access token for a meeting (or for the secretariat's own calls),
 * renewed from the credential when it is about to run out or `renew` says
 * the server refused it. Null when there is no credential, or it no longer
 * grants anything (it is then forgotten).
 */
export async function accessToken(
  meetingId?: string,
  { renew = false } = {},
): Promise<string | null> {
  const own = meetingId ? localStorage.getItem(inviteKey(meetingId)) : null;
  const person = signIn.person;
  const credential = credentialFor(meetingId);
  // Through the identity provider: the cookie is the credential; cache per meeting.
  const key = person ? `person:${meetingId ?? '*'}` : credential;
  if (!key) return null;
  // The secretariat's sign-in (organiser key) rather than an invitation link.
  const organiser = !person && decodeClaims(credential!)?.mid === '*';
  // Through an identity provider nothing works before signing in; the link is kept for the claim.
  if (!person && !organiser && signIn.mode === 'oidc') {
    lastRefusal = 'signInRequired';
    return null;
  }
  const cached = cache.get(key);
  if (!renew && cached && cached.expires - Date.now() > RENEW_BEFORE_MS) return cached.token;
  let request = pending.get(key);
  if (!request) {
    const ask = person
      ? personToken(person, meetingId, valid(own) ? own : null)
      : organiser
        ? (client.session.token.$post({
            json: { credential: credential! },
          }) as unknown as Promise<Response>)
        : deviceToken(credential!);
    request = ask
      .then(async (res) => {
        if (!res.ok) {
          const code = await codeOf(res);
          if (res.status === 401 || res.status === 403 || res.status === 409) {
            lastRefusal = code;
            if (!person && DEAD_CREDENTIAL.has(code)) forget(credential!);
            return null;
          }
          return cached?.token ?? null;
        }
        const { token, expiresAt } = (await res.json()) as { token: string; expiresAt: string };
        cache.set(key, { token, expires: Date.parse(expiresAt) });
        lastRefusal = null;
        return token;
      })
      // Offline: keep using what we have; the caller's request will say what is wrong.
      .catch(() => cached?.token ?? null)
      .finally(() => pending.delete(key));
    pending.set(key, request);
  }
  return request;
}

/** A credential the server refused for good (revoked, replaced, expired). */
function forget(credential: string) {
  cache.delete(credential);
  for (let i = localStorage.length - 1; i >= 0; i--) {
    const key = localStorage.key(i) ?? '';
    if (localStorage.getItem(key) === credential) localStorage.removeItem(key);
  }
  // Whoever shows who this browser is (the top bar) looks again.
  window.dispatchEvent(new Event(CREDENTIALS_CHANGED));
}

/** Fired on `window` when a stored credential is dropped. */
export const CREDENTIALS_CHANGED = 'referat-credentials-changed';
