import { isValidMeetingId } from '../../shared/meetingId.ts';
import { checkId } from './checkId.ts';
import type { DocumentStorage, LoadedDocument } from './DocumentStorage.ts';
import { WriteFaults } from './WriteFaults.ts';

/** Documents in memory, for tests; copies in and out, so no caller shares bytes with the store. */
export class MemoryDocuments implements DocumentStorage {
  /** Each meeting's updates as a load returns them (after a compaction: its state alone). */
  readonly updates = new Map<string, Uint8Array[]>();
  private readonly logBytes = new Map<string, number>();
  /** Documents opened by `load` and not closed since: only these take appends, as on disk. */
  private readonly loaded = new Set<string>();

  constructor(private readonly faults = new WriteFaults()) {}

  async create(meetingId: string, initial?: Uint8Array): Promise<void> {
    checkId('meeting', meetingId, isValidMeetingId);
    this.faults.check();
    if (this.updates.has(meetingId)) throw new Error(`meeting ${meetingId} exists`);
    this.updates.set(meetingId, initial ? [initial.slice()] : []);
  }

  async load(meetingId: string): Promise<LoadedDocument> {
    checkId('meeting', meetingId, isValidMeetingId);
    const updates = this.updates.get(meetingId);
    if (!updates) throw new Error(`meeting ${meetingId} has no document`);
    this.loaded.add(meetingId);
    return { updates: updates.map((u) => u.slice()), problems: [] };
  }

  private requireLoaded(meetingId: string): Uint8Array[] {
    checkId('meeting', meetingId, isValidMeetingId);
    const doc = this.updates.get(meetingId);
    if (!doc || !this.loaded.has(meetingId)) throw new Error(`meeting ${meetingId} is not loaded`);
    return doc;
  }

  async append(meetingId: string, updates: Uint8Array[]): Promise<{ logBytes: number }> {
    const doc = this.requireLoaded(meetingId);
    this.faults.check();
    for (const u of updates) doc.push(u.slice());
    const logBytes =
      (this.logBytes.get(meetingId) ?? 0) + updates.reduce((n, u) => n + u.byteLength, 0);
    this.logBytes.set(meetingId, logBytes);
    return { logBytes };
  }

  async compact(meetingId: string, state: Uint8Array): Promise<void> {
    this.requireLoaded(meetingId);
    this.faults.check();
    this.updates.set(meetingId, [state.slice()]);
    this.logBytes.set(meetingId, 0);
  }

  async close(meetingId: string): Promise<void> {
    this.loaded.delete(meetingId);
  }
}
