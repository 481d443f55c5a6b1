import { can } from '../../../shared/access/permissions.ts';
import type { RequiredApprover } from '../../../shared/access/workflow.ts';
import type { MeetingRecord } from '../meetings/records.ts';

/** The approvers: fixed when the draft was sent, else whoever is flagged now. */
export function approversOf(record: MeetingRecord): RequiredApprover[] {
  const fixed = record.workflow.requiredApprovers;
  if (fixed && (record.meta.phase === 'review' || record.meta.phase === 'approved')) return fixed;
  return invitedApprovers(record);
}

/** Who would be asked to approve if the draft were sent now: invitees flagged as approvers. */
export function invitedApprovers(record: MeetingRecord): RequiredApprover[] {
  const seen = new Map<string, string>();
  for (const invite of record.workflow.invites) {
    // A role that may not approve (an observer) is never a required approver:
    // it would make the minutes impossible to freeze.
    if (
      invite.approver &&
      !invite.revokedAt &&
      can(invite.role, 'review', 'approve') &&
      !seen.has(invite.userId)
    ) {
      seen.set(invite.userId, invite.name);
    }
  }
  return [...seen].map(([userId, name]) => ({ userId, name }));
}
