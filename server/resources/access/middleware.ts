import type { Context, MiddlewareHandler } from 'hono';
import type { Action } from '../../../shared/access/permissions.ts';
import { ALL_MEETINGS } from '../../../shared/access/workflow.ts';
import { AppError } from '../../core/errors.ts';
import type { Access, MeetingStore } from '../meetings/MeetingStore.ts';
import { authorize } from './authorize.ts';
import type { Principal, TokenFailure, TokenService } from './tokens.ts';

/** What the access middleware leaves for handlers: `c.var.principal`, `c.var.access`. */
export type AccessEnv = { Variables: { principal: Principal; access: Access } };

const TOKEN_FAILURE_MESSAGES: Record<TokenFailure, string> = {
  missing: 'sign in or open your invite link: this needs an access token',
  malformed: 'the access token is malformed',
  expired: 'the access token has expired; renew it',
  invalid: 'the access token is not valid',
};

/** 401 for a token that is missing or bad; `reason: 'expired'` tells the client to renew it. */
export function tokenRefused(failure: TokenFailure): AppError {
  return new AppError(
    401,
    failure === 'expired' ? 'tokenExpired' : 'unauthorized',
    TOKEN_FAILURE_MESSAGES[failure],
    { reason: failure },
  );
}

/**
 * The caller's access token, from `Authorization: Bearer <token>` only: a
 * token in a URL ends up in browser history, console errors and proxy logs.
 */
export async function bearer(c: Context, tokens: TokenService): Promise<Principal> {
  const header = c.req.header('authorization');
  const token = header ? (/^Bearer\s+(\S+)$/i.exec(header)?.[1] ?? '') : undefined;
  const principal = await tokens.verifyAccess(token);
  if (typeof principal === 'string') throw tokenRefused(principal);
  return principal;
}

/** Any valid access token: `c.var.principal`. */
export function signedIn(tokens: TokenService): MiddlewareHandler<AccessEnv> {
  return async (c, next) => {
    c.set('principal', await bearer(c, tokens));
    await next();
  };
}

/** The secretariat's sign-in (all meetings) only. */
export function organiserOnly(tokens: TokenService): MiddlewareHandler<AccessEnv> {
  return async (c, next) => {
    const principal = await bearer(c, tokens);
    if (principal.meetingId !== ALL_MEETINGS) {
      throw new AppError(403, 'organiserOnly', 'only the organiser (secretariat) can do this');
    }
    c.set('principal', principal);
    await next();
  };
}

/**
 * The caller's access to the meeting in the path (`:id`): `c.var.access`.
 * Order matters: the token is checked first and must be for this meeting,
 * so a caller without access learns nothing about which ids exist. A route
 * may hand in another way to the principal (a download link).
 */
export function meetingAccess(
  deps: { tokens: TokenService; store: MeetingStore },
  principalOf: (c: Context) => Promise<Principal> = (c) => bearer(c, deps.tokens),
): MiddlewareHandler<AccessEnv> {
  return async (c, next) => {
    const principal = await principalOf(c);
    c.set('principal', principal);
    c.set('access', await authorize(deps.store, principal, c.req.param('id') ?? ''));
    await next();
  };
}

/**
 * The permission table (shared/access/permissions.ts) for the route: 403
 * unless the caller's role may do `action` in the meeting's current phase.
 * Services check again inside their change (the phase may move meanwhile).
 */
export function allow(store: MeetingStore, action: Action): MiddlewareHandler<AccessEnv> {
  return async (c, next) => {
    store.require(c.var.access, action);
    await next();
  };
}
