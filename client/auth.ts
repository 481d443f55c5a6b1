import type { Role } from '../shared/access/permissions.ts';

/**
 * Access tokens in this browser: the organiser's sign-in (all meetings) and
 * one token per meeting from invite links (`/m/<id>#token=…`). The token is
 * taken out of the address bar at once, so it is not left in history or
 * shared by copying the URL.
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
const meetingKey = (id: string) => `referat.token.${id}`;

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

/** Stores a token arriving in the address bar (invite link) and removes it from there. */
export function captureInviteToken() {
  const m = /^#token=([\w.-]+)$/.exec(location.hash);
  const route = /^\/m\/([^/]+)\/?$/.exec(location.pathname);
  if (!m) return;
  if (route) localStorage.setItem(meetingKey(decodeURIComponent(route[1])), m[1]);
  history.replaceState(null, '', location.pathname + location.search);
}

export function organiserToken(): string | null {
  const token = localStorage.getItem(SESSION_KEY);
  return valid(token) ? token : null;
}

export function saveOrganiserToken(token: string) {
  localStorage.setItem(SESSION_KEY, token);
}

export function signOut() {
  localStorage.removeItem(SESSION_KEY);
}

/** The token to use for a meeting: its invite token, else the organiser's sign-in. */
export function tokenFor(meetingId?: string): string | null {
  const own = meetingId ? localStorage.getItem(meetingKey(meetingId)) : null;
  return valid(own) ? own : organiserToken();
}

/** Meetings this browser holds invite tokens for (shown to invitees on the start page). */
export function invitedMeetingIds(): string[] {
  const ids: string[] = [];
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i) ?? '';
    if (key.startsWith('referat.token.') && valid(localStorage.getItem(key))) {
      ids.push(key.slice('referat.token.'.length));
    }
  }
  return ids;
}
