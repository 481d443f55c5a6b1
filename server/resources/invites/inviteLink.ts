import type { Invite } from '../../../shared/access/workflow.ts';
import type { TokenService } from '../access/tokens.ts';

/**
 * The link for the invite's current generation (a path: the caller puts the
 * origin in front). Its credential sits in the fragment, which browsers
 * never send to servers.
 */
export async function inviteLink(
  tokens: TokenService,
  meetingId: string,
  invite: Invite,
  ttlSeconds: number,
) {
  const { token, expiresAt } = await tokens.issueInvite(
    { userId: invite.userId, name: invite.name, role: invite.role, meetingId },
    invite.id,
    invite.linkGeneration ?? 1,
    ttlSeconds,
  );
  return { credential: token, expiresAt, link: `/m/${meetingId}#invite=${token}` };
}
