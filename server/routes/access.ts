import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { isValidMeetingId } from '../../shared/meetingId.ts';
import type { Principal, TokenService } from '../auth/tokens.ts';
import type { Access, Workflows } from '../workflow/Workflows.ts';

const FAILURE_MESSAGES = {
  missing: 'sign in or open your invite link: this needs an access token',
  malformed: 'the access token is malformed',
  expired: 'the access token has expired; ask the organiser for a new invite link',
  invalid: 'the access token is not valid',
} as const;

/**
 * The caller's token: `Authorization: Bearer <token>`, or for GET requests
 * (downloads opened as links) `?token=`.
 */
function tokenOf(c: Context): string | undefined {
  const header = c.req.header('authorization');
  if (header) return /^Bearer\s+(\S+)$/i.exec(header)?.[1] ?? '';
  return c.req.method === 'GET' ? c.req.query('token') : undefined;
}

/** The verified caller, or 401. */
export async function principalOf(c: Context, tokens: TokenService): Promise<Principal> {
  const result = await tokens.verify(tokenOf(c));
  if (typeof result === 'string')
    throw new HTTPException(401, { message: FAILURE_MESSAGES[result] });
  return result;
}

/** Callers holding the organiser credential's login (all meetings). */
export async function organiserOf(c: Context, tokens: TokenService): Promise<Principal> {
  const principal = await principalOf(c, tokens);
  if (principal.meetingId !== '*') {
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
): Promise<Access> {
  const principal = await principalOf(c, tokens);
  if (principal.meetingId !== '*' && principal.meetingId !== meetingId) {
    throw new HTTPException(403, { message: 'this token is not for this meeting' });
  }
  if (!isValidMeetingId(meetingId)) throw new HTTPException(400, { message: 'invalid meeting id' });
  return workflows.authorize(principal, meetingId);
}
