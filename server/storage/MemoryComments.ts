import { isValidMeetingId } from '../../shared/meetingId.ts';
import { checkId } from './checkId.ts';
import type { CommentStorage, LoadedEventLog } from './CommentStorage.ts';
import { WriteFaults } from './WriteFaults.ts';

/** Comment event logs in memory, for tests; as JSON text, so nothing a caller keeps can change them. */
export class MemoryComments implements CommentStorage {
  private readonly logs = new Map<string, { snapshot: string | null; events: string[] }>();

  constructor(private readonly faults = new WriteFaults()) {}

  private log(meetingId: string) {
    checkId('meeting', meetingId, isValidMeetingId);
    return this.logs.get(meetingId) ?? { snapshot: null, events: [] };
  }

  async read(meetingId: string): Promise<LoadedEventLog> {
    const log = this.log(meetingId);
    return {
      snapshot: log.snapshot === null ? null : JSON.parse(log.snapshot),
      events: log.events.map((event) => JSON.parse(event)),
      bytes: eventBytes(log.events),
      problems: [],
    };
  }

  async append(meetingId: string, events: unknown[]): Promise<{ bytes: number }> {
    const log = this.log(meetingId);
    this.faults.check();
    for (const event of events) log.events.push(JSON.stringify(event));
    this.logs.set(meetingId, log);
    return { bytes: eventBytes(log.events) };
  }

  async compact(meetingId: string, snapshot: unknown): Promise<void> {
    checkId('meeting', meetingId, isValidMeetingId);
    this.faults.check();
    this.logs.set(meetingId, { snapshot: JSON.stringify(snapshot), events: [] });
  }
}

/** As the file store counts them: one line each. */
function eventBytes(events: string[]): number {
  return events.reduce((n, event) => n + Buffer.byteLength(event) + 1, 0);
}
