import { PHASE_TRANSITIONS } from '../../../shared/access/permissions.ts';
import type { MeetingMeta, Phase } from '../../../shared/meeting.ts';
import type { ApprovalService } from '../approvals/ApprovalService.ts';
import { AppError } from '../../core/errors.ts';
import type { RoomHooks } from '../../collab/Room.ts';
import type { VersionService } from '../versions/VersionService.ts';
import type { Access, MeetingStore } from './MeetingStore.ts';

/**
 * Phases by hand: dagsorden -> møde i gang -> udkast til referat, and back
 * from the draft (withdrawing it). `approved` is never set by hand: the
 * last approval freezes the minutes (approvals/).
 */
export class PhaseService {
  constructor(
    private readonly store: MeetingStore,
    private readonly versions: VersionService,
    private readonly approvals: ApprovalService,
    /** `phaseChanged` is said here once the change is written. */
    private readonly hooks: RoomHooks,
  ) {}

  /**
   * `deadlines` go with sending the draft: the last days for comments and
   * approval (validated by phaseBody), kept in the meta until the draft is
   * sent again; withdrawing the draft clears them.
   */
  async setPhase(
    access: Access,
    to: Phase,
    deadlines: { commentDeadline?: string; approvalDeadline?: string } = {},
  ): Promise<MeetingMeta> {
    let from: Phase = 'agenda';
    const meta = await this.store.mutate(access, 'changePhase', async (record) => {
      await this.store.requireHealthy(access.meetingId);
      from = record.meta.phase;
      if (!PHASE_TRANSITIONS[from].includes(to)) {
        throw new AppError(409, 'conflict', `the meeting cannot go from ${from} to ${to} by hand`);
      }
      if (to === 'review') {
        // "Draft sent out": the version members comment on and the diff starts from.
        const snapshot = await this.versions.snapshot(access.meetingId);
        await this.versions.write(access, record, 'draft', 'Udkast udsendt', snapshot);
        this.approvals.fixApprovers(record);
      }
      // Withdrawing the draft voids the approvals given: each is audited, by whoever withdrew it.
      const voided = from === 'review' ? this.approvals.withdraw(record) : [];
      const { commentDeadline: _c, approvalDeadline: _a, ...meta } = record.meta;
      record.meta = { ...meta, phase: to, ...(to === 'review' ? deadlines : {}) };
      record.contentHash = null;
      const approvers = (record.workflow.requiredApprovers ?? []).map((a) => a.name);
      return {
        value: record.meta,
        save: ['workflow', 'meta'],
        audit: [
          {
            kind: 'phase',
            detail: { from, to, ...(to === 'review' ? { approvers, ...deadlines } : {}) },
          },
          ...voided,
        ],
      };
    });
    this.hooks.emit('phaseChanged', access.meetingId, from, to);
    return meta;
  }
}
