import type {
  Approval,
  BilagFile,
  CommentThread,
  Invite,
  RequiredApprover,
  VersionInfo,
} from '../../../shared/access/workflow.ts';
import type { MeetingMeta } from '../../../shared/meeting.ts';

/** The server-owned record beside a meeting's document (`workflow.json`). */
export interface WorkflowRecord {
  invites: Invite[];
  approvals: Approval[];
  versions: VersionInfo[];
  /** itemId -> userId -> who last edited the item and when (authors in the diff). */
  editors: Record<string, Record<string, { name: string; at: string }>>;
  /**
   * The approvers, fixed when the draft was sent out: during review the set
   * cannot change (changing it means withdrawing the draft, which voids the
   * approvals). Absent outside review and approved.
   */
  requiredApprovers?: RequiredApprover[];
  /**
   * Files attached to agenda items, in upload order. Each is stored (and
   * fsync'd) before it is listed here; part of the content hash.
   */
  bilag: BilagFile[];
}

/** One meeting's server-owned state, in memory once loaded. */
export interface MeetingRecord {
  meta: MeetingMeta;
  workflow: WorkflowRecord;
  threads: CommentThread[];
  /** Comment text held (commentTextBytes), against the comment limit. */
  commentBytes: number;
  /** Bytes in the comment event log since its snapshot, against its compaction threshold. */
  commentLogBytes: number;
  /** Hash of the current content, kept fresh while the meeting is in review. */
  contentHash: string | null;
}

/** One audit entry a change asks for (the store adds who, when and where). */
export interface AuditNote {
  kind: string;
  detail?: Record<string, unknown>;
}

/** What a change wrote and what the audit log says of it. */
export interface Changed<T> {
  value: T;
  /**
   * Which records the change touched and must be written (default: the
   * workflow; none when the change wrote its own record, e.g. an event).
   */
  save?: ('workflow' | 'meta')[];
  audit?: AuditNote[];
  /** Push the new state to the meeting's clients (default: yes). */
  notify?: boolean;
}

/** The actor of changes the server makes itself (voiding approvals, keeping the list in step). */
export const SYSTEM = { userId: 'system', name: 'Referat' };

export function emptyWorkflow(): WorkflowRecord {
  return { invites: [], approvals: [], versions: [], editors: {}, bilag: [] };
}
