import { randomUUID } from 'node:crypto';
import type { Role } from '../../../shared/access/permissions.ts';
import { MAX_INVITES, type Invite, type InviteClaim } from '../../../shared/access/workflow.ts';
import { readHeader, readParticipants } from '../../../shared/minutes/layout.ts';
import { AppError } from '../../core/errors.ts';
import type { RoomHooks } from '../../collab/Room.ts';
import type { RoomManager } from '../../collab/RoomManager.ts';
import {
  SYSTEM,
  type Access,
  type MeetingRecord,
  type MeetingStore,
} from '../meetings/MeetingStore.ts';
import type { RosterPlacement } from '../rosters/rosterParticipants.ts';
import { approversOf } from '../approvals/approvers.ts';

export const approversFixed = () =>
  new AppError(
    409,
    'approversFixed',
    'the approvers are fixed while the draft is out; withdraw the draft to change them',
  );

/**
 * The invite exists, is not revoked, and `generation` is its current link;
 * else 401. Every access token derived from an invite link is checked so.
 */
export function checkInviteLink(record: MeetingRecord, inviteId: string, generation: number) {
  const invite = record.workflow.invites.find((i) => i.id === inviteId);
  if (!invite || invite.revokedAt) {
    throw new AppError(401, 'inviteRevoked', 'this invite was revoked');
  }
  if ((invite.linkGeneration ?? 1) !== generation) {
    throw new AppError(401, 'linkReplaced', 'this invite link was replaced by a newer one');
  }
  return invite;
}

/** Someone signed in through an identity provider, as invitations know them. */
export interface InvitedPerson {
  issuer: string;
  subject: string;
  email: string;
}

/** The invitation was claimed by this person (this subject at this provider). */
export function claimedBy(invite: Invite, person: Pick<InvitedPerson, 'issuer' | 'subject'>) {
  const claim = invite.claim;
  return (
    claim?.kind === 'oidc' && claim.issuer === person.issuer && claim.subject === person.subject
  );
}

/**
 * The person's invitation to a meeting, if any (revoked ones do not count):
 * the one they claimed, else one naming their e-mail that nobody claimed yet
 * (signing in as that person claims it).
 */
export function invitationOf(
  record: MeetingRecord,
  person: InvitedPerson,
): { invite: Invite; claimed: boolean } | null {
  const live = record.workflow.invites.filter((i) => !i.revokedAt);
  const claimed = live.find((i) => claimedBy(i, person));
  if (claimed) return { invite: claimed, claimed: true };
  const named = live.find((i) => !i.claim && i.email === person.email);
  return named ? { invite: named, claimed: false } : null;
}

/** What claiming an invitation by signing in records. */
export function personClaim(person: InvitedPerson): InviteClaim {
  const { issuer, subject, email } = person;
  return { kind: 'oidc', issuer, subject, email, claimedAt: new Date().toISOString() };
}

/** The invite exists, is not revoked, and was claimed by this person at this provider; else 401. */
export function checkClaimedBy(
  record: MeetingRecord,
  inviteId: string,
  issuer: string,
  subject: string,
) {
  const invite = record.workflow.invites.find((i) => i.id === inviteId);
  if (!invite || invite.revokedAt) {
    throw new AppError(401, 'inviteRevoked', 'this invite was revoked');
  }
  if (!claimedBy(invite, { issuer, subject })) {
    throw new AppError(401, 'inviteClaimed', 'this invitation is not yours');
  }
  return invite;
}

/** A new invite with its first link, made by the access's principal. */
function newInvite(
  access: Access,
  fields: Pick<
    Invite,
    'name' | 'role' | 'approver' | 'email' | 'language' | 'participantId' | 'memberId'
  >,
): Invite {
  const now = new Date().toISOString();
  const { email, language, participantId, memberId, ...rest } = fields;
  return {
    id: randomUUID(),
    userId: `u-${randomUUID()}`,
    ...rest,
    ...(email ? { email } : {}),
    ...(language ? { language } : {}),
    ...(participantId ? { participantId } : {}),
    ...(memberId ? { memberId } : {}),
    createdAt: now,
    createdBy: access.principal.name,
    linkGeneration: 1,
    linkIssuedBy: access.principal.name,
    linkIssuedAt: now,
  };
}

/** The audit entry of a new invite; `origin` says where it came from (an earlier meeting, a roster). */
function invited(invite: Invite, origin: Record<string, unknown> = {}) {
  return {
    kind: 'invite',
    detail: {
      inviteId: invite.id,
      name: invite.name,
      role: invite.role,
      approver: invite.approver,
      linkGeneration: 1,
      ...origin,
    },
  };
}

/** Invites: who is asked to a meeting with which role, their links, revoking. */
export class InviteService {
  constructor(
    private readonly store: MeetingStore,
    /** The open documents: an invitation names its participant in the live one. */
    private readonly rooms: RoomManager,
    /** `inviteRevoked` is said here: the invitation's sockets close. */
    private readonly hooks: RoomHooks,
  ) {}

  list(access: Access): Invite[] {
    return this.store.require(access, 'invite').workflow.invites;
  }

  find(access: Access, inviteId: string): Invite {
    const invite = this.list(access).find((i) => i.id === inviteId);
    if (!invite) throw new AppError(404, 'notFound', 'invite not found');
    return invite;
  }

  /**
   * The default approvers are the chair(s): the mødeleder named in the
   * header, and participants whose role is formand / næstformand / chair.
   */
  private isChair(meetingId: string, name: string): Promise<boolean> {
    const wanted = name.trim().toLocaleLowerCase('da');
    return this.rooms.read(meetingId, (room) => {
      if (readHeader(room.doc).chair.trim().toLocaleLowerCase('da') === wanted) return true;
      return readParticipants(room.doc).some(
        (p) =>
          p.name.trim().toLocaleLowerCase('da') === wanted &&
          /(formand|chair|forperson)/i.test(p.role),
      );
    });
  }

  invite(
    access: Access,
    input: {
      name: string;
      email?: string;
      language?: 'da' | 'en';
      role: Role;
      participantId?: string;
      approver?: boolean;
    },
  ): Promise<Invite> {
    return this.store.mutate(access, 'invite', async (record) => {
      const fixed = record.meta.phase === 'review';
      if (fixed && input.approver) throw approversFixed();
      // While the draft is out the approvers are fixed: a newcomer is not one.
      const approver =
        input.approver ??
        (!fixed && input.role !== 'observer' && (await this.isChair(access.meetingId, input.name)));
      if (record.workflow.invites.length >= MAX_INVITES) {
        throw new AppError(413, 'tooLarge', `a meeting has at most ${MAX_INVITES} invites`);
      }
      const invite = newInvite(access, {
        name: input.name,
        email: input.email,
        language: input.language,
        role: input.role,
        participantId: input.participantId,
        approver,
      });
      record.workflow.invites.push(invite);
      return { value: invite, audit: [invited(invite)] };
    });
  }

  /**
   * The next meeting's invitations, from the previous meeting's (those not
   * revoked): the same names, roles and approver flags, each with a new
   * invite and a new link of its own (the secretariat sends them out; the
   * previous meeting's links grant nothing here). Each is audited as an
   * invite, naming the meeting it was carried from.
   */
  carryOver(access: Access, previous: Invite[], fromMeetingId: string): Promise<Invite[]> {
    return this.store.mutate(access, 'invite', (record) => {
      const seen = new Set(
        record.workflow.invites.map((i) => `${i.name.toLocaleLowerCase('da')} ${i.role}`),
      );
      const carried: Invite[] = [];
      for (const old of previous) {
        const key = `${old.name.toLocaleLowerCase('da')} ${old.role}`;
        if (old.revokedAt || seen.has(key)) continue;
        if (record.workflow.invites.length + carried.length >= MAX_INVITES) break;
        seen.add(key);
        // The same person (e-mail, language), a new invitation: claimed afresh for this meeting.
        carried.push(
          newInvite(access, {
            name: old.name,
            role: old.role,
            approver: old.approver,
            email: old.email,
            language: old.language,
          }),
        );
      }
      record.workflow.invites.push(...carried);
      return {
        value: carried,
        audit: carried.map((invite) => invited(invite, { carriedFrom: fromMeetingId })),
      };
    });
  }

  /**
   * A new meeting's invitations from its forum's roster: one per placed
   * member (not one already invited from the roster), with the member's
   * name, e-mail, role and approver flag, linked to the member and to the
   * participant placed for them. Audited as invites naming the roster.
   */
  fromRoster(access: Access, placements: RosterPlacement[], forumId: string): Promise<Invite[]> {
    return this.store.mutate(access, 'invite', (record) => {
      const fixed = record.meta.phase === 'review';
      const already = new Set(
        record.workflow.invites.filter((i) => !i.revokedAt).map((i) => i.memberId),
      );
      const made: Invite[] = [];
      for (const { member, participantId } of placements) {
        if (already.has(member.id)) continue;
        if (record.workflow.invites.length + made.length >= MAX_INVITES) break;
        already.add(member.id);
        made.push(
          newInvite(access, {
            name: member.name,
            email: member.email,
            role: member.role,
            approver: member.approver && !fixed,
            participantId,
            memberId: member.id,
          }),
        );
      }
      record.workflow.invites.push(...made);
      return {
        value: made,
        audit: made.map((invite) =>
          invited(invite, { fromRoster: forumId, memberId: invite.memberId }),
        ),
      };
    });
  }

  /**
   * A new link for an invite (lost, or expired): the earlier links stop
   * working at once (their access tokens too, and open sockets are closed),
   * and who issued it is audited, so an approval made with a link can be
   * traced to whoever handed it out.
   */
  async reissueLink(access: Access, inviteId: string): Promise<Invite> {
    const invite = await this.store.mutate(access, 'invite', (record) => {
      const invite = this.findIn(record, inviteId);
      if (invite.revokedAt) throw new AppError(409, 'inviteRevoked', 'the invite was revoked');
      invite.linkGeneration = (invite.linkGeneration ?? 1) + 1;
      invite.linkIssuedBy = access.principal.name;
      invite.linkIssuedAt = new Date().toISOString();
      return {
        value: invite,
        audit: [
          {
            kind: 'invite-link',
            detail: {
              inviteId,
              name: invite.name,
              role: invite.role,
              linkGeneration: invite.linkGeneration,
            },
          },
        ],
      };
    });
    this.hooks.emit('inviteRevoked', access.meetingId, inviteId);
    return invite;
  }

  /** Makes an invitee an approver or not (not while the draft is out), or revokes the invite. */
  async update(
    access: Access,
    inviteId: string,
    patch: { approver?: boolean; email?: string; revoke?: true },
  ): Promise<Invite> {
    const invite = await this.store.mutate(access, 'invite', (record) => {
      const invite = this.findIn(record, inviteId);
      if (invite.revokedAt) {
        throw new AppError(409, 'inviteRevoked', 'the invite is already revoked');
      }
      if (
        patch.approver !== undefined &&
        patch.approver !== invite.approver &&
        record.meta.phase === 'review'
      ) {
        throw approversFixed();
      }
      const moves = patch.email !== undefined && patch.email !== invite.email;
      // Once claimed, the invitation is that person's: no address change can move it.
      if (moves && invite.claim) {
        throw new AppError(409, 'emailFixed', 'the invitation was claimed; its e-mail is fixed');
      }
      // While the draft is out, an approver not yet claimed is fixed as a person too:
      // a new address would let whoever it names approve in that place.
      if (
        moves &&
        record.meta.phase === 'review' &&
        approversOf(record).some((a) => a.userId === invite.userId)
      ) {
        throw approversFixed();
      }
      if (patch.approver !== undefined) invite.approver = patch.approver;
      if (patch.email !== undefined) invite.email = patch.email;
      if (patch.revoke) invite.revokedAt = new Date().toISOString();
      return {
        value: invite,
        audit: [
          {
            kind: patch.revoke ? 'revoke' : 'invite-change',
            detail: {
              inviteId,
              name: invite.name,
              ...(patch.approver !== undefined ? { approver: patch.approver } : {}),
              ...(patch.email !== undefined ? { email: patch.email } : {}),
            },
          },
        ],
      };
    });
    if (patch.revoke) this.hooks.emit('inviteRevoked', access.meetingId, inviteId);
    return invite;
  }

  /**
   * Binds an invitation to whoever claims it first, for good: a browser's
   * device key (embedded mode) or a person signed in through the identity
   * provider with the invitation's e-mail. Claiming again with the same key
   * or person is a no-op; anyone else gets 409, and the link alone never
   * grants anything after the claim. Audited in the claimant's name.
   */
  async claim(
    meetingId: string,
    inviteId: string,
    generation: number,
    claim: InviteClaim,
  ): Promise<Invite> {
    const record = await this.store.load(meetingId);
    if (!record) throw new AppError(401, 'inviteRevoked', 'this invite is not valid');
    const result = await this.store.acting(
      meetingId,
      (r) => {
        const invite = r.workflow.invites.find((i) => i.id === inviteId);
        return invite ? { userId: invite.userId, name: invite.name } : SYSTEM;
      },
      (r) => {
        const invite = checkInviteLink(r, inviteId, generation);
        if (invite.claim) {
          if (sameClaimant(invite.claim, claim)) return { value: invite, notify: false };
          throw new AppError(409, 'inviteClaimed', 'this invitation was claimed already');
        }
        if (claim.kind === 'oidc' && invite.email !== claim.email) {
          throw new AppError(
            403,
            'inviteForSomeoneElse',
            'this invitation is for another e-mail address than the one signed in',
          );
        }
        invite.claim = claim;
        return {
          value: invite,
          audit: [
            {
              kind: 'invite-claim',
              detail: {
                inviteId,
                name: invite.name,
                ...(claim.kind === 'device'
                  ? { by: 'device', keyId: claim.keyId }
                  : {
                      by: 'oidc',
                      issuer: claim.issuer,
                      subject: claim.subject,
                      email: claim.email,
                    }),
              },
            },
          ],
        };
      },
    );
    if (!result) throw new AppError(401, 'inviteRevoked', 'this invite is not valid');
    return result;
  }

  /** The invite in the (mutable) record being changed. */
  private findIn(record: MeetingRecord, inviteId: string): Invite {
    const invite = record.workflow.invites.find((i) => i.id === inviteId);
    if (!invite) throw new AppError(404, 'notFound', 'invite not found');
    return invite;
  }
}

/** The same key (device) or the same person at the same provider (oidc). */
function sameClaimant(a: InviteClaim, b: InviteClaim): boolean {
  if (a.kind === 'device' && b.kind === 'device') return a.keyId === b.keyId;
  if (a.kind === 'oidc' && b.kind === 'oidc')
    return a.issuer === b.issuer && a.subject === b.subject;
  return false;
}
