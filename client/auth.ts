import type { Role } from '../shared/access/permissions.ts';
import { client } from './apiClient.ts';

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
  return credential ? decodeClaims(credential) : null;
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

const cache = new Map<string, { token: string; expires: number }>();
const pending = new Map<string, Promise<string | null>>();

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
  const credential = credentialFor(meetingId);
  if (!credential) return null;
  const cached = cache.get(credential);
  if (!renew && cached && cached.expires - Date.now() > RENEW_BEFORE_MS) return cached.token;
  let request = pending.get(credential);
  if (!request) {
    request = client.session.token
      .$post({ json: { credential } })
      .then(async (res) => {
        if (res.status === 401) {
          forget(credential);
          return null;
        }
        if (!res.ok) return cached?.token ?? null;
        const { token, expiresAt } = await res.json();
        cache.set(credential, { token, expires: Date.parse(expiresAt) });
        return token;
      })
      // Offline: keep using what we have; the caller's request will say what is wrong.
      .catch(() => cached?.token ?? null)
      .finally(() => pending.delete(credential));
    pending.set(credential, request);
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
}
