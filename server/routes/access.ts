import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { isValidMeetingId } from '../../shared/meetingId.ts';
import { ALL_MEETINGS } from '../../shared/access/workflow.ts';
import type { Principal, TokenFailure, TokenService } from '../auth/tokens.ts';
import type { Access, Workflows } from '../workflow/Workflows.ts';

export const TOKEN_FAILURE_MESSAGES: Record<TokenFailure, string> = {
  missing: 'sign in or open your invite link: this needs an access token',
  malformed: 'the access token is malformed',
  expired: 'the access token has expired; renew it',
  invalid: 'the access token is not valid',
};

/**
 * The caller's access token, from `Authorization: Bearer <token>` only: a
 * token in a URL ends up in browser history, console errors and proxy logs.
 * (Downloads use their own short-lived link tokens, see the export route.)
 */
function tokenOf(c: Context): string | undefined {
  const header = c.req.header('authorization');
  return header ? (/^Bearer\s+(\S+)$/i.exec(header)?.[1] ?? '') : undefined;
}

/** The verified caller, or 401 (the body's `reason` says why, e.g. `expired`). */
export async function principalOf(c: Context, tokens: TokenService): Promise<Principal> {
  return principalOrFail(await tokens.verifyAccess(tokenOf(c)));
}

export function principalOrFail(result: Principal | TokenFailure): Principal {
  if (typeof result === 'string') {
    throw new HTTPException(401, {
      res: Response.json(
        { error: TOKEN_FAILURE_MESSAGES[result], reason: result },
        { status: 401 },
      ),
    });
  }
  return result;
}

/** Callers holding the organiser credential's login (all meetings). */
export async function organiserOf(c: Context, tokens: TokenService): Promise<Principal> {
  const principal = await principalOf(c, tokens);
  if (principal.meetingId !== ALL_MEETINGS) {
    throw new HTTPException(403, { message: 'only the organiser (secretariat) can do this' });
  }
  return principal;
}

/**
 * The caller's access to the meeting in the path. Order matters: the token
 * is checked first and must be for this meeting, so a caller without access
 * learns nothing about which meeting ids exist.
 */
export async function meetingAccess(
  c: Context,
  tokens: TokenService,
  workflows: Workflows,
  meetingId = c.req.param('id') ?? '',
  given?: Principal,
): Promise<Access> {
  const principal = given ?? (await principalOf(c, tokens));
  if (principal.meetingId !== ALL_MEETINGS && principal.meetingId !== meetingId) {
    throw new HTTPException(403, { message: 'this token is not for this meeting' });
  }
  if (!isValidMeetingId(meetingId)) throw new HTTPException(400, { message: 'invalid meeting id' });
  return workflows.authorize(principal, meetingId);
}
