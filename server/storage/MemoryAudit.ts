import { isValidMeetingId } from '../../shared/meetingId.ts';
import type { AuditStorage } from './AuditStorage.ts';
import { checkId } from './checkId.ts';
import { WriteFaults } from './WriteFaults.ts';

/** Audit logs in memory, for tests; entries as JSON text. */
export class MemoryAudit implements AuditStorage {
  private readonly logs = new Map<string, string[]>();

  constructor(private readonly faults = new WriteFaults()) {}

  async append(meetingId: string, entry: unknown): Promise<void> {
    checkId('meeting', meetingId, isValidMeetingId);
    this.faults.check();
    this.logs.set(meetingId, [...(this.logs.get(meetingId) ?? []), JSON.stringify(entry)]);
  }

  async read(meetingId: string): Promise<unknown[]> {
    checkId('meeting', meetingId, isValidMeetingId);
    return (this.logs.get(meetingId) ?? []).map((line) => JSON.parse(line));
  }
}
