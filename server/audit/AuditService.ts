import type { AuditEntry } from '../../shared/access/workflow.ts';
import { PerPersonLimit } from '../limits/PerPersonLimit.ts';
import type { Access, MeetingStore } from '../meetings/MeetingStore.ts';

/** Reading the audit log, and the entries for refused writes (rate-limited). */
export class AuditService {
  /** Audit entries of refused writes, per meeting and person (see refusedWrite). */
  private readonly refusals = new PerPersonLimit(5, 1 / 60);
  /** Refusals left out of the log since the last entry, per meeting and person. */
  private readonly suppressed = new Map<string, number>();

  constructor(private readonly store: MeetingStore) {}

  /** The newest entries of the audit log (at most `limit`), and how many there are in all. */
  async read(access: Access, limit = 1000): Promise<{ entries: AuditEntry[]; total: number }> {
    this.store.require(access, 'viewAudit');
    const all = (await this.store.storage.readAudit(access.meetingId)) as AuditEntry[];
    return { entries: all.slice(-limit), total: all.length };
  }

  /**
   * A refused websocket write. Sockets cost nothing to open: per person and
   * meeting a few entries, then one a minute carrying how many were left
   * out, so the log stays readable and cannot be used to fill the disk.
   */
  refusedWrite(access: Access, detail: Record<string, unknown>) {
    const key = `${access.meetingId} ${access.principal.userId}`;
    if (!this.refusals.take(access.meetingId, access.principal.userId)) {
      this.suppressed.set(key, (this.suppressed.get(key) ?? 0) + 1);
      return;
    }
    const suppressed = this.suppressed.get(key) ?? 0;
    this.suppressed.delete(key);
    void this.store.audit(access.meetingId, access.principal, 'refused-write', {
      ...detail,
      ...(suppressed ? { notLoggedBefore: suppressed } : {}),
    });
  }
}
