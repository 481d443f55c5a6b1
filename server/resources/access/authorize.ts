import { ALL_MEETINGS } from '../../../shared/access/workflow.ts';
import { meetingIdParam } from '../../../shared/api/schemas.ts';
import { AppError } from '../../core/errors.ts';
import { checkClaimedBy, checkInviteLink } from '../invites/InviteService.ts';
import type { Access, MeetingStore } from '../meetings/MeetingStore.ts';
import type { Principal } from './tokens.ts';

/**
 * THE access rule, in one place (REST middleware and websocket alike): a
 * verified principal gets an Access to a meeting when its token is for that
 * meeting (or is the secretariat's sign-in, for every meeting), the id is a
 * meeting id, the meeting exists, and, for a token derived from an invite
 * link, that invite is not revoked and the link is its current one. Order
 * matters: the token is checked before the id and the meeting's existence
 * are looked at, so nobody learns which ids exist, and a malformed id never
 * reaches the disk.
 */
export async function authorize(
  store: MeetingStore,
  principal: Principal,
  meetingId: string,
): Promise<Access> {
  if (principal.meetingId !== ALL_MEETINGS && principal.meetingId !== meetingId) {
    throw new AppError(403, 'notForThisMeeting', 'this token is not for this meeting');
  }
  if (!meetingIdParam.safeParse({ id: meetingId }).success) {
    throw new AppError(400, 'invalidInput', 'invalid meeting id');
  }
  const record = await store.load(meetingId);
  if (!record) throw new AppError(404, 'notFound', 'meeting not found');
  const credential = principal.credential;
  if (credential.kind === 'invite') {
    checkInviteLink(record, credential.inviteId, credential.generation);
  } else if (credential.kind === 'oidc' && credential.inviteId) {
    checkClaimedBy(record, credential.inviteId, credential.issuer, credential.subject);
  }
  return {
    principal,
    role: principal.meetingId === ALL_MEETINGS ? 'organiser' : principal.role,
    meetingId,
  };
}

/**
 * Checks an invite link's credential before access tokens are issued for it
 * (the link may have been revoked or replaced since it was made).
 */
export async function checkInviteCredential(
  store: MeetingStore,
  meetingId: string,
  inviteId: string,
  generation: number,
) {
  const record = await store.load(meetingId);
  if (!record) throw new AppError(401, 'inviteRevoked', 'this invite is not valid');
  return checkInviteLink(record, inviteId, generation);
}
