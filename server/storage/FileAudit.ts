import path from 'node:path';
import type { Logger } from '../core/log.ts';
import type { AuditStorage } from './AuditStorage.ts';
import { appendJsonLine, readJsonLines } from './fsUtil.ts';
import { meetingDir } from './meetingDir.ts';

/**
 * The audit log as `<dataDir>/meetings/<id>/audit.jsonl`: one JSON object per
 * line, each appended and fdatasync'd, never rewritten.
 */
export class FileAudit implements AuditStorage {
  constructor(
    private readonly dataDir: string,
    private readonly log: Logger,
  ) {}

  private file(meetingId: string): string {
    return path.join(meetingDir(this.dataDir, meetingId), 'audit.jsonl');
  }

  async append(meetingId: string, entry: unknown): Promise<void> {
    await appendJsonLine(this.file(meetingId), entry);
  }

  async read(meetingId: string): Promise<unknown[]> {
    return readJsonLines(this.file(meetingId), () =>
      this.log.warn('audit log line unreadable (torn write?)', { meetingId }),
    );
  }
}
