import type { Approval } from '../../../shared/access/workflow.ts';
import type { AuditNote, MeetingRecord } from '../meetings/records.ts';

/**
 * Why approvals stop counting: the content they approved changed (an edit of
 * the text, a bilag added or removed), or the draft was withdrawn.
 */
export type VoidReason =
  { kind: 'changed'; contentHash: string; editedBy?: readonly string[] } | { kind: 'withdrawn' };

/**
 * The one place approvals are voided, inside a change of the meeting's record
 * (MeetingStore.mutate or system): stamps each live approval that `reason`
 * makes stale and returns one `approval-voided` audit entry per approval, for
 * the change to write. Text edits, bilag and phase changes all come here.
 */
export function voidApprovals(record: MeetingRecord, reason: VoidReason): AuditNote[] {
  const stale = (approval: Approval) =>
    !approval.voidedAt && (reason.kind === 'withdrawn' || approval.hash !== reason.contentHash);
  const voided = record.workflow.approvals.filter(stale);
  const now = new Date().toISOString();
  for (const approval of voided) approval.voidedAt = now;
  return voided.map((approval) => ({
    kind: 'approval-voided',
    detail: {
      approver: approval.name,
      approvedHash: approval.hash,
      ...(reason.kind === 'withdrawn'
        ? { reason: 'withdrawn' }
        : {
            contentHash: reason.contentHash,
            ...(reason.editedBy?.length ? { editedBy: [...reason.editedBy] } : {}),
          }),
    },
  }));
}
