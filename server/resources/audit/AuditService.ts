import type { AuditEntry } from '../../../shared/access/workflow.ts';
import { PerPersonLimit } from '../../core/limits/PerPersonLimit.ts';
import type { AuditStorage } from '../../storage/AuditStorage.ts';
import { SYSTEM, type Access, type MeetingStore } from '../meetings/MeetingStore.ts';

/** Reading the audit log, and the entries for refused writes (rate-limited). */
export class AuditService {
  /** Audit entries of refused writes, per meeting and person (see refusedWrite). */
  private readonly refusals = new PerPersonLimit(5, 1 / 60);
  /** Refusals left out of the log since the last entry, per meeting and person (or invite). */
  private readonly suppressed = new Map<string, number>();
  /** Audit entries of refused claims, per meeting and invitation (see refusedClaim). */
  private readonly claimRefusals = new PerPersonLimit(5, 1 / 60);

  constructor(
    private readonly store: MeetingStore,
    /** The audit log, read here; every change appends through MeetingStore. */
    private readonly storage: AuditStorage,
  ) {}

  /** The newest entries of the audit log (at most `limit`), and how many there are in all. */
  async read(access: Access, limit = 1000): Promise<{ entries: AuditEntry[]; total: number }> {
    this.store.require(access, 'viewAudit');
    const all = (await this.storage.read(access.meetingId)) as AuditEntry[];
    return { entries: all.slice(-limit), total: all.length };
  }

  /**
   * A refused websocket write. Sockets cost nothing to open: per person and
   * meeting a few entries, then one a minute carrying how many were left
   * out, so the log stays readable and cannot be used to fill the disk.
   */
  refusedWrite(access: Access, detail: Record<string, unknown>) {
    this.limited(this.refusals, access.meetingId, access.principal.userId, (skipped) =>
      this.store.audit(access.meetingId, access.principal, 'refused-write', {
        ...detail,
        ...skipped,
      }),
    );
  }

  /**
   * Someone else tried to claim (or use) an invitation already claimed, or
   * one made out to another address: its link was forwarded or has leaked,
   * which the secretariat should know. Referat refused it (the actor); the
   * entry says who tried. Rate-limited per invitation like refused writes.
   */
  refusedClaim(
    meetingId: string,
    invite: { id: string; name: string },
    detail: Record<string, unknown>,
  ) {
    this.limited(this.claimRefusals, meetingId, `invite ${invite.id}`, (skipped) =>
      this.store.audit(meetingId, SYSTEM, 'invite-claim-refused', {
        inviteId: invite.id,
        name: invite.name,
        ...detail,
        ...skipped,
      }),
    );
  }

  /** A few entries per meeting and key, then one a minute carrying how many were left out. */
  private limited(
    limit: PerPersonLimit,
    meetingId: string,
    who: string,
    write: (skipped: { notLoggedBefore?: number }) => Promise<unknown>,
  ) {
    const key = `${meetingId} ${who}`;
    if (!limit.take(meetingId, who)) {
      this.suppressed.set(key, (this.suppressed.get(key) ?? 0) + 1);
      return;
    }
    const suppressed = this.suppressed.get(key) ?? 0;
    this.suppressed.delete(key);
    void write(suppressed ? { notLoggedBefore: suppressed } : {});
  }
}
