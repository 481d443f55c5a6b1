/** Phases of a meeting, in order (docs/design.md, "People, roles, phases"). */
export const PHASES = ['agenda', 'meeting', 'review', 'approved'] as const;
export type Phase = (typeof PHASES)[number];

/** What the server knows about a meeting beside its document. */
export interface MeetingMeta {
  id: string;
  /** Display title, e.g. "Driftsforum Voksenpsykiatri – Klynge MIDT". */
  title: string;
  /** The forum that meets, used to find its earlier meetings. */
  forum: string;
  /** ISO date (YYYY-MM-DD) of the meeting, or '' if not set yet. */
  date: string;
  phase: Phase;
  createdAt: string;
  /** Set when the minutes were approved: the frozen version and its content hash. */
  frozen?: { versionId: string; hash: string; at: string };
  /**
   * Set when the draft is sent out (YYYY-MM-DD, the last day, Danish time):
   * comments are asked for by this day; the mails name it.
   */
  commentDeadline?: string;
  /** The last day for approving the draft; a reminder goes to approvers before it. */
  approvalDeadline?: string;
}

/** Limits on user-supplied meeting fields, shared so the client can hint them. */
export const MAX_TITLE_LENGTH = 200;
export const MAX_FORUM_LENGTH = 200;

/** A real calendar date written YYYY-MM-DD, the form meeting dates are stored in. */
export function isIsoDate(value: string): boolean {
  // Date.parse takes 2026-02-30 (as 2 March): the date must read back as written.
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
}
