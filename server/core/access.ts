import type { Role } from '../../shared/access/permissions.ts';
import type { CredentialRef } from '../../shared/access/workflow.ts';

// Who is calling, as every floor above needs to know it: the resources check
// it, collab keeps it per connection. Types only; tokens (resources/access)
// make and verify them.

/** Who someone is in one meeting (or in all, for the secretariat's sign-in). */
export interface Identity {
  userId: string;
  name: string;
  role: Role;
  /** The one meeting, or ALL_MEETINGS for the organiser's sign-in. */
  meetingId: string;
}

/**
 * Who is calling, as proven by a verified access token: the identity, the
 * credential the token was derived from (recorded with approvals and
 * audited), the token's own id and its expiry.
 */
export interface Principal extends Identity {
  /** Invite the token was derived from (revocable); absent for the organiser's sign-in. */
  inviteId?: string;
  credential: CredentialRef;
  tokenId: string;
  /** Unix seconds; open sockets are closed then (4401). */
  expiresAt: number;
}

/** What a caller holds in one meeting once its token was checked. */
export interface Access {
  principal: Principal;
  role: Role;
  meetingId: string;
}
